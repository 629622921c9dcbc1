from django.urls import path

from .views import checklist, imports, nufdc, reports

app_name = "field"

urlpatterns = [
    path("checklist/", checklist.checklist, name="checklist"),
    path("sw.js", checklist.service_worker, name="service_worker"),
    path("offline/", checklist.offline, name="offline"),
    path("manifest.webmanifest", checklist.manifest, name="manifest"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/new/", reports.report_new, name="new"),
    path("reports/start/", reports.report_start, name="start"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="edit"),
    path("reports/<int:pk>/autosave/", reports.report_autosave, name="autosave"),
    path("reports/<int:pk>/review/", reports.report_review, name="review"),
    path("reports/<int:pk>/amend/", reports.report_amend, name="amend"),
    path("review/", reports.review_queue, name="review_queue"),
    path("archive/", reports.report_archive, name="archive"),
    path("import/", imports.import_start, name="import"),
    path("import/<uuid:pk>/", imports.import_review, name="import_review"),
    path("import/<uuid:pk>/discard/", imports.import_discard, name="import_discard"),
    path("import/profiles/<int:pk>.json", imports.profile_download, name="import_profile"),
    path("nufdc/", nufdc.nufdc_page, name="nufdc"),
    path("nufdc.json", nufdc.nufdc_file, name="nufdc_file"),
]
