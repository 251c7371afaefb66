from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content and synthetic archives: imports every app, imported by none."""

    name = "chasqui.demo"
    label = "demo"
