"""Staff pages of congress plans: list, plan, board, a unit's event with its delegates, PDFs."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from accounts.rules import unit_in_scope
from accounts.views import list_params, list_querystring
from congresses import seed, selectors, services
from congresses.choices import EVENT_STATE_BADGE, CongressLevelKind, EventState
from congresses.forms import (
    PLAN_FORMSETS,
    PLAN_ROW_FORMS,
    AgendaFormSet,
    BoardFilterForm,
    CandidateForm,
    DelegateForm,
    EventRecordForm,
    LevelForm,
    PlanForm,
    build_plan_formsets,
    row_choices,
)
from congresses.models import CongressPlan
from congresses.printing import delegate_list_document, plan_document
from documents.forms import errors_to_form
from documents.pdf import pdf_response, render_pdf
from documents.problems import error_summary


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


class PlanListView(LoginRequiredMixin, ListView):
    """The congress plans the user's units take part in."""

    template_name = "congresses/plan_list.html"
    context_object_name = "plans"
    paginate_by = 20

    def get_queryset(self):
        return selectors.plan_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["may_create"] = services.may_create_plan(actor=self.request.user)
        return ctx


class PlanDetailView(LoginRequiredMixin, View):
    """The plan's rules, agenda, pilot units and duties, with the events' progress."""

    def get(self, request, pk):
        plan = selectors.plan_visible_or_404(user=request.user, pk=pk)
        events = selectors.board_events(plan=plan, user=request.user, as_of=timezone.localdate())
        summary = {}
        for row in selectors.board_summary(events=events):
            totals = summary.setdefault(
                row["level__kind"], {"total": 0, **{s.value: 0 for s in EventState}}
            )
            for key in totals:
                totals[key] += row[key]
        parts = selectors.plan_parts(plan=plan)
        for level in parts["levels"]:
            level.summary = summary.get(level.kind)
        return render(
            request,
            "congresses/plan_detail.html",
            {
                "plan": plan,
                **parts,
                "may_edit": services.may_edit_plan(plan=plan, actor=request.user),
                "states": EventState,
                "my_events": events.filter(unit_id=getattr(request.user.scope_root, "pk", None)),
            },
        )


class PlanGenerateView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        plan = selectors.plan_visible_or_404(user=request.user, pk=pk)
        try:
            created = services.plan_generate_events(plan=plan, actor=request.user)
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("%(count)s events were created.") % {"count": created})
        return redirect(plan)


class PlanPublishView(LoginRequiredMixin, View):
    """POST-only: publish the draft, numbered in the issuer's register of plans (KH)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        plan = selectors.plan_visible_or_404(user=request.user, pk=pk)
        try:
            plan = services.plan_publish(plan=plan, actor=request.user)
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(
                request, _("Published as number %(number)s.") % {"number": plan.number_text}
            )
        return redirect(plan)


class PlanEditMixin(LoginRequiredMixin):
    """Create and edit share the page: the plan's form and the formsets of its rows."""

    template_name = "congresses/plan_form.html"

    def get_plan(self) -> CongressPlan | None:
        return None

    def render_page(self, form, formsets, plan, status=200):
        sections = [(n, fs, PLAN_FORMSETS[n][2]) for n, fs in formsets.items()]
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "formset_list": sections,
                "problems": error_summary(form, [(fs, title) for _n, fs, title in sections]),
                "plan": plan,
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        plan = self.get_plan()
        initial = {} if plan else seed.new_plan_defaults(today=timezone.localdate())
        issuers = selectors.plan_issuers_for(request.user)
        form_initial = initial.get("plan", {})
        if plan is None and len(issuers) == 1:
            form_initial = {**form_initial, "issuer": issuers[0]}
        form = PlanForm(instance=plan, issuers=issuers, initial=form_initial)
        formsets = build_plan_formsets(
            instance=plan or CongressPlan(), user=request.user, initial=initial
        )
        return self.render_page(form, formsets, plan)

    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        issuers = selectors.plan_issuers_for(request.user)
        form = PlanForm(request.POST, instance=plan, issuers=issuers)
        formsets = build_plan_formsets(
            data=request.POST, instance=plan or CongressPlan(), user=request.user
        )
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            try:
                saved = services.plan_save(actor=request.user, form=form, formsets=formsets)
            except ValidationError as error:
                errors_to_form(error, form, formsets)
            else:
                messages.success(request, _("The plan was saved."))
                return redirect(saved)
        return self.render_page(form, formsets, plan, status=422)


