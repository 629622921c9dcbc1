"""Saved import profiles (how one source's files map onto Defuse) and files waiting between the
import page's steps."""

import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models


def _imports_storage():
    return storages["imports"]


def agency_time_zone() -> str:
    return settings.TIME_ZONE


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a time zone name (for example America/Chicago).")


class ImportProfile(models.Model):
    """How one source's files read: which column holds what, what its values mean in Defuse's
    vocabulary, how it writes dates. Saved on every check, reused for the next file."""

    class DateOrder(models.TextChoices):
        MONTH_FIRST = "mdy", "Month first: 03/02/2026 is 2 March"
        DAY_FIRST = "dmy", "Day first: 03/02/2026 is 3 February"

    name = models.CharField(
        max_length=80, unique=True, help_text="e.g. City open data, RMS export."
    )
    columns = models.JSONField(default=dict, blank=True, help_text="Defuse target → column name.")
    values = models.JSONField(
        default=dict, blank=True, help_text="Target → {value in the file: Defuse value}."
    )
    date_order = models.CharField(max_length=3, choices=DateOrder.choices, default="mdy")
    time_zone = models.CharField(
        max_length=60,
        default=agency_time_zone,
        validators=[validate_time_zone],
        help_text="For times the file writes without a zone.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class ImportUpload(models.Model):
    """A file uploaded on the import page, kept (privately) until it is imported or abandoned."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, help_text="The file's name as uploaded.")
    file = models.FileField(storage=_imports_storage, upload_to="%Y/%m/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    profile = models.ForeignKey(
        ImportProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.name
