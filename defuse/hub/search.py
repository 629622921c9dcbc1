"""Site search over every hub item, and for signed-in people scenarios too.

search_query.py turns what a reader typed into a query plan (spelling, synonyms, joined words);
search_index.py matches it, every word first and then, when that finds little, as many words
as possible; here the hub's filters and counts apply, the terms are highlighted, and the other
kinds of thing (scenarios, checklist items) are listed on their own.
"""

import datetime
import hashlib
import html
import logging
import re
import unicodedata
from dataclasses import astuple, dataclass
from functools import lru_cache

from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import normalise_query_string

from defuse.platform.content_cache import cached, content_version

from .filters import Facet, TopicFilters
from .fulltext import Mode, best_matches
from .models import HubItemPage, SearchDocument
from .models.items import SUMMARY_FIELDS
from .search_index import Match, documents_holding, holding, index_version, matches
from .search_query import plan
from .search_text import WORD as COMPOUND
from .search_text import fold, stem

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULT_WINDOW = 200  # the best this many are filtered, counted and paged
# Fewer matches of every word than this, and items matching most of the words follow them.
PARTIAL_BELOW = 20
COMMON_SHARE = 0.05
COMMON_AT_LEAST = 2_000  # below this many documents a word is cheap to look through anyway
OTHER_KINDS_SHOWN = 5
MATCHES_CACHE_SECONDS = 600
SUGGESTIONS = 8
WORD = re.compile(r"[^\W_]+", re.UNICODE)
SINCE = {
    "week": ("Past week", 7),
    "month": ("Past month", 31),
    "year": ("Past year", 366),
}


def clean_query(raw: str) -> str:
    """Printable text only, whitespace folded, at most MAX_QUERY_LENGTH characters."""
    printable = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C" or ch == " ")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def highlight(text: str, tokens: set[str]) -> SafeString:
    """Escapes text and wraps in <mark> each word whose index token the query asked for; a
    compound whole when its joined form was asked for, else the parts that were."""
    if not tokens:
        return mark_safe(html.escape(text))
    out: list[str] = []
    position = 0
    for match in COMPOUND.finditer(text):
        spans = marked_spans(match.group(), tokens)
        if not spans:
            continue
        for start, end in spans:
            start, end = start + match.start(), end + match.start()
            out.append(html.escape(text[position:start]))
            out.append(f"<mark>{html.escape(text[start:end])}</mark>")
            position = end
    out.append(html.escape(text[position:]))
    return mark_safe("".join(out))


def marked_spans(compound: str, tokens: set[str]) -> list[tuple[int, int]]:
    """Where in one (maybe hyphenated) word the marks go: all of it, some parts, or none."""
    parts = list(WORD.finditer(compound))
    if token_of("".join(part.group() for part in parts)) in tokens:
        return [(0, len(compound))]
    if len(parts) == 1:
        return []
    return [part.span() for part in parts if token_of(part.group()) in tokens]


@lru_cache(maxsize=50_000)
def token_of(word: str) -> str:
    return stem(fold(word))


@dataclass
class Hit:
    item: HubItemPage
    title: SafeString
    snippet: SafeString


@dataclass
class OtherHit:
    document: SearchDocument
    title: SafeString
    snippet: SafeString


def rare_groups(groups) -> list:
    """The groups that a partial match must include one of: those held by at most
    COMMON_SHARE of the documents (and never fewer than COMMON_AT_LEAST), when there are any.
    Words that half the library holds ("crisis", "call") rank partial matches but do not find
    them on their own, as a search engine's common-terms query does: otherwise every partial
    search would score tens of thousands of items."""
    total = cached("search:documents", SearchDocument.objects.count)
    common = max(COMMON_SHARE * total, COMMON_AT_LEAST)
    rare = [group for group in groups if documents_holding(group) <= common]
    return rare or groups


def signed_in_only_documents() -> int:
    """How many documents only signed-in people may find (scenarios): a few dozen."""
    count = caches["versioned"].get_or_set(
        f"search:signed-in-only:{index_version()}",
        SearchDocument.objects.filter(signed_in_only=True).count,
        MATCHES_CACHE_SECONDS,
    )
    return int(count or 0)


