"""Scenarios in the site search: for signed-in people only, gone when unpublished."""

import pytest

from defuse.hub import search
from defuse.hub.tests.factories import ArticlePageFactory
from defuse.training.models import Scenario

pytestmark = pytest.mark.django_db


def others(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [
        (hit.document.kind, hit.document.title, hit.document.url)
        for hit in response.context["others"]
    ]


def test_scenarios_are_found_by_signed_in_people_only(client, demo_scenarios, officer):
    scenario = Scenario.objects.get(title="Person in crisis on a footbridge")
    assert others(client, "footbridge") == []
    assert "/training/scenarios/" not in client.get("/search/?q=footbridge").content.decode()
    client.force_login(officer)
    found = others(client, "footbridge")
    assert found[0] == ("Scenario", scenario.title, f"/training/scenarios/{scenario.slug}/")
    html = client.get("/search/?q=footbridge").content.decode()
    assert f'href="/training/scenarios/{scenario.slug}/"' in html


def test_a_scenario_is_found_by_its_words_and_synonyms(client, demo_scenarios, officer):
    client.force_login(officer)
    assert "Person in crisis on a footbridge" in [t for _, t, _ in others(client, "bridge suicide")]
    assert "Man with a knife outside a corner shop" in [t for _, t, _ in others(client, "knives")]


def test_an_unpublished_scenario_leaves_the_search(client, demo_scenarios, officer):
    client.force_login(officer)
    scenario = Scenario.objects.get(title="Person in crisis on a footbridge")
    scenario.unpublish()
    assert others(client, "footbridge") == []


def test_a_signed_in_search_first_shows_no_scenario_to_the_next_reader(
    client, demo_scenarios, officer
):
    client.force_login(officer)
    assert others(client, "footbridge")
    client.logout()
    assert others(client, "footbridge") == []


def test_readers_signed_in_or_not_share_one_index_lookup(
    client, demo_scenarios, officer, monkeypatch
):
    lookups = []
    real = search.matches
    monkeypatch.setattr(search, "matches", lambda *a, **kw: lookups.append(a) or real(*a, **kw))
    assert others(client, "footbridge") == []
    client.force_login(officer)
    assert others(client, "footbridge")
    assert len(lookups) == 1


def test_scenarios_ranked_first_leave_anonymous_readers_a_full_window(
    client, demo_hub, demo_scenarios, officer, monkeypatch
):
    monkeypatch.setattr(search, "RESULT_WINDOW", 2)
    for n in range(3):
        ArticlePageFactory(parent=demo_hub, title=f"Note {n}", teaser="About a footbridge.")
    client.force_login(officer)
    assert others(client, "footbridge")
    client.logout()
    response = client.get("/search/", {"q": "footbridge"})
    assert response.context["total"] == 2
    assert response.context["search"].capped
