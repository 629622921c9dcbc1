"""What happens to reports, for the apps above field (Insights) to act on. Sent inside the
transaction that makes the change, so what a receiver writes commits (or not) with it; work that
must wait for the commit is the receiver's to defer (transaction.on_commit)."""

from django.dispatch import Signal

# sender=Report, report=the approved Report
report_approved = Signal()
# sender=Report, count=how many historical records were written
reports_imported = Signal()
