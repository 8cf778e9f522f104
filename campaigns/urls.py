from django.urls import path

from campaigns.views import campaigns as views

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="campaign_list"),
    path("new/", views.CampaignCreateView.as_view(), name="campaign_create"),
    path("rows/blank/", views.blank, name="campaign_row_blank"),
    path("rows/<slug:kind>/", views.CampaignRowView.as_view(), name="campaign_row"),
    path("<int:pk>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("<int:pk>/edit/", views.CampaignUpdateView.as_view(), name="campaign_update"),
    path("<int:pk>/publish/", views.CampaignPublishView.as_view(), name="campaign_publish"),
    path("<int:pk>/close/", views.CampaignCloseView.as_view(), name="campaign_close"),
    path("<int:pk>/summarise/", views.CampaignSummariseView.as_view(), name="campaign_summarise"),
    path("<int:pk>/implement/", views.CampaignImplementView.as_view(), name="campaign_implement"),
    path("<int:pk>/pdf/", views.CampaignPdfView.as_view(), name="campaign_pdf"),
]
