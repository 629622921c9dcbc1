"""The permission ladder for every field view: anonymous, editor, the author (people["officer"]),
an officer named in the report, another officer, the unit's supervisor, another unit's
supervisor, the chief."""

import pytest
from django.urls import reverse

from defuse.field import workflow
from defuse.field.models import Report, ReportOfficer

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(people):
    report = workflow.start_draft(people["officer"])
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.SUBMITTED, case_number="24-777", district="North"
    )
    ReportOfficer.objects.create(report=report, user=people["named"], order=2)
    return report


DETAIL_LADDER = {
    "officer": 200,
    "named": 200,
    "colleague": 404,
    "stranger": 404,
    "supervisor": 200,
    "other_supervisor": 404,
    "chief": 200,
    "editor": 403,
    "administrator": 403,
}


def test_anonymous_is_asked_to_log_in(client, submitted):
    for name, args in (("reports", []), ("report", [submitted.pk]), ("edit", [submitted.pk]),
                       ("review_queue", [])):  # fmt: skip
        response = client.get(reverse(f"field:{name}", args=args))
        assert response.status_code == 302 and "/accounts/login/" in response.url, name
    for name in ("new", "review", "amend"):
        args = [] if name == "new" else [submitted.pk]
        assert "/accounts/login/" in client.post(reverse(f"field:{name}", args=args)).url
    assert client.post(reverse("field:autosave", args=[submitted.pk])).status_code == 401


@pytest.mark.parametrize("who, status", DETAIL_LADDER.items())
def test_report_detail_ladder(client, people, submitted, who, status):
    client.force_login(people[who])
    assert client.get(reverse("field:report", args=[submitted.pk])).status_code == status


@pytest.mark.parametrize("who, status", DETAIL_LADDER.items())
def test_report_list_ladder(client, people, submitted, who, status):
    client.force_login(people[who])
    response = client.get(reverse("field:reports"))
    assert response.status_code == (403 if status == 403 else 200)
    if response.status_code == 200:
        assert ("24-777" in response.content.decode()) == (who in {"officer", "named"})


@pytest.mark.parametrize("who", ["named", "colleague", "supervisor", "chief", "editor"])
def test_only_the_author_edits(client, people, who):
    report = workflow.start_draft(people["officer"])
    client.force_login(people[who])
    for name in ("edit", "autosave"):
        method = client.get if name == "edit" else client.post
        assert method(reverse(f"field:{name}", args=[report.pk])).status_code in (403, 404)
    assert Report.objects.get().draft_data is None


@pytest.mark.parametrize(
    "who, allowed",
    [("officer", False), ("named", False), ("colleague", False), ("other_supervisor", False),
     ("editor", False), ("supervisor", True), ("chief", True)],
)  # fmt: skip
def test_review_ladder(client, people, submitted, who, allowed):
    client.force_login(people[who])
    response = client.post(reverse("field:review", args=[submitted.pk]), {"decision": "approve"})
    submitted.refresh_from_db()
    assert (submitted.status == Report.Status.CLOSED) == allowed
    if not allowed:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("who, status", [("officer", 403), ("editor", 403), ("supervisor", 200),
                                         ("chief", 200)])  # fmt: skip
def test_review_queue_ladder(client, people, submitted, who, status):
    client.force_login(people[who])
    response = client.get(reverse("field:review_queue"))
    assert response.status_code == status
    if status == 200:
        assert "24-777" in response.content.decode()


def test_other_supervisors_queue_does_not_show_it(client, people, submitted):
    client.force_login(people["other_supervisor"])
    assert "24-777" not in client.get(reverse("field:review_queue")).content.decode()


@pytest.mark.parametrize("who", ["editor", "chief", "administrator"])
def test_only_officers_and_supervisors_file_reports(client, people, who):
    client.force_login(people[who])
    assert client.post(reverse("field:new")).status_code == 403
    assert not Report.objects.exists()


def test_only_the_author_amends(client, people, submitted):
    Report.objects.filter(pk=submitted.pk).update(status=Report.Status.CLOSED)
    for who in ("named", "supervisor", "chief"):
        client.force_login(people[who])
        response = client.post(reverse("field:amend", args=[submitted.pk]), {"reason": "x"})
        assert response.status_code == 404, who
    assert Report.objects.count() == 1


DRAFT_LADDER = {**dict.fromkeys(DETAIL_LADDER, 404), "officer": 200, "editor": 403,
                "administrator": 403}  # fmt: skip


@pytest.fixture
def drafts(people, submitted):
    """A new draft naming a colleague, and an amendment draft of a closed report."""
    fresh = workflow.start_draft(people["officer"])
    ReportOfficer.objects.create(report=fresh, user=people["named"], order=2)
    Report.objects.filter(pk=submitted.pk).update(status=Report.Status.CLOSED)
    submitted.refresh_from_db()
    amendment = workflow.amend(submitted, people["officer"], "The district was wrong.")
    return {"draft": fresh, "amendment draft": amendment}


@pytest.mark.parametrize("who, status", DRAFT_LADDER.items())
@pytest.mark.parametrize("kind", ["draft", "amendment draft"])
def test_a_draft_is_its_authors_alone_until_submitted(client, people, drafts, who, status, kind):
    client.force_login(people[who])
    draft = drafts[kind]
    assert draft.status == Report.Status.DRAFT
    assert client.get(reverse("field:report", args=[draft.pk])).status_code == status
    editing = 403 if who == "chief" else status  # chiefs file nothing, so edit nothing
    assert client.get(reverse("field:edit", args=[draft.pk])).status_code == editing
    assert Report.objects.visible_to(people[who]).filter(pk=draft.pk).exists() == (who == "officer")
