from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "chasqui.pages"
    label = "pages"
