"""How one entry becomes a page: its fields, classification, slug, owner, record and old links.

The editor's path (`create_page`, `update_page`) saves a revision and publishes it; the fast path
for new news items (`bulk_news`) fills pages the same way and writes them in bulk.
"""

from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from chasqui.news.models import NewsItemPage, Region, Topic
from chasqui.pages.models import StandardPage

from .choices import ItemKind
from .html import html_to_blocks
from .models import ImportedItem
from .report import EntryRejected

TITLE_MAX = 255
SLUG_MAX = 80


def aware_noon(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


class PageWriter:
    """The part of an import that turns entries into pages; expects the importer's state
    (`options`, `source_kind`, `source_name`, `home`, `news_index`, `site` and the name caches)."""

    # Building pages

    def validate(self, entry):
        if not entry.title.strip():
            raise EntryRejected(_("The entry has an empty title."))
        if len(entry.title) > TITLE_MAX:
            raise EntryRejected(_("The title is longer than %d characters.") % TITLE_MAX)
        if entry.kind == ItemKind.NEWS and entry.date is None:
            raise EntryRejected(_("The entry has no date."))

    def body(self, entry):
        return html_to_blocks(entry.body_html, self.resolve_file)

    def fill(self, page, entry):
        """Copy the entry's fields onto a news item or background page (new or existing)."""
        page.title = entry.title.strip()
        if isinstance(page, NewsItemPage):
            page.date = entry.date
            page.lede = entry.lede.strip() or page.title
            page.bulletin_number = entry.bulletin_number
            page.body = self.body(entry)
            topics, regions = self.classify(entry)
            page.topics = topics
            page.regions = regions
        else:
            page.intro = entry.lede.strip()
            page.body = self.body(entry)
        return page

    def classify(self, entry):
        topics, regions = list(self.extra_topics), []
        for name in entry.topics:
            region = self.region(name, create=False)
            if region is not None:
                regions.append(region)
            else:
                topics.append(self.topic(name))
        regions += [self.region(name) for name in entry.regions]
        return list(dict.fromkeys(topics)), list(dict.fromkeys(regions))

    def parent_for(self, entry):
        return self.news_index if entry.kind == ItemKind.NEWS else self.home

    @staticmethod
    def base_slug(entry):
        return slugify(entry.slug or entry.title)[:SLUG_MAX].strip("-") or "item"

    def slug_for(self, entry, parent, taken=(), free=None):
        """A slug no sibling has; `free` holds base slugs already known to be unused."""
        base = self.base_slug(entry)
        if free is not None and base in free and base not in taken:
            return base
        used = set(taken) | set(
            Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in used:
            suffix = f"-{number}"
            slug, number = f"{base[: SLUG_MAX - len(suffix)]}{suffix}", number + 1
        return slug

    def published_at(self, entry):
        if entry.published_at is not None:
            return min(entry.published_at, timezone.now())
        return min(aware_noon(entry.date), timezone.now()) if entry.date else timezone.now()

    def owner(self, entry):
        if entry.author and entry.author not in self.owners:
            User = get_user_model()
            self.owners[entry.author] = User.objects.filter(
                Q(username__iexact=entry.author) | Q(email__iexact=entry.author)
            ).first()
        return self.owners.get(entry.author) or self.options.user

    def keeps_draft(self, entry):
        return self.options.as_drafts or entry.is_draft

    def create_page(self, entry):
        self.validate(entry)
        parent = Page.objects.get(pk=self.parent_for(entry).pk).specific
        model = NewsItemPage if entry.kind == ItemKind.NEWS else StandardPage
        page = self.fill(model(slug=self.slug_for(entry, parent), live=False, owner=self.owner(entry)), entry)
        if not self.keeps_draft(entry):
            page.first_published_at = self.published_at(entry)
        parent.add_child(instance=page)
        revision = page.save_revision(user=self.options.user, log_action=True)
        if not self.keeps_draft(entry):
            revision.publish(user=self.options.user)
        self.record_item(entry, page)
        self.add_redirect(entry, page)
        return page

    def update_page(self, entry, item, content_hash):
        self.validate(entry)
        page = item.page.specific
        self.fill(page, entry)
        revision = page.save_revision(user=self.options.user, log_action=True)
        if not self.keeps_draft(entry):
            revision.publish(user=self.options.user)
        item.content_hash = content_hash
        item.source_name = self.source_name
        item.original_url = entry.original_url[:500]
        item.bulletin_label = entry.bulletin_label[:100]
        item.author = entry.author[:200]
        item.image_caption = entry.image_caption[:255]
        item.save()
        self.add_redirect(entry, page)

    def record_item(self, entry, page):
        ImportedItem.objects.create(**self.item_fields(entry, page.pk))

    def item_fields(self, entry, page_id):
        return {
            "source_kind": self.source_kind,
            "source_key": entry.key[:500],
            "source_name": self.source_name,
            "kind": entry.kind,
            "original_url": entry.original_url[:500],
            "content_hash": self.hash(entry),
            "author": entry.author[:200],
            "bulletin_label": entry.bulletin_label[:100],
            "image_caption": entry.image_caption[:255],
            "page_id": page_id,
        }

    # Old links

    def old_paths(self, entry, page):
        """The redirect path for the entry's old address, unless that is still the page's own.

        Wagtail redirects answer only requests that would otherwise be 404s, so an old address
        under a live page (such as `/?p=123`, under the home page) cannot be redirected.
        """
        root = self.site.root_page.url_path if self.site else "/"
        own = "/" + page.url_path[len(root) :] if page.url_path.startswith(root) else None
        own = Redirect.normalise_path(own) if own else None
        path = Redirect.normalise_path(entry.original_url) if entry.original_url else ""
        return [path] if path and path != "/" and path != own and len(path) <= 255 else []

    def add_redirect(self, entry, page):
        """A permanent redirect from the entry's old URL; an existing redirect is left as it is."""
        for path in self.old_paths(entry, page):
            if not Redirect.objects.filter(old_path=path, site=self.site).exists():
                Redirect.objects.create(old_path=path, site=self.site, redirect_page=page, is_permanent=True)

    # Classification

    def topic(self, name):
        slug, _sep, label = name.partition("|") if "|" in name else (slugify(name), "", name)
        label = (label or name).strip()[:80]
        slug = (slugify(slug) or slugify(label))[:80]
        if slug not in self.topics:
            topic = Topic.objects.filter(Q(slug=slug) | Q(name__iexact=label)).first()
            if topic is None:
                topic = Topic.objects.create(name=label, slug=slug)
            self.topics[slug] = topic
        return self.topics[slug]

    def region(self, name, create=True):
        label = name.partition("|")[2] if "|" in name else name
        slug = slugify(name.partition("|")[0] if "|" in name else name)[:80]
        if slug not in self.regions or (create and self.regions[slug] is None):
            region = Region.objects.filter(Q(slug=slug) | Q(name__iexact=label.strip())).first()
            if region is None and create:
                region = Region.objects.create(name=label.strip()[:80], slug=slug)
            self.regions[slug] = region
        return self.regions[slug]
