"""More than one machine without new software: two servers share PostgreSQL, Redis (cache and task
queue) and media in an S3-compatible bucket. What one publishes the other serves at once, with its
image from the bucket; a bulletin sent by two workers reaches each reader exactly once."""

import time
from collections import Counter

import pytest
import requests
from bs4 import BeautifulSoup
from rq.job import Job
from rq.registry import FinishedJobRegistry

from .cluster import BUCKET

pytestmark = pytest.mark.multi_machine

NEW_TITLE = "Water, mining and the river in Cajamarca"


def wait_for(check, timeout=30, every=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    return check()


def heading(response):
    return BeautifulSoup(response.text, "html.parser").h1.get_text(strip=True)


def test_what_one_server_publishes_the_other_serves_fresh_with_its_image_from_the_bucket(cluster):
    machine_a, machine_b = cluster.machines
    path = cluster.site["path"]
    before = machine_b.get(path)
    assert before.status_code == 200
    assert heading(before) != NEW_TITLE  # machine B has rendered (and may have cached) the page before

    uploaded = machine_a.act("publish", cluster.site["publication"], NEW_TITLE)

    after = machine_b.get(path)
    assert heading(after) == NEW_TITLE
    cover = BeautifulSoup(after.text, "html.parser").select_one("main img")
    assert cover["src"].startswith(f"{cluster.s3_url}/{BUCKET}/images/")
    image = requests.get(cover["src"], timeout=10)
    assert image.status_code == 200
    assert image.headers["Content-Type"] == "image/png"
    keys = {item["Key"] for item in cluster.bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert uploaded["file"] in keys
    assert cover["src"].removeprefix(f"{cluster.s3_url}/{BUCKET}/") in keys
    assert "img-src 'self' data: " + cluster.s3_url in after.headers["Content-Security-Policy"]


def test_the_search_index_is_updated_by_a_worker_through_redis(cluster):
    machine_a, machine_b = cluster.machines
    title = "Glaciers and water in Ancash"
    machine_a.act("publish", cluster.site["publication"], title)

    def found():
        page = BeautifulSoup(machine_b.get("/search/", params={"q": "glaciers Ancash"}).text, "html.parser")
        return title in page.get_text()

    assert wait_for(found), "Wagtail's index task never ran"


def test_a_bulletin_sent_by_two_workers_reaches_each_reader_once(cluster):
    machine_a, _machine_b = cluster.machines
    bulletin = cluster.site["bulletin"]

    machine_a.act("send", bulletin)

    def sent():
        return cluster.query("SELECT status FROM newsletter_bulletin WHERE id = %s", bulletin) == [("sent",)]

    assert wait_for(sent, timeout=60)
    readers = Counter(message["To"] for message in cluster.smtp.messages)
    assert readers == Counter({f"reader{n}@example.net": 1 for n in range(cluster.readers)})
    registry = FinishedJobRegistry("default", connection=cluster.redis)
    runs = [Job.fetch(job_id, connection=cluster.redis) for job_id in registry.get_job_ids()]
    sent_by_run = [job.return_value()["sent"] for job in runs if job.func_name.endswith("send_bulletin")]
    assert sum(sent_by_run) == cluster.readers
    assert len({job.worker_name for job in runs if job.func_name.endswith("send_bulletin")}) == 2
