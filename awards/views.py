import base64

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from accounts.choices import Role
from accounts.selectors import get_visible_or_404, units_visible_to
from accounts.views import list_params, list_querystring
from awards.choices import SubjectKind
from awards.forms import AwardImportForm, OfferFormSet, QuotaFormSet
from awards.models import AwardCriterion, AwardForm, AwardQuota, CampaignAward, Person
from awards.resources import COLUMNS, template_workbook
from awards.selectors import award_register, person_history, unit_history
from awards.services import awards_import, campaign_awards_save
from campaigns.models import Unit
from campaigns.selectors import campaign_editable_or_404
from documents.collation import Vietnamese

SESSION_IMPORT_KEY = "awards_import_file"


def may_record_awards(user) -> bool:
    return user.is_superuser or user.has_role(Role.OFFICER) or user.has_role(Role.ADMIN)


class OfficerRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Officers and portal admins record awards; others get 403 (they may see the register)."""

    def test_func(self):
        return may_record_awards(self.request.user)


class AwardRegisterView(LoginRequiredMixin, ListView):
    """The register of awards within the user's units, searchable without diacritics."""

    template_name = "awards/register.html"
    paginate_by = 50

    def get_queryset(self):
        params = self.request.GET
        year = params.get("year", "").strip()
        form = params.get("form", "").strip()
        return award_register(
            user=self.request.user,
            query=params.get("q", "").strip(),
            form_id=int(form) if form.isdigit() else None,
            subject_kind=params.get("subject")
            if params.get("subject") in SubjectKind.values
            else "",
            year=int(year) if year.isdigit() else None,
            include_revoked=params.get("revoked") != "0",
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["params"] = list_params(self.request)
        ctx["querystring"] = list_querystring(self.request)
        ctx["forms"] = AwardForm.objects.order_by("order", "name")
        ctx["subjects"] = SubjectKind.choices
        ctx["can_import"] = may_record_awards(self.request.user)
        return ctx


class PersonHistoryView(LoginRequiredMixin, ListView):
    """A person's awards across units and years; 404 outside the user's units."""

    template_name = "awards/person_history.html"
    paginate_by = 50

    def get_queryset(self):
        self.person = get_visible_or_404(
            Person.objects.select_related("unit"), self.request.user, "unit", pk=self.kwargs["pk"]
        )
        return person_history(person=self.person)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["person"] = self.person
        ctx["flags"] = self.person.blocking_flags.order_by("-starts_on")
        return ctx


class UnitHistoryView(LoginRequiredMixin, ListView):
    """A unit's awards, with those of the units it replaced (a merged commune's past)."""

    template_name = "awards/unit_history.html"
    paginate_by = 50

    def get_queryset(self):
        self.unit = get_visible_or_404(
            Unit.objects.all(), self.request.user, "pk", pk=self.kwargs["pk"]
        )
        return unit_history(unit=self.unit)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["unit"] = self.unit
        lineage = self.unit.lineage_ids() - {self.unit.pk}
        ctx["replaced_units"] = Unit.objects.filter(pk__in=lineage).order_by(Vietnamese("name"))
        ctx["flags"] = self.unit.blocking_flags.order_by("-starts_on")
        return ctx


class ImportTemplateView(OfficerRequiredMixin, View):
    def get(self, request):
        response = HttpResponse(
            template_workbook(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="mau-nhap-khen-thuong.xlsx"'
        return response


class AwardImportView(OfficerRequiredMixin, View):
    """Upload, preview (dry run) and confirm an import of past awards."""

    template_name = "awards/import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": AwardImportForm()})

    def post(self, request):
        if "confirm" in request.POST:
            return self._confirm(request)
        form = AwardImportForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            report = awards_import(data=data, user=request.user, dry_run=True)
            if report.ok:
                request.session[SESSION_IMPORT_KEY] = base64.b64encode(data).decode()
        return render(
            request,
            self.template_name,
            {"form": form, "report": report, "headers": list(COLUMNS.values())},
        )

    def _confirm(self, request):
        encoded = request.session.pop(SESSION_IMPORT_KEY, None)
        if not encoded:
            messages.error(request, _("Upload the file again: the preview has expired."))
            return redirect("awards:import")
        report = awards_import(data=base64.b64decode(encoded), user=request.user, dry_run=False)
        if not report.ok:
            return render(
                request,
                self.template_name,
                {"form": AwardImportForm(), "report": report, "headers": list(COLUMNS.values())},
            )
        messages.success(
            request,
            _("%(count)d awards were recorded in the register.") % {"count": report.imported},
        )
        return redirect("awards:register")


class CampaignAwardsEditView(LoginRequiredMixin, View):
    """Edit what a campaign awards: forms, criteria per subject category, quotas per unit.

    Only officers of an issuing unit, within their units; anyone else gets 404.
    """

    template_name = "awards/campaign_awards_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.campaign = campaign_editable_or_404(user=request.user, pk=kwargs["campaign_id"])
        return super().dispatch(request, *args, **kwargs)

    def _formsets(self, data=None):
        campaign = self.campaign
        offers_qs = (
            CampaignAward.objects.filter(campaign=campaign)
            .select_related("form")
            .prefetch_related(Prefetch("criteria", queryset=AwardCriterion.objects.all()))
            .order_by("order", "pk")
        )
        quotas_qs = AwardQuota.objects.filter(offer__campaign=campaign).select_related(
            "offer__form", "unit"
        )
        units = units_visible_to(self.request.user).order_by(Vietnamese("name"))
        offers = OfferFormSet(
            data, queryset=offers_qs, prefix="offers", locked=campaign.is_live, campaign=campaign
        )
        quotas = QuotaFormSet(
            data,
            queryset=quotas_qs,
            prefix="quotas",
            form_kwargs={"campaign": campaign, "units": units},
        )
        return offers, quotas

    def get(self, request, campaign_id):
        offers, quotas = self._formsets()
        return self._render(offers, quotas)

    def post(self, request, campaign_id):
        offers, quotas = self._formsets(request.POST)
        if offers.is_valid() and quotas.is_valid():
            campaign_awards_save(
                campaign=self.campaign, actor=request.user, offers=offers, quotas=quotas
            )
            messages.success(request, _("The campaign's awards were saved."))
            return redirect(reverse("awards:campaign_awards_edit", args=[self.campaign.pk]))
        return self._render(offers, quotas)

    def _render(self, offers, quotas):
        return render(
            self.request,
            self.template_name,
            {"campaign": self.campaign, "offers": offers, "quotas": quotas},
        )
