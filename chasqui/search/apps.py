from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "chasqui.search"
    label = "search"

    def ready(self):
        from . import signals  # noqa: F401
