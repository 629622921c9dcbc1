"""Playable scenarios in the hub's search, for signed-in people only (they play them)."""

from collections.abc import Iterable, Iterator

from django.urls import reverse

from defuse.hub.search_index import Document, document_key, remove, store

from .models import Scenario


def scenario_document(scenario: Scenario) -> Document:
    passages = Scenario._meta.get_field("passages").get_searchable_content(scenario.passages)
    names = [subtopic.name for subtopic in scenario.subtopics.all()]
    return Document(
        key=document_key(scenario),
        kind="Scenario",
        title=scenario.title,
        url=reverse("training:scenario", args=[scenario.slug]),
        summary=scenario.summary,
        lead=" ".join(["training scenario", scenario.summary, *names]),
        body=" ".join(str(text) for text in passages),
        signed_in_only=True,
    )


def scenario_documents(ids: Iterable[int] | None = None) -> Iterator[Document]:
    scenarios = Scenario.objects.playable().prefetch_related("subtopics")
    if ids is not None:
        scenarios = scenarios.filter(pk__in=list(ids))
    for scenario in scenarios.iterator(chunk_size=50):
        yield scenario_document(scenario)


def index_scenario(pk: int) -> None:
    """Playable: stored; otherwise (unpublished, deleted): removed."""
    documents = list(scenario_documents([pk]))
    if documents:
        store(documents)
    else:
        remove([f"{Scenario._meta.label_lower}:{pk}"])


def on_changed(sender, instance, **kwargs) -> None:
    """published, unpublished or post_delete of a scenario."""
    index_scenario(instance.pk)
