from importlib import import_module

from anymail.signals import tracking
from django.apps import AppConfig


class SubscribersConfig(AppConfig):
    name = "chasqui.subscribers"
    label = "subscribers"

    def ready(self):
        # Provider webhooks arrive in any process serving the site, so connect here, not in the admin.
        # The receivers reach the models, so they are loaded only once the apps are ready.
        receivers = import_module(f"{self.name}.receivers")
        tracking.connect(receivers.record_tracking_event, dispatch_uid="chasqui_subscribers_tracking")
