"""Builds the demo page tree: home page, De-escalation topic, subtopics, authors and articles."""

import datetime
import uuid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page, Site

from defuse.core.vocabulary import Technique
from defuse.hub.models import ArticlePage, Audience, Author, HomePage, Subtopic, TopicPage
from defuse.hub.search_items import deferred_indexing

from . import content

TOPIC_SLUG = "de-escalation"


def ensure_home_page() -> HomePage:
    """The site's root is a Defuse home page; Wagtail's placeholder welcome page is replaced."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    placeholder = Page.objects.filter(depth=2, content_type__model="page").first()
    if placeholder is not None:
        placeholder.delete()
    home = root.add_child(
        instance=HomePage(
            title="Defuse", slug="home", introduction=content.HOME_INTRODUCTION, live=True
        )
    )
    home.save_revision().publish()
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = base.port or (443 if base.scheme == "https" else 80)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": base.hostname or "localhost",
            "port": port,
            "root_page": home,
            "site_name": "Defuse",
        },
    )
    return home


def ensure_topic_page(home: HomePage) -> TopicPage:
    topic = TopicPage.objects.child_of(home).filter(slug=TOPIC_SLUG).first()
    if topic:
        return topic
    topic = home.add_child(
        instance=TopicPage(
            title=content.TOPIC_TITLE,
            slug=TOPIC_SLUG,
            short_description=content.TOPIC_SHORT_DESCRIPTION,
            introduction=content.TOPIC_INTRODUCTION,
            show_in_menus=True,
        )
    )
    topic.save_revision().publish()
    return topic


def ensure_subtopics() -> dict[str, Subtopic]:
    subtopics = {}
    for slug, name, description in content.SUBTOPICS:
        subtopics[slug], _ = Subtopic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    return subtopics


def ensure_authors() -> dict[str, Author]:
    authors = {}
    for slug, name, job_title, bio in content.AUTHORS:
        authors[slug], _ = Author.objects.get_or_create(
            slug=slug, defaults={"name": name, "job_title": job_title, "bio": bio}
        )
    return authors


def article_body(paragraphs, callout) -> list[dict]:
    body: list[dict[str, Any]] = [
        {"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs
    ]
    if callout:
        kind, title, text = callout
        body.insert(
            1,
            {"type": "callout", "value": {"kind": kind, "title": title, "text": f"<p>{text}</p>"}},
        )
    return [dict(block, id=str(uuid.uuid4())) for block in body]


# Techniques each subtopic's demo articles demonstrate, so related items and filters have data.
SUBTOPIC_TECHNIQUES = {
    "communication-tactics": ["tactical-communication", "swap-communicator"],
    "crisis-intervention": ["inability-to-comply", "cit-coresponder"],
    "scenario-based-training": ["tactical-pause"],
    "less-lethal-options": ["distance", "cover-shielding"],
    "policy-and-law": ["calm-warnings"],
    "officer-wellness": ["tactical-pause", "time"],
    "technology": ["containment"],
    "leadership-and-supervision": ["supervisor-on-scene", "resources-backup"],
}


@deferred_indexing()
def ensure_articles(topic: TopicPage, subtopics, authors) -> int:
    """Creates the demo articles that are missing; returns how many were created."""
    audiences = {audience.slug: audience for audience in Audience.objects.all()}
    existing = set(ArticlePage.objects.child_of(topic).values_list("slug", flat=True))
    today = timezone.localdate()
    created = 0
    for entry in content.ARTICLES:
        (
            slug,
            title,
            teaser,
            subtopic_slugs,
            audience_slugs,
            author,
            days_ago,
            paragraphs,
            callout,
        ) = entry
        if slug in existing:
            continue
        article = ArticlePage(
            title=title,
            slug=slug,
            teaser=teaser,
            publication_date=today - datetime.timedelta(days=days_ago),
            body=article_body(paragraphs, callout),
        )
        article.audiences = [audiences[code] for code in audience_slugs]
        article.subtopics = [subtopics[code] for code in subtopic_slugs]
        article.authors = [authors[author]]
        codes = {code for slug in subtopic_slugs for code in SUBTOPIC_TECHNIQUES.get(slug, [])}
        article.techniques = list(Technique.objects.filter(code__in=codes))
        topic.add_child(instance=article)
        article.save_revision().publish()
        created += 1
    return created


def ensure_subtopic_pages(topic: TopicPage, subtopics: dict[str, Subtopic]) -> None:
    """One page per subtopic under the topic, each listing the topic's items so tagged."""
    existing = set(TopicPage.objects.child_of(topic).values_list("slug", flat=True))
    for slug, subtopic in subtopics.items():
        if slug in existing:
            continue
        page = topic.add_child(
            instance=TopicPage(
                title=subtopic.name,
                slug=slug,
                subtopic=subtopic,
                short_description=subtopic.description,
                introduction=f"<p>{subtopic.description}</p>",
            )
        )
        page.save_revision().publish()
