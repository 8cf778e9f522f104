from django.urls import path

from nominations import views

app_name = "nominations"

urlpatterns = [
    path("", views.DossierListView.as_view(), name="dossier_list"),
    path("new/", views.DossierCreateView.as_view(), name="dossier_create"),
    path("<int:pk>/", views.DossierDetailView.as_view(), name="dossier_detail"),
    path("<int:pk>/edit/", views.DossierEditView.as_view(), name="dossier_edit"),
    path("<int:pk>/entries/new/", views.EntryEditView.as_view(), name="entry_create"),
    path("<int:pk>/entries/<int:entry>/edit/", views.EntryEditView.as_view(), name="entry_edit"),
    path(
        "<int:pk>/entries/<int:entry>/remove/", views.EntryRemoveView.as_view(), name="entry_remove"
    ),
    path(
        "<int:pk>/entries/<int:entry>/appraise/",
        views.EntryAppraiseView.as_view(),
        name="entry_appraise",
    ),
    path("<int:pk>/return/", views.DossierReturnView.as_view(), name="dossier_return"),
    path("<int:pk>/attachments/", views.AttachmentUploadView.as_view(), name="attachment_upload"),
    path(
        "<int:pk>/attachments/<int:attachment>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path("<int:pk>/<slug:action>/", views.DossierActionView.as_view(), name="dossier_action"),
]
