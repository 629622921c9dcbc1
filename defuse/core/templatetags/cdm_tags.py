from django import template

from defuse.core.cdm import cdm_labels

register = template.Library()


@register.filter
def cdm_label(code: str) -> str:
    """The reader-facing label of a Critical Decision-Making Model step code."""
    return cdm_labels().get(code, "")
