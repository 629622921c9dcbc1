"""Defuse's own values for each coded target, and how a file's value finds one: the profile's
value map first, then Defuse's code or label (any case), else it waits for a person to map it."""

from __future__ import annotations

from defuse.accounts.models import Unit
from defuse.core.vocabulary import REPORT_OUTCOMES, Technique, outcome_choices

from ..models import Code, ForceType
from ..models.reports import CallType
from .targets import BY_NAME, Kind

NOT_RECORDED = ""  # a value mapped to nothing: the file's "Unknown" or "N/A"
YES, NO = "yes", "no"
YES_NO_WORDS = {
    **dict.fromkeys(["yes", "y", "true", "t", "1"], YES),
    **dict.fromkeys(["no", "n", "false", "f", "0"], NO),
}
CODE_ELEMENTS = {
    "contact_reason": Code.Element.CONTACT_REASON,
    "location_type": Code.Element.LOCATION_TYPE,
    "subject_sex": Code.Element.SEX,
    "subject_race": Code.Element.RACE,
    "subject_ethnicity": Code.Element.ETHNICITY,
    "subject_resistance": Code.Element.RESISTANCE,
    "subject_injury": Code.Element.INJURY,
}


def options(target: str) -> list[tuple[str, str]]:
    """(Defuse value, label) pairs a file's values can be mapped to. The values are codes and
    names, not database ids, so a profile can be copied to another installation."""
    if target in CODE_ELEMENTS:
        return [(c.code, c.label) for c in Code.objects.of(CODE_ELEMENTS[target])]
    if target == "call_type":
        return list(CallType.choices)
    if target == "outcome":
        return outcome_choices(REPORT_OUTCOMES)
    if target == "unit":
        units = Unit.objects.order_by("name").values_list("name", flat=True)
        return [(name, name) for name in units]
    if target == "force_type":
        names = ForceType.objects.order_by("level", "name").values_list("name", flat=True)
        return [(name, name) for name in names]
    if target == "techniques":
        return [(t.code, t.label) for t in Technique.objects.order_by("sort_order", "label")]
    if BY_NAME[target].kind == Kind.YES_NO:
        return [(YES, "Yes"), (NO, "No")]
    raise KeyError(target)


class Vocabulary:
    """Every coded target's lookup, read once per import."""

    def __init__(self, targets: list[str], value_maps: dict[str, dict[str, str]]):
        self.labels: dict[str, dict[str, str]] = {}
        self.lookup: dict[str, dict[str, str]] = {}
        for target in targets:
            choices = options(target)
            self.labels[target] = dict(choices)
            found: dict[str, str] = {}
            if BY_NAME[target].kind == Kind.YES_NO:
                found.update(YES_NO_WORDS)
            for value, label in choices:
                found[label.lower()] = value
                found[value.lower()] = value
            known = {value for value, _ in choices} | {NOT_RECORDED}
            for incoming, value in (value_maps.get(target) or {}).items():
                if value in known:  # else (a force type this agency lacks…) it is asked again
                    found[incoming.strip().lower()] = value
            self.lookup[target] = found

    def meaning(self, target: str, incoming: str) -> str | None:
        """The Defuse value, NOT_RECORDED, or None when nobody has said what it means yet."""
        if not incoming:
            return NOT_RECORDED
        return self.lookup[target].get(incoming.lower())
