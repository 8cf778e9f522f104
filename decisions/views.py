"""Pages of decisions: staff list, new draft, detail (edit, preview, sign, revoke), PDFs and
certificates; public list, public PDF and certificate verification. Views are thin: each
action is a POST-only view calling one service."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import ListView, TemplateView

from accounts.views import list_params, list_querystring
from awards.models import AwardForm
from campaigns.models import Campaign
from decisions import document, services
from decisions.choices import CertificateMode, DecisionStatus, PdfStatus
from decisions.forms import DecisionEditForm, NewDecisionForm, RevokeForm, SignForm
from decisions.models.decision import DecisionLocked
from decisions.previews import PREVIEW_RENDERING, preview_file_name
from decisions.selectors import (
    approved_entries,
    decision_awardees,
    decision_list,
    decision_visible_or_404,
    filter_choices,
    layout_for,
    pending_choices,
    public_decision_or_404,
    public_decisions,
    verification_or_none,
)
from documents.forms import errors_to_form
from documents.paging import page_context
from documents.pdf import content_disposition, pdf_response, render_pdf
from nominations.renderings import (
    rendered_file_response,
    rendering_request,
    renders_page,
)
from nominations.workflow import WorkflowError, actor_unit


def _show_error(request, error) -> None:
    if isinstance(error, ValidationError):
        for message in error.messages:
            messages.error(request, message)
        return
    messages.error(request, str(error))
    for reason in getattr(error, "reasons", []):
        messages.error(request, reason)


def _stored_pdf(decision, *, inline=True):
    if decision.pdf_status != PdfStatus.READY or not decision.pdf:
        raise Http404(_("The PDF of this decision is not ready yet."))
    response = FileResponse(decision.pdf.open("rb"), content_type="application/pdf")
    filename = f"Quyết định {decision.number_text.replace('/', '-')}.pdf"
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response


# -- staff ---------------------------------------------------------------------------------------


class DecisionListView(LoginRequiredMixin, ListView):
    """Decisions of the issuers in the user's units, with filters."""

    template_name = "decisions/decision_list.html"
    context_object_name = "decisions"
    paginate_by = 25

    def get_queryset(self):
        return decision_list(user=self.request.user, params=self.request.GET)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        campaigns, forms = filter_choices(user=user)
        unit = actor_unit(user)
        ctx.update(
            params=list_params(self.request),
            querystring=list_querystring(self.request),
            statuses=DecisionStatus.choices,
            campaigns=campaigns,
            forms=forms,
            can_create=unit is not None and services.is_officer_of(user, unit),
        )
        return ctx


