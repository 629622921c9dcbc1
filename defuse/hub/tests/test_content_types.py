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
    demo_file,
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
    assert f'<source src="{video.video_file.url}" type="video/mp4">' in html
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
    assert "could not be read as a video" in str(error.value.message_dict["video_file"])
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


def mp4():
    return DocumentFactory(
        file__filename="clip.mp4", file__data=demo_file("tactical-pause-demo.mp4")
    )


def webm(name="clip.webm"):
    return DocumentFactory(file__filename=name, file__data=demo_file("tactical-pause-demo.webm"))


def test_the_running_time_is_read_from_the_file(client, topic_page):
    video = VideoPageFactory(parent=topic_page)
    assert video.duration_seconds == 6
    html = client.get(video.url).content.decode()
    assert "Running time 6 seconds." in html
    assert '"duration": "PT6S"' in html


def test_webm_plays_first_where_it_can_and_mp4_everywhere_else(client, topic_page):
    video = VideoPageFactory(parent=topic_page, video_file=mp4(), video_file_webm=webm())
    html = client.get(video.url).content.decode()
    webm_source = html.index(f'<source src="{video.video_file_webm.url}" type="video/webm">')
    assert webm_source < html.index(f'<source src="{video.video_file.url}" type="video/mp4">')


def test_a_webm_alone_is_refused_with_the_reason(topic_page):
    video = VideoPageFactory.build(video_file=None, video_file_webm=webm())
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert "older iPhones" in error.value.message_dict["video_file"][0]


def test_a_file_named_mp4_that_is_not_h264_is_refused(topic_page):
    video = VideoPageFactory.build(video_file=webm(name="actually-webm.mp4"))
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    message = error.value.message_dict["video_file"][0]
    assert "WEBM file with vp9 and opus" in message and "H.264" in message


def test_a_recording_must_play_everywhere(topic_page):
    webinar = WebinarPageFactory.build(recording=webm())
    with pytest.raises(ValidationError) as error:
        webinar.clean()
    assert "H.264" in error.value.message_dict["recording"][0]
    webinar.recording = mp4()
    webinar.clean()


def test_running_times_read_well():
    from defuse.hub.video_files import iso_duration, running_time

    assert running_time(1) == "1 second"
    assert running_time(45) == "45 seconds"
    assert running_time(60 * 12 + 10) == "12 minutes"
    assert running_time(3600 + 5 * 60) == "1 hour 5 minutes"
    assert running_time(7200) == "2 hours"
    assert iso_duration(3930) == "PT1H5M30S" and iso_duration(0) == "PT0S"


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
            "video_file": DocumentFactory(
                file__filename="clip.mp4", file__data=demo_file("tactical-pause-demo.mp4")
            ).pk,
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
