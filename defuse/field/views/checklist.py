from django.http import Http404
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

from ..access import can_file
from ..models import Checklist


@cache_control(no_cache=True)
def checklist(request):
    current = Checklist.objects.current()
    if current is None:
        raise Http404("No checklist has been published yet.")
    return render(
        request, "field/checklist.html", {"checklist": current, "can_file": can_file(request.user)}
    )


@cache_control(no_cache=True)
def offline(request):
    """What the service worker shows for a page of /field/ it cannot reach."""
    return render(request, "field/offline.html")


def service_worker(request):
    """Served from /field/ so that it may control the checklist page's scope."""
    assets = [static("css/site.css"), static("img/favicon.svg"), static("js/field.js")]
    response = render(
        request, "field/sw.js", {"assets": assets}, content_type="application/javascript"
    )
    response["Cache-Control"] = "no-cache"
    return response


def manifest(request):
    return render(
        request,
        "field/manifest.webmanifest",
        {"icon": static("img/favicon.svg")},
        content_type="application/manifest+json",
    )
