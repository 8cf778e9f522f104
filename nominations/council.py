"""The council step: sessions of a level's Hội đồng TĐKT, attendance, recusals, votes, minutes.

How it fits the workflow:
- `dossier_to_council` (nominations/services.py) attaches the dossier to the open session of
  its level, opening one (members: the level's users with the council_member role) if none is.
- The level's officers (the council's secretariat) keep the session: date, place, chair,
  secretary, named members, attendance; they record each member's ballot per entry, and a
  member who is a portal user may cast their own. Votes are refused without the quorum of
  the entry's award form (`AwardForm.quorum_*`), and from a member with a conflict: the
  nominee themselves (linked person, or same name and birth year), a member of the
  nominated collective, or a member who declared a recusal.
- Closing the session numbers its minutes (BB) in the level's register and fixes one
  `CouncilOutcome` per entry: in favour / votes cast, passed by the form's threshold; the
  conflicts it found are stored as recusals, so its minutes never change with the rule.
- `dossier_approve` is allowed only once the dossier's session is closed, and approves only
  the entries that passed.
"""

import dataclasses
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from awards.choices import SubjectKind
from awards.models import AwardForm
from documents.statements import statement
from documents.statistics import analyze_after_commit
from documents.text import fold
from nominations import routing
from nominations.choices import EntryStatus, SessionStatus, VoteChoice
from nominations.models import (
    CouncilAgendaItem,
    CouncilMember,
    CouncilOutcome,
    CouncilRecusal,
    CouncilSession,
    CouncilVote,
    Dossier,
    Entry,
    MinutesPdf,
)
from nominations.renderings import Rendered, RenderingKind, in_background, rendering_request
from nominations.tasks import render_minutes_pdf
from nominations.workflow import WorkflowError, actor_unit

MINUTES_TYPE = "BB"
MINUTES_OBJECT_TYPE = "nominations.councilsession"


# -- reads ----------------------------------------------------------------------------------------


@statement
def _agenda_item(dossier_id: int):
    # A dossier is on one agenda at most (council_agenda_dossier_once): no ORDER BY needed,
    # and first()'s would join the sessions to sort by their date.
    return (
        CouncilAgendaItem.objects.filter(dossier_id=dossier_id)
        .select_related("session__unit")  # the unit named when the user may not open it
        .order_by()[:1]
    )


def session_of(dossier: Dossier) -> CouncilSession | None:
    item = _agenda_item.one(dossier_id=dossier.pk)
    return item.session if item else None


AGENDA_ORDER = ("dossier_id", "position", "pk")
AGENDA_RELATED = ("proposed_form", "unit", "person", "dossier__proposing_unit")


def agenda_entry_ids(session: CouncilSession) -> list[int]:
    """The primary keys of the entries the session votes on, in agenda order: agreed entries
    decided at its level, dossier by dossier; once the session is closed, those with an
    outcome. A page of the agenda, or the page of one entry, is found from them without
    reading the entries whole.

    Which entries a level decides depends only on the dossier (its proposing unit and date)
    and the form (`routing.DecidingUnits`): the entries are kept in Python, a condition per
    pair would be a tree SQLite refuses beyond 1,000."""
    entries = Entry.objects.order_by(*AGENDA_ORDER)
    if not session.is_open:
        ids = entries.filter(pk__in=session.outcomes.values("entry_id"))
        return list(ids.values_list("pk", flat=True))
    dossiers = {
        item.dossier.pk: item.dossier
        for item in session.agenda.select_related("dossier__proposing_unit")
        if item.dossier.current_level_id is not None
    }
    rows = list(
        entries.filter(dossier_id__in=dossiers, status=EntryStatus.AGREED).values_list(
            "pk", "dossier_id", "proposed_form_id"
        )
    )
    forms = AwardForm.objects.in_bulk({form_id for _pk, _d, form_id in rows})
    units, here = routing.DecidingUnits(), {}
    for _pk, dossier_id, form_id in rows:
        if (dossier_id, form_id) not in here:
            here[(dossier_id, form_id)] = units.decides_here(dossiers[dossier_id], forms[form_id])
    return [pk for pk, dossier_id, form_id in rows if here[(dossier_id, form_id)]]


