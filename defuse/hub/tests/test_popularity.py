import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from defuse.accounts.roles import Role
from defuse.hub.models import DailyView
from defuse.hub.popularity import VIEWS_PER_ADDRESS
from defuse.platform.models import SharedCacheEntry

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"


def view(client, item, agent=BROWSER, address="203.0.113.7", **headers):
    return client.get(
        f"/views/{item.pk}.gif", HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **headers
    )


def test_item_pages_load_the_view_beacon(client, make_articles):
    (item,) = make_articles(1)
    assert f'src="/views/{item.pk}.gif"' in client.get(item.url).content.decode()


def test_one_view_per_visitor_per_item_per_day(client, make_articles):
    first, second = make_articles(2)
    response = view(client, first)
    assert response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"]
    view(client, first)
    view(client, first, address="198.51.100.2")
    view(client, second)
    counts = dict(DailyView.objects.values_list("item_id", "count"))
    assert counts == {first.pk: 2, second.pk: 1}


def test_changing_the_browser_name_from_one_address_counts_only_a_few_views(client, make_articles):
    (item,) = make_articles(1)
    for number in range(50):
        view(client, item, agent=f"{BROWSER} build/{number}")
    view(client, item, address="198.51.100.2")  # another address still counts
    assert DailyView.objects.get(item=item).count == VIEWS_PER_ADDRESS + 1 == 6


@pytest.mark.parametrize(
    "agent, headers",
    [
        ("Googlebot/2.1 (+http://www.google.com/bot.html)", {}),
        ("Slackbot-LinkExpanding 1.0", {}),
        ("curl/8.5.0", {}),
        ("", {}),
        (BROWSER, {"HTTP_SEC_PURPOSE": "prefetch"}),
    ],
)
def test_bots_and_prefetches_are_not_counted(client, make_articles, agent, headers):
    (item,) = make_articles(1)
    assert view(client, item, agent=agent, **headers).status_code == 200
    assert not DailyView.objects.exists()


def test_unknown_or_unpublished_items_are_not_counted(client, make_articles):
    (item,) = make_articles(1)
    item.unpublish()
    view(client, item)
    assert client.get("/views/999999.gif", HTTP_USER_AGENT=BROWSER).status_code == 200
    assert not DailyView.objects.exists()
    # Nor is anything stored for them: made-up ids must not fill the shared counters.
    assert not SharedCacheEntry.objects.exclude(cache_key__contains="version").exists()


def test_a_counter_that_expired_between_add_and_incr_still_answers(
    client, make_articles, monkeypatch
):
    (item,) = make_articles(1)
    view(client, item)
    shared = caches["shared"]
    monkeypatch.setattr(shared, "incr", lambda *args, **kwargs: shared_incr_missing())
    response = view(client, item, agent=f"{BROWSER} other")
    assert response.status_code == 200


def shared_incr_missing():
    raise ValueError("Key not found")  # what Django's caches raise when the key is gone


def test_no_personal_data_is_stored(client, make_articles):
    (item,) = make_articles(1)
    view(client, item, address="203.0.113.99")
    columns = [field.name for field in DailyView._meta.get_fields()]
    assert set(columns) == {"id", "item", "date", "count"}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {DailyView._meta.db_table}")
        assert "203.0.113.99" not in repr(cursor.fetchall())


def test_previews_do_not_load_the_beacon(client, make_articles, user_with_role):
    (item,) = make_articles(1)
    client.force_login(user_with_role(Role.EDITOR))
    preview = client.get(f"/admin/pages/{item.pk}/edit/preview/")
    assert preview.status_code == 200
    assert "/views/" not in preview.content.decode()


def test_topic_page_shows_top_five_of_the_last_thirty_days(client, make_articles):
    items = make_articles(7)
    today = timezone.localdate()
    for rank, item in enumerate(items[:6]):
        DailyView.objects.create(item=item, date=today, count=100 - rank)
    DailyView.objects.create(item=items[6], date=today - datetime.timedelta(days=31), count=999)
    response = client.get("/de-escalation/")
    popular = response.context["popular"]
    assert popular.heading == "Most popular"
    assert [entry["title"] for entry in popular.entries] == [item.title for item in items[:5]]
    assert "Most popular" in response.content.decode()


def test_editors_picks_stand_in_until_enough_items_are_read(client, topic_page, make_articles):
    items = make_articles(7)
    DailyView.objects.create(item=items[6], date=timezone.localdate(), count=9)
    topic_page.editors_picks.create(item=items[2])
    topic_page.editors_picks.create(item=items[4])
    topic_page.save_revision().publish()
    response = client.get("/de-escalation/")
    popular = response.context["popular"]
    assert popular.heading == "Editors' picks"
    titles = [entry["title"] for entry in popular.entries]
    assert titles == [items[2].title, items[4].title, items[6].title]
    assert "Editors&#x27; picks" in response.content.decode()
    for rank, item in enumerate(items[:5]):
        DailyView.objects.create(item=item, date=timezone.localdate(), count=50 - rank)
    caches["versioned"].clear()  # the box's cache time has passed
    assert client.get("/de-escalation/").context["popular"].heading == "Most popular"


def test_a_fresh_site_without_picks_or_views_shows_no_empty_box(client, make_articles):
    make_articles(3)
    response = client.get("/de-escalation/")
    assert response.context["popular"] is None
    assert "Most popular" not in response.content.decode()


def test_most_popular_costs_no_queries_once_cached(client, make_articles):
    items = make_articles(3)
    DailyView.objects.create(item=items[0], date=timezone.localdate(), count=3)
    client.get("/de-escalation/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/de-escalation/")
    assert not [q for q in queries.captured_queries if "hub_dailyview" in q["sql"]]


def test_editors_see_view_counts_in_the_admin(client, make_articles, user_with_role):
    (item,) = make_articles(1)
    DailyView.objects.create(item=item, date=timezone.localdate(), count=42)
    client.force_login(user_with_role(Role.EDITOR))
    response = client.get("/admin/reports/most-viewed/")
    assert response.status_code == 200
    assert item.title in response.content.decode()
    assert ">42<" in response.content.decode()


def test_officers_cannot_see_the_view_report(client, officer):
    client.force_login(officer)
    assert client.get("/admin/reports/most-viewed/").status_code in (302, 403)
    client.logout()
    assert client.get("/admin/reports/most-viewed/").status_code == 302
