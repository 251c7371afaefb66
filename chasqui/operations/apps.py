from importlib import import_module

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Backups, restores and health checks: what lets a charity without staff run its own server."""

    name = "chasqui.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self):
        # The receivers reach the models, so they are connected once the app registry is ready.
        import_module(f"{self.name}.receivers")
