"""Reports filed before subjects and officers had rows of their own move without loss
(migrations 0008-0010): on a database holding reports of every shape, migrated forward for
real, every value is found again in its new place, and what was never recorded (who used the
force when several officers were there) stays unknown rather than guessed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from defuse.accounts.roles import Role
from defuse.accounts.tests.factories import UnitFactory
from defuse.core.vocabulary import Technique
from defuse.field.models import ForceType, Report

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("field", "0007_amendments_start_level")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_reports_of_every_shape_move_to_subjects_and_officers_without_loss(
    home_page, user_with_role
):  # home_page: the rows migrations made, made again if an earlier test emptied the tables
    unit = UnitFactory()
    author, partner, other = (user_with_role(Role.OFFICER, unit=unit) for _ in range(3))
    takedown = ForceType.objects.get(name="Takedown").pk
    distance = Technique.objects.get(code="distance").pk
    old = migrate(BEFORE)
    OldReport = old.get_model("field", "Report")
    alone = OldReport.objects.create(
        author_id=author.pk, unit_id=unit.pk, status="closed", case_number="ALONE",
        crisis_indicators=["suicidal"], impairments=["alcohol"], weapon="edged",
        inability_signs="Could not hear us.", subject_injured=True, officer_injured=True,
        medical_aid=True, ems_called=True, transported=True, transported_by="Ambulance 4",
        force_used=True,
    )  # fmt: skip
    alone.force.create(force_type_id=takedown)
    alone.techniques.create(order=1, technique_id=distance, effect="helped")
    crowded = OldReport.objects.create(
        author_id=author.pk, unit_id=unit.pk, status="submitted", case_number="CROWDED",
        officer_injured=True, force_used=True,
    )  # fmt: skip
    crowded.involved_officers.set([partner.pk, other.pk])
    crowded.force.create(force_type_id=takedown)
    draft = OldReport.objects.create(
        author_id=author.pk, unit_id=unit.pk, status="draft",
        draft_data={
            "case_number": ["D-1"], "weapon": ["blunt"], "crisis_indicators": ["distress"],
            "transported_by": ["A neighbour"], "subject_injured": ["on"],
            "involved_officers": [str(partner.pk)], "force_types": [str(takedown)],
            "techniques-0-technique": [str(distance)],
        },
    )  # fmt: skip

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # 0010 and all after it

    alone_now = Report.objects.get(pk=alone.pk)
    (subject,) = alone_now.subjects.all()
    assert (subject.crisis_indicators, subject.impairments, subject.weapon) == (
        ["suicidal"],
        ["alcohol"],
        "edged",
    )
    assert subject.inability_signs == "Could not hear us."
    assert (subject.injured, subject.medical_aid, subject.ems_called, subject.transported) == (
        True, True, True, True
    )  # fmt: skip
    assert subject.transported_by == "Ambulance 4"
    (officer,) = alone_now.officers.all()
    assert (officer.user_id, officer.injured) == (author.pk, True)  # the only one there
    (force,) = alone_now.force.all()
    assert (force.force_type_id, force.officer_id, force.subject_id) == (
        takedown,
        officer.pk,
        subject.pk,
    )
    (tried,) = alone_now.techniques.all()
    assert (tried.effect, tried.officer_id, tried.subject_id) == ("helped", officer.pk, subject.pk)
    assert (alone_now.subject_injured, alone_now.officer_injured) == (True, True)

    crowded_now = Report.objects.get(pk=crowded.pk)
    officers = list(crowded_now.officers.order_by("order").values_list("user_id", "injured"))
    assert officers == [(author.pk, False), (partner.pk, False), (other.pk, False)]
    assert crowded_now.officer_injured  # which officer was hurt was never recorded
    (force,) = crowded_now.force.all()
    assert force.officer_id is None and force.subject_id == crowded_now.subjects.get().pk
    assert Report.objects.visible_to(partner).filter(pk=crowded.pk).exists()

    typed = Report.objects.get(pk=draft.pk).draft_data
    assert typed["subjects-0-weapon"] == ["blunt"]
    assert typed["subjects-0-crisis_indicators"] == ["distress"]
    assert typed["subjects-0-transported_by"] == ["A neighbour"]
    assert typed["subjects-0-injured"] == ["on"]
    assert typed["officers-1-user"] == [str(partner.pk)]
    assert typed["force-0-force_type"] == [str(takedown)]
    assert typed["force-0-officer"] == [""]  # two officers: the author says who
    assert typed["techniques-0-technique"] == [str(distance)]
    assert "weapon" not in typed and "involved_officers" not in typed
