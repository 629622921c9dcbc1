"""Scenarios in the site search: for signed-in people only, gone when unpublished."""

import pytest

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
