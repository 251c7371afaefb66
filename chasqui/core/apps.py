from importlib import import_module

from django.apps import AppConfig

# Modules whose cache invalidation receivers must be connected in every process, not only where the
# admin loads; imported once the app registry is ready, as they import models.
RECEIVER_MODULES = ("middleware", "routing", "view_restrictions", "wagtail_hooks")


class CoreConfig(AppConfig):
    name = "chasqui.core"
    label = "core"

    def ready(self):
        for module in RECEIVER_MODULES:
            import_module(f"{self.name}.{module}")
