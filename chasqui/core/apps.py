from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "chasqui.core"
    label = "core"
