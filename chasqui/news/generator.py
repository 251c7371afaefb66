"""Synthetic news items in bulk, so listings, feeds and search can be tried at archive scale.

Pages are inserted directly (tree paths computed here) because saving 100,000 pages one by one
through treebeard and revisions would take hours.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from .choices import SourceLanguage
from .models import NewsIndexPage, NewsItemPage, NewsSource, Region, RelatedNewsItem, Topic
from .starter_topics import STARTER_TOPICS

WORDS = {
    "en": {
        "actors": [
            "Congress",
            "The Ombudsman's Office",
            "Community leaders",
            "The Ministry of Energy and Mines",
            "Rural women's groups",
            "A regional governor",
            "The Constitutional Tribunal",
            "Farmers' federations",
            "Amazonian federations",
            "Student unions",
            "The national police",
            "Relatives of the victims",
            "A mining company",
            "Environmental monitors",
            "The electoral authority",
        ],
        "verbs": [
            "challenges",
            "questions",
            "postpones",
            "approves",
            "rejects",
            "reviews",
            "denounces",
            "defends",
            "investigates",
            "debates",
        ],
        "objects": [
            "a new mining concession",
            "the reform of the electoral law",
            "the use of force during protests",
            "compensation for displaced families",
            "the right to prior consultation",
            "water quality reports",
            "a proposed amnesty law",
            "funding for rural health posts",
            "the expansion of an open-pit mine",
            "a state of emergency",
            "illegal gold mining on the river",
            "the recognition of communal land titles",
        ],
        "openings": [
            "Reports from {region} describe growing concern over {object}.",
            "Local organisations in {region} say {object} was decided without them.",
            "After weeks of tension in {region}, attention has turned to {object}.",
            "Residents of {region} gathered this week to discuss {object}.",
        ],
        "sentences": [
            "Observers noted that the measure had been announced with little public debate.",
            "Several organisations asked for an independent inquiry.",
            "Officials promised a response within thirty days, but none has yet been published.",
            "The dispute has been running for more than a decade.",
            "Lawyers for the communities plan to take the case to the courts.",
            "Data released by the regulator show a sharp rise in complaints.",
            "Journalists covering the events reported being followed and threatened.",
            "A cross-party group of legislators has called for a hearing.",
            "Families say they were not told about the decision in advance.",
            "Regional authorities insist that all procedures were followed.",
            "International observers have asked to visit the area.",
            "Road blockades were lifted after an agreement late on Tuesday.",
        ],
        "headings": ["Background", "What happens next", "Reactions", "The figures"],
        "attributions": ["a community spokesperson", "a local councillor", "a human rights lawyer"],
        "quotes": [
            "We only ask to be heard before decisions are taken about our land.",
            "The law is clear, and it has to be applied to everyone.",
            "Nobody came to explain what this would mean for our water.",
        ],
        "title": "{actor} {verb} {object}",
        "title_in_region": "{region}: {actor} {verb} {object}",
        "outlets": ["La República", "Andina", "IDL-Reporteros", "Servindi", "Ojo Público", "Reuters"],
    },
    "es": {
        "actors": [
            "El Congreso",
            "La Defensoría del Pueblo",
            "Dirigentes comunales",
            "El Ministerio de Energía y Minas",
            "Organizaciones de mujeres rurales",
            "Un gobernador regional",
            "El Tribunal Constitucional",
            "Federaciones campesinas",
            "Federaciones amazónicas",
            "Gremios estudiantiles",
            "La Policía Nacional",
            "Familiares de las víctimas",
            "Una empresa minera",
            "Monitores ambientales",
            "El Jurado Nacional de Elecciones",
        ],
        "verbs": [
            "cuestiona",
            "observa",
            "posterga",
            "aprueba",
            "rechaza",
            "revisa",
            "denuncia",
            "defiende",
            "investiga",
            "debate",
        ],
        "objects": [
            "una nueva concesión minera",
            "la reforma de la ley electoral",
            "el uso de la fuerza en las protestas",
            "la reparación a familias desplazadas",
            "el derecho a la consulta previa",
            "los informes sobre la calidad del agua",
            "un proyecto de ley de amnistía",
            "el presupuesto de las postas rurales",
            "la ampliación de una mina a tajo abierto",
            "un estado de emergencia",
            "la minería ilegal de oro en el río",
            "la titulación de tierras comunales",
        ],
        "openings": [
            "Desde {region} llegan noticias de creciente preocupación por {object}.",
            "Organizaciones locales de {region} afirman que no fueron consultadas sobre {object}.",
            "Tras semanas de tensión en {region}, la atención se centra en {object}.",
            "Vecinos de {region} se reunieron esta semana para discutir {object}.",
        ],
        "sentences": [
            "Los observadores señalaron que la medida se anunció casi sin debate público.",
            "Varias organizaciones pidieron una investigación independiente.",
            "Las autoridades prometieron responder en treinta días, pero aún no lo han hecho.",
            "El conflicto lleva más de una década sin resolverse.",
            "Los abogados de las comunidades llevarán el caso a los tribunales.",
            "Las cifras del organismo regulador muestran un fuerte aumento de las quejas.",
            "Periodistas que cubrían los hechos denunciaron seguimientos y amenazas.",
            "Un grupo de congresistas de varias bancadas pidió una audiencia.",
            "Las familias dicen que nadie les avisó de la decisión.",
            "Las autoridades regionales aseguran que se cumplieron todos los procedimientos.",
            "Observadores internacionales pidieron visitar la zona.",
            "Los bloqueos de carreteras se levantaron tras un acuerdo el martes por la noche.",
        ],
        "headings": ["Antecedentes", "Próximos pasos", "Reacciones", "Las cifras"],
        "attributions": ["un vocero comunal", "una regidora local", "un abogado de derechos humanos"],
        "quotes": [
            "Solo pedimos que nos escuchen antes de decidir sobre nuestro territorio.",
            "La ley es clara y tiene que cumplirse para todos.",
            "Nadie vino a explicarnos qué significa esto para nuestra agua.",
        ],
        "title": "{actor} {verb} {object}",
        "title_in_region": "{region}: {actor} {verb} {object}",
        "outlets": ["La República", "Andina", "IDL-Reporteros", "Servindi", "Ojo Público", "EFE"],
    },
}

BATCH_SIZE = 1000


@dataclass
class GeneratedNews:
    created: int
    index: NewsIndexPage


def ensure_starter_topics():
    """Topics are needed to classify the generated items; editors can rename them later."""
    if Topic.objects.exists():
        return list(Topic.objects.all())
    return [
        Topic.objects.create(name=name, name_es=name_es, slug=slug) for slug, name, name_es in STARTER_TOPICS
    ]


def _paragraph(words, rng, region):
    opening = rng.choice(words["openings"]).format(region=region.name, object=rng.choice(words["objects"]))
    return " ".join([opening, *rng.sample(words["sentences"], 3)])


def _body(words, rng, region):
    blocks = [{"type": "paragraph", "value": f"<p>{_paragraph(words, rng, region)}</p>"}]
    if rng.random() < 0.5:
        blocks.append({"type": "heading", "value": {"text": rng.choice(words["headings"]), "level": "h2"}})
    blocks.append({"type": "paragraph", "value": f"<p>{' '.join(rng.sample(words['sentences'], 4))}</p>"})
    if rng.random() < 0.3:
        blocks.append(
            {
                "type": "quote",
                "value": {
                    "quote": rng.choice(words["quotes"]),
                    "attribution": rng.choice(words["attributions"]),
                },
            }
        )
    for block in blocks:
        block["id"] = str(uuid.uuid4())
    return blocks


def next_child_step(parent):
    last = parent.get_last_child()
    if last is None:
        return 1
    return Page._str2int(last.path[-Page.steplen :]) + 1


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


def insert_rows(model, values_list):
    """INSERT rows of the model's own table with executemany: bulk_create refuses MTI models.

    Each item of `values_list` maps attnames to values; missing fields take their defaults.
    """
    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key or f.remote_field]
    plain = [field.get_internal_type() in PLAIN_TYPES for field in fields]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    rows = []
    for values in values_list:
        row = []
        for field, is_plain in zip(fields, plain, strict=True):
            value = values[field.attname] if field.attname in values else field.get_default()
            row.append(value if is_plain else field.get_db_prep_save(value, connection))
        rows.append(row)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608


@transaction.atomic
def generate_news(count, language="en", seed=None, years=8, today=None):
    """Create `count` live news items under the news index for `language`, newest dates first."""
    from chasqui.core.structure import ensure_site_structure

    homes = ensure_site_structure()
    home = homes[language]
    index = NewsIndexPage.objects.child_of(home).get()
    words = WORDS[language]
    rng = random.Random(seed)  # noqa: S311
    topics = ensure_starter_topics()
    regions = list(Region.objects.all())
    content_type = ContentType.objects.get_for_model(NewsItemPage)
    today = today or timezone.localdate()
    span_days = max(1, years * 365)
    now = timezone.now()
    body_field = NewsItemPage._meta.get_field("body")

    step = next_child_step(index)
    topic_link, region_link = NewsItemPage.topics.through, NewsItemPage.regions.through
    created_ids = []
    for batch_start in range(0, count, BATCH_SIZE):
        size = min(BATCH_SIZE, count - batch_start)
        pages, details = [], []
        for offset in range(size):
            number = step + batch_start + offset
            region = rng.choice(regions)
            title_format = words["title_in_region"] if rng.random() < 0.4 else words["title"]
            title = title_format.format(
                region=region.name,
                actor=rng.choice(words["actors"]),
                verb=rng.choice(words["verbs"]),
                object=rng.choice(words["objects"]),
            )
            slug = f"{slugify(title)[:80].rstrip('-')}-{number}"
            item_date = today - timedelta(days=rng.randrange(span_days))
            published_at = timezone.make_aware(datetime.combine(item_date, time(9 + rng.randrange(9))))
            published_at = min(published_at, now)
            pages.append(
                {
                    "title": title,
                    "draft_title": title,
                    "slug": slug,
                    "content_type_id": content_type.pk,
                    "path": Page._get_path(index.path, index.depth + 1, number),
                    "depth": index.depth + 1,
                    "numchild": 0,
                    "url_path": f"{index.url_path}{slug}/",
                    "live": True,
                    "has_unpublished_changes": False,
                    "first_published_at": published_at,
                    "last_published_at": published_at,
                    "latest_revision_created_at": published_at,
                    "locale_id": index.locale_id,
                    "translation_key": uuid.uuid4(),
                }
            )
            details.append(
                {
                    "region": region,
                    "date": item_date,
                    "lede": _paragraph(words, rng, region),
                    "body": body_field.to_python(_body(words, rng, region)),
                }
            )
        insert_rows(Page, pages)
        ids = dict(Page.objects.filter(path__in=[page["path"] for page in pages]).values_list("path", "pk"))

        news_rows, topic_links, region_links, sources, related = [], [], [], [], []
        for page, detail in zip(pages, details, strict=True):
            pk = ids[page["path"]]
            news_rows.append(
                {"page_ptr_id": pk, "date": detail["date"], "lede": detail["lede"], "body": detail["body"]}
            )
            for topic in rng.sample(topics, rng.randint(1, min(2, len(topics)))):
                topic_links.append({"newsitempage_id": pk, "topic_id": topic.pk})
            region_links.append({"newsitempage_id": pk, "region_id": detail["region"].pk})
            for order in range(rng.randint(1, 2)):
                outlet = rng.choice(words["outlets"])
                sources.append(
                    {
                        "page_id": pk,
                        "sort_order": order,
                        "title": f"{outlet}: {page['title']}"[:255],
                        "url": f"https://example.org/{slugify(outlet)}/{page['slug']}",
                        "language": SourceLanguage.SPANISH if rng.random() < 0.8 else SourceLanguage.ENGLISH,
                    }
                )
            if created_ids and rng.random() < 0.3:
                related.append({"page_id": pk, "sort_order": 0, "related_id": rng.choice(created_ids)})
            created_ids.append(pk)
        insert_rows(NewsItemPage, news_rows)
        insert_rows(topic_link, topic_links)
        insert_rows(region_link, region_links)
        insert_rows(NewsSource, sources)
        insert_rows(RelatedNewsItem, related)

    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner guesses the bulk-loaded tree is tiny and sorts it all.
        tables = [Page, NewsItemPage, topic_link, region_link, NewsSource, RelatedNewsItem]
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE " + ", ".join(connection.ops.quote_name(m._meta.db_table) for m in tables)
            )
    from .listing import invalidate_news_listings

    transaction.on_commit(invalidate_news_listings)
    return GeneratedNews(created=count, index=index)
