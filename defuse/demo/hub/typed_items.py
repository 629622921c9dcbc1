"""Creates one demo item of each type other than article (see typed_content.py)."""

import datetime
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files import File
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from defuse.core.vocabulary import Technique
from defuse.hub.models import (
    Audience,
    CaseStudyPage,
    PolicyBriefPage,
    ToolProfilePage,
    TopicPage,
    VideoPage,
    WebinarPage,
)
from defuse.hub.search_items import deferred_indexing

from . import typed_content as content

MEDIA_DIR = Path(__file__).resolve().parent / "media"


def demo_media(model, filename: str, title: str):
    """A Wagtail document or image made from a file shipped in demo/media, made once."""
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    with open(MEDIA_DIR / filename, "rb") as handle:
        media = model(title=title)
        media.file.save(filename, File(handle), save=False)
        media.save()
    return media


def demo_document(filename: str, title: str):
    return demo_media(get_document_model(), filename, title)


def demo_image(filename: str, title: str):
    return demo_media(get_image_model(), filename, title)


def rich_timeline(points):
    return [
        {
            "type": "decision_point",
            "id": str(uuid.uuid4()),
            "value": {
                "moment": moment,
                "situation": situation,
                "decision": decision,
                "cdm_step": step,
            },
        }
        for moment, situation, decision, step in points
    ]


def build_video(spec):
    return VideoPage(
        video_file=demo_document("tactical-pause-demo.mp4", "Demo video: tactical pause"),
        video_file_webm=demo_document(
            "tactical-pause-demo.webm", "Demo video: tactical pause (WebM)"
        ),
        captions=demo_document("tactical-pause-demo.vtt", "Demo captions: tactical pause"),
        poster=demo_image("tactical-pause-poster.png", "Demo poster: tactical pause"),
        transcript=spec["transcript"],
    )


def build_webinar(spec):
    start = timezone.now().replace(hour=15, minute=0, second=0, microsecond=0)
    return WebinarPage(
        starts_at=start + datetime.timedelta(days=spec["starts_in_days"]),
        duration_minutes=60,
        capacity=300,
        description=spec["description"],
    )


def build_case_study(spec):
    return CaseStudyPage(
        incident_summary=spec["incident_summary"],
        timeline=rich_timeline(spec["timeline"]),
        outcome=spec["outcome"],
        lessons=spec["lessons"],
    )


def build_policy_brief(spec):
    return PolicyBriefPage(
        jurisdiction=spec["jurisdiction"],
        effective_date=timezone.localdate() + datetime.timedelta(days=spec["effective_in_days"]),
        what_changed=spec["what_changed"],
        why_it_matters=spec["why_it_matters"],
    )


def build_tool_profile(spec):
    return ToolProfilePage(
        category=spec["category"],
        how_it_works=spec["how_it_works"],
        where_it_fits=spec["where_it_fits"],
        considerations=spec["considerations"],
    )


BUILDERS: list[tuple[dict[str, Any], Callable]] = [
    (content.VIDEO, build_video),
    (content.WEBINAR, build_webinar),
    (content.CASE_STUDY, build_case_study),
    (content.POLICY_BRIEF, build_policy_brief),
    (content.TOOL_PROFILE, build_tool_profile),
]


@deferred_indexing()
def ensure_typed_items(topic: TopicPage, subtopics, authors) -> int:
    existing = set(topic.get_children().values_list("slug", flat=True))
    audiences = {audience.slug: audience for audience in Audience.objects.all()}
    techniques = {technique.code: technique for technique in Technique.objects.all()}
    created = 0
    for spec, build in BUILDERS:
        if spec["slug"] in existing:
            continue
        page = build(spec)
        page.title = spec["title"]
        page.slug = spec["slug"]
        page.teaser = spec["teaser"]
        page.publication_date = timezone.localdate() - datetime.timedelta(days=spec["days_ago"])
        page.audiences = [audiences[code] for code in spec["audiences"]]
        page.subtopics = [subtopics[code] for code in spec["subtopics"]]
        page.techniques = [techniques[code] for code in spec["techniques"]]
        page.authors = [authors[spec["author"]]]
        topic.add_child(instance=page)
        if isinstance(page, WebinarPage):
            page.presenters = [authors[spec["author"]]]
        page.save_revision().publish()
        created += 1
    return created
