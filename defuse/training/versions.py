"""Publishing a scenario freezes it as a new ScenarioVersion."""

from django.db import transaction
from django.db.models import Max

from .validation import ScenarioInvalid, validate


def publish_version(scenario, user=None, source="admin"):
    from .models import Scenario, ScenarioVersion

    spec = scenario.to_spec()
    problems = validate(spec)
    if problems:
        raise ScenarioInvalid(problems)
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
    publish_version(instance, user=revision.user if revision else None)
