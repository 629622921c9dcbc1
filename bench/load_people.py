"""For the benchmarks, inside the benchmark's Django: signed-in sessions for N of the demo's field
officers (`load_people.py N`), the scenarios they can play, and the addresses of the hub items
(JSON on stdout). Called through bench.common.demo_people()."""

import json
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from wagtail.models import Site  # noqa: E402

from bench.common import report_ingredients  # noqa: E402
from defuse.accounts.models import User  # noqa: E402
from defuse.hub.models import HubItemPage  # noqa: E402
from defuse.training.models import Scenario  # noqa: E402


def session_for(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "defuse.accounts.backends.CachedPermissionsBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


root = Site.objects.get(is_default_site=True).root_page.url_path
officers = User.objects.filter(username__startswith="field-").order_by("pk")[: int(sys.argv[1])]
items = HubItemPage.objects.live().values_list("url_path", flat=True)
print(
    json.dumps(
        {
            "sessions": [session_for(user) for user in officers],
            "officers": [user.pk for user in officers],
            "report": report_ingredients(),
            "scenarios": list(Scenario.objects.filter(live=True).values_list("slug", flat=True)),
            "items": ["/" + path[len(root) :] for path in items],
        }
    )
)
