from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "chasqui.images"
    label = "images"
