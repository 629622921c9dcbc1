"""Writing to and matching against Defuse's search index (models/search.py).

Every app that has something to find hands the hub `Document`s (`store`) and takes them back
out (`remove`); the hub's own items are written by hub/search_items.py. The vocabulary
(`SearchTerm`) is kept in step as rows come and go.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Min
from django.db.models.functions import Greatest
from django.utils import timezone

from defuse.platform.content_cache import bump_version, read_version

from .models import CommonTermRanking, SearchDocument, SearchTerm
from .search_text import Group, analyze_words

BATCH = 500
TERM_MAX_LENGTH = 100
# Weights of the title, the lead (teaser and the names an item is filed under) and the body:
# bm25 column weights on SQLite; PostgreSQL's setweight A, B and C rank 1.0, 0.4 and 0.2.
WEIGHTS = (6.0, 3.0, 1.0)
INDEX_VERSION_KEY = "defuse:search-index-version"
# PostgreSQL ranks every document a query matches; for words more documents hold than this,
# it ranks each word's RANKED_PER_TERM best instead (build_common_term_rankings).
COMMON_TERM_FROM = 2_000
RANKED_PER_TERM = 1_000
BUILD_SLACK = datetime.timedelta(seconds=10)


@dataclass
class Document:
    key: str
    kind: str
    title: str
    url: str
    summary: str = ""
    lead: str = ""
    body: str = ""
    signed_in_only: bool = False
    page_id: int | None = None


def document_key(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def index_version() -> int:
    """Changes whenever a document is stored or removed: cached matches are keyed on it."""
    return read_version(INDEX_VERSION_KEY)


def index_changed() -> None:
    # Now, for this process (and tests, whose transactions never commit), and again on commit,
    # for what another process cached in between from the rows as they were.
    bump_version(INDEX_VERSION_KEY)
    transaction.on_commit(lambda: bump_version(INDEX_VERSION_KEY))


def store(documents: Iterable[Document]) -> None:
    """Adds or replaces documents (by key), in batches, each batch in one transaction."""
    batch: list[Document] = []
    stored = False
    for document in documents:
        batch.append(document)
        if len(batch) == BATCH:
            _store_batch(batch)
            batch, stored = [], True
    if batch:
        _store_batch(batch)
        stored = True
    if stored:
        index_changed()


def _store_batch(documents: list[Document]) -> None:
    documents = list({document.key: document for document in documents}.values())
    with transaction.atomic():
        # Locked (PostgreSQL), in key order: two writers of one document take turns, so each
        # counts its words from what the other left.
        rows = SearchDocument.objects.select_for_update().filter(key__in=[d.key for d in documents])
        existing = {row.key: row for row in rows.order_by("key")}
        changes: Counter[str] = Counter()
        words: dict[str, str] = {}
        new, changed = [], []
        now = timezone.now()
        for document in documents:
            row = existing.get(document.key)
            before = row.tokens() if row else set()
            if row is None:
                row = SearchDocument(key=document.key)
                new.append(row)
            else:
                changed.append(row)
            row.kind, row.title, row.url = document.kind, document.title[:255], document.url
            row.summary, row.signed_in_only = document.summary, document.signed_in_only
            row.page_id, row.changed = document.page_id, now
            for field, text in (
                ("title_terms", document.title),
                ("lead_terms", document.lead),
                ("body_terms", document.body),
            ):
                pairs = [(t, w) for t, w in analyze_words(text) if len(t) <= TERM_MAX_LENGTH]
                setattr(row, field, " ".join(token for token, _ in pairs))
                for token, word in pairs:
                    words.setdefault(token, word[:TERM_MAX_LENGTH])
            after = row.tokens()
            changes.update(after - before)
            changes.subtract(before - after)
        SearchDocument.objects.bulk_create(new)
        SearchDocument.objects.bulk_update(
            changed,
            [
                "kind",
                "title",
                "url",
                "summary",
                "signed_in_only",
                "page",
                "title_terms",
                "lead_terms",
                "body_terms",
                "changed",
            ],
        )
        count_terms(changes, words)


def remove(keys: Iterable[str]) -> None:
    """Takes documents out; the vocabulary forgets their words (signal in hub/apps.py)."""
    if SearchDocument.objects.filter(key__in=list(keys)).delete()[0]:
        index_changed()


def forget_tokens(sender, instance: SearchDocument, **kwargs) -> None:
    """post_delete of a document, also when its hub item is deleted."""
    tokens = list(instance.tokens())
    for start in range(0, len(tokens), BATCH):
        SearchTerm.objects.filter(term__in=tokens[start : start + BATCH]).update(
            documents=Greatest(F("documents") - 1, 0)
        )


def count_terms(changes: Counter[str], words: dict[str, str]) -> None:
    # In one order everywhere: two publishes at once lock the same rows in the same order, so
    # they wait for each other instead of deadlocking (PostgreSQL).
    added = sorted((term, words.get(term, term), n) for term, n in changes.items() if n > 0)
    table = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(added), 300):
            rows = added[start : start + 300]
            cursor.execute(
                f"INSERT INTO {table} (term, word, documents) VALUES "
                + ", ".join(["(%s, %s, %s)"] * len(rows))
                + f" ON CONFLICT (term) DO UPDATE SET documents = {table}.documents"
                " + excluded.documents",
                [value for row in rows for value in row],
            )
    by_amount: dict[int, list[str]] = {}
    for term, n in changes.items():
        if n < 0:
            by_amount.setdefault(-n, []).append(term)
    for amount, terms in sorted(by_amount.items()):
        terms.sort()
        for start in range(0, len(terms), BATCH):
            SearchTerm.objects.filter(term__in=terms[start : start + BATCH]).update(
                documents=Greatest(F("documents") - amount, 0)
            )


def rebuild_vocabulary() -> int:
    """Recounts the vocabulary from the documents (after a bulk load or to repair drift)."""
    counts: Counter[str] = Counter()
    for row in SearchDocument.objects.only("title_terms", "lead_terms", "body_terms").iterator(
        chunk_size=2000
    ):
        counts.update(row.tokens())
    words = dict(SearchTerm.objects.values_list("term", "word"))
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(
            (SearchTerm(term=t, word=words.get(t, t), documents=n) for t, n in counts.items()),
            batch_size=2000,
        )
    return len(counts)


# Matching ----------------------------------------------------------------------------------


@dataclass
class Match:
    document_id: int
    page_id: int | None
    matched: int  # how many of the query's groups it matched
    signed_in_only: bool = False


def matches(
    groups: list[Group],
    limit: int,
    *,
    signed_in: bool,
    partial: bool,
    seeds: list[Group] | None = None,
) -> list[Match]:
    """Best documents first: with every group, or with partial, as many groups as possible
    among the documents holding at least one of `seeds` (default: any group)."""
    if not groups:
        return []
    backend = _sqlite if connection.vendor == "sqlite" else _postgresql
    return backend(groups, limit, signed_in, partial, seeds or groups)


def holding(ids: list[int], group: Group) -> set[int]:
    """Which of these documents hold the group (a cheap check of a few hundred rows)."""
    found: set[int] = set()
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            marks = ", ".join(["%s"] * len(chunk))
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT rowid FROM hub_searchdocument_fts WHERE hub_searchdocument_fts "
                    f"MATCH %s AND rowid IN ({marks})",
                    [_fts_group(group), *chunk],
                )
            else:
                cursor.execute(
                    f"SELECT id FROM hub_searchdocument WHERE id IN ({marks}) "
                    "AND vector @@ to_tsquery('simple', %s)",
                    [*chunk, _tsquery_group(group)],
                )
            found.update(row[0] for row in cursor.fetchall())
    return found


def documents_holding(group: Group) -> int:
    """About how many documents hold the group (from the vocabulary; a phrase counts as its
    rarest word)."""
    counts = dict(
        SearchTerm.objects.filter(term__in={t for phrase in group for t in phrase}).values_list(
            "term", "documents"
        )
    )
    return documents_in(group, counts)


def _fts_group(group: Group) -> str:
    return "(" + " OR ".join('"' + " ".join(phrase) + '"' for phrase in group) + ")"


def _sqlite(groups, limit, signed_in, partial, seeds) -> list[Match]:
    if partial:
        expression = " OR ".join(_fts_group(g) for g in seeds)
    else:
        expression = " AND ".join(_fts_group(g) for g in groups)
    visible = "" if signed_in else "AND d.signed_in_only = 0 "
    weights = ", ".join(map(str, WEIGHTS))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.id, d.page_id, d.signed_in_only FROM hub_searchdocument_fts AS f "
            "JOIN hub_searchdocument AS d ON d.id = f.rowid "
            f"WHERE hub_searchdocument_fts MATCH %s {visible}"
            f"ORDER BY bm25(hub_searchdocument_fts, {weights}) LIMIT %s",
            [expression, limit],
        )
        found = cursor.fetchall()
    if not partial:
        return [Match(pk, page, len(groups), bool(private)) for pk, page, private in found]
    ids = [pk for pk, _, _ in found]
    matched: Counter[int] = Counter()
    for group in groups:
        matched.update(holding(ids, group))
    ranked = [Match(pk, page, matched[pk], bool(private)) for pk, page, private in found]
    ranked.sort(key=lambda match: -match.matched)  # stable: bm25 order within each count
    return ranked


def _tsquery_group(group: Group) -> str:
    return "(" + " | ".join(" <-> ".join(f"'{t}'" for t in phrase) for phrase in group) + ")"


def _postgresql(groups, limit, signed_in, partial, seeds) -> list[Match]:
    if partial:
        joined = " | ".join(_tsquery_group(g) for g in seeds)
    else:
        joined = " & ".join(_tsquery_group(g) for g in groups)
    visible = "" if signed_in else "AND NOT signed_in_only "
    if partial:
        count = " + ".join(["(vector @@ to_tsquery('simple', %s))::int"] * len(groups))
        params = [_tsquery_group(g) for g in groups]
    else:
        count, params = str(len(groups)), []
    sql = (
        f"SELECT id, page_id, {count} AS matched, signed_in_only FROM {{source}}, "
        "to_tsquery('simple', %s) AS query "
        f"WHERE vector @@ query {visible}"
        "ORDER BY matched DESC, ts_rank(vector, query, 1) DESC, id LIMIT %s"
    )
    with connection.cursor() as cursor:
        candidates = None if partial else common_candidates(groups)
        if candidates is not None:
            source, source_params = candidates
            cursor.execute(sql.format(source=source), [*params, *source_params, joined, limit])
            found = cursor.fetchall()
            if len(found) >= limit:
                return [Match(*row) for row in found]
        cursor.execute(sql.format(source="hub_searchdocument"), [*params, joined, limit])
        return [Match(*row) for row in cursor.fetchall()]


# Rankings of common words (PostgreSQL) ----------------------------------------------------
# An index such as Elasticsearch skips documents that cannot reach the top; PostgreSQL scores
# every match, and "crisis" alone matches a third of a 100,000-item library (60-80 ms). So the
# worker keeps, for each common word, its best documents (the "champion lists" of information
# retrieval), and a search whose every word is common ranks only those, the documents stored
# since, and all documents of its rarer alternatives. For one common word that is exactly the
# full ranking; for several it is a close approximation, and it falls back to ranking every
# match when it finds fewer results than asked for.


def common_candidates(groups: list[Group]) -> tuple[str, list] | None:
    """The rows (SQL) a search whose every word is common ranks, with their parameters; None
    when one of its words is rare enough to rank in full (or a common word has no ranking)."""
    if connection.vendor != "postgresql":
        return None
    phrases = [phrase for group in groups for phrase in group]
    counts = dict(
        SearchTerm.objects.filter(term__in={t for p in phrases for t in p}).values_list(
            "term", "documents"
        )
    )
    if any(documents_in(group, counts) <= COMMON_TERM_FROM for group in groups):
        return None
    needed: set[str] = set()
    rare: list[tuple[str, ...]] = []
    for phrase in phrases:
        rarest = min(phrase, key=lambda term: counts.get(term, 0))
        if counts.get(rarest, 0) > COMMON_TERM_FROM:
            needed.add(rarest)
        else:
            rare.append(phrase)
    rankings = list(CommonTermRanking.objects.filter(term__in=needed))
    if len(rankings) < len(needed):
        return None
    ids = sorted({pk for ranking in rankings for pk in ranking.documents})
    since = min(ranking.built for ranking in rankings)
    union = "SELECT unnest(%s::integer[]) AS candidate_id "
    union += "UNION SELECT id FROM hub_searchdocument WHERE changed >= %s "
    params: list = [ids, since]
    if rare:
        union += "UNION SELECT id FROM hub_searchdocument WHERE vector @@ to_tsquery('simple', %s)"
        params.append(_tsquery_group(rare))
    # Each candidate read by its key (OFFSET 0 keeps the planner from joining on the full-text
    # index instead, which reads every match again).
    source = (
        f"({union}) AS candidate, LATERAL (SELECT id, page_id, vector, signed_in_only "
        "FROM hub_searchdocument WHERE id = candidate.candidate_id OFFSET 0) AS document"
    )
    return source, params


def documents_in(group: Group, counts: dict[str, int]) -> int:
    return sum(min(counts.get(t, 0) for t in phrase) for phrase in group)


def build_common_term_rankings() -> int:
    """Ranks the best documents of every common word (PostgreSQL; run by the worker when the
    index changed, and after a rebuild). Returns how many words it ranked."""
    if connection.vendor != "postgresql":
        return 0
    # What a transaction still open when a word was ranked stores counts as stored after it.
    built = timezone.now() - BUILD_SLACK
    terms = SearchTerm.objects.filter(documents__gt=COMMON_TERM_FROM).values_list("term", flat=True)
    rankings = []
    with connection.cursor() as cursor:
        for term in terms:
            cursor.execute(
                "SELECT id FROM hub_searchdocument, to_tsquery('simple', %s) AS query "
                "WHERE vector @@ query ORDER BY ts_rank(vector, query, 1) DESC, id LIMIT %s",
                [_tsquery_group([(term,)]), RANKED_PER_TERM],
            )
            ids = [row[0] for row in cursor.fetchall()]
            rankings.append(CommonTermRanking(term=term, documents=ids, built=built))
    with transaction.atomic():
        CommonTermRanking.objects.all().delete()
        CommonTermRanking.objects.bulk_create(rankings)
    return len(rankings)


def common_term_rankings_stale() -> bool:
    """Whether anything was stored since the rankings were built (or none exist yet)."""
    if connection.vendor != "postgresql":
        return False
    built = CommonTermRanking.objects.aggregate(built=Min("built"))["built"]
    if built is None:
        return SearchTerm.objects.filter(documents__gt=COMMON_TERM_FROM).exists()
    return SearchDocument.objects.filter(changed__gte=built + BUILD_SLACK).exists()
