"""Hand-made requests answer 400, never 500: ids past 64 bits in Defuse's own forms (and a draft
that stored one still opens), and Wagtail admin views given what their forms never send."""

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse
from django.utils.datastructures import MultiValueDictKeyError
from wagtail.blocks import StreamBlock

from defuse.field.models import ForceApplication, ForceType, Report
from defuse.platform.bad_requests import is_malformed

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"


def test_a_huge_id_in_a_report_is_an_unknown_choice_and_the_draft_still_opens(
    client, officer, checklist
):
    client.force_login(officer)
    client.post(reverse("field:new"))
    report = Report.objects.get(author=officer)
    edit = reverse("field:edit", args=[report.pk])
    typed = {
        "case_number": "24-9",
        "force-0-force_type": HUGE, "force-0-officer": HUGE, "force-0-subject": "1",
        "officers-1-user": HUGE, "subjects-0-races": [HUGE], "subjects-0-sex": HUGE,
        "location_type": HUGE, "subjects-TOTAL_FORMS": HUGE, "officers-TOTAL_FORMS": "-3",
        "checklist_items": ["9223372036854775808"],
        "techniques-TOTAL_FORMS": "1", "techniques-INITIAL_FORMS": "0",
        "techniques-0-technique": HUGE,
    }  # fmt: skip
    submitted = client.post(edit, {**typed, "submit": "1"})
    assert submitted.status_code == 400  # the form again, with its errors
    assert "Select a valid choice" in submitted.content.decode()
    page = client.get(edit)  # the stored draft, with its errors, opens
    assert page.status_code == 200
    assert 'value="24-9"' in page.content.decode()


def test_a_huge_id_in_an_assignment_is_an_unknown_choice(client, supervisor):
    client.force_login(supervisor)
    response = client.post(
        reverse("training:assignment_new"),
        {"scenario": HUGE, "units": [HUGE], "officers": [HUGE], "due_date": "2030-01-01"},
    )
    assert response.status_code == 400  # the form again, with its errors
    assert "Select a valid choice" in response.content.decode()
    assert "This request could not be read" not in response.content.decode()


@pytest.mark.parametrize(
    "url, status",
    [
        ("/admin/snippets/choose/core/technique/chosen/no-such-id/", 400),
        ("/admin/snippets/choose/field/forcetype/chosen/%00/", 400),
        # 10,000 characters of LIKE wildcards: a search that finds nothing (400 where SQLite
        # finds the pattern too complex for LIKE).
        ("/admin/pages/search/?q=" + "%25_" * 5000, 200),
    ],
)
def test_wagtail_admin_answers_400_to_what_its_pages_never_send(client, administrator, url, status):
    client.raise_request_exception = False
    client.force_login(administrator)
    response = client.get(url)
    assert response.status_code == status


def test_wagtail_admin_page_form_without_its_fields_is_a_400(client, administrator, topic_page):
    client.raise_request_exception = False
    client.force_login(administrator)
    add = reverse("wagtailadmin_pages:add", args=["hub", "articlepage", topic_page.pk])
    response = client.post(add, {"title": "Half a form"})
    assert response.status_code == 400
    assert "This request could not be read" in response.content.decode()


def test_deleting_a_force_type_that_reports_use_says_so_and_deletes_nothing(
    client, administrator, officer
):
    force = ForceType.objects.order_by("level").first()
    report = Report.objects.create(author=officer, case_number="24-1")
    ForceApplication.objects.create(report=report, force_type=force)
    client.raise_request_exception = False
    client.force_login(administrator)
    response = client.post(reverse("wagtailsnippets_field_forcetype:delete", args=[force.pk]))
    assert response.status_code == 409
    assert "still in use" in response.content.decode()
    assert ForceType.objects.filter(pk=force.pk).exists()


def test_a_nul_character_in_the_path_answers_400_on_every_database(client, administrator):
    client.force_login(administrator)
    response = client.get("/admin/workflows/tasks/add/wagtailcore/%00/")
    assert response.status_code == 400
    assert "This request could not be read" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/training/dashboard/?scenario=a%00b", "/search/?q=%00distance&q%00=1"]
)
def test_nul_characters_in_the_query_are_dropped_on_every_database(client, supervisor, url):
    """PostgreSQL refuses NUL in any text it is given (the dashboard's filter was a 500)."""
    client.force_login(supervisor)
    response = client.get(url)
    assert response.status_code == 200
    assert "\x00" not in str(response.wsgi_request.GET)


def raised_by(call) -> Exception:
    try:
        call()
    except Exception as error:  # noqa: BLE001 (the test wants whatever was raised)
        return error
    raise AssertionError("nothing was raised")


def test_only_what_wagtail_raises_is_answered_400_in_the_admin():
    """An error raised in Wagtail for a request its pages never send is the client's; the same
    error raised in Defuse's own code under /admin/ is Defuse's bug, and stays a 500."""
    request = RequestFactory().post("/admin/snippets/training/scenario/add/")
    wagtails = raised_by(lambda: StreamBlock().value_from_datadict(QueryDict(), {}, "passages"))
    defuses = raised_by(lambda: int("not a number"))
    assert isinstance(wagtails, MultiValueDictKeyError)
    assert is_malformed(request, wagtails)
    assert not is_malformed(request, defuses)


def test_a_nul_character_in_a_saved_draft_is_dropped_and_the_rest_kept(client, officer):
    """PostgreSQL's JSON refuses NUL (a 500 when the draft was stored as typed); nobody types
    one, so it is left out and everything else is kept."""
    client.force_login(officer)
    client.post(reverse("field:new"))
    report = Report.objects.get(author=officer)
    edit = reverse("field:edit", args=[report.pk])
    response = client.post(edit, {"case_number": "24-\x0077", "beat": "N3", "save": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.draft_data["case_number"] == ["24-77"]
    assert 'value="N3"' in client.get(edit).content.decode()
