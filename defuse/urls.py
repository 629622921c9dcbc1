from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from defuse.platform.views import alive, health

# A database that refuses writes (read-only, disk full) answers 503 with a plain explanation.
handler500 = "defuse.platform.views.server_error"

urlpatterns = [
    path("health/", health, name="health"),
    path("health/live/", alive, name="alive"),
    # Wagtail's own sign-in page takes a password alone: everyone signs in through Defuse's,
    # where the second factor and single sign-on are.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
        name="admin_login_elsewhere",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("defuse.accounts.urls")),
    # django-allauth's single sign-on (accounts/sso.py), below Defuse's own sign-in pages
    path("accounts/", include("allauth.urls")),
    path("training/", include("defuse.training.urls")),
    path("field/", include("defuse.field.urls")),
    path("insights/", include("defuse.insights.urls")),
    path("", include("defuse.hub.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.DEBUG or settings.DEFUSE_SERVE_MEDIA:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
