"""System checks of what the apps declare for the plumbing (declarations.py): a mistake there
would otherwise show only as a page cached for everyone or a backup that cannot be checked."""

from django.apps import apps
from django.core.checks import Error, register


def _prefix_errors(config) -> list[Error]:
    prefixes = config.private_url_prefixes
    if isinstance(prefixes, str) or not all(
        isinstance(p, str) and p.startswith("/") and p.endswith("/") and p != "/" for p in prefixes
    ):
        return [
            Error(
                f"{config.label}: private_url_prefixes must be a tuple of paths like '/reports/'.",
                id="defuse.E001",
            )
        ]
    return []


def _count_errors(config, seen: dict[str, str]) -> list[Error]:
    errors = []
    for name, label in config.backup_counts.items():
        try:
            apps.get_model(label)
        except (LookupError, ValueError):
            errors.append(
                Error(f"{config.label}: backup_counts names no model {label!r}.", id="defuse.E002")
            )
        if name in seen:
            errors.append(
                Error(
                    f"{config.label}: backup_counts name {name!r} is {seen[name]}'s already.",
                    id="defuse.E003",
                )
            )
        seen[name] = config.label
    return errors


@register()
def check_declarations(app_configs=None, **kwargs) -> list[Error]:
    errors: list[Error] = []
    seen: dict[str, str] = {}
    for config in apps.get_app_configs():
        if hasattr(config, "private_url_prefixes"):
            errors += _prefix_errors(config)
        if hasattr(config, "backup_counts"):
            errors += _count_errors(config, seen)
        if hasattr(config, "work_links") and not callable(config.work_links):
            errors.append(Error(f"{config.label}: work_links must be a method.", id="defuse.E004"))
    return errors
