"""Fills a fresh site with the Peru Support Group demo, so a new install has something to look at."""

from django.core.management.base import BaseCommand

from chasqui.core.services import ensure_admin_account
from chasqui.core.sites import absolute_url
from chasqui.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load demo news, background pages and a report in English and Spanish, and create the 'admin' "
        "account with a random password. Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin", help="Superuser to create if missing.")

    def handle(self, *args, username, **options):
        created = {kind: count for kind, count in load_demo().items() if count}
        if created:
            summary = ", ".join(f"{count} {kind}" for kind, count in sorted(created.items()))
            self.stdout.write(self.style.SUCCESS(f"Demo content created: {summary}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo content already present; nothing added."))

        login_url = absolute_url("/admin/")
        user, password = ensure_admin_account(username)
        if password:
            self.stdout.write(
                self.style.SUCCESS(f"Superuser '{user.username}' created. Log in at {login_url}")
            )
            self.stdout.write(f"  username: {user.username}")
            self.stdout.write(f"  password: {password}")
            self.stdout.write("  This password is shown only once; keep it somewhere safe.")
        else:
            self.stdout.write(
                f"Superuser '{user.username}' already exists; log in at {login_url}. "
                f"Forgotten the password? Run: manage.py changepassword {user.username}"
            )
