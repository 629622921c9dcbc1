"""Writing to and matching against Defuse's search index (models/search.py).

Every app that has something to find hands the hub `Document`s (`store`) and takes them back
out (`remove`); the hub's own items are written by hub/search_items.py. The vocabulary
(`SearchTerm`) is kept in step as rows come and go.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest

from defuse.platform.content_cache import bump_version, read_version

from .models import SearchDocument, SearchTerm
from .search_text import Group, analyze_words

BATCH = 500
TERM_MAX_LENGTH = 100
# Weights of the title, the lead (teaser and the names an item is filed under) and the body:
# bm25 column weights on SQLite; PostgreSQL's setweight A, B and C rank 1.0, 0.4 and 0.2.
WEIGHTS = (6.0, 3.0, 1.0)
INDEX_VERSION_KEY = "defuse:search-index-version"


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
            row.page_id = document.page_id
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
    return sum(min(counts.get(t, 0) for t in phrase) for phrase in group)


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
            "SELECT d.id, d.page_id FROM hub_searchdocument_fts AS f "
            "JOIN hub_searchdocument AS d ON d.id = f.rowid "
            f"WHERE hub_searchdocument_fts MATCH %s {visible}"
            f"ORDER BY bm25(hub_searchdocument_fts, {weights}) LIMIT %s",
            [expression, limit],
        )
        found = cursor.fetchall()
    if not partial:
        return [Match(pk, page, len(groups)) for pk, page in found]
    ids = [pk for pk, _ in found]
    matched: Counter[int] = Counter()
    for group in groups:
        matched.update(holding(ids, group))
    ranked = [Match(pk, page, matched[pk]) for pk, page in found]
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
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, page_id, {count} AS matched FROM hub_searchdocument, "
            "to_tsquery('simple', %s) AS query "
            f"WHERE vector @@ query {visible}"
            "ORDER BY matched DESC, ts_rank(vector, query, 1) DESC, id LIMIT %s",
            [*params, joined, limit],
        )
        return [Match(pk, page, matched) for pk, page, matched in cursor.fetchall()]
