from django.urls import path

from . import newsletter_views, views

app_name = "hub"

urlpatterns = [
    path("webinars.ics", views.webinar_calendar, name="webinar_calendar"),
    path("views/<int:item_id>.gif", views.view_beacon, name="view_beacon"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggestions, name="search_suggestions"),
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    path("feeds/", views.feeds, name="feeds"),
    path("newsletter/", newsletter_views.subscribe, name="newsletter"),
    path("newsletter/sent/", newsletter_views.sent, name="newsletter_sent"),
    path("newsletter/confirm/<str:token>/", newsletter_views.confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        newsletter_views.unsubscribe,
        name="newsletter_unsubscribe",
    ),
]
