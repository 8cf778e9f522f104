from django.urls import path

from nominations import pdf, views, views_council, views_deadlines, views_import, views_posting

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
    path(
        "<int:pk>/entries/agree-remaining/",
        views.EntriesAgreeRemainingView.as_view(),
        name="entries_agree_remaining",
    ),
    path("<int:pk>/return/", views.DossierReturnView.as_view(), name="dossier_return"),
    path("<int:pk>/attachments/", views.AttachmentUploadView.as_view(), name="attachment_upload"),
    path(
        "<int:pk>/attachments/<int:attachment>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    # Council sessions, public posting (moderation), deadlines and notices (issue 5, items 4-6).
    path("overdue/", views_deadlines.OverdueListView.as_view(), name="overdue_list"),
    path(
        "notices/<int:pk>/read/",
        views_deadlines.NoticeDismissView.as_view(),
        name="notice_dismiss",
    ),
    path("council/<int:pk>/", views_council.CouncilSessionView.as_view(), name="council_session"),
    path(
        "council/<int:pk>/edit/",
        views_council.CouncilSessionUpdateView.as_view(),
        name="council_session_update",
    ),
    path(
        "council/<int:pk>/members/",
        views_council.CouncilMemberAddView.as_view(),
        name="council_member_add",
    ),
    path(
        "council/<int:pk>/attendance/",
        views_council.CouncilAttendanceView.as_view(),
        name="council_attendance",
    ),
    path(
        "council/<int:pk>/entries/<int:entry>/votes/",
        views_council.CouncilVoteView.as_view(),
        name="council_vote",
    ),
    path(
        "council/<int:pk>/votes/all/",
        views_council.CouncilVoteAllView.as_view(),
        name="council_vote_all",
    ),
    path(
        "council/<int:pk>/entries/<int:entry>/recuse/",
        views_council.CouncilRecuseView.as_view(),
        name="council_recuse",
    ),
    path("council/<int:pk>/close/", views_council.CouncilCloseView.as_view(), name="council_close"),
    path(
        "council/<int:pk>/minutes.pdf",
        views_council.CouncilMinutesPdfView.as_view(),
        name="council_minutes_pdf",
    ),
    path(
        "council/<int:pk>/minutes/render/",
        views_council.CouncilMinutesRequestView.as_view(),
        name="council_minutes_request",
    ),
    path(
        "council/<int:pk>/minutes/<int:render_id>/",
        views_council.CouncilMinutesFileView.as_view(),
        name="council_minutes_file",
    ),
    path(
        "<int:pk>/comments/<int:comment>/<slug:status>/",
        views_posting.CommentModerateView.as_view(),
        name="comment_moderate",
    ),
    path("<int:pk>/pdf/", pdf.DossierPdfView.as_view(), name="dossier_pdf"),
    path("<int:pk>/pdf/render/", pdf.DossierPdfRequestView.as_view(), name="dossier_pdf_request"),
    path(
        "<int:pk>/pdf/<int:render_id>/", pdf.DossierPdfFileView.as_view(), name="dossier_pdf_file"
    ),
    path("<int:pk>/import/", views_import.EntryImportView.as_view(), name="entry_import"),
    path(
        "<int:pk>/import/template/",
        views_import.EntryImportTemplateView.as_view(),
        name="entry_import_template",
    ),
    path("<int:pk>/<slug:action>/", views.DossierActionView.as_view(), name="dossier_action"),
]
