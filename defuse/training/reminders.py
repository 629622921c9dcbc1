"""E-mail reminders a few days before an assignment is due, once per officer and assignment."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Assignment, AssignmentReminder
from .records import Status, assignment_roster

REMIND_DAYS_BEFORE = 3


def send_due_reminders(today=None) -> int:
    today = today or timezone.localdate()
    upcoming = Assignment.objects.filter(
        due_date__gte=today, due_date__lte=today + timedelta(days=REMIND_DAYS_BEFORE)
    ).select_related("scenario", "assigned_by")
    sent = 0
    for assignment in upcoming:
        reminded = set(assignment.reminders.values_list("user_id", flat=True))
        for user, status in assignment_roster(assignment, assignment.recipients()):
            if user.pk in reminded or status.status == Status.DONE or not user.email:
                continue
            sent += _remind(assignment, user)
    return sent


def _remind(assignment, user) -> int:
    try:
        with transaction.atomic():
            AssignmentReminder.objects.create(assignment=assignment, user=user)
            url = (
                settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + reverse("training:scenario", args=[assignment.scenario.slug])
                + f"?assignment={assignment.pk}"
            )
            context = {"assignment": assignment, "user": user, "url": url}
            subject = render_to_string("training/email/reminder_subject.txt", context).strip()
            body = render_to_string("training/email/reminder.txt", context)
            send_mail(subject, body, None, [user.email])
    except IntegrityError:  # another worker reminded them a moment ago
        return 0
    return 1
