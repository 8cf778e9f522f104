"""Staff pages of dossiers: list, create, detail with entries and timeline, entry editing,
and one small POST-only view per workflow action, each calling one service."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts.choices import Role
from accounts.rules import unit_in_scope
from accounts.views import HomeView as AccountsHomeView
from accounts.views import KeptPageMixin, list_params, list_querystring
from awards.choices import SEVERITY_BADGE, SubjectKind
from awards.selectors import offered_forms
from documents.markup import unbound_fields
from documents.paging import page_context
from nominations import services
from nominations.choices import Action, DossierStatus, ReviewDecision
from nominations.forms import (
    APPRAISE_PREFIX,
    AppraiseForm,
    AttachmentForm,
    DossierEditForm,
    DossierForm,
    EntryForm,
    ReturnForm,
    appraise_prefix,
)
from nominations.routing import entry_deciding_unit
from nominations.selectors import (
    campaigns_for_new_dossier,
    dossier_alone_or_404,
    dossier_entries_checks,
    dossier_filter_menu,
    dossier_queue,
    dossier_rows_by_id,
    dossier_visible_or_404,
    dossiers_filtered,
    dossiers_visible_to,
    entry_of_dossier_or_404,
    entry_order,
    return_request,
)
from nominations.views_home import dossier_panels, home_deadlines, home_panels
from nominations.workflow import (
    EDITABLE_STATES,
    WorkflowError,
    actor_unit,
    allowed_actions,
    check_move,
)


def _show_error(request, error) -> None:
    """A refused move: its message, and each reason (failing checks) under it."""
    if isinstance(error, ValidationError):
        for message in error.messages:
            messages.error(request, message)
        return
    messages.error(request, str(error))
    for reason in getattr(error, "reasons", []):
        messages.error(request, reason)


class HomeView(AccountsHomeView):
    """The start page with the user's work queue: dossiers waiting for them, oldest first."""

    template_name = "nominations/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["queue"] = dossier_queue(user=self.request.user)
        ctx.update(home_deadlines(user=self.request.user, queue=ctx["queue"]))
        ctx["panels"] = home_panels(self.request.user)
        return ctx


class DossierListView(LoginRequiredMixin, KeptPageMixin, ListView):
    """Dossiers of the user's units and those held at their level or below."""

    template_name = "nominations/dossier_list.html"
    context_object_name = "dossiers"
    paginate_by = 25

    def get_queryset(self):
        return dossiers_filtered(user=self.request.user, params=self.request.GET)

    def page_rows(self, ids):
        return dossier_rows_by_id.list(ids=ids)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx.update(
            params=list_params(self.request),
            querystring=list_querystring(self.request),
            statuses=DossierStatus.choices,
            campaigns=dossier_filter_menu(user),
            can_create=user.has_role(Role.OFFICER) and actor_unit(user) is not None,
        )
        return ctx


