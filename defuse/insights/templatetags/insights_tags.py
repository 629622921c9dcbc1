from django import template

from ..charts import display

register = template.Library()


@register.filter
def share(value) -> str:
    return display(value, percent=True)


@register.filter
def number(value) -> str:
    return display(value, percent=False)
