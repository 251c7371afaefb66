"""Background work after a bulk import: Wagtail's admin search, which publishing would have updated."""

from django.tasks import task
from wagtail.search.backends import get_search_backend

from chasqui.news.models import NewsItemPage


@task()
def add_to_admin_search(page_ids):
    pages = NewsItemPage.objects.filter(pk__in=page_ids)
    get_search_backend().add_bulk(NewsItemPage, list(pages))
