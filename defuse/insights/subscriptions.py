"""Insights keeps its monthly counts in step with the reports, told by field's signals."""

from .facts import rebuild
from .tasks import recount_after_approval


def recount_approved(sender, report, **kwargs) -> None:
    """An approval changes a month-and-unit slice: the worker recounts it."""
    recount_after_approval(report.pk)


def recount_all(sender, **kwargs) -> None:
    """An import may touch any month: recount everything, before the chief looks."""
    rebuild(everything=True)
