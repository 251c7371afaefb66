"""Settings for running on several machines (docs/operations.md, "Running on several machines"):
the task queue in Redis and uploaded media in an S3-compatible bucket. Both are off by default: one
machine needs only the database queue and MEDIA_ROOT."""

RQ_BACKEND = "django_tasks_rq.RQBackend"


def task_queue(env, redis_url):
    """(TASKS, RQ_QUEUES, apps to install). The database queue (`manage.py db_worker`) by default;
    TASKS_BACKEND=django_tasks_rq.RQBackend queues tasks in Redis for `manage.py rqworker
    --with-scheduler` on any machine. Chasqui's own tasks (django.tasks) and Wagtail's (the
    django_tasks backport) both go through this one setting."""
    backend = env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")
    tasks = {"default": {"BACKEND": backend}}
    if backend != RQ_BACKEND:
        return tasks, {}, []
    queues = {
        "default": {
            "URL": env("TASKS_REDIS_URL", default=redis_url or "redis://127.0.0.1:6379/0"),
            # RQ stops a task after this many seconds; a bulletin to a long list takes a while.
            "DEFAULT_TIMEOUT": env.int("TASKS_TIMEOUT", default=6 * 60 * 60),
        }
    }
    return tasks, queues, ["django_rq", "django_tasks_rq"]


def media_storage(env, local_storage):
    """(the default storage, origins the pages' images come from besides their own). With a bucket
    named, uploaded images, their renditions and documents go there instead of MEDIA_ROOT, so every
    server sees the same files, and readers fetch them from the bucket's public address."""
    bucket = env("MEDIA_S3_BUCKET", default="")
    if not bucket:
        return local_storage, []
    endpoint_url = env("MEDIA_S3_ENDPOINT_URL", default="")
    custom_domain = env("MEDIA_S3_CUSTOM_DOMAIN", default="")
    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": env("MEDIA_S3_REGION", default="") or None,
            # Empty keys fall back to boto3's own (AWS_* variables, an instance role).
            "access_key": env("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": custom_domain or None,
            "location": env("MEDIA_S3_PREFIX", default=""),
            # "path" for S3-compatible servers that want the bucket in the path (MinIO and the like).
            "addressing_style": env("MEDIA_S3_ADDRESSING_STYLE", default="") or None,
            # Public files, plain URLs: a page's images stay cacheable and never expire.
            "querystring_auth": False,
            # An upload never replaces another file of the same name (Wagtail picks a new name).
            "file_overwrite": False,
            # e.g. "public-read" where the bucket's policy does not already let anyone read it.
            "default_acl": env("MEDIA_S3_DEFAULT_ACL", default="") or None,
        },
    }
    if custom_domain:
        origin = f"https://{custom_domain.split('/')[0]}"
    elif endpoint_url:
        origin = "/".join(endpoint_url.split("/")[:3])
    else:
        origin = "https://*.amazonaws.com"
    return storage, [origin]
