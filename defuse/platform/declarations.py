"""What the plumbing needs to know about the apps, read from the apps' own AppConfigs.

An app declares, as attributes or methods of its AppConfig:
- `private_url_prefixes`: URL prefixes whose pages are personal, never kept by shared caches;
- `backup_counts`: {name: "app_label.Model"}, rows a backup counts and its restore checks (the
  name is a key in every backup's manifest: never rename one);
- `work_links(user)`: (label, URL) pairs for the main navigation, for this person.

The platform reads them in INSTALLED_APPS order and never names an app itself; checks.py checks
them when Django starts. (Role permissions are declared the same way, `role_permissions`, and
read by defuse.accounts.roles.)
"""

from functools import cache

from django.apps import apps


def _declared(attribute: str) -> list:
    return [
        getattr(config, attribute)
        for config in apps.get_app_configs()
        if hasattr(config, attribute)
    ]


@cache
def private_url_prefixes() -> tuple[str, ...]:
    return tuple(prefix for prefixes in _declared("private_url_prefixes") for prefix in prefixes)


@cache
def backup_counts() -> dict[str, str]:
    return {name: label for counts in _declared("backup_counts") for name, label in counts.items()}


def work_links(user) -> list[tuple[str, str]]:
    return [link for links_for in _declared("work_links") for link in links_for(user)]
