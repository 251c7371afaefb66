from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "chasqui.contact"
    verbose_name = "Contact form"
