"""Staff pages of council sessions: the session with attendance and votes, and its minutes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView

from documents.forms import VnDateField
from documents.paging import page_context
from nominations import council
from nominations.choices import VoteChoice
from nominations.forms import PortalFormMixin
from nominations.renderings import (
    in_background,
    rendered_file_response,
    rendering_request,
    renders_page,
)
from nominations.views import ENTRIES_PER_PAGE, _show_error
from nominations.workflow import WorkflowError


class SessionForm(PortalFormMixin, forms.Form):
    date = VnDateField(label=gettext_lazy("date"))
    place = forms.CharField(label=gettext_lazy("place"), max_length=300, required=False)
    chair = forms.CharField(label=gettext_lazy("chair"), max_length=200, required=False)
    secretary = forms.CharField(label=gettext_lazy("secretary"), max_length=200, required=False)


class MemberForm(PortalFormMixin, forms.Form):
    full_name = forms.CharField(label=gettext_lazy("full name"), max_length=200)
    position = forms.CharField(label=gettext_lazy("position"), max_length=300, required=False)
    birth_year = forms.IntegerField(
        label=gettext_lazy("birth year"), min_value=1900, max_value=2100, required=False
    )


class SessionMixin(LoginRequiredMixin):
    """Loads the session when its level is in the user's scope (404 otherwise)."""

    def get_session(self):
        if not hasattr(self, "_session"):
            self._session = council.session_visible_or_404(
                user=self.request.user, pk=self.kwargs["pk"]
            )
        return self._session


