"""The agency's own words for the Critical Decision-Making Model's parts. The codes are fixed
(CDMStep); the labels an administrator may change under Settings → CDM labels."""

from django.db import models
from django.db.models.signals import post_save
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from defuse.platform.content_cache import bump_content_version, cached

from .vocabulary import CDMStep


def _label_field(step: CDMStep):
    return models.CharField(
        max_length=120, blank=True, help_text=f"Leave empty for the default: “{step.label}”."
    )


@register_setting(icon="list-ol")
class CDMLabels(BaseGenericSetting):
    core = _label_field(CDMStep.CORE)
    collect = _label_field(CDMStep.COLLECT)
    assess = _label_field(CDMStep.ASSESS)
    powers = _label_field(CDMStep.POWERS)
    options = _label_field(CDMStep.OPTIONS)
    act = _label_field(CDMStep.ACT)

    class Meta:
        verbose_name = "CDM labels"


def cdm_labels() -> dict[str, str]:
    """Code → label for every CDM part, the agency's wording where it has one."""

    def load():
        saved = CDMLabels.objects.first()
        return {
            step.value: (getattr(saved, step.value, "") if saved else "") or step.label
            for step in CDMStep
        }

    return cached("cdm-labels", load, 3600)


post_save.connect(bump_content_version, sender=CDMLabels, dispatch_uid="cdm-labels-changed")
