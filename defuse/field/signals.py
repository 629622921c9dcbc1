"""What happens to reports, for the apps above field (Insights) to act on. Sent after the
transaction that made the change has committed."""

from django.dispatch import Signal

# sender=Report, report=the approved Report
report_approved = Signal()
# sender=Report, count=how many historical records were written
reports_imported = Signal()
