from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("export/national.<str:fmt>", views.NationalExportView.as_view(), name="national"),
    path("export/<str:kind>.xlsx", views.ExportView.as_view(), name="export"),
    path("campaigns/<int:pk>/results/", views.TargetResultsView.as_view(), name="results"),
    path("campaigns/<int:pk>/summary/", views.SummaryView.as_view(), name="summary"),
    path("campaigns/<int:pk>/summary/pdf/", views.SummaryPdfView.as_view(), name="summary_pdf"),
    path(
        "campaigns/<int:pk>/summary/issue/", views.SummaryIssueView.as_view(), name="summary_issue"
    ),
]
