from django import template

from defuse.core.vocabulary import Outcome

register = template.Library()


@register.filter
def outcome_label(code: str) -> str:
    return Outcome(code).label if code in Outcome.values else code


@register.filter
def percent(value) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


@register.filter
def heat_band(value) -> str:
    """A colour band for a 0..1 score; the number is always printed beside it."""
    if value is None:
        return "none"
    return "low" if value < 0.5 else ("mid" if value < 0.75 else "high")


@register.filter
def get_value(mapping, key):
    return mapping.get(key)
