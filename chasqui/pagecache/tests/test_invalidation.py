"""Never stale: each kind of change makes the pages it can show on fresh on the very next request;
what readers do (signing up, being shown an image) leaves the cache alone."""

import contextlib
import datetime
import threading

import pytest
from django.core import management
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from chasqui.core.models import SiteSettings
from chasqui.news.models import Topic
from chasqui.news.tests.factories import TopicFactory
from chasqui.pagecache import files, generation
from chasqui.pages.tests.factories import ImageFactory
from chasqui.search.tests.factories import news_index, publish_background, publish_news
from chasqui.subscribers import services as subscribers

pytestmark = pytest.mark.django_db


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_publishing_a_news_item_refreshes_home_index_and_feed(client, site_tree, page_cache):
    warm(client, "/", "/news/", "/news/feed/rss/")
    publish_news(site_tree["en"], "Miners march on Lima", date=timezone.localdate())
    for url in ("/", "/news/", "/news/feed/rss/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Miners march on Lima" in response.content.decode(), url


def test_unpublishing_renaming_moving_and_deleting_a_page_are_seen_at_once(client, site_tree, page_cache):
    page = publish_background(site_tree["en"], "About the observatory")
    warm(client, page.url)
    page.title = "About our observatory"
    page.save_revision().publish()
    assert "About our observatory" in client.get(page.url).content.decode()

    warm(client, page.url)
    page.slug = "who-we-watch"
    page.save_revision().publish()
    assert client.get("/who-we-watch/").status_code == 200
    warm(client, "/who-we-watch/")

    page.refresh_from_db()
    page.move(news_index(site_tree["en"]), pos="last-child")
    assert client.get("/who-we-watch/").status_code in (301, 404)  # Wagtail may leave a redirect behind

    warm(client, "/news/who-we-watch/")
    page.refresh_from_db()
    page.unpublish()
    assert client.get("/news/who-we-watch/").status_code == 404

    page.save_revision().publish()
    warm(client, "/news/who-we-watch/")
    page.delete()
    assert client.get("/news/who-we-watch/").status_code == 404


def test_scheduled_go_live_and_expiry_are_seen_at_once(client, site_tree, page_cache, time_machine):
    page = publish_background(site_tree["en"], "Scheduled page")
    page.expire_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()
    warm(client, page.url)
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=2))
    management.call_command("publish_scheduled")
    assert client.get(page.url).status_code == 404


def test_editing_a_topic_or_the_site_settings_refreshes_every_page(client, site_tree, page_cache):
    topic = TopicFactory(name="Mining")
    item = publish_news(site_tree["en"], "A mining story")
    item.topics.add(topic)
    item.save_revision().publish()
    warm(client, item.url, "/")
    Topic.objects.filter(pk=topic.pk).get().save()
    assert client.get(item.url)["X-Page-Cache"] == "miss"

    warm(client, "/")
    SiteSettings.for_site(Site.objects.get(is_default_site=True)).save()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_adding_a_redirect_is_seen_at_once(client, site_tree, page_cache):
    page = publish_background(site_tree["en"], "Where we work")
    warm(client, page.url)
    Redirect.objects.create(old_path=page.url.rstrip("/"), redirect_link="/", site=None)
    assert client.get(page.url)["X-Page-Cache"] == "miss"


def test_a_draft_or_a_reader_signing_up_leaves_the_cache_alone(client, site_tree, page_cache, mailoutbox):
    page = publish_background(site_tree["en"], "Draft me")
    warm(client, page.url, "/")
    page.title = "Not yet"
    page.save_revision()
    subscribers.sign_up("reader@example.org", language="en")
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    assert "Not yet" not in client.get(page.url).content.decode()


def test_files_of_the_old_generation_are_deleted_once_the_change_commits(
    client, site_tree, page_cache, django_capture_on_commit_callbacks
):
    warm(client, "/", "/news/")
    current = page_cache / files.CURRENT
    served = current / "testserver" / "index.html"
    assert files.NGINX_NONCE in served.read_bytes()
    assert (current / "testserver" / "news" / "index.html").exists()
    with django_capture_on_commit_callbacks(execute=True):
        publish_news(site_tree["en"], "Fresh news")
        # Not committed yet: nginx goes on serving the committed page, while the thread making the
        # change already sees it.
        assert served.exists()
        assert "Fresh news" in client.get("/news/").content.decode()
    assert not served.exists()
    assert [child.name for child in page_cache.iterdir()] == [
        files.CURRENT,
        current.resolve().name,
    ] or sorted(child.name for child in page_cache.iterdir()) == sorted(
        [files.CURRENT, current.resolve().name]
    )


def test_a_page_rendered_before_a_change_is_not_written_after_it(rf, site_tree, page_cache):
    generation_at_start = "0" * 32
    files.switch_to("f" * 32)
    request = rf.get("/")
    files.write(
        request,
        generation_at_start,
        {"headers": [("Content-Type", "text/html")], "body": b"old", "encoded": {}},
    )
    assert not (page_cache / files.CURRENT / "testserver" / "index.html").exists()


def generation_seen_by_another_thread():
    seen = []
    thread = threading.Thread(target=lambda: seen.append(generation.current_generation()))
    thread.start()
    thread.join()
    return seen[0]


def test_a_change_not_yet_committed_is_seen_by_its_own_thread_only(
    client, site_tree, page_cache, django_capture_on_commit_callbacks
):
    warm(client, "/news/")
    shared = generation.shared_generation()
    with django_capture_on_commit_callbacks(execute=True):
        publish_news(site_tree["en"], "Seen here first")
        assert "Seen here first" in client.get("/news/").content.decode()
        assert generation_seen_by_another_thread() == shared
    assert generation.shared_generation() != shared
    assert generation_seen_by_another_thread() == generation.current_generation()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_change_leaves_its_thread_on_the_shared_generation(site_tree, page_cache):
    shared = generation.shared_generation()
    with contextlib.suppress(RuntimeError), transaction.atomic():
        TopicFactory(name="Never saved")
        assert generation.current_generation() != shared
        raise RuntimeError
    assert generation.current_generation() == shared == generation.shared_generation()


def test_an_image_measured_when_first_drawn_leaves_the_cache_alone(client, site_tree, page_cache):
    image = ImageFactory(title="March in Puno")
    type(image).objects.filter(pk=image.pk).update(file_size=None, file_hash="")
    image.refresh_from_db()
    warm(client, "/news/")
    image.get_file_size()
    image.get_file_hash()
    assert type(image).objects.get(pk=image.pk).file_size
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    image.title = "March in Juliaca"
    image.save()
    assert client.get("/news/")["X-Page-Cache"] == "miss"
