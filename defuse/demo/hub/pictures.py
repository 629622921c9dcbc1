"""Listing pictures for the demo items, drawn here (abstract shapes, one design per subtopic),
and the topic page's lead story and editors' picks."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter
from wagtail.images import get_image_model

from defuse.hub.models import HubItemPage, TopicPage

SIZE = (1200, 675)
# Two colours per subtopic, dark to light, chosen to sit with the site's blues and amber.
PALETTES = {
    "communication-tactics": ((11, 79, 138), (126, 182, 222)),
    "crisis-intervention": ((92, 46, 120), (214, 170, 222)),
    "scenario-based-training": ((29, 107, 53), (170, 214, 160)),
    "less-lethal-options": ((138, 59, 0), (242, 196, 120)),
    "policy-and-law": ((40, 48, 64), (170, 180, 200)),
    "officer-wellness": ((0, 110, 120), (150, 220, 214)),
    "technology": ((30, 30, 90), (120, 150, 240)),
    "leadership-and-supervision": ((120, 30, 40), (236, 160, 150)),
}
LEAD_STORY = "case-study-man-on-the-overpass"
PICKS = ["the-tactical-pause", "recognising-behavioural-crisis", "duty-to-intervene"]


def mix(a, b, share: float):
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))


def draw_picture(slug: str) -> bytes:
    """A calm abstract picture: a vertical gradient, soft circles and a horizon band."""
    dark, light = PALETTES.get(slug, ((11, 79, 138), (190, 210, 230)))
    rng = random.Random(slug)
    width, height = SIZE
    picture = Image.new("RGB", SIZE)
    pen = ImageDraw.Draw(picture)
    for y in range(height):
        pen.line([(0, y), (width, y)], fill=mix(dark, light, y / height))
    shapes = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    pen = ImageDraw.Draw(shapes)
    for _ in range(7):
        radius = rng.randint(60, 260)
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = mix(light, (255, 255, 255), rng.random() * 0.6)
        pen.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(*colour, 70))
    horizon = rng.randint(int(height * 0.6), int(height * 0.75))
    pen.rectangle([0, horizon, width, height], fill=(*dark, 120))
    shapes = shapes.filter(ImageFilter.GaussianBlur(6))
    picture.paste(shapes, (0, 0), shapes)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()


def picture_for(slug: str, name: str):
    title = f"{name} (demo picture)"
    Picture = get_image_model()
    existing = Picture.objects.filter(title=title).first()
    if existing:
        return existing
    picture = Picture(title=title)
    picture.file.save(f"demo-{slug}.png", ImageFile(io.BytesIO(draw_picture(slug))), save=False)
    picture.width, picture.height = SIZE
    picture.save()
    return picture


def ensure_listing_pictures(topic: TopicPage) -> int:
    """Gives each demo item without a picture its first subtopic's; returns how many."""
    given = 0
    items = HubItemPage.objects.child_of(topic).live().filter(listing_image__isnull=True)
    for item in items.prefetch_related("subtopics").specific():
        subtopic = item.subtopics.order_by("name").first()
        if subtopic is None or item.slug.startswith("synthetic-"):
            continue
        item.listing_image = picture_for(subtopic.slug, subtopic.name)
        item.save_revision().publish()
        given += 1
    return given


def ensure_front(topic: TopicPage) -> None:
    """The lead story and three editors' picks, unless an editor has chosen already."""
    topic = topic.specific
    changed = False
    if topic.lead_story_id is None:
        topic.lead_story = HubItemPage.objects.child_of(topic).filter(slug=LEAD_STORY).first()
        changed = topic.lead_story is not None
    if not topic.editors_picks.exists():
        items = {
            item.slug: item for item in HubItemPage.objects.child_of(topic).filter(slug__in=PICKS)
        }
        for slug in PICKS:
            if slug in items:
                topic.editors_picks.add(topic.editors_picks.model(item=items[slug]))
                changed = True
    if changed:
        topic.save_revision().publish()
