"""The open-data export: no names, officer ids, case numbers, exact times or addresses; small
groups have their district suppressed; only chiefs export."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from defuse.accounts.roles import Role
from defuse.field.models import Report
from defuse.insights.open_data import COLUMNS

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


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.OFFICER, Role.EDITOR])
def test_only_chiefs_export(client, user_with_role, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("insights:open_data")).status_code == 403
