from django.apps import AppConfig


class SubscribersConfig(AppConfig):
    name = "chasqui.subscribers"
    label = "subscribers"
