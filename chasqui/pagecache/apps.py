from importlib import import_module

from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "chasqui.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        # Importing the module connects its receivers, once the models they name are loaded.
        import_module(f"{self.name}.invalidation")
        # Cached fragments of pages (core.fragments) are never stale for the reason cached pages are not.
        generation = import_module(f"{self.name}.generation").current_generation
        import_module("chasqui.core.fragments").use_generation(generation)
