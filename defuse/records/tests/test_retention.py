"""The retention schedule: what a dry run lists, what a purge removes and keeps, holds that
block it, and Insights figures that stay the same."""

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from defuse.accounts import audit
from defuse.accounts.models import AuditRecord
from defuse.accounts.roles import Role
from defuse.field.models import Report
from defuse.insights import facts, metrics
from defuse.insights.tests.builders import report, scope_for
from defuse.records import retention
from defuse.records.defaults import DEFAULT_RULES
from defuse.records.models import ComplaintFinding, LegalHold, RecordClass, RetentionRule

pytestmark = pytest.mark.django_db

YEAR = timedelta(days=366)


def closed(author, years_ago: float, **fields):
    """A report closed `years_ago` years ago (it happened a day before)."""
    when = timezone.now() - years_ago * YEAR
    return report(
        author, occurred_at=when - timedelta(days=1), submitted_at=when, closed_at=when, **fields
    )


def draft(author, years_ago: float):
    made = Report.objects.create(author=author, unit=author.unit)
    Report.objects.filter(pk=made.pk).update(updated_at=timezone.now() - years_ago * YEAR)
    return made


@pytest.fixture
def library(officer, user_with_role, unit):
    """Reports of every class, some due under the default schedule and some not."""
    other = user_with_role(Role.OFFICER, unit=unit)
    return {
        "plain, 3 years": closed(officer, 3, case_number="A-1"),
        "plain, 1 year": closed(officer, 1, case_number="A-2"),
        "force, 3 years": closed(officer, 3, force=True, case_number="A-3"),
        "force, 6 years": closed(officer, 6, force=True, case_number="A-4"),
        "complaint, no finding, 6 years": closed(officer, 6, complaint=True, case_number="A-5"),
        "complaint, not sustained, 6 years": closed(officer, 6, complaint=True, case_number="A-6"),
        "firearm, 20 years": closed(officer, 20, force=True, firearm_discharged=True),
        "arrest, 3 years": closed(officer, 3, outcome="arrest", case_number="A-8"),
        "practice, 2 years": closed(officer, 2, is_training=True, case_number="P-1"),
        "other officer, plain, 3 years": closed(other, 3, case_number="B-1"),
        "draft, 2 years": draft(officer, 2),
        "draft, 2 months": draft(officer, 0.2),
        "other": other,
    }


def names(library, items):
    by_pk = {value.pk: key for key, value in library.items() if isinstance(value, Report)}
    return sorted(by_pk[item.pk] for item in items if item.kind in ("report", "draft"))


DUE_BY_DEFAULT = [
    "complaint, not sustained, 6 years",
    "draft, 2 years",
    "force, 6 years",
    "other officer, plain, 3 years",
    "plain, 3 years",
    "practice, 2 years",
]


def test_the_default_schedule_names_its_authority_for_every_class():
    rules = {rule.record_class: rule for rule in RetentionRule.objects.all()}
    assert set(rules) == set(RecordClass.values)
    assert len(DEFAULT_RULES) == len(RecordClass.values)
    assert rules[RecordClass.REPORT_SUSTAINED].years == 15
    assert "832.5" in rules[RecordClass.REPORT_SUSTAINED].authority
    assert rules[RecordClass.REPORT_COMPLAINT].years == 5
    assert all(rule.authority for rule in rules.values())


def test_periods_are_calendar_years():
    rule = RetentionRule(years=1)
    assert retention.add_period(datetime(2024, 2, 29, 9), rule) == datetime(2025, 2, 28, 9)
    assert retention.add_period(datetime(2020, 11, 30), RetentionRule(months=3)) == datetime(
        2021, 2, 28
    )
    assert retention.add_period(datetime(2020, 1, 1), RetentionRule(forever=True)) is None


def test_a_dry_run_lists_what_is_due_and_changes_nothing(library, capsys):
    ComplaintFinding.objects.create(case_number="A-6", finding="not_sustained")
    before = Report.objects.count()
    assert names(library, retention.due()) == DUE_BY_DEFAULT
    call_command("purge_records", "--dry-run")
    out = capsys.readouterr().out
    assert "6 records due (dry run: nothing purged)" in out
    assert "A-6\treport_complaint" in out  # the class whose period decided
    assert Report.objects.count() == before


def test_a_complaint_is_kept_fifteen_years_until_a_finding_clears_it(library):
    assert "complaint, not sustained, 6 years" not in names(library, retention.due())
    ComplaintFinding.objects.create(case_number="A-6", finding="exonerated")
    assert "complaint, not sustained, 6 years" in names(library, retention.due())
    ComplaintFinding.objects.create(case_number="A-5", finding="sustained")
    assert "complaint, no finding, 6 years" not in names(library, retention.due())


