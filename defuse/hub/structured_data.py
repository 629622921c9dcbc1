"""schema.org descriptions of hub items, for search engines (JSON-LD)."""

import datetime

from django.utils import timezone

from .models import VideoPage, WebinarPage
from .video_files import iso_duration


def _iso(value) -> str:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def item_data(item, request) -> dict:
    """The JSON-LD object for an item page: Article, VideoObject or Event."""
    common = {
        "@context": "https://schema.org",
        "name": item.title,
        "headline": item.title[:110],
        "description": item.teaser,
        "url": item.get_full_url(request),
        "datePublished": _iso(item.publication_date),
        "author": [{"@type": "Person", "name": author.name} for author in item.authors.all()],
        "publisher": {"@type": "Organization", "name": "Defuse"},
    }
    if item.last_published_at:
        common["dateModified"] = _iso(item.last_published_at)
    if isinstance(item, VideoPage):
        data = {**common, "@type": "VideoObject", "uploadDate": _iso(item.publication_date)}
        if item.video_file:
            data["contentUrl"] = request.build_absolute_uri(item.video_file.url)
        if item.duration_seconds:
            data["duration"] = iso_duration(item.duration_seconds)
        return data
    if isinstance(item, WebinarPage):
        return {
            **common,
            "@type": "Event",
            "startDate": _iso(item.starts_at),
            "endDate": _iso(item.ends_at),
            "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": {"@type": "VirtualLocation", "url": item.get_full_url(request)},
            "organizer": {"@type": "Organization", "name": "Defuse"},
        }
    return {**common, "@type": "Article"}
