"""Staff pages of campaigns: list, detail, create and edit with inline rows, actions, PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from accounts.choices import Role
from accounts.views import KeptPageMixin, list_params, list_querystring
from campaigns.choices import CampaignKind, CampaignStatus, UnitLevel
from campaigns.forms import FORMSETS, ROW_FORMS, CampaignForm, build_formsets
from campaigns.models import Campaign
from campaigns.selectors import (
    campaign_chain,
    campaign_document,
    campaign_editable_or_404,
    campaign_rows_by_id,
    campaign_visible_or_404,
    campaigns_filtered,
    issuer_choices_for,
)
from campaigns.services import (
    campaign_close,
    campaign_implement,
    campaign_publish,
    campaign_save,
    campaign_summarise,
    may_edit,
)
from documents.forms import errors_to_form
from documents.pdf import pdf_response, render_pdf
from documents.problems import error_summary


class CampaignListView(LoginRequiredMixin, KeptPageMixin, ListView):
    """Campaigns the user may see, filtered by year, level, kind, status, issuer and text."""

    template_name = "campaigns/campaign_list.html"
    paginate_by = 20

    def get_queryset(self):
        return campaigns_filtered(user=self.request.user, params=self.request.GET)

    def page_rows(self, ids):
        return campaign_rows_by_id(ids)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            params=list_params(self.request),
            querystring=list_querystring(self.request),
            kinds=CampaignKind.choices,
            statuses=CampaignStatus.choices,
            levels=UnitLevel.choices,
            issuers=issuer_choices_for(self.request.user),
            can_create=_is_officer(self.request.user),
        )
        return ctx


def _is_officer(user) -> bool:
    return user.is_superuser or user.has_role(Role.OFFICER) or user.has_role(Role.ADMIN)


# Links other apps add to a campaign's page, each called as provider(campaign, user) and
# returning (label, url) pairs: the reports app adds the unit's results against the targets
# and the summary report.
PAGE_LINKS: list = []


class CampaignDetailView(LoginRequiredMixin, DetailView):
    """All parts of a campaign, the chain of campaigns above and below it, and the actions."""

    template_name = "campaigns/campaign_detail.html"
    context_object_name = "campaign"

    def get_object(self, queryset=None):
        return campaign_visible_or_404(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        campaign = self.object
        ctx["above"], ctx["below"] = campaign_chain(campaign=campaign, user=user)
        ctx["may_edit"] = may_edit(campaign=campaign, actor=user)
        ctx["may_implement"] = (
            campaign.is_live
            and _is_officer(user)
            and user.scope_root is not None
            and all(row.unit_id != user.scope_root.pk for row in campaign.issuer_list)
        )
        ctx["links"] = [link for provider in PAGE_LINKS for link in provider(campaign, user)]
        return ctx


class CampaignEditMixin(LoginRequiredMixin):
    """Create and edit share the form, the formsets and the saving."""

    template_name = "campaigns/campaign_form.html"

    def get_campaign(self) -> Campaign | None:
        return None

    def initial(self) -> dict:
        return {}

    def render_page(self, form, formsets, campaign):
        sections = [(n, fs, FORMSETS[n][2]) for n, fs in formsets.items()]
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "formset_list": sections,
                "problems": error_summary(form, [(fs, title) for _n, fs, title in sections]),
                "campaign": campaign,
            },
        )

    def get(self, request, *args, **kwargs):
        campaign = self.get_campaign()
        form = CampaignForm(instance=campaign, user=request.user, initial=self.initial())
        formsets = build_formsets(instance=campaign or Campaign(), user=request.user)
        return self.render_page(form, formsets, campaign)

    def post(self, request, *args, **kwargs):
        campaign = self.get_campaign()
        form = CampaignForm(request.POST, instance=campaign, user=request.user)
        formsets = build_formsets(
            data=request.POST, instance=campaign or Campaign(), user=request.user
        )
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            try:
                saved = campaign_save(actor=request.user, form=form, formsets=formsets)
            except ValidationError as error:
                _errors_to_form(error, form, formsets)
            else:
                messages.success(request, _("The campaign was saved."))
                return redirect(saved)
        return self.render_page(form, formsets, campaign)


def _errors_to_form(error: ValidationError, form, formsets) -> None:
    """Put a service's errors at the field at fault (or on the formset they concern)."""
    errors_to_form(error, form, formsets)
    # the instance may have been given a pk inside the rolled-back transaction
    if form.instance.pk and not Campaign.objects.filter(pk=form.instance.pk).exists():
        form.instance.pk = None
        form.instance._state.adding = True


