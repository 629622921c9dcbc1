"""Scheduled work for the hub, run by the huey worker (`manage.py run_huey`)."""

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .newsletter import send_digests
from .search_index import build_common_term_rankings, common_term_rankings_stale
from .search_items import index_items


@db_periodic_task(crontab(minute="*"))
def publish_scheduled_pages():
    """Every minute: publish pages whose 'go live' time has come, unpublish expired ones."""
    call_command("publish_scheduled", verbosity=0)


@db_periodic_task(crontab(day_of_week="1", hour="7", minute="0"))
def send_weekly_digest():
    """Mondays at 07:00 UTC: the newsletter digest."""
    send_digests()


@db_periodic_task(crontab(minute="*/10"))
def rank_common_words():
    """Every ten minutes, if the search index changed: the rankings of its common words."""
    if common_term_rankings_stale():
        build_common_term_rankings()


@db_task()
def reindex_items(ids: list[int]) -> None:
    """Re-indexes hub items for search after a name they are filed under changed."""
    index_items(ids)
