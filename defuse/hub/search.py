"""Site search over every hub item.

fulltext.py finds and scores the matches (SQLite FTS5 by default, PostgreSQL full-text search
with DATABASE_URL); here matches in the title and teaser then outrank matches only in the body,
the same way on both databases, filters and counts apply, and the terms are highlighted.
"""

import datetime
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import normalise_query_string

from .filters import TopicFilters
from .fulltext import Mode, best_matches
from .models import HubItemPage
from .models.items import SUMMARY_FIELDS

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULT_WINDOW = 500
SUGGESTIONS = 8
WORD = re.compile(r"\w+", re.UNICODE)
SINCE = {
    "week": ("Past week", 7),
    "month": ("Past month", 31),
    "year": ("Past year", 366),
}


def clean_query(raw: str) -> str:
    """Printable text only, whitespace folded, at most MAX_QUERY_LENGTH characters."""
    printable = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C" or ch == " ")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query: str) -> list[str]:
    return list(dict.fromkeys(word.lower() for word in WORD.findall(query) if len(word) > 1))[:10]


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escapes text and wraps each whole-word match of a term in <mark>."""
    escaped = escape(text)
    if not terms:
        return mark_safe(escaped)
    pattern = re.compile(r"\b(" + "|".join(re.escape(term) for term in terms) + r")\w*", re.I)
    return mark_safe(pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", escaped))


@dataclass
class Hit:
    item: HubItemPage
    title: SafeString
    snippet: SafeString


class Search:
    """One search: the backend finds the best matches, then filters and counts work on them."""

    def __init__(self, params):
        self.raw = params.get("q", "")
        self.query = clean_query(self.raw)
        self.truncated = len(self.raw.strip()) > MAX_QUERY_LENGTH
        self.terms = query_terms(self.query)
        self.since = params.get("since") if params.get("since") in SINCE else ""
        base = HubItemPage.objects.for_listing()
        if self.since:
            days = SINCE[self.since][1]
            base = base.filter(
                publication_date__gte=timezone.localdate() - datetime.timedelta(days)
            )
        self.ranking, self.capped = self.backend_ranking(base) if self.terms else ([], False)
        self.filters = TopicFilters(params, base.filter(pk__in=self.ranking))

    @property
    def active(self) -> bool:
        return bool(self.query)

    def cache_key(self) -> str:
        digest = hashlib.sha256(f"{self.query}|{self.since}".encode()).hexdigest()
        return f"search:{digest}"

    def backend_ranking(self, base) -> tuple[list[int], bool]:
        """Ids of the best RESULT_WINDOW matches, best first; and whether more matched."""
        ids = best_matches(base, self.query, RESULT_WINDOW + 1)
        return ids[:RESULT_WINDOW], len(ids) > RESULT_WINDOW

    def ranked_ids(self) -> list[int]:
        """The matches that pass the filters, those matching in title and teaser first."""
        if not self.ranking:
            return []
        position = {pk: index for index, pk in enumerate(self.ranking)}
        rows = list(self.filters.items().order_by().values_list("pk", "title", "teaser"))
        rows.sort(key=lambda row: (-self.field_weight(row[1], row[2]), position[row[0]]))
        return [pk for pk, _, _ in rows]

    def hits(self, ids: list[int]) -> list[Hit]:
        """Full results, highlighted, for the ids of one page of results."""
        items = {item.pk: item for item in HubItemPage.objects.filter(pk__in=ids).for_listing()}
        return [self.hit(items[pk]) for pk in ids if pk in items]

    def field_weight(self, title: str, teaser: str) -> int:
        title, teaser = title.lower(), teaser.lower()
        return sum(3 * (term in title) + 2 * (term in teaser) for term in self.terms)

    def hit(self, item) -> Hit:
        return Hit(item, highlight(item.title, self.terms), highlight(item.teaser, self.terms))

    def log(self) -> None:
        """Counts the query for editors' search reports (Wagtail's query hits)."""
        if not self.terms:
            return
        try:  # a statistic: a database that refuses writes must not stop anyone searching
            with transaction.atomic():
                Query.get(self.query).add_hit()
        except DatabaseError as error:
            logger.warning("Search hit not counted: %s", error)

    def promotions(self) -> list:
        """Results editors pinned to this query in Wagtail's 'Promoted search results'."""
        if not self.query:
            return []
        return list(
            SearchPromotion.objects.filter(query__query_string=normalise_query_string(self.query))
            .select_related("page")
            .order_by("sort_order")
        )


def suggestions(raw: str) -> list[dict]:
    """Titles that complete what a reader is typing."""
    query = clean_query(raw)
    if len(query) < 2:
        return []
    items = HubItemPage.objects.live().public()
    ids = best_matches(items, query, SUGGESTIONS, Mode.PREFIX)
    found = {item.pk: item for item in items.filter(pk__in=ids).only(*SUMMARY_FIELDS)}
    return [found[pk].summary() for pk in ids if pk in found]