class Search:
    """One search: the index finds the best matches, then filters and counts work on them."""

    def __init__(self, params, user=None):
        self.raw = params.get("q", "")
        self.query = clean_query(self.raw)
        self.truncated = len(self.raw.strip()) > MAX_QUERY_LENGTH
        self.signed_in = bool(user and user.is_authenticated)
        self.plan = plan(self.query)
        self.tokens = self.plan.tokens
        self.since = params.get("since") if params.get("since") in SINCE else ""
        base = HubItemPage.objects.for_listing()
        if self.since:
            days = SINCE[self.since][1]
            base = base.filter(
                publication_date__gte=timezone.localdate() - datetime.timedelta(days)
            )
        found = self.matches() if self.plan.groups else []
        self.capped = len(found) > RESULT_WINDOW
        found = found[:RESULT_WINDOW]
        ranking = [match.page_id for match in found if match.page_id]
        self.other_ids = [match.document_id for match in found if not match.page_id]
        # The matches a reader may see (live, public, recent enough), best first, read once:
        # filters and counts then start from these ids.
        visible = set(base.filter(pk__in=ranking).order_by().values_list("pk", flat=True))
        self.ranking = [pk for pk in ranking if pk in visible] if ranking else []
        self.filters = TopicFilters(
            params, HubItemPage.objects.filter(pk__in=self.ranking), ids=self.ranking
        )

    @property
    def active(self) -> bool:
        return bool(self.query)

    @property
    def did_you_mean(self) -> str:
        return self.plan.corrected(self.query) if self.plan.corrections else ""

    def cache_key(self) -> str:
        # The hub items found are the same signed in or not: one cache entry serves both.
        digest = hashlib.sha256(f"{self.query}|{self.since}".encode())
        return f"search:{digest.hexdigest()}"

    def matches(self) -> list[Match]:
        """The index's answer, once for each query and state of the index, shared by readers
        signed in and not: those not signed in are left the public documents."""
        digest = hashlib.sha256(repr((self.plan.groups, self.plan.phrase)).encode()).hexdigest()
        key = f"search:matches:{index_version()}:{content_version()}:{digest}"
        found = caches["versioned"].get_or_set(
            key,
            lambda: [astuple(match) for match in self.find()],
            MATCHES_CACHE_SECONDS,
        )
        rows = [Match(*row) for row in found or []]
        return rows if self.signed_in else [match for match in rows if not match.signed_in_only]

    def find(self) -> list[Match]:
        """Every word first, those with the words side by side as typed leading; then, if that
        found little, items with most of the words. The window is widened by the number of
        signed-in-only documents, so that it still holds RESULT_WINDOW + 1 public ones."""
        groups = self.plan.groups
        window = RESULT_WINDOW + 1 + signed_in_only_documents()
        found = matches(groups, window, signed_in=True, partial=False)
        if len(found) > 1 and len(self.plan.phrase) > 1:
            side_by_side = holding([match.document_id for match in found], [self.plan.phrase])
            found.sort(key=lambda match: match.document_id not in side_by_side)
        public = sum(not match.signed_in_only for match in found)
        if public < PARTIAL_BELOW and len(groups) > 1:
            seen = {match.document_id for match in found}
            more = matches(groups, window, signed_in=True, partial=True, seeds=rare_groups(groups))
            found += [match for match in more if match.document_id not in seen]
        return found

    def ranked_ids(self) -> list[int]:
        """The matching hub items that pass the filters, best first."""
        if not self.ranking or not self.filters.active:
            return list(self.ranking)
        position = {pk: index for index, pk in enumerate(self.ranking)}
        ids = list(self.filters.items().order_by().values_list("pk", flat=True))
        return sorted(ids, key=position.__getitem__)

    def hits(self, ids: list[int]) -> list[Hit]:
        """Full results, highlighted, for the ids of one page of results."""
        items = {item.pk: item for item in HubItemPage.objects.filter(pk__in=ids).for_listing()}
        return [self.hit(items[pk]) for pk in ids if pk in items]

    def hit(self, item) -> Hit:
        return Hit(item, highlight(item.title, self.tokens), highlight(item.teaser, self.tokens))

    def other_hits(self) -> list[OtherHit]:
        """Scenarios and checklist items matching, when no filter narrows to hub items."""
        if self.filters.active or self.since or not self.other_ids:
            return []
        ids = self.other_ids[:OTHER_KINDS_SHOWN]
        documents = SearchDocument.objects.in_bulk(ids)
        return [
            OtherHit(
                documents[pk],
                highlight(documents[pk].title, self.tokens),
                highlight(documents[pk].summary, self.tokens),
            )
            for pk in ids
            if pk in documents
        ]

    def facets(self) -> list[Facet]:
        """The filters, without the values that would give nothing (unless chosen)."""
        facets = self.filters.facets(cache_key=self.cache_key())
        for facet in facets:
            facet.options = [o for o in facet.options if o.count or o.selected]
        return [facet for facet in facets if facet.options]

    def log(self) -> None:
        """Counts the query for editors' search reports (Wagtail's query hits)."""
        if not self.plan.groups:
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