class CouncilSessionView(SessionMixin, TemplateView):
    """The session: members and attendance, the entries before it with their votes."""

    template_name = "nominations/council_session.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        session = self.get_session()
        keeper = council.may_keep(session, self.request.user) and session.is_open
        # The agenda ENTRIES_PER_PAGE entries at a time, each with its ballots (a list of
        # thousands was one page of megabytes): its order read as keys, the page's entries whole.
        page = Paginator(council.agenda_entry_ids(session), ENTRIES_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        tallies = council.session_tallies(
            session, entries=council.agenda_entries(session, ids=list(page))
        )
        members = tallies[0].ballots if tallies else []
        ctx.update(
            session=session,
            tallies=tallies,
            **page_context(page),
            members=[m for m, _c, _r in members] or list(session.members.all()),
            keeper=keeper,
            own_member=next(
                (m for m in session.members.all() if m.user_id == self.request.user.pk), None
            ),
            session_form=SessionForm(
                initial={
                    "date": session.date,
                    "place": session.place,
                    "chair": session.chair,
                    "secretary": session.secretary,
                }
            ),
            member_form=MemberForm(),
            vote_choices=VoteChoice.choices,
        )
        return ctx


def _entry_url(session, entry_pk: int, order: list[int]) -> str:
    """The session page at the page of the entry `entry_pk` in the agenda's `order`,
    scrolled to its votes."""
    page = order.index(entry_pk) // ENTRIES_PER_PAGE + 1 if entry_pk in order else 1
    query = f"?page={page}" if page > 1 else ""
    return f"{session.get_absolute_url()}{query}#vote-{entry_pk}"


class SessionPostView(SessionMixin, View):
    """An action on the session; back to its page after it, at the entry acted on."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        try:
            self.act(session)
        except (WorkflowError, ValidationError) as error:
            _show_error(request, error)
        if "entry" in self.kwargs:
            return redirect(_entry_url(session, self.kwargs["entry"], self.agenda_ids(session)))
        return redirect(session)

    def agenda_ids(self, session) -> list[int]:
        """The agenda's keys in order, read once for the action and the way back."""
        if not hasattr(self, "_agenda_ids"):
            self._agenda_ids = council.agenda_entry_ids(session)
        return self._agenda_ids

    def agenda_entry(self, session, pk):
        """The entry `pk` of the agenda (404 when it is not on it)."""
        if pk not in set(self.agenda_ids(session)):
            raise Http404
        return council.agenda_entries(session, ids=[pk])[0]

    def act(self, session):
        raise NotImplementedError


class CouncilSessionUpdateView(SessionPostView):
    def act(self, session):
        form = SessionForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Enter a valid date."))
        council.council_session_update(
            session=session, actor=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("The session was saved."))


class CouncilMemberAddView(SessionPostView):
    def act(self, session):
        form = MemberForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Enter the member's name."))
        council.council_member_add(session=session, actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The member was added."))


class CouncilAttendanceView(SessionPostView):
    def act(self, session):
        ids = [pk for pk in self.request.POST.getlist("present") if pk.isdigit()]
        count = council.council_attendance_set(
            session=session, actor=self.request.user, present_ids=ids
        )
        messages.success(self.request, _("Attendance saved: %(n)s present.") % {"n": count})


class CouncilVoteView(SessionPostView):
    """Ballots on one entry: fields m<member id> = for / against (empty: not recorded)."""

    def act(self, session):
        entry = self.agenda_entry(session, self.kwargs["entry"])
        ballots = {
            key[1:]: value
            for key, value in self.request.POST.items()
            if key.startswith("m") and key[1:].isdigit() and value
        }
        count = council.council_votes_record(
            session=session, actor=self.request.user, entry=entry, ballots=ballots
        )
        messages.success(
            self.request,
            _("%(n)s votes recorded for %(name)s.") % {"n": count, "name": entry.nominee_name},
        )


class CouncilVoteAllView(SessionPostView):
    """One member's ballot on every entry they have not voted on yet (member, choice)."""

    def act(self, session):
        member = self.request.POST.get("member", "")
        if not member.isdigit():
            raise ValidationError(_("Choose a member."))
        recorded, left_out = council.council_votes_record_all(
            session=session,
            actor=self.request.user,
            member_id=int(member),
            choice=self.request.POST.get("choice", ""),
        )
        messages.success(
            self.request,
            ngettext(
                "%(n)d ballot recorded on the entries without one.",
                "%(n)d ballots recorded on the entries without one.",
                recorded,
            )
            % {"n": recorded},
        )
        if left_out:
            messages.warning(
                self.request,
                ngettext(
                    "%(n)d entry was left out: the member is recused from it or its quorum "
                    "is not met.",
                    "%(n)d entries were left out: the member is recused from them or their "
                    "quorum is not met.",
                    left_out,
                )
                % {"n": left_out},
            )


class CouncilRecuseView(SessionPostView):
    def act(self, session):
        entry = self.agenda_entry(session, self.kwargs["entry"])
        member = session.members.filter(pk=self.request.POST.get("member") or 0).first()
        if member is None:
            raise ValidationError(_("Choose a member."))
        council.council_recuse(
            session=session,
            actor=self.request.user,
            entry=entry,
            member=member,
            reason=self.request.POST.get("reason", ""),
        )
        messages.success(self.request, _("The recusal was recorded."))


class CouncilCloseView(SessionPostView):
    def act(self, session):
        session = council.council_session_close(session=session, actor=self.request.user)
        messages.success(
            self.request,
            _("The session is closed; minutes %(number)s.") % {"number": session.number_text},
        )


class CouncilMinutesPdfView(SessionMixin, View):
    """The minutes (biên bản) in Nghị định 30 layout; a draft while the session is open. A
    session of many entries shows instead its renderings and a button to render it anew."""

    def get(self, request, pk):
        from documents.pdf import pdf_response, render_pdf

        session = self.get_session()
        rows = council.minutes_rows(session)
        if in_background(rows):
            return renders_page(
                request,
                council.MINUTES_RENDERING,
                session,
                title=_("Minutes (PDF)"),
                owner_url=session.get_absolute_url(),
                owner_text=_("Council session of %(date)s") % {"date": f"{session.date:%d/%m/%Y}"},
                owner_unit=session.unit.name,
                intro=(
                    _(
                        "The session is open: a copy is a draft of its minutes as they stand "
                        "when it is rendered."
                    )
                    if session.is_open
                    else _("The session is closed: its minutes no longer change.")
                )
                + " "
                + ngettext(
                    "With %(n)s entry, they are rendered in the background, in a few minutes, "
                    "and kept here.",
                    "With %(n)s entries, they are rendered in the background, in a few "
                    "minutes, and kept here.",
                    rows,
                )
                % {"n": rows},
                button=_("Render the minutes now"),
                poll_url=reverse("nominations:council_minutes_pdf", args=[session.pk]),
                request_url=reverse("nominations:council_minutes_request", args=[session.pk]),
            )
        pdf = render_pdf(
            council.MINUTES_TEMPLATE, council.minutes_context(session), request=request
        )
        return pdf_response(pdf, council.minutes_file_name(session))


class CouncilMinutesRequestView(SessionMixin, View):
    """Render the minutes of a session of many entries anew, in the background."""

    http_method_names = ["post"]

    def post(self, request, pk):
        session = self.get_session()
        rendering_request(council.MINUTES_RENDERING, owner=session, actor=request.user)
        messages.success(
            request, _("The minutes are being rendered; this page shows when they are ready.")
        )
        return redirect("nominations:council_minutes_pdf", pk=session.pk)


class CouncilMinutesFileView(SessionMixin, View):
    """A rendered copy of the minutes, for anyone who may see the session (404 otherwise)."""

    def get(self, request, pk, render_id):
        session = self.get_session()
        return rendered_file_response(
            council.MINUTES_RENDERING,
            session,
            render_id,
            lambda found: council.minutes_file_name(session, found.rendered_at, draft=found.draft),
        )
