"""Bulk generator of synthetic hub items for load tests.

Creating pages one by one through Wagtail costs milliseconds each (tree locking, revisions,
search indexing), far too slow for 100,000 items. This writes the page tree rows directly in
batches, computing materialised paths the way django-treebeard does, and indexes each batch for
search in bulk. Items are live and render like any other, but have no revisions until an editor
saves them.
"""

import datetime
import json
import random
import uuid
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from defuse.hub.models import ArticlePage, Audience, HubItemPage, Subtopic, TopicPage
from defuse.hub.search_items import index_items

BATCH_SIZE = 2_000

OPENINGS = ["Field notes on", "A closer look at", "Lessons from", "Practising", "Rethinking"]
SUBJECTS = [
    "the tactical pause",
    "one voice on scene",
    "crisis cues",
    "time and distance",
    "calm warnings",
    "co-responder calls",
    "scenario debriefs",
    "report review",
    "cover and shielding",
    "swapping the communicator",
    "inability to comply",
]
SETTINGS = [
    "at traffic stops",
    "on night shift",
    "in small agencies",
    "with young people",
    "on crisis calls",
    "in rural districts",
    "after a use of force",
]


def synthetic_title(rng: random.Random, number: int) -> str:
    return f"{rng.choice(OPENINGS)} {rng.choice(SUBJECTS)} {rng.choice(SETTINGS)} (#{number})"


def create_synthetic_items(topic: TopicPage, count: int, seed: int = 1) -> Iterator[int]:
    """Creates count synthetic articles under topic; yields how many were written per batch."""
    rng = random.Random(seed)
    audience_ids = list(Audience.objects.values_list("pk", flat=True))
    subtopic_ids = list(Subtopic.objects.values_list("pk", flat=True))
    content_type = ContentType.objects.get_for_model(ArticlePage)
    today = timezone.localdate()
    done = 0
    while done < count:
        size = min(BATCH_SIZE, count - done)
        with transaction.atomic():
            topic.refresh_from_db()
            first_step = next_child_step(topic)
            pages = [
                build_page(topic, content_type, first_step + offset, rng) for offset in range(size)
            ]
            Page.objects.bulk_create(pages)
            if any(page.pk is None for page in pages):
                ids = dict(
                    Page.objects.filter(path__in=[page.path for page in pages]).values_list(
                        "path", "pk"
                    )
                )
                for page in pages:
                    page.pk = ids[page.path]
            insert_item_rows(pages, rng, today)
            link_taxonomy(pages, rng, audience_ids, subtopic_ids)
            Page.objects.filter(pk=topic.pk).update(numchild=topic.numchild + size)
            index_for_search([page.pk for page in pages])
        done += size
        yield size


def index_for_search(ids: list[int]) -> None:
    """Adds the new items to the search indexes (Wagtail's, for the admin, suggestions and
    related items; Defuse's, for the search page) in bulk, as saving them would have."""
    items = list(ArticlePage.objects.filter(pk__in=ids).prefetch_related("audiences", "subtopics"))
    get_search_backend().add_bulk(ArticlePage, items)
    index_items(ids)


def next_child_step(parent: Page) -> int:
    last = parent.get_last_child()
    if last is None:
        return 1
    return Page._str2int(last.path[-Page.steplen :]) + 1


def build_page(parent: Page, content_type, step: int, rng: random.Random) -> Page:
    now = timezone.now()
    title = synthetic_title(rng, step)
    slug = f"synthetic-{step}"
    return Page(
        path=Page._get_path(parent.path, parent.depth + 1, step),
        depth=parent.depth + 1,
        numchild=0,
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        live=True,
        has_unpublished_changes=False,
        url_path=f"{parent.url_path}{slug}/",
        locale_id=parent.locale_id,
        translation_key=uuid.uuid4(),
        first_published_at=now,
        last_published_at=now,
    )


def insert_item_rows(pages: list[Page], rng: random.Random, today: datetime.date) -> None:
    item_rows = []
    article_rows = []
    for page in pages:
        published = today - datetime.timedelta(days=rng.randrange(0, 5 * 365))
        teaser = f"Synthetic item {page.title} for load testing."
        item_rows.append({"page_ptr_id": page.pk, "teaser": teaser, "publication_date": published})
        body = [{"type": "paragraph", "value": f"<p>{page.title}.</p>", "id": str(uuid.uuid4())}]
        article_rows.append({"hubitempage_ptr_id": page.pk, "body": json.dumps(body)})
    insert_rows(HubItemPage, item_rows)
    insert_rows(ArticlePage, article_rows)


def insert_rows(model, rows: list[dict]) -> None:
    """Inserts rows into model's own table (not its parents'), for multi-table inheritance.

    Columns a row leaves out take the field's default. JSON values must arrive serialised.
    """
    quote = connection.ops.quote_name
    fields = model._meta.local_concrete_fields
    placeholders = ", ".join(json_placeholder(field) for field in fields)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) VALUES ({placeholders})"
    )
    values = [[column_value(field, row) for field in fields] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def column_value(field, row: dict):
    value = row[field.attname] if field.attname in row else field.get_default()
    if field.get_internal_type() == "JSONField":
        return value
    return field.get_db_prep_save(value, connection)


def json_placeholder(field) -> str:
    if connection.vendor == "postgresql" and field.get_internal_type() == "JSONField":
        return "%s::jsonb"
    return "%s"


def link_taxonomy(pages, rng, audience_ids, subtopic_ids) -> None:
    audience_links = HubItemPage.audiences.through
    subtopic_links = HubItemPage.subtopics.through
    audience_rows, subtopic_rows = [], []
    for page in pages:
        for audience_id in rng.sample(audience_ids, rng.randint(1, len(audience_ids))):
            audience_rows.append(audience_links(hubitempage_id=page.pk, audience_id=audience_id))
        if subtopic_ids:
            for subtopic_id in rng.sample(subtopic_ids, rng.randint(1, 2)):
                subtopic_rows.append(
                    subtopic_links(hubitempage_id=page.pk, subtopic_id=subtopic_id)
                )
    audience_links.objects.bulk_create(audience_rows)
    subtopic_links.objects.bulk_create(subtopic_rows)
