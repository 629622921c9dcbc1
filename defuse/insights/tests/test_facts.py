"""The monthly counts stay equal to the reports: a slice rebuilt alone equals the full rebuild,
an approval (of an amendment too) recounts every slice it changed, an import recounts on commit."""

import io
from collections import Counter
from datetime import date

import pytest
from django.utils import timezone

from defuse.field import workflow
from defuse.field.importing.files import open_table
from defuse.field.importing.plan import read_plan
from defuse.field.importing.profiles import load_profile
from defuse.field.importing.write import write_plan
from defuse.field.models import Report
from defuse.insights import metrics
from defuse.insights.facts import rebuild
from defuse.insights.models import ReportFact, StaleSlice, TechniqueFact
from defuse.insights.queries import facts
from defuse.insights.subscriptions import recount_approved
from defuse.insights.tasks import recount_marked

from . import expected
from .builders import local, report, scope_for

pytestmark = pytest.mark.django_db

EVER = date(2000, 1, 1), date(2100, 12, 1)


def snapshot() -> tuple[Counter, Counter]:
    """Every fact row, as a multiset of its values."""
    reports = ReportFact.objects.values_list(
        "month", "unit_id", "call_type", "outcome", "crisis", "force_used", "documented",
        "subject_injured", "officer_injured", "reports", "reviewed", "review_seconds",
    )  # fmt: skip
    techniques = TechniqueFact.objects.values_list(
        "month", "unit_id", "technique_id", "force_used", "reports"
    )
    return Counter((*row[:-1], round(row[-1], 3)) for row in reports), Counter(techniques)


def fully_rebuilt() -> tuple[Counter, Counter]:
    rebuild(everything=True)
    return snapshot()


def counts_by_slice() -> dict:
    found: Counter[tuple] = Counter()
    for month, unit_id, n in ReportFact.objects.values_list("month", "unit_id", "reports"):
        found[month, unit_id] += n
    return dict(found)


def rows_by_slice() -> dict:
    return dict(Counter((row.month, row.unit_id) for row in expected.counted(*EVER)))


def test_the_counts_equal_the_rows_in_every_month_and_unit(agency):
    assert counts_by_slice() == rows_by_slice()
    assert (date(2025, 1, 1), None) not in counts_by_slice()  # the loner filed in February
    assert (date(2024, 12, 1), agency.alpha.pk) in counts_by_slice()  # 23:30 on 31 December


def test_rebuilding_slice_by_slice_equals_the_full_rebuild(agency):
    full = snapshot()
    ReportFact.objects.all().delete()
    TechniqueFact.objects.all().delete()
    written = sum(rebuild(month, unit_id) for month, unit_id in rows_by_slice())
    assert snapshot() == full
    assert written == ReportFact.objects.count()


def test_a_full_rebuild_twice_writes_the_same_rows(agency):
    assert fully_rebuilt() == fully_rebuilt()


def test_rebuilding_one_slice_touches_no_other(agency):
    before = snapshot()
    report(agency.officer, occurred_at=local(2025, 2, 25), force=True)  # no signal: not counted yet
    rebuild(date(2025, 2, 1), agency.bravo.pk)
    assert snapshot() == before
    rebuild(date(2025, 2, 1), agency.alpha.pk)
    assert snapshot() == fully_rebuilt()
    assert counts_by_slice() == rows_by_slice()


def test_rebuilding_the_slice_without_a_unit(agency):
    report(agency.loner, occurred_at=local(2025, 2, 26))
    rebuild(date(2025, 2, 1), None)
    assert counts_by_slice()[date(2025, 2, 1), None] == 2
    assert snapshot() == fully_rebuilt()


def _submitted_amendment(original, author, **changes) -> Report:
    copy = workflow.amend(original, author, "Corrected after review of the camera footage.")
    changes.update(status=Report.Status.SUBMITTED, submitted_at=timezone.now())
    Report.objects.filter(pk=copy.pk).update(**changes)
    copy.refresh_from_db()
    return copy


