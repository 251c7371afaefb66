from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "chasqui.importer"
    label = "importer"