class PlanCreateView(PlanEditMixin, View):
    """A new plan, prefilled with seed 004's levels and agenda; provincial officers only."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not services.may_create_plan(actor=request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PlanUpdateView(PlanEditMixin, View):
    def get_plan(self):
        plan = selectors.plan_visible_or_404(user=self.request.user, pk=self.kwargs["pk"])
        if not services.may_edit_plan(plan=plan, actor=self.request.user):
            raise PermissionDenied
        return plan


class PlanRowView(LoginRequiredMixin, View):
    """htmx: one new blank row of a formset of the plan's page, with its counters."""

    def get(self, request, kind):
        if kind not in PLAN_ROW_FORMS or not request.htmx:
            raise Http404
        if not services.may_create_plan(actor=request.user):
            raise Http404
        try:
            index = int(request.GET.get("index", "0"))
        except ValueError as exc:
            raise Http404 from exc
        form = PLAN_ROW_FORMS[kind](
            prefix=f"{kind}-{index}", user=request.user, choices=row_choices()
        )
        return render(
            request,
            "congresses/includes/rows.html#new_row",
            {"form": form, "kind": kind, "prefix": kind, "next_index": index + 1},
        )


class PlanPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        plan = selectors.plan_visible_or_404(user=request.user, pk=pk)
        context = {"doc": plan_document(plan=plan), "plan": plan, **selectors.plan_parts(plan=plan)}
        pdf = render_pdf("congresses/pdf/plan.html", context, request=request)
        return pdf_response(pdf, f"KH {plan.number or ''} Dai hoi thi dua {plan.issue_year}.pdf")


class AgendaEditView(LoginRequiredMixin, View):
    """The agenda, editable and ordered (a number in "Order" moves an item)."""

    template_name = "congresses/agenda_form.html"

    def _plan(self, request, pk):
        plan = selectors.plan_visible_or_404(user=request.user, pk=pk)
        if not services.may_edit_plan(plan=plan, actor=request.user):
            raise PermissionDenied
        return plan

    def get(self, request, pk):
        plan = self._plan(request, pk)
        formset = AgendaFormSet(
            initial=[{"text": item.text, "ORDER": i} for i, item in enumerate(plan.agenda.all(), 1)]
        )
        return render(request, self.template_name, {"plan": plan, "formset": formset})

    def post(self, request, pk):
        plan = self._plan(request, pk)
        formset = AgendaFormSet(request.POST)
        if formset.is_valid():
            kept = [f for f in formset.ordered_forms if not f.cleaned_data.get("DELETE")]
            kept += [
                f
                for f in formset.forms
                if f not in formset.ordered_forms
                and f.cleaned_data.get("text")
                and not f.cleaned_data.get("DELETE")
            ]
            try:
                services.agenda_replace(
                    plan=plan, actor=request.user, items=[f.cleaned_data["text"] for f in kept]
                )
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                messages.success(request, _("The agenda was saved."))
                return redirect(plan)
        return render(request, self.template_name, {"plan": plan, "formset": formset})


