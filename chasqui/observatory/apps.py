from django.apps import AppConfig


class ObservatoryConfig(AppConfig):
    name = "chasqui.observatory"
    label = "observatory"
    verbose_name = "Observatory"
