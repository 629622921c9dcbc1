"""Topic-page filters: audience, content type and subtopic, combinable, with counts.

Within one facet the chosen values are alternatives (patrol OR chiefs); across facets they must
all hold (patrol AND video). Each facet's counts apply the other facets' choices but not its own,
so a reader sees how many items each extra choice would add.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef

from defuse.platform.content_cache import cached

from .models import ITEM_TYPES, Audience, HubItemPage, Subtopic

FACETS = ("audience", "type", "subtopic")
COUNTS_CACHE_SECONDS = 300


def type_code(model) -> str:
    return model._meta.verbose_name.replace(" ", "-")


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class Facet:
    name: str
    legend: str
    options: list[Option] = field(default_factory=list)

    @property
    def selected(self) -> list[Option]:
        return [option for option in self.options if option.selected]


class TopicFilters:
    """Reads the filter choices from a request's query string and applies them."""

    def __init__(self, params, base_queryset, ids: list[int] | None = None):
        """`ids`, when given, are base_queryset's own rows (search results: a few hundred),
        which the counts then name outright instead of as a subquery over the library."""
        self.base = base_queryset
        self.ids = ids
        self.known = facet_labels()
        self.chosen = {}
        self.ignored = []
        for name in FACETS:
            values = params.getlist(name)
            self.chosen[name] = [v for v in dict.fromkeys(values) if v in self.known[name]]
            self.ignored += [v for v in values if v not in self.known[name]]

    @property
    def active(self) -> bool:
        return any(self.chosen.values())

    def apply(self, queryset, skip: str | None = None):
        chosen = {name: values for name, values in self.chosen.items() if name != skip}
        # EXISTS per row rather than IN (all matching ids): the listing reads items newest
        # first and stops after a page's worth instead of collecting every match first.
        if chosen.get("audience"):
            links = HubItemPage.audiences.through.objects.filter(
                hubitempage_id=OuterRef("pk"), audience__slug__in=chosen["audience"]
            )
            queryset = queryset.filter(Exists(links))
        if chosen.get("subtopic"):
            links = HubItemPage.subtopics.through.objects.filter(
                hubitempage_id=OuterRef("pk"), subtopic__slug__in=chosen["subtopic"]
            )
            queryset = queryset.filter(Exists(links))
        if chosen.get("type"):
            models = [m for m in ITEM_TYPES if type_code(m) in chosen["type"]]
            content_types = [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
            # "+ 0" keeps SQLite from reading through the content-type index (one type may be
            # nearly every row) instead of the newest-first date index.
            queryset = queryset.alias(type_id=F("content_type_id") + 0).filter(
                type_id__in=content_types
            )
        return queryset

    def items(self):
        return self.apply(self.base)

    def facets(self, cache_key: str) -> list[Facet]:
        counts = cached(
            f"hub:facets:{cache_key}:{self.signature()}", self.count_all, COUNTS_CACHE_SECONDS
        )
        legends = {"audience": "Audience", "type": "Type", "subtopic": "Subtopic"}
        return [
            Facet(
                name,
                legends[name],
                [
                    Option(value, label, counts[name].get(value, 0), value in self.chosen[name])
                    for value, label in self.known[name].items()
                ],
            )
            for name in FACETS
        ]

    def signature(self) -> str:
        return "|".join(f"{name}={','.join(sorted(self.chosen[name]))}" for name in FACETS)

    def counted(self, skip: str):
        """The items a facet's counts cover: every other facet's choices applied."""
        queryset = self.apply(self.base.order_by(), skip=skip)
        if self.ids is None:
            return queryset.values("pk")
        if not any(values for name, values in self.chosen.items() if name != skip):
            return self.ids
        # A list, not a subquery: PostgreSQL otherwise reads the whole link table to join it.
        return list(queryset.values_list("pk", flat=True))

    def count_all(self) -> dict[str, dict[str, int]]:
        audience = HubItemPage.audiences.through.objects.filter(
            hubitempage_id__in=self.counted("audience")
        )
        subtopic = HubItemPage.subtopics.through.objects.filter(
            hubitempage_id__in=self.counted("subtopic")
        )
        if self.ids is None:
            by_type = self.apply(self.base.order_by(), skip="type")
        else:
            by_type = HubItemPage.objects.filter(pk__in=self.counted("type")).order_by()
        by_type = by_type.values("content_type_id")
        type_codes = {ContentType.objects.get_for_model(m).pk: type_code(m) for m in ITEM_TYPES}
        return {
            "audience": dict(
                audience.values_list("audience__slug").annotate(n=Count("id")).order_by()
            ),
            "subtopic": dict(
                subtopic.values_list("subtopic__slug").annotate(n=Count("id")).order_by()
            ),
            "type": {
                type_codes.get(ct, ""): n
                for ct, n in by_type.annotate(n=Count("pk")).values_list("content_type_id", "n")
            },
        }


def facet_labels() -> dict[str, dict[str, str]]:
    """Every facet's values and labels; cached, and refreshed when the taxonomy changes."""

    def load():
        return {
            "audience": dict(Audience.objects.values_list("slug", "name")),
            "type": {type_code(m): m._meta.verbose_name.capitalize() for m in ITEM_TYPES},
            "subtopic": dict(Subtopic.objects.values_list("slug", "name")),
        }

    return cached("hub:facet-labels", load, COUNTS_CACHE_SECONDS)
