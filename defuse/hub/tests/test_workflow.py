"""Editorial review: writers submit, editors approve or request changes; scheduling fires."""

import datetime
import time

import pytest
from django.utils import timezone
from wagtail.models import Workflow

from defuse.accounts.roles import Role
from defuse.hub.models import ITEM_TYPES, ArticlePage
from defuse.hub.tasks import publish_scheduled_pages
from defuse.hub.tests.test_content_types import admin_form_data

pytestmark = pytest.mark.django_db


def submit_as_writer(client, writer, model, topic_page):
    client.force_login(writer)
    data = admin_form_data(model, topic_page)
    del data["action-publish"]
    data["action-submit"] = "submit"
    url = f"/admin/pages/add/hub/{model._meta.model_name}/{topic_page.pk}/"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return model.objects.get(slug=f"new-{model._meta.model_name}")


def act_as_editor(client, editor, page, action, comment=""):
    client.force_login(editor)
    task_state = page.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"
    return client.post(url, {"comment": comment})


def test_editorial_review_is_the_workflow_for_the_whole_tree(topic_page):
    workflow = topic_page.get_workflow()
    assert workflow.name == "Editorial review"
    assert [task.name for task in workflow.tasks.all()] == ["Editor approval"]
    assert not Workflow.objects.get(name="Moderators approval").active


@pytest.mark.parametrize("model", ITEM_TYPES, ids=lambda model: model.__name__)
def test_each_type_goes_through_review_and_renders(client, topic_page, user_with_role, model):
    writer, editor = user_with_role(Role.WRITER), user_with_role(Role.EDITOR)
    page = submit_as_writer(client, writer, model, topic_page)
    assert not page.live
    assert page.workflow_in_progress
    client.logout()
    assert client.get(page.url).status_code == 404

    response = act_as_editor(client, editor, page, "approve", "Looks good.")
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert client.get(page.url).status_code == 200


def test_editor_can_request_changes(client, topic_page, user_with_role):
    writer, editor = user_with_role(Role.WRITER), user_with_role(Role.EDITOR)
    page = submit_as_writer(client, writer, ArticlePage, topic_page)
    act_as_editor(client, editor, page, "reject", "Please add a source for the figures.")
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == "needs_changes"


def test_writers_cannot_publish_directly(client, topic_page, user_with_role):
    client.force_login(user_with_role(Role.WRITER))
    data = admin_form_data(ArticlePage, topic_page)  # asks to publish
    client.post(f"/admin/pages/add/hub/articlepage/{topic_page.pk}/", data)
    page = ArticlePage.objects.filter(slug="new-articlepage").first()
    assert page is None or not page.live


def test_a_scheduled_article_goes_live_when_the_scheduler_ticks(client, topic_page, make_articles):
    (article,) = make_articles(1, title="Scheduled piece")
    article.unpublish()
    article.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    revision = article.save_revision()
    revision.publish()  # with go_live_at in the future, this schedules instead of publishing
    article.refresh_from_db()
    assert not article.live
    assert "Scheduled piece" not in client.get("/de-escalation/").content.decode()

    publish_scheduled_pages()  # the scheduler's tick before the time: nothing happens
    article.refresh_from_db()
    assert not article.live

    while timezone.now() <= article.go_live_at:  # time passes
        time.sleep(0.2)
    publish_scheduled_pages()
    article.refresh_from_db()
    assert article.live
    assert "Scheduled piece" in client.get("/de-escalation/").content.decode()


def test_the_scheduler_runs_publishing_every_minute():
    task = publish_scheduled_pages.task_class()
    for minute in range(60):
        assert task.validate_datetime(datetime.datetime(2026, 11, 28, 10, minute))
    assert task.name.endswith("publish_scheduled_pages")