def agenda_entries(session: CouncilSession, ids: list[int] | None = None) -> list[Entry]:
    """The entries the session votes on, in agenda order, with what their tallies print;
    with `ids` (from `agenda_entry_ids`), those entries only, in the order given."""
    if ids is None:
        ids = agenda_entry_ids(session)
    found = Entry.objects.select_related(*AGENDA_RELATED).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def conflict_reason(
    member: CouncilMember, entry: Entry, declared: Mapping | None = None, *, find: bool = True
) -> str:
    """Why `member` may not vote on `entry` ("" when they may): a recusal recorded
    (`declared`), else, with `find`, a conflict found from the nominee. A closed session
    reads only what it recorded: its conflicts were stored when it closed, by the rule then."""
    if declared and (member.pk, entry.pk) in declared:
        return declared[(member.pk, entry.pk)]
    if not find:
        return ""
    person = entry.person
    if person is not None:
        if member.person_id and member.person_id == person.pk:
            return _("is the nominee")
        if (
            member.birth_year
            and person.birth_year == member.birth_year
            and fold(member.full_name) == person.name_folded
        ):
            return _("is the nominee (same name and birth year)")
    # A member does not vote on the collective they belong to (the unit itself nominated).
    # Working in the nominee's unit is no conflict: a commune's council sits in the commune
    # whose people and groups it votes on, and would otherwise vote on none of them.
    if (
        entry.subject_kind == SubjectKind.COLLECTIVE
        and not entry.group_name
        and member.unit_id
        and member.unit_id == entry.unit_id
    ):
        return _("belongs to the nominated collective")
    return ""


@dataclasses.dataclass
class Tally:
    entry: Entry
    members_total: int
    members_present: int
    voters: int  # present members without a conflict
    cast: int
    in_favour: int
    quorum_ok: bool
    passed: bool
    ballots: list  # [(member, vote choice or "", conflict reason)]

    @property
    def percent(self) -> Decimal:
        return percent(self.in_favour, self.cast)


def percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.00")
    return (Decimal(part * 100) / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def session_tallies(session: CouncilSession, entries=None) -> list[Tally]:
    """Per entry: members, presence, conflicts, ballots and whether it passes now (4 queries
    beyond the entries)."""
    paged = entries is not None
    entries = agenda_entries(session) if entries is None else entries
    members = list(session.members.select_related("unit").order_by("order", "pk"))
    recusals = CouncilRecusal.objects.filter(session=session)
    ballots_cast = CouncilVote.objects.filter(session=session)
    if paged:  # the recusals and ballots of these entries only (a page of a long agenda)
        ids = [entry.pk for entry in entries]
        recusals = recusals.filter(entry_id__in=ids)
        ballots_cast = ballots_cast.filter(entry_id__in=ids)
    declared = {(r.member_id, r.entry_id): r.reason for r in recusals}
    votes = {(v.member_id, v.entry_id): v.choice for v in ballots_cast}
    total = len(members)
    present = [m for m in members if m.present]
    result = []
    for entry in entries:
        form = entry.proposed_form
        ballots, cast, in_favour, voters = [], 0, 0, 0
        for member in members:
            reason = conflict_reason(member, entry, declared, find=session.is_open)
            choice = votes.get((member.pk, entry.pk), "")
            ballots.append((member, choice, reason))
            if member.present and not reason:
                voters += 1
                if choice:
                    cast += 1
                    in_favour += choice == VoteChoice.FOR
        quorum_ok = form.has_quorum(len(present), total)
        result.append(
            Tally(
                entry=entry,
                members_total=total,
                members_present=len(present),
                voters=voters,
                cast=cast,
                in_favour=in_favour,
                quorum_ok=quorum_ok,
                passed=quorum_ok and cast > 0 and form.vote_passes(in_favour, cast),
                ballots=ballots,
            )
        )
    return result


def sessions_visible_to(user):
    from accounts.selectors import scope_filter

    return scope_filter(CouncilSession.objects.all(), user, "unit")


def session_visible_or_404(*, user, pk: int) -> CouncilSession:
    from django.http import Http404

    try:
        return (
            sessions_visible_to(user)
            .select_related("unit", "created_by")
            .prefetch_related(
                Prefetch(
                    "agenda",
                    queryset=CouncilAgendaItem.objects.select_related("dossier__proposing_unit"),
                )
            )
            .get(pk=pk)
        )
    except CouncilSession.DoesNotExist as exc:
        raise Http404 from exc


# -- writes ---------------------------------------------------------------------------------------


def _lock(session: CouncilSession) -> CouncilSession:
    return CouncilSession.objects.select_for_update().select_related("unit").get(pk=session.pk)


def may_keep(session: CouncilSession, actor) -> bool:
    """Officers of the session's level keep the session (secretariat of the council)."""
    unit = actor_unit(actor)
    return (
        actor.is_authenticated
        and actor.has_role(Role.OFFICER)
        and unit is not None
        and unit.pk == session.unit_id
    )


def _require_keeper(session: CouncilSession, actor) -> None:
    if not may_keep(session, actor):
        raise WorkflowError(
            _("Only an officer of %(unit)s may keep this council session.")
            % {"unit": session.unit.name}
        )
    if not session.is_open:
        raise WorkflowError(_("The session is closed; its minutes can no longer change."))


def council_users(unit):
    """The portal users who sit on `unit`'s council (the members of a new session)."""
    from accounts.models import User

    return (
        User.objects.filter(
            Q(unit=unit) | Q(unit__standing_office_for=unit),
            is_active=True,
            groups__name=Role.COUNCIL_MEMBER.value,
        )
        .select_related("unit")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def session_attach(*, dossier: Dossier, actor) -> CouncilSession:
    """Put `dossier` on the agenda of the open session of its level, opening one if none is.

    Called by `dossier_to_council` inside its transaction, after the move was checked. A new
    session starts today with the level's council members (users with that role) as members.
    """
    level = dossier.current_level
    session = (
        CouncilSession.objects.select_for_update()
        .filter(unit=level, status=SessionStatus.OPEN)
        .order_by("-date", "-pk")
        .first()
    )
    if session is None:
        session = CouncilSession.objects.create(unit=level, created_by=actor)
        CouncilMember.objects.bulk_create(
            CouncilMember(
                session=session,
                user=user,
                full_name=user.get_full_name() or user.username,
                position=user.position,
                unit=user.unit,
                order=index,
            )
            for index, user in enumerate(council_users(level), 1)
        )
    position = session.agenda.count() + 1
    CouncilAgendaItem.objects.create(session=session, dossier=dossier, position=position)
    return session


@transaction.atomic
def council_session_update(*, session, actor, date, place: str, chair: str, secretary: str):
    """Change when and where the session meets and who chairs and keeps the minutes."""
    session = _lock(session)
    _require_keeper(session, actor)
    session.date, session.place = date, place.strip()
    session.chair, session.secretary = chair.strip(), secretary.strip()
    session.save(update_fields=["date", "place", "chair", "secretary"])
    return session


@transaction.atomic
def council_member_add(
    *,
    session,
    actor,
    full_name: str,
    position: str = "",
    unit=None,
    person=None,
    birth_year: int | None = None,
    user=None,
) -> CouncilMember:
    """Add a member to an open session: a portal user or a named person."""
    session = _lock(session)
    _require_keeper(session, actor)
    full_name = (full_name or "").strip() or (user.get_full_name() if user else "")
    if not full_name:
        raise ValidationError({"full_name": _("Enter the member's name.")})
    if user is not None and session.members.filter(user=user).exists():
        raise ValidationError({"user": _("This user is already a member of the session.")})
    order = session.members.count() + 1
    return CouncilMember.objects.create(
        session=session,
        user=user,
        full_name=full_name,
        position=position.strip(),
        unit=unit if unit is not None else getattr(user, "unit", None),
        person=person,
        birth_year=birth_year if birth_year is not None else getattr(person, "birth_year", None),
        order=order,
    )


@transaction.atomic
def council_attendance_set(*, session, actor, present_ids) -> int:
    """Mark who is present (the others absent); returns the number present."""
    session = _lock(session)
    _require_keeper(session, actor)
    ids = {int(pk) for pk in present_ids}
    session.members.update(present=False)
    return session.members.filter(pk__in=ids).update(present=True)


@transaction.atomic
def council_recuse(*, session, actor, entry: Entry, member: CouncilMember, reason: str):
    """Record that `member` stands aside from the vote on `entry`; their vote, if any, goes."""
    session = _lock(session)
    if not (may_keep(session, actor) or (member.user_id and member.user_id == actor.pk)):
        raise WorkflowError(_("Only the member or an officer of the level may record this."))
    if not session.is_open:
        raise WorkflowError(_("The session is closed; its minutes can no longer change."))
    if member.session_id != session.pk or entry.pk not in set(agenda_entry_ids(session)):
        raise WorkflowError(_("This entry or member is not part of the session."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("State the reason for the recusal.")})
    recusal, _created = CouncilRecusal.objects.update_or_create(
        session=session, entry=entry, member=member, defaults={"reason": reason}
    )
    CouncilVote.objects.filter(session=session, entry=entry, member=member).delete()
    return recusal


def _quorum_error(entry: Entry, present: int, total: int) -> str:
    form = entry.proposed_form
    return _(
        "The council has no quorum for %(name)s (%(form)s): %(present)s of %(total)s members "
        "are present, at least %(num)s/%(den)s are needed. Votes are not recorded."
    ) % {
        "name": entry.nominee_name,
        "form": form.name,
        "present": present,
        "total": total,
        "num": form.quorum_numerator,
        "den": form.quorum_denominator,
    }


def _check_ballot(member: CouncilMember | None, choice: str, *, actor, keeper: bool) -> None:
    """The rules of one member's ballot: a member of the session, recorded by an officer
    keeping it (`keeper`) or by the member, in favour or against, and present."""
    if member is None:
        raise WorkflowError(_("A ballot names someone who is not a member of the session."))
    if not keeper and member.user_id != actor.pk:
        raise WorkflowError(_("A council member records only their own vote."))
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Choose in favour or against.")})
    if not member.present:
        raise WorkflowError(
            _("%(member)s is not present and cannot vote.") % {"member": member.full_name}
        )


@transaction.atomic
def council_votes_record(*, session, actor, entry: Entry, ballots: Mapping) -> int:
    """Record ballots on one entry: `ballots` maps a member id to "for" or "against".

    Officers of the level record any present member's ballot; a member who is a portal user
    may record their own. Refused as a whole (nothing saved) without the quorum of the entry's
    form, for an absent member, or for a member with a conflict (recused). Returns the number
    of ballots recorded; a member's earlier ballot is replaced.
    """
    session = _lock(session)
    keeper = may_keep(session, actor)
    if not session.is_open:
        raise WorkflowError(_("The session is closed; its minutes can no longer change."))
    if entry.pk not in set(agenda_entry_ids(session)):
        raise WorkflowError(_("This entry is not before the session."))
    entry = agenda_entries(session, ids=[entry.pk])[0]
    members = {m.pk: m for m in session.members.all()}
    present = sum(m.present for m in members.values())
    if not entry.proposed_form.has_quorum(present, len(members)):
        raise WorkflowError(_quorum_error(entry, present, len(members)))
    declared = {
        (r.member_id, r.entry_id): r.reason
        for r in CouncilRecusal.objects.filter(session=session, entry=entry)
    }
    cleaned = {}
    for key, choice in ballots.items():
        member = members.get(int(key))
        _check_ballot(member, choice, actor=actor, keeper=keeper)
        if reason := conflict_reason(member, entry, declared):
            raise WorkflowError(
                _("%(member)s is recused from the vote on %(name)s: %(reason)s.")
                % {"member": member.full_name, "name": entry.nominee_name, "reason": reason}
            )
        cleaned[member.pk] = choice
    if not cleaned:
        raise ValidationError({"choice": _("Record at least one ballot.")})
    for member_id, choice in cleaned.items():
        CouncilVote.objects.update_or_create(
            session=session,
            entry=entry,
            member_id=member_id,
            defaults={"choice": choice, "recorded_by": actor, "at": timezone.now()},
        )
    return len(cleaned)


@transaction.atomic
def council_votes_record_all(*, session, actor, member_id: int, choice: str) -> tuple[int, int]:
    """Record one member's ballot `choice` on every entry before the session they have not
    voted on yet (the paper ballot of a member who marked the whole list alike): a list of
    hundreds is not recorded one entry at a time. Their ballots already recorded stand, and
    any of them may still be changed entry by entry until the session closes.

    The rules of `council_votes_record`: officers of the level record any present member's
    ballots, a member their own; refused for an absent member. Left out: the entries the
    member may not vote on (a conflict, declared or found) and those whose form's quorum is
    not met. Returns (ballots recorded, entries left out).
    """
    session = _lock(session)
    if not session.is_open:
        raise WorkflowError(_("The session is closed; its minutes can no longer change."))
    members = {m.pk: m for m in session.members.all()}
    member = members.get(member_id)
    _check_ballot(member, choice, actor=actor, keeper=may_keep(session, actor))
    present = sum(m.present for m in members.values())
    declared = {
        (r.member_id, r.entry_id): r.reason
        for r in CouncilRecusal.objects.filter(session=session, member=member)
    }
    voted = set(
        CouncilVote.objects.filter(session=session, member=member).values_list(
            "entry_id", flat=True
        )
    )
    ballots, left_out = [], 0
    now = timezone.now()
    for entry in agenda_entries(session):
        if entry.pk in voted:
            continue
        if conflict_reason(member, entry, declared) or not entry.proposed_form.has_quorum(
            present, len(members)
        ):
            left_out += 1
            continue
        ballots.append(
            CouncilVote(
                session=session,
                entry=entry,
                member=member,
                choice=choice,
                recorded_by=actor,
                at=now,
            )
        )
    CouncilVote.objects.bulk_create(ballots, batch_size=500)
    analyze_after_commit(len(ballots), CouncilVote)
    return len(ballots), left_out


@transaction.atomic
def council_session_close(*, session, actor) -> CouncilSession:
    """Close the session: fix the outcome of every entry and number the minutes (BB).

    Preconditions: an officer of the level; something on the agenda; for every entry the
    quorum of its form and a ballot from every present member without a conflict. Side
    effects: `CouncilOutcome` rows, a number in the level's BB register, mail to the level.
    """
    from campaigns.models import DocumentType
    from campaigns.services import register_allocate

    session = _lock(session)
    _require_keeper(session, actor)
    tallies = session_tallies(session)
    if not tallies:
        raise WorkflowError(_("Nothing is before the session: no entry to vote on."))
    errors = []
    for tally in tallies:
        if not tally.quorum_ok:
            errors.append(_quorum_error(tally.entry, tally.members_present, tally.members_total))
            continue
        missing = [
            m.full_name
            for m, choice, reason in tally.ballots
            if m.present and not reason and not choice
        ]
        if missing:
            errors.append(
                _("%(name)s: no vote yet from %(members)s.")
                % {"name": tally.entry.nominee_name, "members": ", ".join(missing)}
            )
    if errors:
        raise WorkflowError(_("The session cannot be closed yet."), errors)
    # The conflicts found by today's rule become recorded recusals: the minutes of a closed
    # session read only what it recorded, whatever the rule becomes.
    declared = set(
        CouncilRecusal.objects.filter(session=session).values_list("member_id", "entry_id")
    )
    found = [
        CouncilRecusal(session=session, entry=t.entry, member=member, reason=reason)
        for t in tallies
        for member, _choice, reason in t.ballots
        if reason and (member.pk, t.entry.pk) not in declared
    ]
    CouncilRecusal.objects.bulk_create(found, batch_size=500)
    CouncilOutcome.objects.bulk_create(
        CouncilOutcome(
            session=session,
            entry=t.entry,
            members_total=t.members_total,
            members_present=t.members_present,
            voters=t.cast,
            in_favour=t.in_favour,
            passed=t.passed,
        )
        for t in tallies
    )
    analyze_after_commit(len(tallies), CouncilOutcome)
    session.number = register_allocate(
        unit=session.unit,
        doc_type=DocumentType.objects.get(abbreviation=MINUTES_TYPE),
        year=session.date.year,
        issued_on=session.date,
        object_type=MINUTES_OBJECT_TYPE,
        object_id=session.pk,
        summary=f"Biên bản họp Hội đồng Thi đua - Khen thưởng ngày {session.date:%d/%m/%Y}",
    )
    session.status = SessionStatus.CLOSED
    session.closed_at = timezone.now()
    session.save(update_fields=["number", "status", "closed_at"])
    if in_background(len(tallies)):  # the minutes to sign, ready when the secretary asks
        rendering_request(MINUTES_RENDERING, owner=session, actor=actor, supersede=True)
    return session


def approval_split(dossier: Dossier) -> tuple[list[int], list[int]]:
    """(passed, failed) ids of the agreed entries decided here, by the closed session's outcome.

    Raises WorkflowError while the dossier's council session is missing or still open.
    """
    session = session_of(dossier)
    if session is None or session.is_open:
        raise WorkflowError(
            _("The council session on this dossier must be closed before approval.")
        )
    # The session's outcomes, read by the session alone: the entries of other dossiers on
    # its agenda are left out below (a join to the entries was planned as a nested loop over
    # both right after the session closed, before statistics counted the new outcomes).
    outcomes = dict(
        CouncilOutcome.objects.filter(session=session).values_list("entry_id", "passed")
    )
    here = [e.pk for e in routing.entries_decided_here(dossier) if e.status == EntryStatus.AGREED]
    passed = [pk for pk in here if outcomes.get(pk)]
    failed = [pk for pk in here if not outcomes.get(pk)]
    return passed, failed


# -- the minutes (biên bản) -----------------------------------------------------------------------


def minutes_context(session: CouncilSession) -> dict:
    """The Nghị định 30 frame and the rows of the council's minutes."""
    from campaigns.services import default_place
    from documents.layout import Issuer, OfficialDocument, Signer
    from documents.vietnamese import doc_number, place_date
    from nominations.models.council import COUNCIL_ABBREVIATION

    unit = session.unit
    parent = f"UBND {unit.kind_word} {unit.proper_name}" if unit.is_administrative else unit.name
    tallies = session_tallies(session)
    if not session.is_open:  # the fixed outcome, as closed
        fixed = {o.entry_id: o for o in session.outcomes.all()}
        for tally in tallies:
            outcome = fixed.get(tally.entry.pk)
            if outcome:
                tally.in_favour, tally.cast, tally.passed = (
                    outcome.in_favour,
                    outcome.voters,
                    outcome.passed,
                )
    members = list(session.members.order_by("order", "pk"))
    present = [m for m in members if m.present]
    doc = OfficialDocument(
        issuers=[Issuer(name="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", parent_name=parent)],
        number_line=doc_number(session.number, MINUTES_TYPE, COUNCIL_ABBREVIATION),
        place_date_line=place_date(default_place(unit), session.date),
        type_name="BIÊN BẢN",
        title_lines=["Họp Hội đồng Thi đua - Khen thưởng xét đề nghị khen thưởng"],
        recipients=[],
        signer=Signer(mode_lines=["CHỦ TỊCH HỘI ĐỒNG"], name=session.chair),
        co_signers=[Signer(mode_lines=["THƯ KÝ"], name=session.secretary)],
        draft=session.is_open,
    )
    by_dossier = {}
    for tally in tallies:
        by_dossier.setdefault(tally.entry.dossier_id, []).append(tally)
    dossiers = [
        (item.dossier, by_dossier.get(item.dossier_id, []))
        for item in session.agenda.select_related("dossier__proposing_unit")
    ]
    recused = [
        (member, tally.entry, reason)
        for tally in tallies
        for member, _choice, reason in tally.ballots
        if reason and member.present
    ]
    return {
        "doc": doc,
        "session": session,
        "members": members,
        "present": present,
        "absent": [m for m in members if not m.present],
        "dossiers": dossiers,
        "tallies": tallies,
        "recused": recused,
    }


MINUTES_TEMPLATE = "nominations/pdf/council_minutes.html"


def minutes_rows(session: CouncilSession) -> int:
    """The entries the minutes print, counted without reading them whole: the outcomes of a
    closed session, the agenda's keys of an open one."""
    if not session.is_open:
        return session.outcomes.count()
    return len(agenda_entry_ids(session))


def minutes_file_name(session: CouncilSession, rendered_at=None, *, draft=None) -> str:
    """ "BB 3 (12).pdf", "BB du-thao (12).pdf" for a draft; a kept rendering adds when it was
    rendered (a draft kept from before the session closed stays a draft)."""
    draft = session.is_open if draft is None else draft
    number = "du-thao" if draft or not session.number else session.number
    at = f" {timezone.localtime(rendered_at):%Y%m%d-%H%M}" if rendered_at else ""
    return f"BB {number} ({session.pk}){at}.pdf"


def _render_minutes(session_id: int) -> Rendered:
    from documents.pdf import render_pdf

    session = CouncilSession.objects.select_related("unit").get(pk=session_id)
    ctx = minutes_context(session)
    return Rendered(
        render_pdf(MINUTES_TEMPLATE, ctx), len(ctx["tallies"]), {"draft": session.is_open}
    )


MINUTES_RENDERING = RenderingKind(MinutesPdf, _render_minutes, render_minutes_pdf)
