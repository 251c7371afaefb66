from importlib import import_module

from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "chasqui.news"
    label = "news"

    def ready(self):
        # The receivers import models, so they are connected once the app registry is ready.
        import_module(f"{self.name}.signals").connect()
