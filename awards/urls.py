from django.urls import path

from awards import views

app_name = "awards"

urlpatterns = [
    path("awards/", views.AwardRegisterView.as_view(), name="register"),
    path("awards/people/<int:pk>/", views.PersonHistoryView.as_view(), name="person_history"),
    path("awards/units/<int:pk>/", views.UnitHistoryView.as_view(), name="unit_history"),
    path("awards/import/", views.AwardImportView.as_view(), name="import"),
    path("awards/import/template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path(
        "campaigns/<int:campaign_id>/awards/",
        views.CampaignAwardsEditView.as_view(),
        name="campaign_awards_edit",
    ),
]
