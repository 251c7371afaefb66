from importlib import import_module

from django.apps import AppConfig


class ObservatoryConfig(AppConfig):
    name = "chasqui.observatory"
    label = "observatory"
    verbose_name = "Observatory"

    def ready(self):
        # The receivers import models, so they are connected once the app registry is ready.
        import_module(f"{self.name}.signals").connect()
        import_module(f"{self.name}.archive_cleanup").connect()
