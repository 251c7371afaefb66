from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "chasqui.users"
    label = "users"
