import datetime
from pathlib import Path

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.documents import get_document_model

from defuse.hub.models import (
    ArticlePage,
    Audience,
    Author,
    CaseStudyPage,
    HomePage,
    PolicyBriefPage,
    Subtopic,
    ToolProfilePage,
    TopicPage,
    VideoPage,
    WebinarPage,
)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Defuse"
    introduction = "<p>Welcome.</p>"


class TopicPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TopicPage

    title = factory.Sequence(lambda n: f"Topic {n}")
    introduction = "<p>What this topic covers.</p>"


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")


class SubtopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subtopic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Subtopic {n}")
    slug = factory.Sequence(lambda n: f"subtopic-{n}")


class HubItemPageFactory(wagtail_factories.PageFactory):
    """Fields every hub item shares; concrete factories below add their own."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)
    # Distinct past dates, so that an item published today sorts first.
    publication_date = factory.Sequence(
        lambda n: timezone.localdate() - datetime.timedelta(days=1 + n % 5000)
    )

    @factory.post_generation
    def audiences(page, create, extracted, **kwargs):
        slugs = extracted if extracted is not None else [Audience.PATROL]
        page.audiences.set(Audience.objects.filter(slug__in=slugs))
        if create:
            page.save()


class ArticlePageFactory(HubItemPageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Article number {n}")
    teaser = factory.LazyAttribute(lambda page: f"Why {page.title.lower()} matters on patrol.")
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>A paragraph of the body.</p>"}]
    )


def demo_file(name: str) -> bytes:
    return (Path(__file__).resolve().parents[2] / "demo" / "hub" / "media" / name).read_bytes()


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="file.txt", data=b"text")


class VideoPageFactory(HubItemPageFactory):
    class Meta:
        model = VideoPage

    title = factory.Sequence(lambda n: f"Video number {n}")
    teaser = "A short captioned clip on slowing a scene down."
    video_file = factory.SubFactory(
        DocumentFactory,
        file=factory.django.FileField(
            filename="clip.mp4",
            data=factory.LazyFunction(lambda: demo_file("tactical-pause-demo.mp4")),
        ),
    )
    captions = factory.SubFactory(
        DocumentFactory,
        file=factory.django.FileField(
            filename="clip.vtt",
            data=factory.LazyFunction(lambda: demo_file("tactical-pause-demo.vtt")),
        ),
    )
    transcript = "<p>Officer: We have time.</p>"


class WebinarPageFactory(HubItemPageFactory):
    class Meta:
        model = WebinarPage

    title = factory.Sequence(lambda n: f"Webinar number {n}")
    teaser = "A live session on supervising crisis calls."
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    time_zone = "America/Chicago"
    duration_minutes = 60
    capacity = 100
    join_url = "https://meet.example.org/defuse"


class CaseStudyPageFactory(HubItemPageFactory):
    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"Case study number {n}")
    teaser = "Forty minutes on an overpass, decision by decision."
    incident_summary = "<p>A man stood outside a railing.</p>"
    timeline = factory.LazyFunction(
        lambda: [
            {
                "type": "decision_point",
                "value": {
                    "moment": "Arrival",
                    "situation": "He shouted to stay back.",
                    "decision": "They stopped and chose one communicator.",
                    "cdm_step": "assess",
                },
            }
        ]
    )
    outcome = "<p>He climbed back. No force.</p>"
    lessons = "<p>Distance bought time.</p>"


class PolicyBriefPageFactory(HubItemPageFactory):
    class Meta:
        model = PolicyBriefPage

    title = factory.Sequence(lambda n: f"Policy brief number {n}")
    teaser = "A city now requires de-escalation in every force report."
    jurisdiction = "City of Riverton"
    effective_date = datetime.date(2026, 7, 1)
    what_changed = "<p>Six questions in every report.</p>"
    why_it_matters = "<p>Supervisors review by end of shift.</p>"
    source_url = "https://example.org/policy"


class ToolProfilePageFactory(HubItemPageFactory):
    class Meta:
        model = ToolProfilePage

    title = factory.Sequence(lambda n: f"Tool profile number {n}")
    teaser = "What a small drone can do to create time and distance."
    category = "drones_robots"
    how_it_works = "<p>A camera that flies.</p>"
    where_it_fits = "<p>Seeing without closing in.</p>"
    considerations = "<p>Privacy and retention.</p>"