@pytest.mark.parametrize(
    "change",
    [
        {"occurred_at": local(2025, 2, 12)},  # another month
        {"force_used": False, "outcome": "voluntary_compliance"},  # the same month
        {"unit": "bravo", "occurred_at": local(2025, 3, 2)},  # another unit and month
    ],
    ids=["moved-month", "same-slice", "moved-unit"],
)
def test_approving_an_amendment_recounts_both_slices(
    agency, django_capture_on_commit_callbacks, change
):
    change = {
        key: getattr(agency, value) if key == "unit" else value for key, value in change.items()
    }
    original = report(agency.officer, occurred_at=local(2025, 1, 12), force=True)
    rebuild(everything=True)
    amendment = _submitted_amendment(original, agency.officer, **change)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.review(amendment, agency.supervisor, approve=True, comment="")
    assert counts_by_slice() == rows_by_slice()
    assert snapshot() == fully_rebuilt()
    january = expected.counted(date(2025, 1, 1), date(2025, 1, 1), {agency.alpha.pk})
    assert len(january) == 4 + ("occurred_at" not in change)  # the original left, or the copy


def test_a_returned_amendment_leaves_the_original_counted(
    agency, django_capture_on_commit_callbacks
):
    original = report(agency.officer, occurred_at=local(2025, 1, 12), force=True)
    rebuild(everything=True)
    before = snapshot()
    amendment = _submitted_amendment(original, agency.officer, occurred_at=local(2025, 2, 12))
    with django_capture_on_commit_callbacks(execute=True):
        workflow.review(amendment, agency.supervisor, approve=False, comment="Check the time.")
    assert snapshot() == before


def test_an_approval_marks_its_slice_and_the_recount_clears_the_mark(agency):
    undated = report(agency.officer, occurred_at=None)
    recount_approved(sender=Report, report=undated)
    assert not StaleSlice.objects.exists()  # counted nowhere, so nothing is stale
    dated = report(agency.officer, occurred_at=local(2025, 3, 4))
    recount_approved(sender=Report, report=dated)
    (mark,) = StaleSlice.objects.all()
    assert (mark.month, mark.unit_id) == (date(2025, 3, 1), dated.unit_id)
    assert recount_marked() == 1
    assert not StaleSlice.objects.exists()
    assert recount_marked() == 0


HISTORY = """case_number,occurred_at,officer,district,call_type,outcome,techniques,force_used,\
subject_injured,officer_injured,crisis,is_training
H-1,2025-01-03 10:00,{alpha},North,assault,arrest,,yes,yes,no,no,no
H-2,2025-02-28 23:45,{alpha},North,Mental health / behavioural crisis,referral,time;distance,no,\
no,no,yes,no
H-3,2025-03-09 08:15,{bravo},South,theft,citation,distance,no,no,yes,no,no
H-4,2025-03-09 09:15,{bravo},South,theft,citation,,yes,no,no,no,yes
"""


def test_an_import_recounts_when_it_commits(agency, django_capture_on_commit_callbacks):
    text = HISTORY.format(alpha=agency.officer.username, bravo=agency.bravo_officer.username)
    names = ["occurred_at", "officer", "district", "call_type", "outcome", "techniques",
             "force_used", "subject_injured", "officer_injured", "is_training"]  # fmt: skip
    columns = {"key": "case_number", "subject_crisis": "crisis"} | {n: n for n in names}
    profile = load_profile({"name": "History", "columns": columns})
    plan = read_plan(open_table(io.BytesIO(text.encode()), "history.csv"), profile)
    assert plan.ready, plan.problems
    scope = scope_for(agency.chief, "?from=2025-01&to=2025-03")
    with django_capture_on_commit_callbacks() as on_commit:
        assert write_plan(plan).new == 4
    assert metrics.headline(facts(scope))["encounters"] == 12  # not before the commit
    for callback in on_commit:
        callback()
    everyone = expected.counted(date(2025, 1, 1), date(2025, 3, 1))
    assert len(everyone) == 12 + 3  # the training entry is not counted
    shown = metrics.headline(facts(scope))
    assert {key: shown[key] for key in expected.headline(everyone)} == pytest.approx(
        expected.headline(everyone)
    )
    assert counts_by_slice() == rows_by_slice()


def test_deleting_a_unit_keeps_its_encounters_in_the_agency_figures(agency):
    agency.bravo.delete()
    scope = scope_for(agency.chief, "?from=2025-01&to=2025-03")
    assert metrics.headline(facts(scope))["encounters"] == len(
        expected.counted(date(2025, 1, 1), date(2025, 3, 1))
    )  # 12 reports; the counts show 9
