from django.urls import path

from decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.DecisionListView.as_view(), name="list"),
    path("new/", views.DecisionCreateView.as_view(), name="create"),
    path("<int:pk>/", views.DecisionDetailView.as_view(), name="detail"),
    path("<int:pk>/pdf/", views.DecisionPdfView.as_view(), name="pdf"),
    path("<int:pk>/pdf/status/", views.DecisionPdfStatusView.as_view(), name="pdf_status"),
    path("<int:pk>/pdf/retry/", views.DecisionRetryPdfView.as_view(), name="pdf_retry"),
    path(
        "<int:pk>/preview/render/",
        views.DecisionPreviewRequestView.as_view(),
        name="preview_request",
    ),
    path(
        "<int:pk>/preview/<int:render_id>/",
        views.DecisionPreviewFileView.as_view(),
        name="preview_file",
    ),
    path("<int:pk>/bases/", views.DecisionRefreshBasesView.as_view(), name="refresh_bases"),
    path("<int:pk>/sign/", views.DecisionSignView.as_view(), name="sign"),
    path("<int:pk>/delete/", views.DecisionDeleteView.as_view(), name="delete"),
    path("<int:pk>/remove/", views.DecisionRemoveAwardeeView.as_view(), name="remove_awardee"),
    path("<int:pk>/revoke/", views.DecisionRevokeView.as_view(), name="revoke"),
    path(
        "<int:pk>/certificates/pdf/",
        views.CertificatesPdfView.as_view(),
        name="certificates_pdf",
    ),
]
