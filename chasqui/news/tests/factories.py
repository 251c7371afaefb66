"""Factories for news tests: topics, regions, the index and items as editors publish them."""

import datetime

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from chasqui.news.models import NewsIndexPage, NewsItemPage, Region, Topic
from chasqui.pages.tests.factories import SitePageFactory


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))

    class Meta:
        model = Topic
        django_get_or_create = ("slug",)


class RegionFactory(DjangoModelFactory):
    """Peru's regions come with the migrations: a known slug returns the region already there."""

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.LazyAttribute(lambda region: slugify(region.name))

    class Meta:
        model = Region
        django_get_or_create = ("slug",)


class NewsIndexPageFactory(SitePageFactory):
    title = "News"

    class Meta:
        model = NewsIndexPage


class NewsItemPageFactory(SitePageFactory):
    """`topics` and `regions` take lists, saved with the page as the editor's form saves them."""

    title = factory.Sequence(lambda n: f"News item {n}")
    date = datetime.date(2024, 5, 1)
    lede = factory.LazyAttribute(lambda item: f"Lede for {item.title}.")
    body = factory.LazyFunction(list)
    topics = factory.LazyFunction(list)
    regions = factory.LazyFunction(list)

    class Meta:
        model = NewsItemPage
