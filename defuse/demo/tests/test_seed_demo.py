from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from defuse.accounts.models import Unit, User
from defuse.accounts.roles import Role
from defuse.hub.models import ArticlePage, Audience, HubItemPage

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, "--no-progress", stdout=out)
    return out.getvalue()


def snapshot():
    return (
        Page.objects.count(),
        ArticlePage.objects.count(),
        User.objects.count(),
        Unit.objects.count(),
        list(Page.objects.order_by("path").values_list("path", "title", "live")),
    )


def test_seed_demo_is_idempotent_and_its_logins_people_and_items_work(client):
    """One test, as seeding the demo takes 10-30 s: what a newcomer relies on after run.sh."""
    output = seed()
    first = snapshot()
    assert ArticlePage.objects.live().count() >= 30
    for role in Role:
        assert role.label in output
        assert User.objects.with_role(role).exists()
    assert seed() and snapshot() == first

    response = client.get("/de-escalation/")
    assert response.status_code == 200
    assert len(response.context["items_page"].object_list) == 20
    assert client.get("/de-escalation/?p=2").status_code == 200

    # The items span every audience and several subtopics.
    for audience in Audience.objects.all():
        assert HubItemPage.objects.filter(audiences=audience).exists(), audience
    assert HubItemPage.objects.values("subtopics").distinct().count() >= 8

    # The demo supervisor supervises the demo officer's unit.
    supervisor = User.objects.get(username="supervisor")
    officer = User.objects.get(username="officer")
    assert supervisor.supervises(officer)

    # The printed logins work.
    line = next(line for line in output.splitlines() if "username officer" in line)
    password = line.split("password")[1].strip()
    assert client.login(username="officer", password=password)


def test_synthetic_items_render_and_continue_numbering(client):
    seed("--synthetic", "30")
    seed("--synthetic", "25")
    synthetic = ArticlePage.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 55
    assert synthetic.values("slug").distinct().count() == 55
    topic = Page.objects.get(slug="de-escalation")
    assert topic.numchild == topic.get_children().count()
    assert all(not problems for problems in Page.find_problems())
    item = synthetic.live().first()
    assert client.get(item.url).status_code == 200
    assert client.get("/de-escalation/?p=3").status_code == 200
    found = client.get("/search/?q=synthetic").context["hits_page"]
    assert found.paginator.count == 55  # indexed for search in bulk


def test_synthetic_count_must_not_be_negative():
    with pytest.raises(CommandError):
        seed("--synthetic", "-1")
