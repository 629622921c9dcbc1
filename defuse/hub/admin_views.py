"""Admin screens for editors: which items readers view most."""

from django.db.models import Q, Sum
from django.shortcuts import render
from django.utils import timezone

from .models import HubItemPage
from .models.popularity import POPULAR_WINDOW_DAYS

ROWS = 100


def most_viewed(request):
    since = timezone.localdate() - timezone.timedelta(days=POPULAR_WINDOW_DAYS)
    items = (
        HubItemPage.objects.annotate(
            recent_views=Sum("views__count", filter=Q(views__date__gt=since)),
            all_views=Sum("views__count"),
        )
        .filter(all_views__gt=0)
        .order_by("-recent_views", "-all_views", "title")
        .only("title", "content_type_id", "live")[:ROWS]
    )
    return render(
        request,
        "hub/admin/most_viewed.html",
        {"items": items, "days": POPULAR_WINDOW_DAYS, "rows": ROWS},
    )
