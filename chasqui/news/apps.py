from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "chasqui.news"
    label = "news"

    def ready(self):
        from . import signals

        signals.connect()