class CampaignCreateView(CampaignEditMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not _is_officer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CampaignUpdateView(CampaignEditMixin, View):
    def get_campaign(self):
        campaign = campaign_editable_or_404(user=self.request.user, pk=self.kwargs["pk"])
        if campaign.is_live:
            # A published document is fixed; its later life is close and summarise.
            raise Http404
        return campaign


class CampaignActionView(LoginRequiredMixin, View):
    """POST-only: one service call on one campaign."""

    http_method_names = ["post"]
    service = None
    done_message = ""

    def post(self, request, pk):
        campaign = campaign_editable_or_404(user=request.user, pk=pk)
        try:
            with transaction.atomic():
                campaign = type(self).service(campaign=campaign, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.done_message % {"number": campaign.number_text})
        return redirect("campaign_detail", pk=pk)


class CampaignPublishView(CampaignActionView):
    service = staticmethod(campaign_publish)
    done_message = _("Published as number %(number)s.")


class CampaignCloseView(CampaignActionView):
    service = staticmethod(campaign_close)
    done_message = _("The campaign is closed.")


class CampaignSummariseView(CampaignActionView):
    service = staticmethod(campaign_summarise)
    done_message = _("The campaign is marked as summarised.")


class CampaignImplementView(LoginRequiredMixin, View):
    """Start the user's unit's plan implementing this campaign, then edit it."""

    http_method_names = ["post"]

    def post(self, request, pk):
        parent = campaign_visible_or_404(user=request.user, pk=pk)
        try:
            child = campaign_implement(parent=parent, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(parent)
        messages.success(request, _("A draft plan of your unit was created from this campaign."))
        return redirect("campaign_update", pk=child.pk)


class CampaignRowView(LoginRequiredMixin, View):
    """htmx: one new blank row of a formset, with the counters that follow it."""

    def get(self, request, kind):
        if kind not in ROW_FORMS or not request.htmx:
            raise Http404
        prefix = request.GET.get("prefix", kind)
        try:
            index = int(request.GET.get("index", "0"))
        except ValueError as exc:
            raise Http404 from exc
        if not (prefix == kind or (prefix.startswith("items-") and kind == "targets")):
            raise Http404
        form = ROW_FORMS[kind](prefix=f"{prefix}-{index}", user=request.user)
        if kind == "items":
            from campaigns.forms import TargetFormSet
            from campaigns.models import CampaignItem

            form.targets = TargetFormSet(instance=CampaignItem(), prefix=f"{form.prefix}-targets")
        return render(
            request,
            "campaigns/includes/rows.html#new_row",
            {"form": form, "kind": kind, "prefix": prefix, "next_index": index + 1},
        )


@login_required
@require_GET
def blank(request):
    """htmx: nothing (the remove buttons swap their row out)."""
    return HttpResponse("")


class CampaignPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        campaign = campaign_visible_or_404(user=request.user, pk=pk)
        pdf = render_pdf(
            "campaigns/pdf/campaign.html",
            {"doc": campaign_document(campaign=campaign), "campaign": campaign},
            request=request,
        )
        name = f"{campaign.doc_type.abbreviation} {campaign.number or ''} {campaign.pk}".strip()
        return pdf_response(pdf, f"{name}.pdf")
