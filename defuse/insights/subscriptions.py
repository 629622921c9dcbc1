"""Insights keeps its monthly counts in step with the reports, told by field's signals."""

from .tasks import recount_after_approval, recount_everything


def recount_approved(sender, report, **kwargs) -> None:
    """An approval changes a month-and-unit slice: the worker recounts it."""
    recount_after_approval(report.pk)


def recount_all(sender, **kwargs) -> None:
    """An import may touch any month: the worker recounts everything."""
    recount_everything()
