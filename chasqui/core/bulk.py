"""Writing many pages at once, straight to the tables, for imports and synthetic archives.

Saving pages one by one through treebeard, revisions and signals costs tens of milliseconds a
page, hours for an archive of 100,000. These helpers compute tree paths here and insert rows with
one statement a table. Wagtail's per-page signals are not sent, so `finish` sends
`pages_bulk_changed` once the transaction commits: every cache that holds page data listens to it.
"""

from django.db import connection, transaction
from django.db.models import F
from wagtail.models import Page

from .signals import pages_bulk_changed

# Fields whose Python value is already what the database driver takes; the rest are prepared.
PLAIN_TYPES = {
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}


def _step_codec():
    """Treebeard's encoder of path steps (Wagtail offers no public way to build a child's path)."""
    return Page.numconv_obj()


def next_child_step(parent):
    """The step number the parent's next new child takes in the materialised path.

    Read from the children's rows, not the parent's `numchild`: an earlier bulk write leaves
    the parent object in memory counting too few.
    """
    children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = children.order_by("-path").values_list("path", flat=True).first()
    if last is None:
        return 1
    return _step_codec().str2int(last[-Page.steplen :]) + 1


def child_path(parent, step):
    """The tree path of the parent's child number `step`, as treebeard would write it."""
    key = _step_codec().int2str(step)
    return parent.path + key.rjust(Page.steplen, Page.alphabet[0])


def insert_rows(model, values_list):
    """INSERT rows of the model's own table with executemany: bulk_create refuses MTI models.

    Each item of `values_list` maps attnames to values; missing fields take their defaults.
    """
    options = model._meta
    fields = [f for f in options.local_concrete_fields if not f.primary_key or f.remote_field]
    plain = [field.get_internal_type() in PLAIN_TYPES for field in fields]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(options.db_table)
    rows = []
    for values in values_list:
        row = []
        for field, is_plain in zip(fields, plain, strict=True):
            value = values[field.attname] if field.attname in values else field.get_default()
            row.append(value if is_plain else field.get_db_prep_save(value, connection))
        rows.append(row)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608


def page_ids_by_path(paths):
    """{path: id} of the pages just inserted at `paths`."""
    return dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))


def link_revisions(links):
    """Set (latest_revision_id, live_revision_id) of each page id, given as triples.

    One prepared statement for the batch; bulk_update's CASE expressions cost more than the rows.
    """
    table = connection.ops.quote_name(Page._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET latest_revision_id = %s, live_revision_id = %s WHERE id = %s",  # noqa: S608
            links,
        )


def refresh_statistics(models):
    """On PostgreSQL, fresh planner statistics for bulk-loaded tables.

    Without them the planner guesses the tree is tiny and sorts it all.
    """
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def finish(parent, added):
    """Count the parent's `added` new children; once committed, tell the caches pages changed."""
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + added)
    transaction.on_commit(lambda: pages_bulk_changed.send(sender=Page))
