"""The synthetic reports behind the demo year and the load tests: people with demographics,
incidents with several people and several officers, and the flags a submit keeps in step
(force used, injuries, crisis, firearm discharge) agreeing with the rows, as computed here."""

from collections import Counter

import pytest

from defuse.accounts.tests.factories import UnitFactory
from defuse.demo.synthetic_reports import generate_reports
from defuse.field.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    written = sum(generate_reports(600, [UnitFactory(), UnitFactory()], seed=2026))
    assert written == 600
    return list(
        Report.objects.prefetch_related(
            "subjects__races", "subjects__sex", "officers", "force__force_type", "techniques"
        )
    )


def test_the_flags_agree_with_the_rows(year):
    for report in year:
        subjects, officers, force = (
            list(report.subjects.all()), list(report.officers.all()), list(report.force.all())
        )  # fmt: skip
        assert report.force_used == bool(force), report.pk
        assert report.subject_injured == any(s.injured for s in subjects), report.pk
        assert report.officer_injured == any(o.injured for o in officers), report.pk
        assert report.crisis == any(s.crisis_indicators for s in subjects), report.pk
        assert report.firearm_discharged == any(f.force_type.is_firearm_discharge for f in force), (
            report.pk
        )
        assert report.technique_count == len(report.techniques.all()), report.pk
        assert officers[0].user_id == report.author_id
        assert {f.officer_id for f in force} <= {o.pk for o in officers}
        assert {f.subject_id for f in force} <= {s.pk for s in subjects}


def test_people_carry_demographics_and_incidents_have_crews(year):
    people = [subject for report in year for subject in report.subjects.all()]
    assert all(s.age and s.sex_id and s.ethnicity_id and s.races.all() for s in people)
    sexes = Counter(s.sex.code for s in people)
    assert sexes["M"] > sexes["F"] > 0
    sizes = Counter(len(report.subjects.all()) for report in year)
    crews = Counter(len(report.officers.all()) for report in year)
    assert sizes[1] > sizes[2] > 0 and crews[1] > 0 and crews[2] > 0 and crews[3] > 0
    by_colleague = sum(
        1
        for report in year
        for force in report.force.all()
        if force.officer.user_id != report.author_id
    )
    assert by_colleague > 0  # force by an officer other than the author
