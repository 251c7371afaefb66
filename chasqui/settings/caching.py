"""The caches, the page cache and front-end cache purging (docs/caching.md), from the environment."""


def _caches(var_dir, redis_url):
    """Rate-limit counters and cached pages live in caches of their own, so that nothing filling one (a
    flood of made-up URLs, say) can evict another's entries and so reset a used-up limit."""
    if redis_url:
        return {
            alias: {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                **({"KEY_PREFIX": alias} if alias != "default" else {}),
            }
            for alias in ("default", "ratelimit", "pagecache")
        }
    # A file cache is shared by every worker process on the machine, so what one process
    # invalidates (menus, page counts, the page cache's generation) the others see at once.
    directories = {
        "default": ("cache", 20000),
        "ratelimit": ("cache-ratelimit", 200000),
        "pagecache": ("cache-pages", 20000),
    }
    return {
        alias: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(var_dir / directory),
            "OPTIONS": {"MAX_ENTRIES": entries},
        }
        for alias, (directory, entries) in directories.items()
    }


def _frontend_caches(env):
    """Wagtail's front-end cache purging: every URL a change affects is purged from each one configured."""
    backends = {}
    if env("CHASQUI_PURGE_HTTP_URL", default=""):  # Varnish or any proxy that accepts HTTP PURGE
        backends["http"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("CHASQUI_PURGE_HTTP_URL"),
        }
    if env("CLOUDFLARE_ZONE_ID", default=""):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": env("CLOUDFLARE_ZONE_ID"),
            "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN", default=""),
        }
    if env("CLOUDFRONT_DISTRIBUTION_ID", default=""):
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
        }
    return backends


def cache_settings(env, var_dir, redis_url):
    return {
        "CACHES": _caches(var_dir, redis_url),
        # Anonymous GET and HEAD requests for public pages are answered from the `pagecache` cache;
        # every content change starts a new generation of it.
        "CHASQUI_PAGE_CACHE": env.bool("CHASQUI_PAGE_CACHE", default=True),
        # Pages also written as files for the nginx in front, on one machine only (the directory is
        # emptied by the process that sees a change). Empty: no files; the default with Redis, which
        # suggests several machines.
        "CHASQUI_PAGE_CACHE_DIR": env(
            "CHASQUI_PAGE_CACHE_DIR", default="" if redis_url else str(var_dir / "pagecache")
        ),
        # Bytes of recently served pages each process also keeps in its own memory (pagecache/memory.py).
        "CHASQUI_PAGE_CACHE_MEMORY": 32 * 1024 * 1024,
        # Seconds a stored page lives unchanged; a change replaces it at once whatever this says.
        "CHASQUI_PAGE_CACHE_TIMEOUT": env.int("CHASQUI_PAGE_CACHE_TIMEOUT", default=24 * 3600),
        # Seconds shared caches (a CDN, Varnish) may keep a page, and serve it stale while fetching it
        # again. Browsers always ask again and get 304 Not Modified while the page is unchanged.
        "CHASQUI_HTTP_S_MAXAGE": env.int("CHASQUI_HTTP_S_MAXAGE", default=300),
        "CHASQUI_HTTP_STALE_WHILE_REVALIDATE": env.int("CHASQUI_HTTP_STALE_WHILE_REVALIDATE", default=60),
        "WAGTAILFRONTENDCACHE": _frontend_caches(env),
    }
