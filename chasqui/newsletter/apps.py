from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "chasqui.newsletter"
    label = "newsletter"
