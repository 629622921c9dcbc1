"""Ranked full-text matches straight from the SQLite FTS5 index that Wagtail's search keeps.

Wagtail's SQLite backend scores every candidate row with a correlated subquery, which took about
a minute per query over 100,000 items (bench/RESULTS.md). Asking the FTS5 table itself for the
best matches, ordered by bm25 and limited, takes milliseconds. PostgreSQL keeps using Wagtail's
backend. The index is still written by Wagtail; only the reading is done here.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import connection

PHRASE = re.compile(r'"([^"]+)"')
WORD = re.compile(r"\w+", re.UNICODE)
# bm25 column weights, in the FTS table's column order: autocomplete, body, title.
WEIGHTS = (0.0, 1.0, 4.0)


def fts_quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def match_expression(query: str, any_word: bool = False) -> str:
    """Every word and "quoted phrase" must match (or any one, with any_word), in the title or
    body. Each is quoted, so no FTS5 syntax in the query can take effect."""
    phrases = [" ".join(WORD.findall(p)) for p in PHRASE.findall(query)]
    words = WORD.findall(PHRASE.sub(" ", query))
    parts = [fts_quote(p) for p in phrases if p] + [fts_quote(w) for w in words]
    if not parts:
        return ""
    joiner = " OR " if any_word else " AND "
    return "{title body} : (" + joiner.join(parts) + ")"


def ranked_ids(query: str, models, limit: int, any_word: bool = False) -> list[int]:
    """Ids of objects of these models best matching query, best first."""
    expression = match_expression(query, any_word)
    if not expression:
        return []
    content_types = [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
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
