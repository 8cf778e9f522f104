from django.urls import path

from congresses import views

app_name = "congresses"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("rows/blank/", views.blank, name="row_blank"),
    path("rows/<str:kind>/", views.PlanRowView.as_view(), name="plan_row"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("<int:pk>/edit/", views.PlanUpdateView.as_view(), name="plan_update"),
    path("<int:pk>/publish/", views.PlanPublishView.as_view(), name="plan_publish"),
    path("<int:pk>/pdf/", views.PlanPdfView.as_view(), name="plan_pdf"),
    path("<int:pk>/generate/", views.PlanGenerateView.as_view(), name="plan_generate"),
    path("<int:pk>/agenda/", views.AgendaEditView.as_view(), name="agenda_edit"),
    path("<int:pk>/levels/<int:level_pk>/", views.LevelUpdateView.as_view(), name="level_edit"),
    path("<int:pk>/board/", views.BoardView.as_view(), name="board"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/record/", views.EventRecordView.as_view(), name="event_record"),
    path("events/<int:pk>/meter/", views.MeterView.as_view(), name="event_meter"),
    path("events/<int:pk>/candidates/", views.CandidateSearchView.as_view(), name="candidates"),
    path("events/<int:pk>/delegates/", views.DelegateAddView.as_view(), name="delegate_add"),
    path(
        "events/<int:pk>/delegates/pick/",
        views.DelegateAddCandidateView.as_view(),
        name="delegate_pick",
    ),
    path(
        "events/<int:pk>/delegates/<int:delegate_pk>/remove/",
        views.DelegateRemoveView.as_view(),
        name="delegate_remove",
    ),
    path(
        "events/<int:pk>/delegates/<int:delegate_pk>/upward/",
        views.DelegateUpwardView.as_view(),
        name="delegate_upward",
    ),
    path("events/<int:pk>/confirm/", views.EventConfirmListView.as_view(), name="list_confirm"),
    path("events/<int:pk>/reopen/", views.EventReopenListView.as_view(), name="list_reopen"),
    path(
        "events/<int:pk>/approve-upward/",
        views.EventUpwardApproveView.as_view(),
        name="upward_approve",
    ),
    path(
        "events/<int:pk>/incoming/<int:child_pk>/take/",
        views.IncomingTakeView.as_view(),
        name="incoming_take",
    ),
    path(
        "events/<int:pk>/delegates/pdf/", views.DelegateListPdfView.as_view(), name="delegates_pdf"
    ),
    path(
        "events/<int:pk>/upward/pdf/",
        views.DelegateListPdfView.as_view(upward=True),
        name="upward_pdf",
    ),
]
