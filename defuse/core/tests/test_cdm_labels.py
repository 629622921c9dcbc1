"""An administrator words the CDM's parts the agency's way; every page that names them follows."""

import pytest
from django.urls import reverse

from defuse.core.cdm import cdm_labels
from defuse.core.templatetags.cdm_tags import cdm_label
from defuse.core.vocabulary import CDMStep

pytestmark = pytest.mark.django_db


def test_defaults_until_an_agency_changes_them():
    assert cdm_labels() == {step.value: step.label for step in CDMStep}
    assert cdm_label("assess") == CDMStep.ASSESS.label
    assert cdm_label("nonsense") == ""


def test_an_administrator_relabels_a_step(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("wagtailsettings:edit", args=["core", "cdmlabels"]), follow=True)
    assert page.status_code == 200
    url = page.redirect_chain[-1][0]
    data = {step.value: "" for step in CDMStep} | {"assess": "2. Size up the threat"}
    assert client.post(url, data).status_code == 302
    assert cdm_label("assess") == "2. Size up the threat"
    assert cdm_labels()["collect"] == CDMStep.COLLECT.label  # empty keeps the default


def test_officers_cannot_change_labels(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("wagtailsettings:edit", args=["core", "cdmlabels"]), {"assess": "x"}
    )
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")
    assert cdm_label("assess") == CDMStep.ASSESS.label
