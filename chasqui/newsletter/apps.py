from importlib import import_module

from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "chasqui.newsletter"
    label = "newsletter"

    def ready(self):
        # The deploy checks of the sender and public address (bulletins are their main use).
        import_module("chasqui.core.checks")
