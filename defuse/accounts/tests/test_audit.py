"""The chained audit trail: what is recorded, and that verify_audit finds any tampering."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from defuse.accounts import audit
from defuse.accounts.models import AuditRecord
from defuse.accounts.roles import Role
from defuse.accounts.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def actions():
    return list(AuditRecord.objects.values_list("action", "actor"))


def chain(count=5):
    for number in range(count):
        audit.record("test", subject=f"thing:{number}", detail={"n": number})


def problems():
    return [(problem.sequence, problem.reason) for problem in audit.verify()]


def test_sign_in_failed_sign_in_and_sign_out_are_recorded(client, home_page, officer):
    AuditRecord.objects.all().delete()  # the officer's role, given by the factory
    client.post("/accounts/login/", {"login": officer.username, "password": "wrong"})
    client.post("/accounts/login/", {"login": officer.username, "password": TEST_PASSWORD})
    client.post("/accounts/logout/")
    assert actions() == [
        ("sign-in failed", ""),
        ("sign-in", officer.username),
        ("sign-out", officer.username),
    ]
    failed = AuditRecord.objects.get(action="sign-in failed")
    assert failed.detail == {"username": officer.username}
    assert failed.address == "127.0.0.1"


def test_role_changes_are_recorded(officer):
    AuditRecord.objects.all().delete()
    officer.groups.add(Group.objects.get(name=Role.SUPERVISOR.group_name))
    (entry,) = AuditRecord.objects.filter(action="roles changed")
    assert entry.subject == f"accounts.user:{officer.pk}"
    assert entry.detail == {"change": "add", "groups": [Role.SUPERVISOR.group_name]}


def test_a_whole_chain_verifies(capsys):
    chain()
    assert problems() == []
    call_command("verify_audit")
    assert "whole: 5 records" in capsys.readouterr().out


def test_an_edited_record_is_found():
    chain()
    AuditRecord.objects.filter(sequence=3).update(detail={"n": 99})
    assert problems() == [(3, "its contents do not match its digest (edited)")]
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit")


def test_an_edit_that_recomputes_the_digest_without_the_key_is_found(settings):
    chain()
    settings.DEFUSE_AUDIT_KEY = "what an intruder would guess"
    forged = AuditRecord.objects.get(sequence=3)
    forged.actor = "someone-else"
    forged.digest = audit.digest_of(forged)
    forged.save()
    settings.DEFUSE_AUDIT_KEY = ""
    found = problems()
    assert (3, "its contents do not match its digest (edited)") in found


def test_a_deleted_record_is_found():
    chain()
    AuditRecord.objects.filter(sequence=2).delete()
    assert problems() == [(3, "records 2–2 are missing")]


def test_an_inserted_record_is_found():
    chain()
    for entry in AuditRecord.objects.filter(sequence__gte=3).order_by("-sequence"):
        entry.sequence += 1
        entry.save()
    previous = AuditRecord.objects.get(sequence=2)
    AuditRecord.objects.create(
        sequence=3,
        at=previous.at,
        action="test",
        subject="forged",
        previous_digest=previous.digest,
        digest="0" * 64,
    )
    found = problems()
    assert (3, "its contents do not match its digest (edited)") in found
    assert (4, "its contents do not match its digest (edited)") in found  # renumbered


def test_deleting_the_newest_records_is_found_against_the_siems_count():
    chain()
    AuditRecord.objects.filter(sequence__gte=4).delete()
    assert problems() == []
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit", "--at-least", "5")


def test_export_writes_json_lines_after_a_sequence_number(capsys):
    chain()
    call_command("export_audit", "--after", "3")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["sequence"] for line in lines] == [4, 5]
    assert lines[0]["previous_digest"] == AuditRecord.objects.get(sequence=3).digest
    assert lines[0]["detail"] == {"n": 3}


def test_each_record_is_logged_as_json_once_it_is_committed(
    caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level("INFO", logger="defuse.audit"):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            audit.record("test", subject="thing:1")
        assert not caplog.records  # not before the commit: a rollback would leave a false line
        for callback in callbacks:
            callback()
    (line,) = [json.loads(r.getMessage()) for r in caplog.records if r.name == "defuse.audit"]
    assert line["action"] == "test" and line["digest"] == AuditRecord.objects.get().digest
