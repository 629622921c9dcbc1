"""Cache-Control for readers: pages read anonymously may be kept by browsers and shared caches
for a few minutes (with an ETag, so a revisit costs a 304); nothing personal ever may. Which URL
prefixes are personal, each app declares (AppConfig.private_url_prefixes)."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

from .declarations import private_url_prefixes


class ReaderCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response  # the view decided (never_cache, the service worker, beacons)
        if self._public(request, response):
            patch_cache_control(response, public=True, max_age=settings.DEFUSE_PUBLIC_MAX_AGE)
        else:
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def _public(request, response) -> bool:
        user = getattr(request, "user", None)
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not (user and user.is_authenticated)
            and not request.path.startswith(private_url_prefixes())
            and not request.META.get("CSRF_COOKIE_USED")  # a form: its token is per visitor
            and not response.cookies
        )
