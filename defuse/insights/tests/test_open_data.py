"""The open-data export: k-anonymous on the quasi-identifiers (checked on every row, for random
agencies and for the demo year, where under 10 % of rows may be left out), generalised before
suppressed; no names, officer ids, case numbers, addresses or times of day; health and crisis
only in totals, small totals withheld; the data dictionary says what the file holds."""

import csv
import io
import random
from collections import Counter

import pytest
from django.db import models
from django.urls import reverse

from defuse.field.models import Code, ForceApplication, ForceType, Report
from defuse.insights import open_data
from defuse.insights.open_data import COLUMNS, QUASI_IDENTIFIERS

from .builders import local, report
from .conftest import PERIOD

pytestmark = pytest.mark.django_db
QUASI = len(QUASI_IDENTIFIERS)


def download(client, user, name="insights:open_data", query=PERIOD) -> list[dict]:
    client.force_login(user)
    response = client.get(reverse(name) + query)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def assert_k_anonymous(rows: list[list], k: int) -> None:
    groups = Counter(tuple(row[:QUASI]) for row in rows)
    assert not groups or min(groups.values()) >= k, min(groups.values())


def test_the_export_holds_nothing_that_names_a_person_a_place_or_a_time(client, officer, chief):
    """Every free-text field of a report but the district holds a marker; none is exported."""
    officer.badge_number = "BADGE-9"
    officer.save()
    typed = [
        f.name for f in Report._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
        and f.name != "district"
    ]  # fmt: skip
    assert {"case_number", "address", "beat", "bwc_reference", "narrative_why_force"} <= set(typed)
    for n in range(6):
        report(officer, occurred_at=local(2025, 2, 3, 9, 41), force=True,
               **{name: f"SECRET-{name}-{n}" for name in typed})  # fmt: skip
    client.force_login(chief)
    response = client.get(reverse("insights:open_data") + PERIOD)
    text = b"".join(response.streaming_content).decode()
    assert text.count("\n") == 7 and "SECRET-" not in text
    for value in (officer.username, officer.first_name, officer.last_name, "BADGE-9", ":41", "09"):
        assert value not in text, value
    header = text.splitlines()[0].split(",")
    assert header == COLUMNS
    assert not {"officer", "author", "case_number", "address", "beat", "occurred_hour"} & set(
        header
    )
    assert not {"crisis_related", "medical_aid", "transported", "weapon"} & set(header)


def random_agency(officer, n: int, seed: int) -> None:
    rng = random.Random(seed)
    sexes = list(Code.objects.filter(element="sex"))
    races = list(Code.objects.filter(element="race"))
    for _ in range(n):
        made = report(
            officer,
            occurred_at=local(2025, rng.randint(1, 3), rng.randint(1, 28), rng.randint(0, 23)),
            district=rng.choice(["North", "South", "East"]),
            call_type=rng.choice(["disturbance", "mental_health", "theft", "assault", "traffic"]),
            outcome=rng.choice(["advice", "arrest", "referral", "citation"]),
            force=rng.random() < 0.3,
        )  # fmt: skip
        subject = made.subjects.get()
        subject.age, subject.sex = rng.randint(15, 70), rng.choice(sexes)
        subject.save()
        subject.races.set([rng.choice(races)])


@pytest.mark.parametrize("seed, k", [(1, 5), (2, 5), (3, 3), (4, 10)])
def test_every_published_row_shares_its_quasi_identifiers_with_k_minus_one_others(
    officer, chief, seed, k
):
    random_agency(officer, 120, seed)
    published = open_data.release(open_data.records(Report.objects.countable()), k=k)
    assert published.total == 120
    assert_k_anonymous(published.rows, k)
    assert len(published.rows) + published.suppressed == 120
    assert published.suppressed_share <= 0.05
    assert published.smallest_group >= k


def test_rare_details_are_generalised_before_any_row_is_left_out(officer, chief):
    """Five encounters in five months with two call types of one group: published by a
    longer period and the call-type group, nothing suppressed."""
    calls = ["mental_health", "welfare_check", "mental_health", "welfare_check", "mental_health"]
    for month, call_type in enumerate(calls, start=1):
        report(officer, occurred_at=local(2025, month, 10), call_type=call_type)
    published = open_data.release(open_data.records(Report.objects.countable()), k=5)
    assert published.suppressed == 0 and len(published.rows) == 5
    levels = {c: level for c, level, _ in published.generalisation()}
    assert levels["period"] in ("year", "all")
    assert {row[2] for row in published.rows} in ({"crisis_or_welfare"}, {"all"})


def test_a_group_smaller_than_k_even_at_all_is_left_out_and_counted(officer, chief):
    for day in range(1, 4):
        report(officer, occurred_at=local(2025, 2, day))
    published = open_data.release(open_data.records(Report.objects.countable()), k=5)
    assert published.rows == [] and published.suppressed == 3


def test_the_de_escalation_columns(client, officer, chief):
    made = [report(officer, occurred_at=local(2025, 2, 3), techniques=["time", "distance"],
                   force=n == 0, weapon="edged", medical_aid=True) for n in range(5)]  # fmt: skip
    for level in (4, 2):
        ForceApplication.objects.create(
            report=made[0], force_type=ForceType.objects.filter(level=level).first()
        )
    rows = download(client, chief)
    assert len(rows) == 5
    forced = [row for row in rows if row["force_used"] == "yes"]
    assert len(forced) == 1 and forced[0]["highest_force_level"] == "4"
    assert forced[0]["resolved_without_force"] == "no"
    for row in rows:
        assert row["techniques_attempted"] == "time;distance" and row["technique_count"] == "2"
        assert row["deescalation_documented"] == "yes"


def test_health_and_crisis_are_totals_with_small_counts_withheld(client, officer, chief):
    for n in range(7):
        report(officer, occurred_at=local(2025, 2, 3), crisis=n < 6, medical_aid=n < 2)
    totals = {row["measure"]: row["encounters"]
              for row in download(client, chief, "insights:open_data_totals")}  # fmt: skip
    assert totals["crisis_related"] == "6"
    assert totals["medical_aid"] == "fewer than 5"
    assert totals["weapon_present"] == "0" and totals["all_encounters"] == "7"


def test_the_data_dictionary_says_what_the_file_holds(client, officer, chief):
    random_agency(officer, 60, 9)
    rows = download(client, chief)
    page = client.get(reverse("insights:open_data_page") + PERIOD).content.decode()
    published = open_data.export(Report.objects.countable())
    assert f"<dt>Rows published</dt><dd>{len(rows)}</dd>" in page
    assert f"<dt>Encounters in the period</dt><dd>{published.total}</dd>" in page
    assert f"({published.suppressed_percent})" in page
    for column, level, _ in published.generalisation():
        assert f"<code>{column}</code></th><td>{level}</td>" in page
    assert "k = 5" in page


def test_rows_are_in_the_order_of_what_they_publish_not_of_time(officer, chief):
    random_agency(officer, 80, 11)
    published = open_data.release(open_data.records(Report.objects.countable()))
    assert published.rows == sorted(published.rows, key=lambda row: tuple(map(str, row)))
