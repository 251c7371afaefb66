"""Which archives to keep: the newest of each of the last N days, N weeks and N months (the classic
grandfather-father-son rotation), so a month-old mistake can still be undone."""

import datetime

from .destinations import ARCHIVE_NAME


def archive_time(name):
    match = ARCHIVE_NAME.match(name)
    if not match:
        return None
    return datetime.datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)


def archives_to_keep(names, *, daily, weekly, monthly):
    dated = sorted(((archive_time(name), name) for name in names if archive_time(name)), reverse=True)
    periods = (
        (daily, lambda when: when.date()),
        (weekly, lambda when: when.isocalendar()[:2]),
        (monthly, lambda when: (when.year, when.month)),
    )
    keep = set()
    for count, period_of in periods:
        seen = set()
        for when, name in dated:
            period = period_of(when)
            if period in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(period)
            keep.add(name)
    return keep


def archives_to_delete(names, *, daily, weekly, monthly):
    """Our archives that fall outside every kept period; files of other names are never touched."""
    keep = archives_to_keep(names, daily=daily, weekly=weekly, monthly=monthly)
    return sorted(name for name in names if archive_time(name) and name not in keep)
