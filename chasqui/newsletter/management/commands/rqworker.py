"""The Redis task worker (django-rq's `rqworker`) for TASKS_BACKEND=django_tasks_rq.RQBackend: it runs
Django tasks (django-tasks-rq's job class by default) and first resumes bulletins a killed worker
left half sent, as `db_worker` does."""

from django_rq.management.commands import rqworker

from chasqui.newsletter.tasks import resume_interrupted_sends

TASKS_JOB_CLASS = "django_tasks_rq.Job"


class Command(rqworker.Command):
    help = "Runs background tasks queued in Redis. Resumes bulletin sends whose worker died first."

    def handle(self, *args, **options):
        options["job_class"] = options.get("job_class") or TASKS_JOB_CLASS
        for bulletin in resume_interrupted_sends():
            self.stdout.write(f"Resuming {bulletin}: its worker stopped mid-send.")
        return super().handle(*args, **options)
