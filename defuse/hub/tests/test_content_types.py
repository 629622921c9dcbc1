import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from defuse.accounts.roles import Role
from defuse.hub.models import (
    ArticlePage,
    Audience,
    CaseStudyPage,
    PolicyBriefPage,
    ToolProfilePage,
    VideoPage,
    WebinarPage,
)
from defuse.hub.tests.factories import (
    ArticlePageFactory,
    CaseStudyPageFactory,
    DocumentFactory,
    PolicyBriefPageFactory,
    ToolProfilePageFactory,
    VideoPageFactory,
    WebinarPageFactory,
)

pytestmark = pytest.mark.django_db

# (factory, text its page must show)
RENDER_CASES = [
    (ArticlePageFactory, "A paragraph of the body."),
    (VideoPageFactory, '<track kind="captions"'),
    (WebinarPageFactory, "Register"),
    (CaseStudyPageFactory, "They stopped and chose one communicator."),
    (PolicyBriefPageFactory, "City of Riverton"),
    (ToolProfilePageFactory, "Drones and robots"),
]


@pytest.mark.parametrize(
    "factory, expected", RENDER_CASES, ids=lambda v: getattr(v, "__name__", "")
)
def test_each_type_renders_and_is_listed_with_its_type(client, topic_page, factory, expected):
    item = factory(parent=topic_page)
    response = client.get(item.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert item.teaser in html
    listing = client.get("/de-escalation/").content.decode()
    assert item.title in listing
    assert item.type_label in listing


def test_video_plays_our_own_file_with_captions_and_never_embeds(client, topic_page):
    video = VideoPageFactory(parent=topic_page, external_url="https://videos.example.com/abc")
    html = client.get(video.url).content.decode()
    assert f'<source src="{video.video_file.url}" type="video/webm">' in html
    assert f'src="{video.captions.url}"' in html
    assert "<iframe" not in html
    assert '<a href="https://videos.example.com/abc"' in html
    assert "Transcript" in html


def test_video_needs_captions_and_a_playable_file_to_publish(topic_page):
    video = VideoPageFactory.build(captions=None, video_file=None)
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert {"captions", "video_file"} <= set(error.value.message_dict)

    wrong = VideoPageFactory.build(
        video_file=DocumentFactory(file__filename="clip.avi"),
        captions=DocumentFactory(file__filename="captions.srt"),
    )
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "MP4 or WebM" in str(error.value.message_dict["video_file"])
    assert "WebVTT" in str(error.value.message_dict["captions"])


def test_sponsored_items_are_labelled_everywhere(client, topic_page):
    item = ArticlePageFactory(parent=topic_page, sponsored=True, sponsor="Acme Training Co.")
    assert "Sponsored by Acme Training Co." in client.get(item.url).content.decode()
    assert "Sponsored by Acme Training Co." in client.get("/de-escalation/").content.decode()
    assert "Sponsored" in client.get("/").content.decode()


def test_sponsored_item_must_name_its_sponsor(topic_page):
    item = ArticlePageFactory.build(sponsored=True, sponsor=" ")
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "sponsor" in error.value.message_dict


def test_webinar_status_moves_from_upcoming_to_past_to_on_demand(topic_page):
    webinar = WebinarPageFactory(parent=topic_page)
    assert webinar.status == "upcoming"
    webinar.starts_at = timezone.now() - datetime.timedelta(hours=3)
    assert webinar.status == "past"
    webinar.recording = DocumentFactory(file__filename="recording.mp4")
    assert webinar.status == "on demand"


def test_case_study_timeline_shows_cdm_steps(client, topic_page):
    case = CaseStudyPageFactory(parent=topic_page)
    html = client.get(case.url).content.decode()
    assert "2. Assess the situation, threats and risks" in html


def admin_form_data(model, topic_page):
    patrol = Audience.objects.get(slug="patrol").pk
    common = {
        "title": f"A new {model._meta.verbose_name}",
        "slug": f"new-{model._meta.model_name}",
        "teaser": "One sentence that says why this matters.",
        "publication_date": timezone.localdate().isoformat(),
        "action-publish": "publish",
    }
    specific = {
        ArticlePage: {"body": streamfield([("paragraph", rich_text("<p>Body.</p>"))])},
        VideoPage: {
            "video_file": DocumentFactory(file__filename="clip.mp4").pk,
            "captions": DocumentFactory(file__filename="clip.vtt").pk,
            "transcript": rich_text("<p>Words.</p>"),
        },
        WebinarPage: {
            "starts_at": (timezone.localtime() + datetime.timedelta(days=3)).strftime(
                "%Y-%m-%d %H:%M"
            ),
            "time_zone": "America/Chicago",
            "duration_minutes": 60,
            "capacity": 50,
            "description": rich_text("<p>About.</p>"),
        },
        CaseStudyPage: {
            "incident_summary": rich_text("<p>Summary.</p>"),
            "timeline": streamfield([]),
            "outcome": rich_text("<p>Outcome.</p>"),
            "lessons": rich_text("<p>Lessons.</p>"),
        },
        PolicyBriefPage: {
            "jurisdiction": "Riverton",
            "effective_date": "2026-07-01",
            "what_changed": rich_text("<p>Change.</p>"),
            "why_it_matters": rich_text("<p>Why.</p>"),
        },
        ToolProfilePage: {
            "category": "cew",
            "how_it_works": rich_text("<p>How.</p>"),
            "where_it_fits": rich_text("<p>Fits.</p>"),
            "considerations": rich_text("<p>Care.</p>"),
        },
    }[model]
    data = nested_form_data({**common, **specific})
    data["audiences"] = [patrol]  # a multiple choice, not a formset
    return data


@pytest.mark.parametrize(
    "model",
    [ArticlePage, VideoPage, WebinarPage, CaseStudyPage, PolicyBriefPage, ToolProfilePage],
    ids=lambda model: model.__name__,
)
def test_editor_creates_and_publishes_each_type_in_the_admin(
    client, topic_page, user_with_role, model
):
    client.force_login(user_with_role(Role.EDITOR))
    url = f"/admin/pages/add/hub/{model._meta.model_name}/{topic_page.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, admin_form_data(model, topic_page))
    assert response.status_code == 302, response.context["form"].errors
    page = model.objects.get(slug=f"new-{model._meta.model_name}")
    assert page.live
    assert client.get(page.url).status_code == 200
