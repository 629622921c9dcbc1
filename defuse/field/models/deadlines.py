"""When reports and reviews are due: the agency's rule (Settings → Report deadlines), by
default the end of a shift for the report and three days for its review."""

from datetime import datetime, timedelta

from django.db import models
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

DEFAULT_REPORT_HOURS = 10  # a patrol shift: the report is due by its end
DEFAULT_REVIEW_HOURS = 72


@register_setting(icon="time")
class ReportDeadlines(BaseGenericSetting):
    report_hours = models.PositiveSmallIntegerField(
        default=DEFAULT_REPORT_HOURS,
        help_text="Hours after the encounter by which the officer's report is due (the end of "
        "a shift). A returned report is due this long after it was returned.",
    )
    review_hours = models.PositiveSmallIntegerField(
        default=DEFAULT_REVIEW_HOURS,
        help_text="Hours after submission by which a supervisor reviews the report.",
    )

    class Meta:
        verbose_name = "report deadlines"

    def report_due(self, since: datetime) -> datetime:
        return since + timedelta(hours=self.report_hours)

    def review_due(self, since: datetime) -> datetime:
        return since + timedelta(hours=self.review_hours)
