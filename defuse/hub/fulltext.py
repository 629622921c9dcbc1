"""Full-text matching for hub items, one entry point for search, suggestions and related items.

On PostgreSQL this is Wagtail's search backend. On SQLite, Wagtail's backend scores every
candidate row with a correlated subquery: about a minute per query, and several minutes per
autocomplete, over 100,000 items (bench/RESULTS.md). There we ask the FTS5 table that Wagtail's
index keeps up to date for the best matches, ordered by bm25 and limited: milliseconds. The index
is still written by Wagtail; only the reading is done here.
"""

import enum
import re

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from wagtail.search.utils import parse_query_string

from .models import ITEM_TYPES

PHRASE = re.compile(r'"([^"]+)"')
WORD = re.compile(r"\w+", re.UNICODE)
# bm25 column weights, in the FTS table's column order: autocomplete, body, title.
WEIGHTS = (0.0, 1.0, 4.0)


class Mode(enum.Enum):
    ALL_WORDS = "all"  # every word and "quoted phrase" must match
    ANY_WORD = "any"  # one word is enough: similar items
    PREFIX = "prefix"  # words being typed: suggestions


def best_matches(queryset, query: str, limit: int, mode: Mode = Mode.ALL_WORDS) -> list[int]:
    """Ids of hub items in queryset best matching query, best first, at most limit."""
    if connection.vendor == "sqlite":
        ids = fts_ranked_ids(query, limit, mode)
        visible = set(queryset.filter(pk__in=ids).values_list("pk", flat=True))
        return [pk for pk in ids if pk in visible]
    return backend_ranked_ids(queryset, query, limit, mode)


def backend_ranked_ids(queryset, query: str, limit: int, mode: Mode) -> list[int]:
    candidates = queryset.prefetch_related(None).only("id")
    operator = "or" if mode is Mode.ANY_WORD else "and"
    plain = " ".join(WORD.findall(query))
    parsed = parse_query_string(query, operator=operator)[1] if mode is Mode.ALL_WORDS else query
    for attempt in (parsed, plain):
        try:
            with transaction.atomic():
                if mode is Mode.PREFIX:
                    found = candidates.autocomplete(attempt, operator=operator)
                else:
                    found = candidates.search(attempt, operator=operator)
                return [item.pk for item in found[:limit]]
        except DatabaseError:
            continue  # the backend could not parse the text as a query: try its plain words
    return []


def fts_quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def match_expression(query: str, mode: Mode = Mode.ALL_WORDS) -> str:
    """An FTS5 MATCH expression in which every word and phrase is quoted, so no FTS5 syntax in
    the query can take effect."""
    phrases = [" ".join(WORD.findall(p)) for p in PHRASE.findall(query)]
    words = WORD.findall(PHRASE.sub(" ", query))
    parts = [fts_quote(p) for p in phrases if p] + [fts_quote(w) for w in words]
    if not parts:
        return ""
    if mode is Mode.PREFIX:
        return "{title} : (" + " AND ".join(p + "*" for p in parts) + ")"
    joiner = " OR " if mode is Mode.ANY_WORD else " AND "
    return "{title body} : (" + joiner.join(parts) + ")"


def fts_ranked_ids(query: str, limit: int, mode: Mode) -> list[int]:
    expression = match_expression(query, mode)
    if not expression:
        return []
    content_types = [ct.pk for ct in ContentType.objects.get_for_models(*ITEM_TYPES).values()]
    placeholders = ", ".join(["%s"] * len(content_types))
    sql = (
        "SELECT entry.object_id FROM wagtailsearch_indexentry_fts AS fts "
        "JOIN wagtailsearch_indexentry AS entry ON entry.id = fts.rowid "
        "WHERE wagtailsearch_indexentry_fts MATCH %s "
        f"AND entry.content_type_id IN ({placeholders}) "
        f"ORDER BY bm25(wagtailsearch_indexentry_fts, {', '.join(map(str, WEIGHTS))}) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, *content_types, limit])
        return [int(row[0]) for row in cursor.fetchall()]
