"""The task worker (django-tasks-db's `db_worker`), which first resumes bulletins a killed worker
left half sent, so restarting the worker is enough to finish them."""

from django_tasks_db.management.commands import db_worker

from chasqui.newsletter.tasks import resume_interrupted_sends


class Command(db_worker.Command):
    help = f"{db_worker.Command.help} Resumes bulletin sends whose worker died first."

    def handle(self, *args, **options):
        for bulletin in resume_interrupted_sends():
            self.stdout.write(f"Resuming {bulletin}: its worker stopped mid-send.")
        return super().handle(*args, **options)