def test_the_purge_removes_what_is_due_and_writes_it_to_the_audit_trail(library):
    ComplaintFinding.objects.create(case_number="A-6", finding="not_sustained")
    gone = retention.purge()
    assert names(library, gone) == DUE_BY_DEFAULT
    kept = set(Report.objects.values_list("pk", flat=True))
    for name, value in library.items():
        if isinstance(value, Report):
            assert (value.pk in kept) == (name not in DUE_BY_DEFAULT), name
    purged = AuditRecord.objects.get(action="retention.purged report")
    assert purged.detail["count"] == 5
    assert AuditRecord.objects.get(action="retention.purged draft").detail["count"] == 1
    assert list(audit.verify()) == []


@pytest.mark.parametrize("hold_by", ["report", "case_number", "officer"])
def test_a_held_report_is_never_purged(library, hold_by):
    held = library["plain, 3 years"]
    target = {"report": {"report": held}, "case_number": {"case_number": "A-1"}}.get(
        hold_by, {"officer": held.author}
    )
    LegalHold.objects.create(reason="Records request 26-114", **target)
    gone = names(library, retention.purge())
    assert "plain, 3 years" not in gone
    assert Report.objects.filter(pk=held.pk).exists()
    if hold_by == "officer":  # their drafts too; another officer's reports are not held
        assert "draft, 2 years" not in gone
        assert "other officer, plain, 3 years" in gone


def test_a_released_hold_blocks_nothing(library):
    LegalHold.objects.create(
        reason="Settled", case_number="A-1", released_at=timezone.now() - timedelta(days=1)
    )
    assert "plain, 3 years" in names(library, retention.due())


def test_the_versions_of_a_report_go_together_and_a_hold_on_one_keeps_all(officer):
    first = closed(officer, 3, case_number="C-1", superseded=True)
    amended = closed(officer, 3, case_number="C-1", amends=first, revision=2)
    newer_only = closed(officer, 3, case_number="C-2", superseded=True)
    closed(officer, 1, case_number="C-2", amends=newer_only, revision=2)  # not due yet
    hold = LegalHold.objects.create(reason="Litigation", report=amended)
    due = {item.pk for item in retention.due()}
    assert first.pk not in due and amended.pk not in due  # the hold covers both versions
    assert newer_only.pk not in due  # its amendment is not due: the versions stay together
    hold.released_at = timezone.now()
    hold.save()
    retention.purge()
    assert not Report.objects.filter(case_number="C-1").exists()
    assert Report.objects.filter(case_number="C-2").count() == 2


def test_insights_figures_are_the_same_after_a_purge(library, chief):
    ComplaintFinding.objects.create(case_number="A-6", finding="not_sustained")
    facts.rebuild(everything=True)
    scope = scope_for(chief, "?from=2000-01&to=" + timezone.localdate().strftime("%Y-%m"))
    before = [chart.rows for chart in metrics.all_charts(scope)]
    counted = Report.objects.countable().count()  # what the figures must add up to
    assert metrics.headline(metrics_facts(scope))["encounters"] == counted
    assert len(retention.purge()) == 6
    facts.rebuild(everything=True)  # a full recount after the purge keeps the carried counts
    scope = scope_for(chief, "?from=2000-01&to=" + timezone.localdate().strftime("%Y-%m"))
    assert [chart.rows for chart in metrics.all_charts(scope)] == before
    assert metrics.headline(metrics_facts(scope))["encounters"] == counted
    assert Report.objects.countable().count() == counted - 4  # four real reports went


def metrics_facts(scope):
    from defuse.insights.queries import facts as scoped_facts

    return scoped_facts(scope)


def test_old_audit_records_go_and_the_chain_still_verifies(settings):
    for number in range(6):
        audit.record("test", subject=f"thing:{number}")
    old = timezone.now() - 4 * YEAR
    AuditRecord.objects.filter(sequence__lte=3).update(at=old)  # (digests now stale: re-sign)
    previous = audit.GENESIS
    for entry in AuditRecord.objects.order_by("sequence"):
        entry.previous_digest = previous
        entry.digest = audit.digest_of(entry)
        entry.save()
        previous = entry.digest
    assert list(audit.verify()) == []
    retention.purge()
    assert sorted(AuditRecord.objects.values_list("sequence", flat=True))[0] == 4
    assert list(audit.verify()) == []
    AuditRecord.objects.filter(sequence=4).delete()  # what the schedule did not purge
    assert [problem.sequence for problem in audit.verify()] == [5]
