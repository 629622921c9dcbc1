"""Publishing a scenario freezes a ScenarioSpec as its next ScenarioVersion, with the source it
was authored in, set as the version is created.

An import hands over the spec it parsed and validated (publish_spec): that spec is what the
version holds, and the StreamField is only the editor's copy of it. A publish in the admin has
only the StreamField, so there the spec is read from it and validated (on_published).
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from wagtail.signal_handlers import disable_reference_index_auto_update

from .models import Scenario, ScenarioVersion
from .spec import ScenarioSpec
from .validation import Problem, ScenarioInvalid, publish_problems, validate


@dataclass(frozen=True)
class Imported:
    scenario_id: int
    spec: ScenarioSpec
    source: str


# What an import is publishing, for on_published, which Wagtail calls while revision.publish()
# runs: set around that call only, in this thread (or task) only.
_publishing: ContextVar[Imported | None] = ContextVar("defuse_publishing_import", default=None)


def publish_spec(scenario: Scenario, spec: ScenarioSpec, source: str, user=None) -> ScenarioVersion:
    """Publish the scenario's editor copy as a Wagtail revision, and `spec`, already validated,
    as its next version."""
    # The caller validated the spec, against the database too; the model's clean() would
    # validate the editor's copy of it again.
    before = scenario.latest_version_id
    # Saving a revision leaves the live scenario as it was, so Wagtail's reference index (of
    # the live object) needs no update until the publish below, which does it once; each update
    # reads the whole StreamField, a second for 2,000 passages.
    with disable_reference_index_auto_update():
        revision = scenario.save_revision(user=user, log_action=True, clean=False)
    token = _publishing.set(Imported(scenario.pk, spec, source))
    try:
        revision.publish(user=user)
    finally:
        _publishing.reset(token)
    scenario.refresh_from_db()  # published by Wagtail through a copy of it
    if scenario.latest_version_id in (None, before):
        # Wagtail scheduled the revision instead (a "go live" date in the future).
        raise ScenarioInvalid([Problem("not-published", "The scenario has a future go-live "
                                       "date in the admin, so it was scheduled, not published. "
                                       "Clear the date and import again.")])  # fmt: skip
    return ScenarioVersion.objects.get(pk=scenario.latest_version_id)


def publish_version(scenario: Scenario, user=None, source: str = "") -> ScenarioVersion:
    """Freeze what the scenario's StreamField says, once it validates. The source is the
    format of the import the editor publishes, if one is waiting, else the admin."""
    source = source or scenario.imported_from or "admin"
    spec = scenario.to_spec()
    problems, _ = publish_problems(validate(spec))  # the admin warned about the rest
    if problems:
        raise ScenarioInvalid(problems)
    return freeze(scenario, spec, source, user)


def freeze(scenario: Scenario, spec: ScenarioSpec, source: str, user=None) -> ScenarioVersion:
    """The scenario's next version: the spec as it is, and where it came from."""
    with transaction.atomic():
        Scenario.objects.select_for_update().filter(pk=scenario.pk).first()
        last = scenario.versions.aggregate(last=Max("number"))["last"] or 0
        version = ScenarioVersion.objects.create(
            scenario=scenario,
            number=last + 1,
            definition=spec.to_dict(),
            created_by=user,
            source=source,
        )
        Scenario.objects.filter(pk=scenario.pk).update(latest_version=version)
    scenario.latest_version = version
    return version


def on_published(sender, instance, revision=None, **kwargs):
    """Wagtail published a scenario: freeze the import's spec if one came along, else the
    StreamField."""
    user = revision.user if revision else None
    imported = _publishing.get()
    if imported is None or imported.scenario_id != instance.pk:
        publish_version(instance, user=user)
    else:
        freeze(instance, imported.spec, imported.source, user)
