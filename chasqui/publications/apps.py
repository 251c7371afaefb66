from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "chasqui.publications"
    label = "publications"
