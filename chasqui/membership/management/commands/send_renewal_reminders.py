"""The daily run under the name cron jobs often use; identical to run_membership_daily."""

from .run_membership_daily import Command as DailyCommand


class Command(DailyCommand):
    help = "Send the renewal reminders due today (lapsing memberships by date first, as they depend on it)."
