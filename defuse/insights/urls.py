from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("charts/<slug:slug>.csv", views.chart_csv, name="chart_csv"),
    path("summary/", views.monthly_summary, name="summary"),
    path("open-data/", views.open_data_page, name="open_data_page"),
    path("open-data.csv", views.open_data_csv, name="open_data"),
    path("open-data-totals.csv", views.open_data_aggregates_csv, name="open_data_totals"),
]
