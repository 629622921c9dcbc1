"""Migration 0012 on a database holding a video uploaded as WebM (the old single file): the
WebM becomes the WebM copy, the typed minutes become seconds, on SQLite and PostgreSQL alike
(where the moved foreign key must be checked before the table is altered)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from defuse.hub.models import VideoPage
from defuse.hub.tests.factories import VideoPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("hub", "0011_topic_lead_and_picks")]
AFTER = [("hub", "0012_video_formats")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_schema_afterwards():
    """The tests after this one expect every migration, not just 0012: migrate forward even
    when an assertion fails."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_a_webm_video_becomes_the_webm_copy(topic_page, latest_schema_afterwards):
    video = VideoPageFactory(parent=topic_page)  # a real MP4; made in today's schema
    webm_document = video.captions.__class__.objects.create(title="Old upload", file="old.webm")
    old = migrate(BEFORE)
    OldVideo = old.get_model("hub", "VideoPage")
    OldVideo.objects.filter(pk=video.pk).update(video_file_id=webm_document.pk, duration_minutes=3)
    migrate(AFTER)
    moved = VideoPage.objects.get(pk=video.pk)
    assert moved.video_file_id is None
    assert moved.video_file_webm_id == webm_document.pk
    assert moved.duration_seconds == 180
