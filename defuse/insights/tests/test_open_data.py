"""The open-data export: no names, officer ids, case numbers, exact times or addresses; small
groups have their district suppressed; only chiefs export."""

import csv
import io
from collections import Counter
from datetime import timedelta

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from defuse.field.models import ForceApplication, ForceType, Report
from defuse.insights.open_data import COLUMNS, SMALL_COUNT, SUPPRESSED

from . import expected
from .builders import local, report
from .conftest import FIRST, LAST, PERIOD

pytestmark = pytest.mark.django_db


def make(officer, n, district, call_type="disturbance"):
    when = timezone.now().replace(minute=37, second=12) - timedelta(days=2)
    for i in range(n):
        Report.objects.create(
            author=officer, unit=officer.unit, status=Report.Status.CLOSED,
            case_number=f"CASE-{district}-{i}", occurred_at=when, district=district, beat="B7",
            address="12 Hidden Lane", call_type=call_type, outcome="advice",
            narrative_deescalation="Officer Smith talked.",
        )  # fmt: skip


def test_the_export_is_de_identified(client, officer, chief):
    officer.badge_number = "BADGE-9"
    officer.save()
    make(officer, 6, "North")
    make(officer, 2, "South", call_type="assault")
    client.force_login(chief)
    response = client.get(reverse("insights:open_data"))
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == COLUMNS and len(rows) == 9
    forbidden = (officer.username, officer.last_name, "BADGE-9", "CASE-", "Hidden Lane", "B7",
                 "Smith", ":37")  # fmt: skip
    for value in forbidden:
        assert value not in text, value
    assert not {"officer", "author", "case_number", "address", "beat"} & set(rows[0])
    assert all(row[0].endswith(":00") for row in rows[1:])
    districts = [row[1] for row in rows[1:]]
    assert districts.count("North") == 6 and districts.count("suppressed") == 2


def download(client, user, query=PERIOD) -> list[dict]:
    client.force_login(user)
    response = client.get(reverse("insights:open_data") + query)
    assert response["Content-Disposition"] == 'attachment; filename="deescalation-open-data.csv"'
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


@pytest.mark.parametrize("which", [None, "alpha", "bravo"])
def test_one_row_per_counted_encounter_oldest_first(client, agency, which):
    chosen = getattr(agency, which) if which else None
    units = {chosen.pk} if chosen else expected.EVERY_UNIT
    query = PERIOD + (f"&unit={chosen.pk}" if chosen else "")
    rows = download(client, agency.chief, query)
    wanted = sorted(
        (timezone.localtime(r.occurred_at).strftime("%Y-%m-%dT%H:00"), r.call_type,
         _yes(r.force), _yes(r.crisis), _yes(r.subject_injured), _yes(r.officer_injured),
         r.outcome, str(len(r.techniques)))
        for r in expected.counted(FIRST, LAST, units)
    )  # fmt: skip
    compared = ["occurred_hour", "call_type", "force_used", "crisis_related", "subject_injured",
                "officer_injured", "outcome", "technique_count"]  # fmt: skip
    shown = [tuple(row[column] for column in compared) for row in rows]
    assert shown == wanted  # sorted by hour: oldest first
    if which != "bravo":
        assert "2025-01-31T23:00" in {row["occurred_hour"] for row in rows}  # local, not UTC


def test_nothing_typed_by_a_person_leaves_the_agency(client, officer, chief):
    """Every free-text field of a report except the district holds a marker; none is exported."""
    published = {"district"}
    typed = [
        f.name for f in Report._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
        and f.name not in published
    ]  # fmt: skip
    assert {"case_number", "address", "beat", "bwc_reference", "narrative_why_force"} <= set(typed)
    for n in range(SMALL_COUNT):
        report(officer, occurred_at=local(2025, 2, 3, 9, 41), force=True, district="North",
               **{name: f"SECRET-{name}-{n}" for name in typed})  # fmt: skip
    client.force_login(chief)
    response = client.get(reverse("insights:open_data") + PERIOD)
    text = b"".join(response.streaming_content).decode()
    assert text.count("\n") == SMALL_COUNT + 1 and "SECRET-" not in text
    for value in (officer.username, officer.first_name, officer.last_name, ":41"):
        assert value not in text, value


@pytest.mark.parametrize("n, district", [(SMALL_COUNT - 1, SUPPRESSED), (SMALL_COUNT, "North")])
def test_the_district_shows_from_the_fifth_encounter(client, officer, chief, n, district):
    for day in range(1, n + 1):
        report(officer, occurred_at=local(2025, 2, day), district="North")
    rows = download(client, chief)
    assert [row["district"] for row in rows] == [district] * n


def test_a_group_is_one_district_month_and_call_type(client, officer, chief):
    """Spelling of the district does not split a group; a month or a call type does."""
    for district in ("North", "north ", " NORTH", "North", "North"):
        report(officer, occurred_at=local(2025, 1, 12), district=district)
    for _ in range(3):  # 3 in January and 2 in February: 23:30 on 31 January is January
        report(officer, occurred_at=local(2025, 1, 31, 23, 30), district="South")
    for _ in range(2):
        report(officer, occurred_at=local(2025, 2, 1, 0, 30), district="South")
    for call_type in ("theft", "theft", "theft", "assault", "assault"):
        report(officer, occurred_at=local(2025, 3, 5), district="East", call_type=call_type)
    rows = download(client, chief)
    by_place = Counter(row["district"] for row in rows)
    assert by_place == {"North": 3, "north ": 1, " NORTH": 1, SUPPRESSED: 10}


def test_force_level_and_techniques(client, officer, chief):
    made = report(officer, occurred_at=local(2025, 2, 3), techniques=["time", "distance"],
                  force=True, weapon="edged", medical_aid=True, transported=True)  # fmt: skip
    for level in (4, 2):
        ForceApplication.objects.create(
            report=made, force_type=ForceType.objects.filter(level=level).first()
        )
    (row,) = download(client, chief)
    assert row["techniques"] == "time;distance" and row["technique_count"] == "2"
    assert row["highest_force_level"] == "4" and row["weapon"] == "edged"
    assert (row["medical_aid"], row["transported"], row["force_used"]) == ("yes", "yes", "yes")
    assert row["district"] == SUPPRESSED  # one encounter
