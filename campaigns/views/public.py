"""Public pages: published campaigns, no sign-in."""

from django.views.generic import DetailView, ListView

from accounts.views import list_params, list_querystring
from campaigns.choices import CampaignKind
from campaigns.selectors import public_campaign_list, public_campaign_or_404


class PublicCampaignListView(ListView):
    template_name = "campaigns/public_list.html"
    paginate_by = 20

    def get_queryset(self):
        return public_campaign_list(params=self.request.GET)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            params=list_params(self.request),
            querystring=list_querystring(self.request),
            kinds=CampaignKind.choices,
        )
        return ctx


class PublicCampaignDetailView(DetailView):
    template_name = "campaigns/public_detail.html"
    context_object_name = "campaign"

    def get_object(self, queryset=None):
        return public_campaign_or_404(pk=self.kwargs["pk"])
