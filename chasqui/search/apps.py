from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "chasqui.search"
    label = "search"
