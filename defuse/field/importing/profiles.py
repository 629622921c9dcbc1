"""Profiles as JSON files, to keep beside the agency's other configuration or to share with an
agency that publishes the same kind of file (docs/import-profiles/ has examples)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from ..models import ImportProfile
from .targets import BY_NAME, CODED


def load_profile(data: dict, by=None, save: bool = True) -> ImportProfile:
    """Create or update the profile named in `data` (unsaved with save=False); ValidationError
    says what is wrong."""
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("name"), str)
        or not data["name"].strip()
    ):
        raise ValidationError("A profile is a JSON object with a “name”.")
    columns = data.get("columns") or {}
    values = data.get("values") or {}
    if not isinstance(columns, dict) or not isinstance(values, dict):
        raise ValidationError("“columns” and “values” are JSON objects.")
    unknown = sorted(set(columns) - set(BY_NAME)) + sorted(set(values) - {t.name for t in CODED})
    if unknown:
        raise ValidationError(f"Not something Defuse can map: {', '.join(unknown)}.")
    if not all(isinstance(v, dict) for v in values.values()):
        raise ValidationError("Each entry of “values” maps a file's values to Defuse's.")
    name = data["name"].strip()
    profile = ImportProfile.objects.filter(name=name).first() or ImportProfile(name=name)
    profile.columns = {str(k): str(v) for k, v in columns.items()}
    profile.values = {t: {str(k): str(v) for k, v in m.items()} for t, m in values.items()}
    profile.date_order = data.get("date_order", profile.date_order)
    profile.time_zone = data.get("time_zone", profile.time_zone)
    profile.updated_by = by
    profile.full_clean(validate_unique=False)
    if save:
        profile.save()
    return profile


def dump_profile(profile: ImportProfile) -> dict:
    return {
        "name": profile.name,
        "date_order": profile.date_order,
        "time_zone": profile.time_zone,
        "columns": profile.columns,
        "values": profile.values,
    }
