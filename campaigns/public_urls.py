from django.urls import path

from campaigns.views.public import PublicCampaignDetailView, PublicCampaignListView

urlpatterns = [
    path("", PublicCampaignListView.as_view(), name="public_campaign_list"),
    path("<int:pk>/", PublicCampaignDetailView.as_view(), name="public_campaign_detail"),
]