class LevelUpdateView(LoginRequiredMixin, View):
    template_name = "congresses/level_form.html"

    def _level(self, request, pk, level_pk):
        plan = selectors.plan_visible_or_404(user=request.user, pk=pk)
        if not services.may_edit_plan(plan=plan, actor=request.user):
            raise PermissionDenied
        level = plan.levels.filter(pk=level_pk).first()
        if level is None:
            raise Http404
        return plan, level

    def get(self, request, pk, level_pk):
        plan, level = self._level(request, pk, level_pk)
        return render(
            request,
            self.template_name,
            {"plan": plan, "level": level, "form": LevelForm(instance=level)},
        )

    def post(self, request, pk, level_pk):
        plan, level = self._level(request, pk, level_pk)
        form = LevelForm(request.POST, instance=level)
        if form.is_valid():
            try:
                services.level_update(level=level, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The level's rules were saved."))
                return redirect(plan)
        return render(request, self.template_name, {"plan": plan, "level": level, "form": form})


class BoardView(LoginRequiredMixin, ListView):
    """Which units held their event by the deadline, which late, which not yet."""

    template_name = "congresses/board.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        self.plan = selectors.plan_visible_or_404(user=self.request.user, pk=self.kwargs["pk"])
        self.filters = BoardFilterForm(self.request.GET)
        data = self.filters.cleaned_data if self.filters.is_valid() else {}
        self.as_of = data.get("as_of") or timezone.localdate()
        return selectors.board_events(
            plan=self.plan,
            user=self.request.user,
            as_of=self.as_of,
            level=data.get("level", ""),
            group=data.get("group", ""),
            state=data.get("state", ""),
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        unfiltered = selectors.board_events(
            plan=self.plan, user=self.request.user, as_of=self.as_of
        )
        ctx.update(
            plan=self.plan,
            as_of=self.as_of,
            params=list_params(self.request),
            querystring=list_querystring(self.request),
            summary=selectors.board_summary(events=unfiltered),
            states=EventState.choices,
            levels=CongressLevelKind.choices,
            badges=EVENT_STATE_BADGE,
            level_labels=dict(CongressLevelKind.choices),
            state_labels=dict(EventState.choices),
        )
        return ctx


# -- a unit's event ------------------------------------------------------------------------------


def _event_context(request, event, **extra) -> dict:
    user = request.user
    return {
        "event": event,
        "plan": event.plan,
        "state": event.state_on(timezone.localdate()),
        "badges": EVENT_STATE_BADGE,
        "may_edit": services.may_edit_event(event=event, actor=user),
        "may_approve": services.may_approve_event(event=event, actor=user),
        # The congress above is another unit's: a commune's officer sees its name, no link.
        "parent_in_scope": event.parent_id is not None and unit_in_scope(user, event.parent),
        "delegates": selectors.event_delegates(event=event),
        "mix": selectors.delegate_mix(event=event),
        "incoming": selectors.incoming_lists(event=event),
        "agenda": event.plan.agenda.all(),
        "record_form": EventRecordForm(
            event=event,
            initial={
                "held_on": event.held_on,
                "form": event.form,
                "attendance": event.attendance,
                "report": event.report,
            },
        ),
        "delegate_form": DelegateForm(),
        **extra,
    }


class EventDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        event = selectors.event_visible_or_404(user=request.user, pk=pk)
        return render(request, "congresses/event_detail.html", _event_context(request, event))


class EventRecordView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        event = selectors.event_visible_or_404(user=request.user, pk=pk)
        form = EventRecordForm(request.POST, event=event)
        if form.is_valid():
            try:
                services.event_record_held(event=event, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The event was recorded as held."))
                return redirect(event)
        return render(
            request,
            "congresses/event_detail.html",
            _event_context(request, event, record_form=form),
            status=422,
        )


class EventDelegatesMixin(LoginRequiredMixin):
    """Delegate changes answer an htmx request with the refreshed list (and tell the meter to
    refresh itself), a plain request with a redirect to the event."""

    http_method_names = ["post"]

    def respond(self, request, event, *, form=None, error=None, status=200):
        if error is not None and not request.htmx:
            _error_messages(request, error)
        if not request.htmx:
            return redirect(event)
        event = selectors.event_visible_or_404(user=request.user, pk=event.pk)
        context = _event_context(request, event)
        if form is not None:
            context["delegate_form"] = form
        if error is not None:
            context["delegate_errors"] = error.messages
        response = render(request, "congresses/event_detail.html#delegates", context, status=status)
        response["HX-Trigger"] = "delegates-changed"
        return response


class DelegateAddView(EventDelegatesMixin, View):
    def post(self, request, pk):
        event = selectors.event_visible_or_404(user=request.user, pk=pk)
        form = DelegateForm(request.POST)
        if not form.is_valid():
            if not request.htmx:
                return render(
                    request,
                    "congresses/event_detail.html",
                    _event_context(request, event, delegate_form=form),
                    status=422,
                )
            return self.respond(request, event, form=form)
        try:
            services.delegate_add(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            return self.respond(request, event, form=form, error=error)
        return self.respond(request, event)


class DelegateAddCandidateView(EventDelegatesMixin, View):
    def post(self, request, pk):
        from accounts.selectors import scope_filter
        from awards.models import Person
        from nominations.models import Entry

        event = selectors.event_visible_or_404(user=request.user, pk=pk)
        form = CandidateForm(request.POST)
        if not form.is_valid():
            return self.respond(
                request,
                event,
                error=ValidationError(form.errors.get("__all__") or _("Choose a category.")),
            )
        entry = person = None
        if form.cleaned_data.get("entry"):
            entry = (
                scope_filter(
                    Entry.objects.select_related("person__unit"), request.user, "person__unit"
                )
                .filter(pk=form.cleaned_data["entry"], person__isnull=False)
                .first()
            )
            person = entry.person if entry else None
        else:
            person = (
                scope_filter(Person.objects.select_related("unit"), request.user, "unit")
                .filter(pk=form.cleaned_data["person"])
                .first()
            )
        if person is None:
            raise Http404
        try:
            services.delegate_add_person(
                event=event,
                actor=request.user,
                person=person,
                entry=entry,
                category=form.cleaned_data["category"],
            )
        except ValidationError as error:
            return self.respond(request, event, error=error)
        return self.respond(request, event)


class DelegateRemoveView(EventDelegatesMixin, View):
    def post(self, request, pk, delegate_pk):
        event = selectors.event_visible_or_404(user=request.user, pk=pk)
        delegate = selectors.delegate_visible_or_404(user=request.user, event=event, pk=delegate_pk)
        try:
            services.delegate_remove(delegate=delegate, actor=request.user)
        except ValidationError as error:
            return self.respond(request, event, error=error)
        return self.respond(request, event)


class DelegateUpwardView(EventDelegatesMixin, View):
    def post(self, request, pk, delegate_pk):
        event = selectors.event_visible_or_404(user=request.user, pk=pk)
        delegate = selectors.delegate_visible_or_404(user=request.user, event=event, pk=delegate_pk)
        try:
            services.delegate_send_upward(
                delegate=delegate, actor=request.user, sent=request.POST.get("sent") == "1"
            )
        except ValidationError as error:
            return self.respond(request, event, error=error)
        return self.respond(request, event)


class MeterView(LoginRequiredMixin, View):
    """htmx: the delegate mix against the rules, refreshed after every change."""

    def get(self, request, pk):
        event = selectors.event_visible_or_404(user=request.user, pk=pk)
        return render(
            request,
            "congresses/event_detail.html#meter",
            {"event": event, "mix": selectors.delegate_mix(event=event)},
        )


class CandidateSearchView(LoginRequiredMixin, View):
    """htmx: people of the register and nominees matching the typed name."""

    def get(self, request, pk):
        event = selectors.event_visible_or_404(user=request.user, pk=pk)
        found = selectors.delegate_candidates(
            user=request.user, event=event, text=request.GET.get("q", "")
        )
        return render(
            request,
            "congresses/includes/candidates.html",
            {
                "event": event,
                "q": request.GET.get("q", ""),
                **found,
                "categories": CandidateForm.base_fields["category"].choices,
            },
        )


class EventActionView(LoginRequiredMixin, View):
    """POST-only: one service call on one event."""

    http_method_names = ["post"]
    service = None
    done_message = ""

    def post(self, request, pk):
        event = selectors.event_visible_or_404(user=request.user, pk=pk)
        try:
            type(self).service(event=event, actor=request.user)
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, self.done_message)
        return redirect(event)


class EventConfirmListView(EventActionView):
    service = staticmethod(services.event_list_confirm)
    done_message = _("The delegate list is confirmed.")


class EventReopenListView(EventActionView):
    service = staticmethod(services.event_list_reopen)
    done_message = _("The delegate list is open for changes again.")


class EventUpwardApproveView(EventActionView):
    service = staticmethod(services.event_upward_approve)
    done_message = _("The list of delegates to the congress above is approved.")


class IncomingTakeView(LoginRequiredMixin, View):
    """POST: put the delegates a unit below sent up on this event's own list."""

    http_method_names = ["post"]

    def post(self, request, pk, child_pk):
        event = selectors.event_visible_or_404(user=request.user, pk=pk)
        child = get_object_or_404(event.children.select_related("unit"), pk=child_pk)
        try:
            taken = services.delegates_take_from_below(event=event, child=child, actor=request.user)
        except ValidationError as error:
            _error_messages(request, error)
        else:
            unit = child.unit.name
            if taken.added:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d delegate of %(unit)s added to the list.",
                        "%(count)d delegates of %(unit)s added to the list.",
                        taken.added,
                    )
                    % {"count": taken.added, "unit": unit},
                )
            if taken.already_on_list:
                messages.info(
                    request,
                    _("Already on the list, not added again: %(names)s.")
                    % {"names": ", ".join(taken.already_on_list)},
                )
        return redirect(event)


class DelegateListPdfView(LoginRequiredMixin, View):
    """The event's delegates, or (`upward`) its list for the congress above, as a landscape
    table in Nghị định 30 layout."""

    upward = False

    def get(self, request, pk):
        event = selectors.event_visible_or_404(user=request.user, pk=pk)
        delegates = list(selectors.event_delegates(event=event, upward_only=self.upward))
        doc = delegate_list_document(event=event, upward=self.upward)
        pdf = render_pdf(
            "congresses/pdf/delegates.html",
            {
                "doc": doc,
                "event": event,
                "delegates": delegates,
                "upward": self.upward,
                "year": event.reference_year,
                "today": datetime.date.today(),
            },
            request=request,
        )
        return pdf_response(pdf, f"Danh sach dai bieu {event.unit.name}.pdf")


@login_required
@require_GET
def blank(request):
    """htmx: nothing (a remove button swaps its row out)."""
    return HttpResponse("")
