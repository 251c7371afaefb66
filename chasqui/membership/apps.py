from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "chasqui.membership"
    label = "membership"
