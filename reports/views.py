"""Pages of reports: the staff dashboard, the Excel and national exports, a unit's results
against campaign targets, the campaign summary (BÁO CÁO tổng kết) and the public honour roll.
Views are thin: figures come from reports.selectors, writes from reports.services."""

import zlib

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from accounts.cache import remember, scope_key
from accounts.rules import is_staff_member
from accounts.selectors import unit_ids_visible_to, units_visible_to
from accounts.views import list_params, list_querystring
from awards.choices import AuthorityLevel
from campaigns.models import Campaign
from campaigns.selectors import campaign_menu, campaigns_visible_to
from documents.collation import Vietnamese
from documents.pdf import content_disposition, pdf_response
from nominations.workflow import actor_unit
from reports import document, exports, selectors, services
from reports.choices import ExportKind
from reports.forms import SummaryForm, TargetResultsForm
from reports.models import CampaignSummary


class StaffRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Signed-in staff (officers, leaders, council members, admins); others get 403."""

    def test_func(self):
        return is_staff_member(self.request.user)


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, 2018, -1))


def _unit_labels(rows) -> list[tuple[int, str]]:
    """(pk, label) of units in a menu; one that no longer exists says until when it did (the
    wording translated once for the menu, not once per unit)."""
    until = _("%(unit)s (until %(date)s)")
    return [
        (pk, name if valid_to is None else until % {"unit": name, "date": f"{valid_to:%d/%m/%Y}"})
        for pk, name, valid_to in rows
    ]


class DashboardView(StaffRequiredMixin, TemplateView):
    """Figures of the user's units, filtered by year, campaign, unit and deciding level.

    The page's content (filters, figures, menus, exports) depends only on the user's scope,
    the filters and the language: it is rendered with its figures and kept with them
    (accounts.cache), so that a kept page is only read, not built again. The filters are
    checked against the user's scope on every request (out of scope is a 404); the menus,
    like the figures, are as they were when computed (a campaign created since then appears
    in its menu at the next computation, or at once with "compute now").

    Kept compressed (a province's page is about 50 KB of HTML, 7 KB compressed), under a key
    of its own: `CONTENT_KEY` changes whenever what is kept changes shape, so that during a
    deployment one release never reads what another kept.
    """

    template_name = "reports/dashboard.html"
    content_template_name = "reports/dashboard_content.html"
    CONTENT_KEY = "dashboard-page"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        filters = selectors.filters_from(user=user, params=self.request.GET)
        # What the campaign rows link to (summaries, results) depends on the role as well
        # as on the scope: both are in the key.
        links = _campaign_links(user)
        kept, ctx["computed_at"] = remember(
            (self.CONTENT_KEY, scope_key(user), sorted(filters.as_params().items()), links),
            lambda: zlib.compress(
                self.render_content(user=user, filters=filters, links=links).encode()
            ),
            fresh=self.request.GET.get("fresh") == "1",
        )
        # Rendered by render_content, every value escaped by its template.
        ctx["content"] = mark_safe(zlib.decompress(kept).decode())
        return ctx

    def render_content(self, *, user, filters, links) -> str:
        figures = selectors.dashboard(user=user, filters=filters)
        writes_summaries, results_unit_id = links
        in_scope = unit_ids_visible_to(user)
        return render_to_string(
            self.content_template_name,
            {
                **figures,
                # Campaigns whose summary this user writes (its first issuer in scope), and
                # whether they enter their unit's results.
                "summary_ids": {
                    row.campaign.pk
                    for row in figures["campaigns"]
                    if writes_summaries
                    and row.issuer_id is not None
                    and (in_scope is None or row.issuer_id in in_scope)
                },
                "enters_results": results_unit_id is not None,
                # The time printed is the time the figures were read.
                "computed_at": timezone.now(),
                "filters": filters,
                "query": urlencode(filters.as_params()),
                "years": _years(),
                "levels": AuthorityLevel.choices,
                # Menus of every campaign and unit in scope: plain tuples, not model instances.
                "campaign_choices": campaign_menu(
                    campaigns_visible_to(user).order_by("-issue_year", "title")
                ),
                "unit_choices": _unit_labels(
                    units_visible_to(user)
                    .administrative()
                    .order_by(Vietnamese("name"))
                    .values_list("pk", "name", "valid_to")
                ),
                "export_kinds": ExportKind.choices,
            },
        )


def _campaign_links(user) -> tuple[bool, int | None]:
    """(writes summaries, the unit whose results they enter): what the dashboard's campaign
    rows link to for `user`, beyond their scope."""
    unit = services.results_unit(user)
    return services.writes_summaries(user), unit.pk if unit is not None else None


class ExportView(StaffRequiredMixin, View):
    """A list as an Excel workbook, with the filters of the page (same query string)."""

    def get(self, request, kind):
        if kind not in ExportKind.values:
            raise Http404
        queryset = exports.export_queryset(kind, user=request.user, params=request.GET)
        content = exports.export_xlsx(kind, queryset)
        response = HttpResponse(content, content_type=exports.XLSX_TYPE)
        stamp = timezone.localdate().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="{kind}-{stamp}.xlsx"'
        response["Cache-Control"] = "private"
        return response


class NationalExportView(StaffRequiredMixin, View):
    """Issued awards for the national commendation database, as CSV or JSON."""

    def get(self, request, fmt):
        rows = exports.national_queryset(user=request.user, params=request.GET)
        stamp = timezone.localdate().strftime("%Y%m%d")
        if fmt == "json":
            response = HttpResponse(
                exports.national_json(rows), content_type="application/json; charset=utf-8"
            )
        elif fmt == "csv":
            response = StreamingHttpResponse(
                exports.national_csv(rows), content_type="text/csv; charset=utf-8"
            )
        else:
            raise Http404
        response["Content-Disposition"] = f'attachment; filename="khen-thuong-{stamp}.{fmt}"'
        response["Cache-Control"] = "private"
        return response


def _campaign_or_404(user, pk) -> Campaign:
    campaign = (
        campaigns_visible_to(user)
        .select_related("doc_type")
        .prefetch_related("issuer_rows__unit")
        .filter(pk=pk)
        .first()
    )
    if campaign is None:
        raise Http404
    return campaign


class TargetResultsView(StaffRequiredMixin, TemplateView):
    """A unit's officer enters the unit's results against each target of a campaign."""

    template_name = "reports/results_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.campaign = _campaign_or_404(request.user, kwargs["pk"])
        self.unit = actor_unit(request.user)
        if self.unit is None or not services.may_report_for(request.user, self.unit):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        targets, existing = selectors.unit_results(campaign=self.campaign, unit=self.unit)
        data = self.request.POST if self.request.method == "POST" else None
        return TargetResultsForm(data, targets=targets, existing=existing)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(campaign=self.campaign, unit=self.unit)
        ctx.setdefault("form", self.get_form())
        return ctx

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            services.target_results_save(
                campaign=self.campaign, unit=self.unit, actor=request.user, values=form.values()
            )
            messages.success(request, _("The results of your unit have been saved."))
            return redirect("reports:results", pk=self.campaign.pk)
        return self.render_to_response(self.get_context_data(form=form))


class SummaryMixin(StaffRequiredMixin):
    """The summary of the campaign by its first issuer; 404 unless the issuer is in scope."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.campaign = _campaign_or_404(request.user, kwargs["pk"])
        issuer = services.summary_issuer(self.campaign)
        if issuer is None or not services.may_issue_summary(request.user, issuer):
            raise Http404
        self.summary = (
            CampaignSummary.objects.filter(campaign=self.campaign, issuer=issuer)
            .select_related("issuer", "campaign")
            .first()
        ) or CampaignSummary(
            campaign=self.campaign,
            issuer=issuer,
            abbreviation="UBND",
        )
        self.summary.campaign = self.campaign
        return super().dispatch(request, *args, **kwargs)


class SummaryView(SummaryMixin, TemplateView):
    """The summary's figures, its text (while a draft) and the buttons to print and issue."""

    template_name = "reports/summary.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        summary = self.summary
        figures = selectors.summary_figures(
            campaign=self.campaign, unit_ids=selectors.subtree_ids(summary.issuer)
        )
        if "form" not in ctx and not summary.is_issued:
            ctx["form"] = SummaryForm(instance=summary) if summary.pk else None
        ctx.update(
            figures,
            campaign=self.campaign,
            summary=summary,
            enters_results=services.results_unit(self.request.user) is not None,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            summary = self.summary
            if summary.pk is None:
                summary = services.summary_get_or_create(
                    campaign=self.campaign, issuer=summary.issuer
                )
            if "start" in request.POST:
                return redirect("reports:summary", pk=self.campaign.pk)
            form = SummaryForm(request.POST, instance=summary)
            if not form.is_valid():
                self.summary = summary
                return self.render_to_response(self.get_context_data(form=form))
            try:
                services.summary_update(
                    summary=summary,
                    actor=request.user,
                    **{f: form.cleaned_data[f] for f in form.fields},
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("reports:summary", pk=self.campaign.pk)
        messages.success(request, _("The report has been saved."))
        return redirect("reports:summary", pk=self.campaign.pk)


class SummaryPdfView(SummaryMixin, View):
    """The issued report as stored, or the draft as the figures stand now (no number)."""

    def get(self, request, *args, **kwargs):
        summary = self.summary
        if summary.is_issued and summary.pdf:
            response = FileResponse(summary.pdf.open("rb"), content_type="application/pdf")
            response["Content-Disposition"] = content_disposition(
                f"Báo cáo {summary.number:02d}-BC.pdf"
            )
            response["Cache-Control"] = "private"
            return response
        return pdf_response(
            document.summary_pdf(summary, request=request), "Báo cáo tổng kết (dự thảo).pdf"
        )


class SummaryIssueView(SummaryMixin, View):
    """Number, date and freeze the report (POST only)."""

    def post(self, request, *args, **kwargs):
        if self.summary.pk is None:
            raise Http404
        try:
            summary = services.summary_issue(summary=self.summary, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Report number %(number)s has been issued.")
                % {"number": f"{summary.number:02d}/BC-{summary.abbreviation}"},
            )
        return redirect("reports:summary", pk=self.campaign.pk)


class WholeRollPaginator(Paginator):
    """The paginator of the whole honour roll (no filter, no search), whose total is kept like
    the statistics (accounts.cache): counting every standing award on each visit of the most
    visited public page costs more than the page. For up to STATISTICS_CACHE_SECONDS after a
    decision is signed or an award revoked, the number of pages may be off by the change."""

    @cached_property
    def count(self):
        return remember(("honour-roll-total",), lambda: Paginator.count.func(self))[0]


class HonourRollView(ListView):
    """Public: issued, standing awards by campaign, year and unit; name, position, unit and
    form only."""

    template_name = "reports/honour_roll.html"
    context_object_name = "awards"
    paginate_by = 50

    def get_queryset(self):
        return selectors.honour_roll(params=self.request.GET)

    def get_paginator(self, queryset, per_page, **kwargs):
        # Only the whole roll's total is kept: a filtered or searched list is counted each
        # time (an index narrows it), and free text never makes a cache entry.
        filtered = any(v for k, v in self.request.GET.items() if k != "page")
        paginator = Paginator if filtered else WholeRollPaginator
        return paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        choices, _computed_at = remember(("honour-menus",), selectors.honour_roll_choices)
        ctx.update(
            choices,
            params=list_params(self.request),
            querystring=list_querystring(self.request),
        )
        return ctx
