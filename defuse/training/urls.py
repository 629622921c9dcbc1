from django.urls import path

from .views import player, review, supervision

app_name = "training"

urlpatterns = [
    path("", player.my_training, name="my_training"),
    path("scenarios/<slug:slug>/", player.scenario_detail, name="scenario"),
    path("scenarios/<slug:slug>/start/", player.start, name="start"),
    path("attempts/<int:pk>/", player.play, name="play"),
    path("attempts/<int:pk>/abandon/", player.abandon, name="abandon"),
    path("attempts/<int:pk>/review/", review.review, name="review"),
    path("attempts/<int:pk>/steps/<int:index>/notes/", review.add_note, name="add_note"),
    path("attempts/<int:pk>/xapi.json", review.xapi_statements, name="attempt_xapi"),
    path("attempts/<int:pk>/certificate/", review.certificate, name="certificate"),
    path("dashboard/", supervision.dashboard, name="dashboard"),
    path("dashboard/records.csv", supervision.export_csv, name="export_csv"),
    path("dashboard/xapi.json", supervision.xapi_export, name="xapi_export"),
    path("dashboard/scenarios/<slug:slug>/", supervision.scenario_stats, name="scenario_stats"),
    path("assignments/new/", supervision.assignment_new, name="assignment_new"),
    path("assignments/<int:pk>/", supervision.assignment_detail, name="assignment"),
]
