"""Related items: those sharing the most subtopics and techniques, then similar text.

A fixed handful of queries whatever the size of the hub, and cached until content changes.
"""

from collections import Counter

from django.db.models import Count

from defuse.platform.content_cache import cached

from .fulltext import Mode, best_matches
from .models import HubItemPage
from .models.items import SUMMARY_FIELDS

RELATED_COUNT = 4
CANDIDATES = 40
RELATED_CACHE_SECONDS = 600


def shared_tag_scores(item: HubItemPage) -> Counter:
    """How many subtopics and techniques each other item shares with this one."""
    scores: Counter[int] = Counter()
    for relation, column in (
        (HubItemPage.subtopics, "subtopic_id"),
        (HubItemPage.techniques, "technique_id"),
    ):
        links = relation.through.objects
        tags = links.filter(hubitempage_id=item.pk).values(column)
        rows = (
            links.filter(**{f"{column}__in": tags})
            .exclude(hubitempage_id=item.pk)
            .values("hubitempage_id")
            .annotate(shared=Count("id"))
            .order_by("-shared")[:CANDIDATES]
        )
        for row in rows:
            scores[row["hubitempage_id"]] += row["shared"]
    return scores


def similar_text(item: HubItemPage, exclude: set[int]) -> list[HubItemPage]:
    words = " ".join(word for word in item.title.split() if len(word) > 3)
    if not words:
        return []
    candidates = HubItemPage.objects.live().public().exclude(pk__in=exclude | {item.pk})
    ids = best_matches(candidates, words, RELATED_COUNT, Mode.ANY_WORD)
    found = {other.pk: other for other in candidates.filter(pk__in=ids).only(*SUMMARY_FIELDS)}
    return [found[pk] for pk in ids if pk in found]


def related_items(item: HubItemPage) -> list[dict]:
    def load():
        scores = shared_tag_scores(item)
        top = [pk for pk, _ in scores.most_common(CANDIDATES)]
        found = list(HubItemPage.objects.live().public().filter(pk__in=top).only(*SUMMARY_FIELDS))
        found.sort(key=lambda other: (-scores[other.pk], -other.publication_date.toordinal()))
        chosen = found[:RELATED_COUNT]
        if len(chosen) < RELATED_COUNT:
            taken = {other.pk for other in chosen}
            chosen += similar_text(item, taken)[: RELATED_COUNT - len(chosen)]
        return [other.summary() for other in chosen]

    return cached(f"hub:related:{item.pk}", load, RELATED_CACHE_SECONDS)
