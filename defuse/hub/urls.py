from django.urls import path

from . import views

app_name = "hub"

urlpatterns = [
    path("webinars.ics", views.webinar_calendar, name="webinar_calendar"),
    path("views/<int:item_id>.gif", views.view_beacon, name="view_beacon"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggestions, name="search_suggestions"),
]