class DossierCreateView(LoginRequiredMixin, FormView):
    """A new draft dossier of the user's unit for a published campaign they can see."""

    template_name = "nominations/dossier_form.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (
            user.has_role(Role.OFFICER) and actor_unit(user) is not None
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return DossierForm(
            **self.get_form_kwargs(), campaigns=campaigns_for_new_dossier(self.request.user)
        )

    def get_initial(self):
        return {"campaign": self.request.GET.get("campaign")}

    def form_valid(self, form):
        try:
            dossier = services.dossier_create(
                campaign=form.cleaned_data["campaign"],
                actor=self.request.user,
                summary=form.cleaned_data["summary"],
                date=form.cleaned_data["date"],
            )
        except (ValidationError, WorkflowError) as error:
            _show_error(self.request, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The draft dossier was created. Add its entries."))
        return redirect(dossier)


class DossierMixin(LoginRequiredMixin):
    """Loads the dossier in the user's scope (404 otherwise): with all its entries, reviews,
    files and events (`with_sets`), or alone for the views that act on it."""

    with_sets = True

    def get_dossier(self):
        if not hasattr(self, "_dossier"):
            load = dossier_visible_or_404 if self.with_sets else dossier_alone_or_404
            self._dossier = load(user=self.request.user, pk=self.kwargs["pk"])
        return self._dossier


class EditorRequiredMixin(DossierMixin):
    """Only the proposing unit's officers change a dossier, and only while it is editable.

    Out of scope is 404 (DossierMixin); in scope without the right is 403; a dossier that left
    draft or returned sends the user back to it with the reason.
    """

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            dossier = self.get_dossier()
            if not (user.has_role(Role.OFFICER) and actor_unit(user) == dossier.proposing_unit):
                raise PermissionDenied
            if dossier.status not in EDITABLE_STATES:
                messages.error(request, _("This dossier can no longer be changed."))
                return redirect(dossier)
        return super().dispatch(request, *args, **kwargs)


# The dossier page shows its entries this many at a time: an imported list of 10,000 rows is
# 200 pages of 50, each with its checks, not one page of 7 MB built in seconds.
ENTRIES_PER_PAGE = 50


def entry_pages(dossier_id: int, page=None):
    """The dossier's entries in pages of ENTRIES_PER_PAGE (`page` clamped to the range): a
    page of (id, kind), from `entry_order`."""
    return Paginator(entry_order(dossier_id), ENTRIES_PER_PAGE).get_page(page)


def entry_url(dossier, entry_pk: int) -> str:
    """The dossier page at the page of entry `entry_pk`, scrolled to its row (a dossier of one
    page: the dossier page itself)."""
    order = [pk for pk, _kind in entry_order(dossier.pk)]
    if len(order) <= ENTRIES_PER_PAGE or entry_pk not in order:
        return dossier.get_absolute_url()
    page = order.index(entry_pk) // ENTRIES_PER_PAGE + 1
    return f"{dossier.get_absolute_url()}?page={page}#entry-{entry_pk}"


class DossierDetailView(DossierMixin, TemplateView):
    """The dossier: entries (individuals, collectives, households) with their checks,
    attachments, the timeline, and the actions this user may take now. The entries come
    ENTRIES_PER_PAGE at a time, each numbered within its kind over the whole dossier."""

    template_name = "nominations/dossier_detail.html"

    def get_dossier(self):
        if not hasattr(self, "_dossier"):
            pk = self.kwargs["pk"]
            self.entry_page = entry_pages(pk, self.request.GET.get("page"))
            paged = self.entry_page.paginator.num_pages > 1
            ids = [entry_pk for entry_pk, _kind in self.entry_page] if paged else None
            self._dossier = dossier_visible_or_404(user=self.request.user, pk=pk, entry_ids=ids)
        return self._dossier

    def _numbers(self) -> dict[int, int]:
        """Each entry of the page: its number within its kind over the whole dossier."""
        page = self.entry_page
        counted, numbers = {}, {}
        for entry_pk, kind in page.paginator.object_list[: page.end_index()]:
            counted[kind] = counted.get(kind, 0) + 1
            numbers[entry_pk] = counted[kind]
        return numbers

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        dossier = self.get_dossier()
        entries = list(dossier.entries.all())
        paged = self.entry_page.paginator.num_pages > 1
        numbers = self._numbers()
        may_appraise = _may(dossier, Action.APPRAISE_ENTRY, user)
        editable = (
            dossier.status in EDITABLE_STATES
            and user.has_role(Role.OFFICER)
            and actor_unit(user) == dossier.proposing_unit
        )
        events = list(dossier.events.all())
        returned = return_request(dossier, events)
        to_complete = {e.entry_id: e.comment for e in returned["entries"]} if returned else {}
        rows = []
        # The checks of all entries at once, and the offered forms read once for every
        # appraisal form: the page's queries do not grow with the number of entries.
        active = [e for e in entries if e.is_active]  # each shares `dossier` (the selector)
        results = dossier_entries_checks(
            dossier=dossier, entries=active, forms=dossier.form_catalogue, page=paged
        )
        checks = dict(zip(map(id, active), results, strict=True))
        # One unbound appraisal form for every entry: {% entry_rows %} renders its fields
        # once and prints them under each entry's prefix (APPRAISE_PREFIX replaced).
        appraise_form = None
        if may_appraise:
            appraise_form = AppraiseForm(
                dossier=dossier, prefix=APPRAISE_PREFIX, initial={"decision": "agree"}
            )
            # The offered forms read once, as a list: rendering a queryset's choices reads it
            # again (and counts it) each time the widget looks at them.
            field = appraise_form.fields["form"]
            offered = offered_forms.list(campaign_id=dossier.campaign_id)
            field.choices = [
                ("", field.empty_label),
                *((form.pk, field.label_from_instance(form)) for form in offered),
            ]
        for entry in entries:
            row = {
                "entry": entry,
                "number": numbers.get(entry.pk),
                "deciding": entry_deciding_unit(entry, dossier),
                "appraise_form": appraise_form if entry.status != "forwarded" else None,
                "to_complete": to_complete.get(entry.pk, ""),
            }
            if entry.is_active:
                row["checks"] = checks[id(entry)]
            rows.append(row)
        ctx.update(
            dossier=dossier,
            individuals=[r for r in rows if r["entry"].subject_kind == SubjectKind.INDIVIDUAL],
            collectives=[r for r in rows if r["entry"].subject_kind == SubjectKind.COLLECTIVE],
            households=[r for r in rows if r["entry"].subject_kind == SubjectKind.HOUSEHOLD],
            events=events,
            returned=returned,
            # The entries of this page, linked from the list of what to complete.
            entries_here={entry.pk for entry in entries},
            actions=[
                (a, Action(a).label)
                for a in allowed_actions(dossier, user)
                if a not in (Action.RETURN,)
            ],
            may_return=_may(dossier, Action.RETURN, user),
            may_appraise=may_appraise,
            editable=editable,
            may_attach=services.may_attach(dossier=dossier, actor=user),
            attachment_fields=unbound_fields(AttachmentForm),
            severity_badge=SEVERITY_BADGE,
            subject_kinds=SubjectKind.choices,
            max_upload_mb=settings.NOMINATION_UPLOAD_MAX_MB,
            # The entries' pages (includes/pagination.html), shown when there is more than one.
            **page_context(self.entry_page),
        )
        panels = dossier_panels(dossier=dossier, user=user)
        ctx.update(panels)
        # The council that voted may lie outside the user's units (a commune's successor sees
        # the former district's): named, not linked, as the dossiers the selector marked.
        session = panels["council_session"]
        ctx["council_session_in_scope"] = session is not None and unit_in_scope(user, session)
        return ctx


def _may(dossier, action, user) -> bool:
    try:
        check_move(dossier, action, user)
    except WorkflowError:
        return False
    return True


class DossierEditView(EditorRequiredMixin, FormView):
    """Change the trích yếu and the date of a draft or returned dossier."""

    with_sets = False

    template_name = "nominations/dossier_form.html"

    def get_form(self, form_class=None):
        return DossierEditForm(**self.get_form_kwargs())

    def get_initial(self):
        dossier = self.get_dossier()
        return {"summary": dossier.summary, "date": dossier.date}

    def get_context_data(self, **kwargs):
        return super().get_context_data(dossier=self.get_dossier(), **kwargs)

    def form_valid(self, form):
        dossier = self.get_dossier()
        try:
            services.dossier_update(
                dossier=dossier,
                actor=self.request.user,
                summary=form.cleaned_data["summary"],
                date=form.cleaned_data["date"],
            )
        except WorkflowError as error:
            _show_error(self.request, error)
        return redirect(dossier)


class EntryEditView(EditorRequiredMixin, FormView):
    """Add an entry (GET ?kind=…&q=… searches the register) or change one."""

    template_name = "nominations/entry_form.html"
    with_sets = False

    def get_entry(self):
        if "entry" not in self.kwargs:
            return None
        return entry_of_dossier_or_404(dossier=self.get_dossier(), pk=self.kwargs["entry"])

    def get_initial(self):
        entry = self.get_entry()
        # ?kind= from the links "Thêm vào: …" and from the register search, which only an
        # individual has: its results must not come back under another kind, hidden.
        kind = self.request.GET.get("kind")
        kind = kind if kind in SubjectKind.values else None
        if entry is None:
            return {"subject_kind": kind or SubjectKind.INDIVIDUAL}
        return {
            "subject_kind": kind or entry.subject_kind,
            "requested_form": entry.requested_form_id,
            "person": entry.person_id,
            "unit": entry.unit_id,
            "group_name": entry.group_name,
            "head_name": entry.head_name,
            "achievement": entry.achievement,
        }

    def get_form(self, form_class=None):
        return EntryForm(
            **self.get_form_kwargs(),
            dossier=self.get_dossier(),
            user=self.request.user,
            person_query=self.request.GET.get("q", "").strip(),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            dossier=self.get_dossier(),
            entry=self.get_entry(),
            q=self.request.GET.get("q", ""),
            **kwargs,
        )

    def form_valid(self, form):
        dossier, data = self.get_dossier(), form.cleaned_data
        try:
            saved = services.entry_save(
                dossier=dossier,
                actor=self.request.user,
                entry=self.get_entry(),
                subject_kind=data["subject_kind"],
                requested_form=data["requested_form"],
                achievement=data["achievement"],
                person=data.get("person"),
                new_person=form.new_person(),
                unit=data.get("unit"),
                group_name=data.get("group_name") or "",
                head_name=data.get("head_name") or "",
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        except WorkflowError as error:
            _show_error(self.request, error)
            return redirect(dossier)
        messages.success(self.request, _("The entry was saved."))
        return redirect(entry_url(dossier, saved.pk))


class PostOnlyDossierView(DossierMixin, View):
    """An action on the dossier or one of its entries; back to the dossier page after it, at
    the entry's page when there is an entry."""

    http_method_names = ["post"]
    with_sets = False

    def entry_pk(self) -> int | None:
        return self.kwargs.get("entry")

    def post(self, request, *args, **kwargs):
        dossier = self.get_dossier()
        try:
            result = self.act(dossier)
        except (WorkflowError, ValidationError) as error:
            _show_error(request, error)
            entry_pk = self.entry_pk()
            return redirect(entry_url(dossier, entry_pk) if entry_pk else dossier)
        if isinstance(result, str):  # an address on the dossier page (entry_url)
            return redirect(result)
        return redirect(result if hasattr(result, "get_absolute_url") else dossier)

    def act(self, dossier):
        raise NotImplementedError


class EntryRemoveView(PostOnlyDossierView):
    def act(self, dossier):
        entry = entry_of_dossier_or_404(dossier=dossier, pk=self.kwargs["entry"])
        back = entry_url(dossier, entry.pk).split("#")[0]  # the page it was on
        services.entry_remove(entry=entry, actor=self.request.user)
        messages.success(self.request, _("The entry was removed."))
        return back


class DossierActionView(PostOnlyDossierView):
    """One workflow action (the URL names it), calling its service."""

    def act(self, dossier):
        action = self.kwargs["action"]
        service = services.ACTION_SERVICES.get(action)
        if service is None:
            raise Http404
        result = service(dossier=dossier, actor=self.request.user)
        if action == Action.FORWARD:
            messages.success(
                self.request,
                _("Forwarded as dossier %(number)s to %(unit)s.")
                % {"number": result.number_text, "unit": result.current_level.name},
            )
            return dossier
        messages.success(self.request, _("Done: %(action)s.") % {"action": Action(action).label})
        return result


class EntryAppraiseView(PostOnlyDossierView):
    def act(self, dossier):
        entry = entry_of_dossier_or_404(dossier=dossier, pk=self.kwargs["entry"])
        form = AppraiseForm(self.request.POST, dossier=dossier, prefix=appraise_prefix(entry.pk))
        if not form.is_valid():
            raise ValidationError(_("Choose a decision."))
        services.entry_appraise(
            entry=entry,
            actor=self.request.user,
            decision=form.cleaned_data["decision"],
            form=form.cleaned_data["form"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            self.request,
            _("%(name)s: %(decision)s.")
            % {
                "name": entry.nominee_name,
                "decision": ReviewDecision(form.cleaned_data["decision"]).label,
            },
        )
        return entry_url(dossier, entry.pk)


class EntriesAgreeRemainingView(PostOnlyDossierView):
    """Agree every entry not yet appraised at this level, except those a check blocks and
    those this level asked to be completed."""

    def act(self, dossier):
        agreed, left = services.entries_agree_remaining(dossier=dossier, actor=self.request.user)
        if agreed:
            messages.success(
                self.request,
                ngettext(
                    "Agreed %(count)d entry not yet appraised.",
                    "Agreed %(count)d entries not yet appraised.",
                    agreed,
                )
                % {"count": agreed},
            )
        if left:
            names = ", ".join(entry.nominee_name for entry in left[:5])
            messages.warning(
                self.request,
                ngettext(
                    "%(count)d entry needs a decision of its own (a blocking check, or this "
                    "level asked for it to be completed): %(names)s.",
                    "%(count)d entries need a decision of their own (a blocking check, or "
                    "this level asked for them to be completed): %(names)s.",
                    len(left),
                )
                % {"count": len(left), "names": names + ("…" if len(left) > 5 else "")},
            )
            return entry_url(dossier, left[0].pk)
        return dossier


class DossierReturnView(DossierMixin, FormView):
    """Return for completion: a comment on the dossier and per entry (once per level)."""

    template_name = "nominations/dossier_return.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not _may(
            self.get_dossier(), Action.RETURN, request.user
        ):
            messages.error(request, _("You cannot return this dossier now."))
            return redirect(self.get_dossier())
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        dossier = self.get_dossier()
        return ReturnForm(**self.get_form_kwargs(), entries=dossier.entries.all())

    def get_context_data(self, **kwargs):
        return super().get_context_data(dossier=self.get_dossier(), **kwargs)

    def form_valid(self, form):
        dossier = self.get_dossier()
        try:
            services.dossier_return_for_completion(
                dossier=dossier, actor=self.request.user, comments=form.comments()
            )
        except WorkflowError as error:
            _show_error(self.request, error)
            return redirect(dossier)
        messages.success(self.request, _("The dossier was returned for completion."))
        return redirect(dossier)


class AttachmentUploadView(PostOnlyDossierView):
    def entry_pk(self) -> int | None:
        entry_pk = self.request.POST.get("entry", "")
        return int(entry_pk) if entry_pk.isdigit() else None

    def act(self, dossier):
        form = AttachmentForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            raise ValidationError(_("Choose a file and its kind."))
        entry = None
        if entry_pk := self.request.POST.get("entry"):
            if not entry_pk.isdigit():
                raise Http404
            entry = entry_of_dossier_or_404(dossier=dossier, pk=int(entry_pk))
        services.attachment_add(
            dossier=dossier,
            actor=self.request.user,
            kind=form.cleaned_data["kind"],
            uploaded=form.cleaned_data["file"],
            entry=entry,
        )
        messages.success(self.request, _("The file was attached."))
        return entry_url(dossier, entry.pk) if entry else dossier


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Serves a file only to users who may see its dossier (404 otherwise)."""

    def get(self, request, pk, attachment):
        dossier = dossiers_visible_to(request.user).filter(pk=pk).first()
        if dossier is None:
            raise Http404
        found = dossier.attachments.filter(pk=attachment).first()
        if found is None:
            raise Http404
        response = FileResponse(
            found.file.open("rb"),
            as_attachment=True,
            filename=found.original_name,
            content_type=found.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