class DecisionCreateView(LoginRequiredMixin, TemplateView):
    """Pick approved entries of one campaign and one form at the user's level; draft them."""

    template_name = "decisions/decision_new.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.issuer = actor_unit(request.user)
        if self.issuer is None or not services.is_officer_of(request.user, self.issuer):
            raise Http404
        self.campaign = self.form_obj = None
        campaign_id = request.GET.get("campaign", "")
        form_id = request.GET.get("form", "")
        if campaign_id.isdigit() and form_id.isdigit():
            self.campaign = get_object_or_404(Campaign, pk=int(campaign_id))
            self.form_obj = get_object_or_404(AwardForm, pk=int(form_id))
        return super().dispatch(request, *args, **kwargs)

    def _entries(self):
        return approved_entries(issuer=self.issuer, campaign=self.campaign, form=self.form_obj)

    def get_context_data(self, form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(issuer=self.issuer, campaign=self.campaign, award_form=self.form_obj)
        if self.campaign is None:
            ctx["choices"] = pending_choices(issuer=self.issuer)
        else:
            ctx["form"] = form or NewDecisionForm(
                entries=self._entries(), initial={"entries": list(self._entries())}
            )
        return ctx

    def post(self, request, *args, **kwargs):
        if self.campaign is None:
            raise Http404
        form = NewDecisionForm(request.POST, entries=self._entries())
        if form.is_valid():
            try:
                decision = services.decision_create(
                    actor=request.user,
                    campaign=self.campaign,
                    form=self.form_obj,
                    entries=list(form.cleaned_data["entries"]),
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("entries", message)
            except WorkflowError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The draft decision was created."))
                return redirect(decision)
        return self.render_to_response(self.get_context_data(form=form))


# The decision page shows its attached list this many rows a page.
LIST_PER_PAGE = 100


class DecisionDetailView(LoginRequiredMixin, TemplateView):
    """A decision: the draft's texts (editable), its list, signing, status, certificates."""

    template_name = "decisions/decision_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.decision = decision_visible_or_404(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, edit_form=None, revoke_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, decision = self.request.user, self.decision
        officer = services.is_officer_of(user, decision.issuer)
        leader = services.is_leader_of(user, decision.issuer)
        awardees = list(decision_awardees(decision))
        sections = document.sections(awardees)
        # The attached list LIST_PER_PAGE rows at a time (a decision on an imported list holds
        # thousands), each numbered within its section, the section's heading counting all.
        rows = [(section, n, a) for section in sections for n, a in enumerate(section.rows, 1)]
        page = Paginator(rows, LIST_PER_PAGE).get_page(self.request.GET.get("page"))
        page_sections = []
        for section, number, awardee in page:
            if not page_sections or page_sections[-1]["section"] is not section:
                page_sections.append({"section": section, "rows": []})
            page_sections[-1]["rows"].append((number, awardee))
        ctx.update(
            decision=decision,
            awardees=awardees,
            certificate_parts=document.certificate_parts(len(awardees)),
            sections=sections,
            page_sections=page_sections,
            **page_context(page),
            total=sum(a.amount or 0 for a in awardees),
            is_officer=officer,
            is_leader=leader,
            revoked_count=sum(1 for a in awardees if a.award_id and a.award.revoked),
        )
        if decision.is_draft:
            if officer:
                ctx["edit_form"] = edit_form or DecisionEditForm(instance=decision)
            if leader:
                ctx["sign_form"] = SignForm(initial={"signing_mode": decision.signing_mode})
                ctx["sign_problems"] = services.signing_problems(
                    decision, awardees, signer_name=user.get_full_name() or user.username
                )
        elif officer or leader:
            # Any awardee of the decision may be chosen; the boxes are those of this page.
            shown = [a for _s, _n, a in page]
            if revoke_form is None:
                revoke_form = RevokeForm(awardees=decision_awardees(decision), shown=shown)
            else:  # sent back with its errors, the boxes of the page it was sent from
                revoke_form.fields["awardees"].widget.choices = [(a.pk, a.name) for a in shown]
            ctx["revoke_form"] = revoke_form
        return ctx

    def post(self, request, *args, **kwargs):
        """Save the draft's texts; an issued decision refuses with its message."""
        decision = self.decision
        if decision.is_issued:
            messages.error(request, str(DecisionLocked(services.locked_message())))
            return redirect(decision)
        form = DecisionEditForm(request.POST, instance=decision)
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            try:
                services.decision_update(decision=decision, actor=request.user, **changes)
            except ValidationError as error:
                errors_to_form(error, form)
            except (WorkflowError, DecisionLocked) as error:
                messages.error(request, str(error))
                return redirect(decision)
            else:
                messages.success(request, _("The draft was saved."))
                return redirect(decision)
        decision.refresh_from_db()
        return self.render_to_response(self.get_context_data(edit_form=form))


class DecisionPdfStatusView(LoginRequiredMixin, View):
    """The PDF status badge, polled by htmx while the PDF renders in the background."""

    def get(self, request, pk):
        decision = decision_visible_or_404(user=request.user, pk=pk)
        return render(request, "decisions/decision_detail.html#pdf_status", {"decision": decision})


class _DecisionAction(LoginRequiredMixin, View):
    """A POST-only action on one decision in the user's scope."""

    http_method_names = ["post"]
    success_message = ""

    def post(self, request, pk):
        decision = decision_visible_or_404(user=request.user, pk=pk)
        try:
            target = self.act(request, decision)
        except (ValidationError, WorkflowError, DecisionLocked) as error:
            _show_error(request, error)
            return redirect(decision)
        if self.success_message:
            messages.success(request, self.success_message)
        return redirect(target or decision)

    def act(self, request, decision):
        raise NotImplementedError


class DecisionSignView(_DecisionAction):
    def act(self, request, decision):
        form = SignForm(request.POST)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        decision = services.decision_sign(
            decision=decision, actor=request.user, signing_mode=form.cleaned_data["signing_mode"]
        )
        messages.success(
            request,
            _("Decision %(number)s was signed and issued.") % {"number": decision.number_text},
        )
        return decision


class DecisionDeleteView(_DecisionAction):
    def act(self, request, decision):
        services.decision_delete(decision=decision, actor=request.user)
        messages.success(request, _("The draft was deleted; its entries can be decided again."))
        return "decisions:list"


class DecisionRemoveAwardeeView(_DecisionAction):
    success_message = ""

    def act(self, request, decision):
        awardee = get_object_or_404(decision.decision_awards, pk=request.POST.get("awardee"))
        services.decision_remove_awardee(decision=decision, actor=request.user, awardee=awardee)
        messages.success(
            request, _("%(name)s was taken out of the draft.") % {"name": awardee.name}
        )


class DecisionRevokeView(LoginRequiredMixin, View):
    """Record a revocation. A form with errors, its own or the service's (a revoking date
    before the decision's), comes back on the decision's page, at the page of the list it
    was sent from, with what was typed and each message at its field; who may not revoke,
    or a draft, is refused at once with the service's message."""

    http_method_names = ["post"]

    def post(self, request, pk):
        decision = decision_visible_or_404(user=request.user, pk=pk)
        try:
            if not decision.is_issued:
                raise WorkflowError(_("Only awards of an issued decision can be revoked."))
            services.require_revoker(request.user, decision)
        except WorkflowError as error:
            _show_error(request, error)
            return redirect(decision)
        form = RevokeForm(request.POST, awardees=decision_awardees(decision))
        if form.is_valid():
            data = form.cleaned_data
            try:
                count = services.awards_revoke(
                    decision=decision,
                    actor=request.user,
                    reason=data["reason"],
                    revoking_number=data["revoking_number"],
                    revoking_date=data["revoking_date"],
                    awardees=list(data["awardees"]) or None,
                )
            except ValidationError as error:
                errors_to_form(error, form)
            except (WorkflowError, DecisionLocked) as error:
                _show_error(request, error)
                return redirect(decision)
            else:
                messages.success(
                    request, _("%(count)s award(s) recorded as revoked.") % {"count": count}
                )
                page = request.GET.get("page", "")  # back to the page of the list it was on
                query = f"?page={page}" if page.isdigit() and int(page) > 1 else ""
                return redirect(f"{decision.get_absolute_url()}{query}")
        page = DecisionDetailView()
        page.setup(request, pk=pk)
        page.decision = decision
        return page.render_to_response(page.get_context_data(revoke_form=form))


class DecisionRefreshBasesView(_DecisionAction):
    def act(self, request, decision):
        services.decision_refresh_bases(decision=decision, actor=request.user)
        messages.success(request, _("The legal bases were rebuilt from those in force today."))


class DecisionRetryPdfView(_DecisionAction):
    def act(self, request, decision):
        services.decision_retry_pdf(decision=decision, actor=request.user)
        messages.info(request, _("The PDF will be rendered again."))


class DecisionPdfView(LoginRequiredMixin, View):
    """The decision's PDF: the stored one once issued, a preview marked "DỰ THẢO" before. A
    draft of many awardees shows instead its previews and a button to render one anew."""

    def get(self, request, pk):
        decision = decision_visible_or_404(user=request.user, pk=pk)
        if decision.is_issued:
            return _stored_pdf(decision)
        count = decision.decision_awards.count()
        if count > services.background_threshold():  # as the signed PDF would be
            return renders_page(
                request,
                PREVIEW_RENDERING,
                decision,
                title=_("Preview the draft (PDF)"),
                owner_url=decision.get_absolute_url(),
                owner_text=decision.title,
                owner_unit=decision.issuer.name,
                intro=ngettext(
                    "This draft has %(n)s awardee: its preview is rendered in the background, "
                    "in a few minutes, and kept here until it is signed. Each copy shows the "
                    "draft as it stood when it was rendered.",
                    "This draft has %(n)s awardees: its preview is rendered in the "
                    "background, in a few minutes, and kept here until it is signed. Each "
                    "copy shows the draft as it stood when it was rendered.",
                    count,
                )
                % {"n": count},
                button=_("Render the preview now"),
                poll_url=reverse("decisions:pdf", args=[decision.pk]),
                request_url=reverse("decisions:preview_request", args=[decision.pk]),
            )
        pdf = render_pdf(
            document.DECISION_TEMPLATE, document.decision_context(decision), request=request
        )
        return pdf_response(pdf, preview_file_name(decision))


class DecisionPreviewRequestView(_DecisionAction):
    """Render the preview of a draft of many awardees anew, in the background."""

    def act(self, request, decision):
        if decision.is_issued:
            raise DecisionLocked(services.locked_message())
        rendering_request(PREVIEW_RENDERING, owner=decision, actor=request.user)
        messages.success(
            request, _("The preview is being rendered; this page shows when it is ready.")
        )
        return reverse("decisions:pdf", args=[decision.pk])


class DecisionPreviewFileView(LoginRequiredMixin, View):
    """A rendered preview of a draft, for anyone who may see the decision (404 otherwise)."""

    def get(self, request, pk, render_id):
        decision = decision_visible_or_404(user=request.user, pk=pk)
        if decision.is_issued:  # its signed PDF is the decision now
            raise Http404
        return rendered_file_response(
            PREVIEW_RENDERING,
            decision,
            render_id,
            lambda found: preview_file_name(decision, found.rendered_at),
        )


class CertificatesPdfView(LoginRequiredMixin, View):
    """One page per awardee; `?mode=blank` prints only the variable text for pre-printed
    blanks at the offsets of the form's certificate layout. A list longer than
    CERTIFICATES_PER_PDF prints in parts, `?part=N` (the first when none is named)."""

    def get(self, request, pk):
        decision = decision_visible_or_404(user=request.user, pk=pk)
        if not decision.is_issued:
            raise Http404(_("Certificates are printed once the decision is issued."))
        parts = document.certificate_parts(decision.decision_awards.count())
        part = request.GET.get("part", "")
        part = int(part) if part.isdigit() else (1 if len(parts) > 1 else None)
        if part is not None and not 1 <= part <= len(parts):
            raise Http404(_("There is no such part of the certificates."))
        blank = request.GET.get("mode") == CertificateMode.BLANK
        ctx = document.certificate_context(
            decision,
            base_url=request.build_absolute_uri("/"),
            layout=layout_for(decision.form) if blank else None,
            part=part,
        )
        template = document.BLANK_TEMPLATE if blank else document.CERTIFICATE_TEMPLATE
        pdf = render_pdf(template, ctx, request=request)
        name = f"{decision.form.family} {decision.number_text.replace('/', '-')}"
        if part is not None and len(parts) > 1:
            _part, first, last = parts[part - 1]
            name += f" ({first}-{last})"
        return pdf_response(pdf, f"{name}.pdf")


# -- public --------------------------------------------------------------------------------------


class PublicDecisionListView(ListView):
    """Issued decisions: number, date, title and the PDF (no personal data is listed)."""

    template_name = "decisions/public_list.html"
    context_object_name = "decisions"
    paginate_by = 20

    def get_queryset(self):
        return public_decisions(query=self.request.GET.get("q", ""))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(params=list_params(self.request), querystring=list_querystring(self.request))
        return ctx


class PublicDecisionPdfView(View):
    """The signed PDF of an issued decision (its list holds no birth date, ID or phone)."""

    def get(self, request, pk):
        response = _stored_pdf(public_decision_or_404(pk))
        response["Cache-Control"] = "public, max-age=3600"
        return response


class VerifyView(View):
    """A certificate's QR code lands here: valid or revoked, and what was awarded."""

    def get(self, request, token):
        awardee = verification_or_none(token)
        if awardee is None:
            return render(request, "decisions/verify_not_found.html", status=404)
        return render(request, "decisions/verify.html", {"awardee": awardee})
