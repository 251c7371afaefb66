from importlib import import_module

from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "chasqui.search"
    label = "search"

    def ready(self):
        # The receivers connect when their module is imported, once the app registry is ready.
        import_module(f"{self.name}.signals")
