"""The task worker (django-tasks-db's `db_worker`), which first settles what a killed worker of this
machine left behind: its task records are marked failed, and the bulletins it left half sent resume
at once, so restarting the worker is enough to finish them."""

from django_tasks_db.management.commands import db_worker

from chasqui.core.worker_deaths import fail_tasks_of_dead_workers, marked_token
from chasqui.newsletter.tasks import resume_interrupted_sends

WORKER_ID_LENGTH = 64


class Command(db_worker.Command):
    help = f"{db_worker.Command.help} Resumes bulletin sends whose worker died first."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # The worker's id names its process, so that the next worker here can tell it died.
        parser.set_defaults(worker_id=None)

    def handle(self, *args, **options):
        options["worker_id"] = options["worker_id"] or marked_token(WORKER_ID_LENGTH)
        if failed := fail_tasks_of_dead_workers():
            self.stdout.write(f"{failed} task(s) were running when their worker stopped: marked failed.")
        for bulletin in resume_interrupted_sends():
            self.stdout.write(f"Resuming {bulletin}: its worker stopped mid-send.")
        return super().handle(*args, **options)
