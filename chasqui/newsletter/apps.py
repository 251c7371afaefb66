from importlib import import_module

from django.apps import AppConfig

from chasqui.core import personal_data
from chasqui.subscribers.signals import address_erased


class NewsletterConfig(AppConfig):
    name = "chasqui.newsletter"
    label = "newsletter"

    def ready(self):
        # The deploy checks of the sender and public address (bulletins are their main use).
        import_module("chasqui.core.checks")
        # Delivery records follow an erasure on the mailing list and appear in a data download;
        # the module reaches the models, so it is loaded only once the apps are ready.
        deliveries = import_module(f"{self.name}.personal_data")
        address_erased.connect(deliveries.forget_address, dispatch_uid="chasqui_newsletter_erasure")
        personal_data.register("bulletin_deliveries", deliveries.deliveries_for)
