from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "chasqui.core"
    label = "core"

    def ready(self):
        # Cache invalidation receivers must be connected in every process, not only where the admin loads.
        from . import middleware, routing, wagtail_hooks  # noqa: F401
