"""Writes of nominations. Every state change of a dossier is one function here.

Each transition: locks the dossier row (select_for_update), checks the move against the table
of nominations/workflow.py and the actor's role and unit, saves with update_fields, writes a
DossierEvent, and schedules mail to the users of the next unit with transaction.on_commit.
An illegal move raises WorkflowError carrying a Vietnamese message.
"""

import datetime
import logging
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.choices import Role
from awards.checks import has_blocking
from awards.choices import SubjectKind
from awards.models import AwardForm, CampaignAward, Person
from campaigns.choices import CampaignStatus
from campaigns.models import DocumentType
from campaigns.services import register_allocate
from documents.statistics import analyze_after_commit
from documents.text import fold
from nominations import routing
from nominations.choices import (
    ACTIVE_ENTRY_STATUSES,
    Action,
    DossierStatus,
    EntryStatus,
    ReviewDecision,
)
from nominations.models import Dossier, DossierEvent, Entry, EntryReview, recount_entries
from nominations.workflow import EDITABLE_STATES, WorkflowError, actor_unit, check_move

logger = logging.getLogger(__name__)

DOSSIER_OBJECT_TYPE = "nominations.dossier"
PROPOSAL_TYPE = "TTr"


# -- helpers -----------------------------------------------------------------------------------


def _lock(dossier: Dossier) -> Dossier:
    """The dossier row locked until the end of the transaction, read afresh."""
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


def _event(*, dossier, actor, action, from_state, entry=None, comment="", level=None):
    return DossierEvent.objects.create(
        dossier=dossier,
        entry=entry,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=dossier.status,
        comment=comment,
        level_unit=level if level is not None else actor_unit(actor),
    )


def _save_state(dossier: Dossier, *fields: str) -> None:
    dossier.status_changed_at = timezone.now()
    dossier.save(update_fields=["status", "status_changed_at", *fields])


def _notify(*, unit, dossier: Dossier, action: str) -> None:
    """Mail the users of `unit` (and of its standing office) once the transaction commits."""
    if unit is None:
        return
    from accounts.models import User

    subject = _("Dossier %(number)s: %(action)s") % {
        "number": dossier.number_text.strip(),
        "action": Action(action).label,
    }
    body = _("%(unit)s – %(summary)s\nStatus: %(status)s\n%(path)s") % {
        "unit": dossier.proposing_unit.name,
        "summary": dossier.summary,
        "status": dossier.get_status_display(),
        "path": reverse("nominations:dossier_detail", args=[dossier.pk]),
    }

    def send():
        recipients = list(
            User.objects.filter(Q(unit=unit) | Q(unit__standing_office_for=unit), is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if not recipients:
            return
        try:
            send_mail(subject, body, None, recipients)
        except OSError:  # the state change is committed; a mail outage must not undo it
            logger.exception("notification mail for dossier %s failed", dossier.pk)

    transaction.on_commit(send)


def _require_officer_of(actor, unit) -> None:
    if not (actor.has_role(Role.OFFICER) and actor_unit(actor) == unit):
        raise WorkflowError(_("Only an officer of %(unit)s may do this.") % {"unit": unit.name})


def _require_editable(dossier: Dossier, actor) -> None:
    if dossier.status not in EDITABLE_STATES:
        raise WorkflowError(
            _("Entries can be changed only while the dossier is a draft or returned.")
        )
    _require_officer_of(actor, dossier.proposing_unit)


# -- dossiers and entries ----------------------------------------------------------------------


@transaction.atomic
def dossier_create(*, campaign, actor, summary: str = "", date: datetime.date | None = None):
    """A draft dossier of the actor's unit for a published campaign.

    Preconditions: the actor is an officer with a unit and may see the campaign (the view
    checks visibility). Side effect: a "created" event.
    """
    unit = actor_unit(actor)
    if unit is None or not actor.has_role(Role.OFFICER):
        raise WorkflowError(_("Only an officer of a unit can create a dossier."))
    if campaign.status != CampaignStatus.PUBLISHED:
        raise ValidationError({"campaign": _("Dossiers are made only for a published campaign.")})
    summary = summary.strip() or f"Về việc đề nghị khen thưởng trong {campaign.title}"
    dossier = Dossier.objects.create(
        campaign=campaign, proposing_unit=unit, summary=summary, date=date, created_by=actor
    )
    _event(dossier=dossier, actor=actor, action=Action.CREATE, from_state="")
    return dossier


@transaction.atomic
def dossier_update(*, dossier: Dossier, actor, summary: str, date: datetime.date | None):
    """Change the trích yếu and date while the dossier is a draft or returned."""
    dossier = _lock(dossier)
    _require_editable(dossier, actor)
    dossier.summary = summary
    dossier.date = date
    dossier.save(update_fields=["summary", "date"])
    return dossier


def _offered_form_error(campaign, form: AwardForm, subject_kind: str) -> str:
    if not CampaignAward.objects.filter(campaign=campaign, form=form).exists():
        return _("The campaign does not offer this form.")
    if not form.allows(subject_kind):
        return _("This form is not given to this kind of subject.")
    return ""


@transaction.atomic
def entry_save(
    *,
    dossier: Dossier,
    actor,
    subject_kind: str,
    requested_form: AwardForm,
    achievement: str,
    person: Person | None = None,
    new_person: Mapping | None = None,
    unit=None,
    group_name: str = "",
    head_name: str = "",
    entry: Entry | None = None,
) -> Entry:
    """Add an entry to a draft or returned dossier, or change `entry`.

    The nominee: an individual is `person` from the register, or `new_person` (full_name,
    gender, birth_year, position, citizen_id) created in the register under the proposing
    unit; a collective is `unit` or a named group (`group_name`, in `unit` or the proposing
    unit); a household is `group_name` with `head_name` in `unit` (default the proposing
    unit). Raises ValidationError at the field at fault; nothing is saved then.
    """
    dossier = _lock(dossier)
    _require_editable(dossier, actor)
    if error := _offered_form_error(dossier.campaign, requested_form, subject_kind):
        raise ValidationError({"requested_form": error})
    if subject_kind == SubjectKind.INDIVIDUAL:
        if person is None and new_person:
            person = Person.objects.create(unit=dossier.proposing_unit, **new_person)
        if person is None:
            raise ValidationError({"person": _("Choose a person or enter a new one.")})
        unit, group_name, head_name = person.unit, "", ""
    elif subject_kind == SubjectKind.COLLECTIVE:
        person, head_name = None, ""
        if unit is None and not group_name.strip():
            raise ValidationError({"unit": _("Choose a unit or name the group.")})
        unit = unit or (dossier.proposing_unit if group_name.strip() else None)
    else:
        person = None
        if not group_name.strip():
            raise ValidationError({"group_name": _("Name the household.")})
        unit = unit or dossier.proposing_unit
    adding = entry is None
    if adding:
        position = (dossier.entries.aggregate(m=Max("position"))["m"] or 0) + 1
        entry = Entry(dossier=dossier, campaign=dossier.campaign, position=position)
    entry.subject_kind = subject_kind
    entry.person = person
    entry.unit = unit
    entry.group_name = group_name.strip()
    entry.head_name = head_name.strip()
    entry.requested_form = requested_form
    entry.proposed_form = requested_form
    entry.achievement = achievement
    if (
        subject_kind == SubjectKind.INDIVIDUAL
        and Entry.objects.filter(
            person=person,
            campaign=dossier.campaign,
            proposed_form=requested_form,
            status__in=ACTIVE_ENTRY_STATUSES,
            subject_kind=SubjectKind.INDIVIDUAL,
        )
        .exclude(pk=entry.pk)
        .exists()
    ):
        raise ValidationError(
            {"person": _("This person already has an active entry for this form in this campaign.")}
        )
    # Changed after the holding level appraised it (a returned dossier being completed): that
    # level appraises it again; its review would no longer match the entry.
    review_here = EntryReview.objects.filter(entry_id=entry.pk, unit_id=dossier.current_level_id)
    if not adding and dossier.current_level_id and review_here.delete()[0]:
        entry.status = EntryStatus.PROPOSED
    try:
        with transaction.atomic():
            entry.save()
            if adding:
                recount_entries([dossier.pk])
    except IntegrityError as exc:  # a concurrent insert of the same nominee
        raise ValidationError(
            {"person": _("This person already has an active entry for this form in this campaign.")}
        ) from exc
    return entry


@transaction.atomic
def entry_remove(*, entry: Entry, actor) -> None:
    """Remove an entry from a draft or returned dossier."""
    dossier = _lock(entry.dossier)
    _require_editable(dossier, actor)
    entry.delete()
    recount_entries([dossier.pk])


def entries_import(*, dossier: Dossier, actor, data: bytes, dry_run: bool, limit=None):
    """Entries of a draft or returned dossier from the bytes of an .xlsx file, all or none.

    The rules of `entry_save`, checked for all rows at once (nominations/importing.py). With
    `dry_run` nothing is written and the report carries each row's awards checks; otherwise
    the dossier is locked, the file is checked again, and the new people of the register and
    the entries are created. Raises WorkflowError when the actor may not change the entries.
    """
    from nominations.importing import import_entries

    return import_entries(dossier=dossier, actor=actor, data=data, dry_run=dry_run, limit=limit)


# -- transitions -------------------------------------------------------------------------------


@transaction.atomic
def dossier_submit(*, dossier: Dossier, actor, on: datetime.date | None = None) -> Dossier:
    """Send a draft to its first level: number it `N/TTr-…` in the proposing unit's register.

    Preconditions: an officer of the proposing unit; at least one entry; no blocking check
    (awards.checks) on any entry — refused with the reasons otherwise. The date is the one
    entered on the draft, else `on` or today; a number kept from a withdrawal is reused.
    """
    from nominations.selectors import dossier_entries_checks

    dossier = _lock(dossier)
    check_move(dossier, Action.SUBMIT, actor)
    entries = list(
        dossier.entries.filter(status__in=ACTIVE_ENTRY_STATUSES).select_related(
            "person", "unit", "proposed_form"
        )
    )
    if not entries:
        raise WorkflowError(_("A dossier needs at least one entry before it is submitted."))
    if dossier.date is None:
        dossier.date = on or timezone.localdate()
    reasons = []
    # All entries checked at once: a fixed number of queries however long the list is.
    for entry, results in zip(
        entries, dossier_entries_checks(dossier=dossier, entries=entries), strict=True
    ):
        if has_blocking(results):
            reasons += [f"{entry.nominee_name}: {r.reason}" for r in results if r.is_blocking]
    if reasons:
        raise WorkflowError(
            _("The dossier cannot be submitted while a blocking check fails."), reasons
        )
    level = routing.first_level(dossier, entries)
    if level is None:
        raise WorkflowError(
            _("No level above %(unit)s was in force on %(date)s.")
            % {"unit": dossier.proposing_unit.name, "date": f"{dossier.date:%d/%m/%Y}"}
        )
    for entry in entries:
        if routing.entry_deciding_unit(entry, dossier) is None:
            raise WorkflowError(
                _("%(name)s: no unit decides %(form)s for %(unit)s on %(date)s.")
                % {
                    "name": entry.nominee_name,
                    "form": entry.proposed_form.name,
                    "unit": dossier.proposing_unit.name,
                    "date": f"{dossier.date:%d/%m/%Y}",
                }
            )
    if dossier.number is None:
        dossier.number = register_allocate(
            unit=dossier.proposing_unit,
            doc_type=DocumentType.objects.get(abbreviation=PROPOSAL_TYPE),
            year=dossier.date.year,
            issued_on=dossier.date,
            object_type=DOSSIER_OBJECT_TYPE,
            object_id=dossier.pk,
            summary=dossier.summary,
        )
    before = dossier.status
    dossier.current_level = level
    dossier.addressee = routing.addressee(level)
    dossier.submit()
    _save_state(dossier, "number", "date", "current_level", "addressee")
    _event(dossier=dossier, actor=actor, action=Action.SUBMIT, from_state=before)
    _notify(unit=level, dossier=dossier, action=Action.SUBMIT)
    return dossier


@transaction.atomic
def dossier_withdraw(*, dossier: Dossier, actor) -> Dossier:
    """Take a submitted dossier back to draft before it is received; it keeps its number."""
    dossier = _lock(dossier)
    check_move(dossier, Action.WITHDRAW, actor)
    before, level = dossier.status, dossier.current_level
    dossier.withdraw()
    dossier.current_level = None
    _save_state(dossier, "current_level")
    _event(dossier=dossier, actor=actor, action=Action.WITHDRAW, from_state=before)
    _notify(unit=level, dossier=dossier, action=Action.WITHDRAW)
    return dossier


@transaction.atomic
def dossier_receive(*, dossier: Dossier, actor) -> Dossier:
    """The holding level acknowledges a submitted dossier; the submitter can no longer withdraw."""
    dossier = _lock(dossier)
    check_move(dossier, Action.RECEIVE, actor)
    before = dossier.status
    dossier.receive()
    _save_state(dossier)
    _event(dossier=dossier, actor=actor, action=Action.RECEIVE, from_state=before)
    _notify(unit=dossier.proposing_unit, dossier=dossier, action=Action.RECEIVE)
    return dossier


@transaction.atomic
def dossier_return_for_completion(*, dossier: Dossier, actor, comments: Mapping) -> Dossier:
    """Send a received dossier back to its proposing unit to be completed (phiếu yêu cầu bổ sung).

    `comments` maps None (the dossier as a whole) or an entry id to what must be completed; at
    least one is required. At most once per level. Side effects: one event for the move with
    the general comment and one per commented entry.
    """
    dossier = _lock(dossier)
    check_move(dossier, Action.RETURN, actor)
    if DossierEvent.objects.filter(
        dossier=dossier, action=Action.RETURN, level_unit=dossier.current_level, entry=None
    ).exists():
        raise WorkflowError(_("This level has already returned the dossier once."))
    cleaned = {key: (text or "").strip() for key, text in comments.items()}
    cleaned = {key: text for key, text in cleaned.items() if text}
    if not cleaned:
        raise WorkflowError(_("Say what must be completed: a comment on the dossier or an entry."))
    entries = {e.pk: e for e in dossier.entries.filter(pk__in=[k for k in cleaned if k])}
    before = dossier.status
    dossier.return_for_completion()
    _save_state(dossier)
    _event(
        dossier=dossier,
        actor=actor,
        action=Action.RETURN,
        from_state=before,
        comment=cleaned.get(None, ""),
    )
    for key, text in cleaned.items():
        if key is not None and key in entries:
            _event(
                dossier=dossier,
                actor=actor,
                action=Action.RETURN,
                from_state=before,
                entry=entries[key],
                comment=text,
            )
    _notify(unit=dossier.proposing_unit, dossier=dossier, action=Action.RETURN)
    return dossier


@transaction.atomic
def dossier_resubmit(*, dossier: Dossier, actor, comment: str = "") -> Dossier:
    """Send a completed dossier back to the level that returned it."""
    dossier = _lock(dossier)
    check_move(dossier, Action.RESUBMIT, actor)
    before = dossier.status
    dossier.resubmit()
    _save_state(dossier)
    _event(
        dossier=dossier,
        actor=actor,
        action=Action.RESUBMIT,
        from_state=before,
        comment=comment,
        level=dossier.proposing_unit,
    )
    _notify(unit=dossier.current_level, dossier=dossier, action=Action.RESUBMIT)
    return dossier


@transaction.atomic
def entry_appraise(
    *, entry: Entry, actor, decision: str, form: AwardForm | None = None, reason: str = ""
) -> EntryReview:
    """The holding level's decision on one entry: agree, lower or raise the form, or reject.

    A level may change its mind until it finishes the appraisal (the review is replaced).
    Lowering or raising needs another form offered by the campaign for this subject, decided
    at this level or above; a rejection needs its reason. Side effect: an event on the entry.
    """
    dossier = _lock(entry.dossier)
    check_move(dossier, Action.APPRAISE_ENTRY, actor)
    entry = Entry.objects.select_for_update().select_related("proposed_form").get(pk=entry.pk)
    if entry.dossier_id != dossier.pk or entry.status not in (
        EntryStatus.PROPOSED,
        EntryStatus.AGREED,
        EntryStatus.REJECTED,
    ):
        raise WorkflowError(_("This entry is not under appraisal here."))
    level = dossier.current_level
    previous = EntryReview.objects.filter(entry=entry, unit=level).first()
    before_form = previous.form_before if previous else entry.proposed_form
    reason = (reason or "").strip()
    if decision == ReviewDecision.REJECT and not reason:
        raise ValidationError({"reason": _("A rejection states its reason.")})
    after_form = before_form
    if decision in (ReviewDecision.LOWER, ReviewDecision.RAISE):
        after_form = _changed_form(dossier, entry, before_form, form, decision)
    elif decision not in ReviewDecision.values:
        raise ValidationError({"decision": _("Choose a decision.")})
    if previous:
        previous.delete()
    review = EntryReview.objects.create(
        entry=entry,
        unit=level,
        reviewer=actor,
        decision=decision,
        form_before=before_form,
        form_after=after_form,
        reason=reason,
    )
    entry.proposed_form = after_form
    entry.status = EntryStatus.REJECTED if decision == ReviewDecision.REJECT else EntryStatus.AGREED
    entry.save(update_fields=["proposed_form", "status"])
    comment = str(ReviewDecision(decision).label)
    if after_form != before_form:
        comment += f": {before_form.name} → {after_form.name}"
    if reason:
        comment += f" – {reason}"
    _event(
        dossier=dossier,
        actor=actor,
        action=Action.APPRAISE_ENTRY,
        from_state=dossier.status,
        entry=entry,
        comment=comment,
    )
    return review


@transaction.atomic
def entries_agree_remaining(*, dossier: Dossier, actor) -> tuple[int, list[Entry]]:
    """Agree, at the holding level, every entry it has not appraised yet: a list of hundreds
    is not appraised one click at a time. Left for a decision of their own: the entries a
    check (awards.checks) blocks, and those this level asked to be completed when it returned
    the dossier. Each entry agreed gets its review here, as `entry_appraise` gives it; the
    dossier one event that counts them. Returns (how many were agreed, the entries left)."""
    from nominations.selectors import dossier_entries_checks

    dossier = _lock(dossier)
    check_move(dossier, Action.APPRAISE_ENTRY, actor)
    level = dossier.current_level
    active = list(
        dossier.entries.filter(status__in=ACTIVE_ENTRY_STATUSES).select_related(
            "person", "unit", "proposed_form"
        )
    )
    reviewed = set(
        EntryReview.objects.filter(entry__dossier=dossier, unit=level).values_list(
            "entry_id", flat=True
        )
    )
    waiting = [e for e in active if e.pk not in reviewed and e.status == EntryStatus.PROPOSED]
    if not waiting:
        raise WorkflowError(_("Every entry has its decision here already."))
    # The checks of all active entries at once (each counts the others), as on the page.
    results = dossier_entries_checks(dossier=dossier, entries=active)
    checks = dict(zip(map(id, active), results, strict=True))
    asked = set(
        DossierEvent.objects.filter(
            dossier=dossier, action=Action.RETURN, level_unit=level, entry__isnull=False
        ).values_list("entry_id", flat=True)
    )
    left = [e for e in waiting if e.pk in asked or has_blocking(checks[id(e)])]
    agreed = [e for e in waiting if not (e.pk in asked or has_blocking(checks[id(e)]))]
    # The dossier's lock (`_lock`) keeps its entries from changing meanwhile: every service
    # that changes an entry takes it first.
    EntryReview.objects.bulk_create(
        [
            EntryReview(
                entry=entry,
                unit=level,
                reviewer=actor,
                decision=ReviewDecision.AGREE,
                form_before=entry.proposed_form,
                form_after=entry.proposed_form,
            )
            for entry in agreed
        ],
        batch_size=500,
    )
    ids = [entry.pk for entry in agreed]
    for start in range(0, len(ids), 500):  # SQLite takes at most 32,766 parameters
        Entry.objects.filter(pk__in=ids[start : start + 500]).update(status=EntryStatus.AGREED)
    analyze_after_commit(len(agreed), EntryReview, Entry)
    if agreed:
        comment = ngettext(
            "Agreed %(count)d entry not yet appraised",
            "Agreed %(count)d entries not yet appraised",
            len(agreed),
        ) % {"count": len(agreed)}
        _event(
            dossier=dossier,
            actor=actor,
            action=Action.APPRAISE_ENTRY,
            from_state=dossier.status,
            comment=comment,
        )
    return len(agreed), left


def _changed_form(dossier, entry, before: AwardForm, form: AwardForm | None, decision):
    if form is None or form == before:
        raise ValidationError({"form": _("Choose a different form.")})
    if error := _offered_form_error(dossier.campaign, form, entry.subject_kind):
        raise ValidationError({"form": error})
    old_rank = routing.AUTHORITY_RANK[before.authority_level]
    new_rank = routing.AUTHORITY_RANK[form.authority_level]
    if (decision == ReviewDecision.LOWER and new_rank > old_rank) or (
        decision == ReviewDecision.RAISE and new_rank < old_rank
    ):
        raise ValidationError({"form": _("This form does not go in that direction.")})
    on = routing.routing_date(dossier)
    target = routing.deciding_unit(proposing_unit=dossier.proposing_unit, form=form, on=on)
    if target is None or not routing.is_at_or_above(target, dossier.current_level, on):
        raise ValidationError({"form": _("This form is not decided at this level or above.")})
    return form


@transaction.atomic
def dossier_appraise_done(*, dossier: Dossier, actor) -> Dossier:
    """Close the appraisal at the holding level once every entry has its review here.

    Goes to "closed" when every entry was rejected; otherwise to "appraised".
    """
    dossier = _lock(dossier)
    check_move(dossier, Action.APPRAISE_DONE, actor)
    level = dossier.current_level
    open_entries = dossier.entries.filter(
        status__in=(EntryStatus.PROPOSED, EntryStatus.AGREED, EntryStatus.REJECTED)
    )
    missing = open_entries.exclude(reviews__unit=level)
    if missing.exists():
        names = ", ".join(missing.values_list("nominee_name", flat=True)[:5])
        raise WorkflowError(_("Appraise every entry first: %(names)s.") % {"names": names})
    all_rejected = not open_entries.filter(status=EntryStatus.AGREED).exists()
    before = dossier.status
    dossier.appraise_done(all_rejected=all_rejected)
    _save_state(dossier)
    _event(dossier=dossier, actor=actor, action=Action.APPRAISE_DONE, from_state=before)
    _notify(unit=dossier.proposing_unit, dossier=dossier, action=Action.APPRAISE_DONE)
    return dossier


@transaction.atomic
def dossier_forward(*, dossier: Dossier, actor) -> Dossier:
    """Send the agreed entries decided higher to the next level, as a new dossier of this level.

    The new dossier (numbered in this level's TTr register, dated as the original so that the
    same unit tree routes it) starts submitted at the next level; its entries are copies that
    point to their origin, which is marked forwarded. Returns the new dossier. Preconditions:
    an officer of the holding level; the dossier is appraised; some agreed entry is decided
    above this level.
    """
    dossier = _lock(dossier)
    check_move(dossier, Action.FORWARD, actor)
    upward = routing.entries_to_forward(dossier)
    if not upward:
        raise WorkflowError(_("No agreed entry is decided above this level."))
    level = dossier.current_level
    on = routing.routing_date(dossier)
    above = routing.next_level(level, on)
    if above is None:
        raise WorkflowError(_("There is no level above %(unit)s.") % {"unit": level.name})
    from nominations.pdf import proposal_title

    # The level's own tờ trình, about what it sends up: the subject line below named the
    # forms decided there ("đề nghị Chủ tịch UBND huyện tặng Giấy khen …").
    summary = proposal_title([e.proposed_form for e in upward], upward)
    child = Dossier(
        campaign=dossier.campaign,
        proposing_unit=level,
        current_level=above,
        date=dossier.date,
        addressee=routing.addressee(above),
        summary=summary,
        status=DossierStatus.SUBMITTED,
        forwarded_from=dossier,
        created_by=actor,
    )
    child.number = register_allocate(
        unit=level,
        doc_type=DocumentType.objects.get(abbreviation=PROPOSAL_TYPE),
        year=on.year,
        issued_on=timezone.localdate(),
        object_type=DOSSIER_OBJECT_TYPE,
        summary=summary,
    )
    child.save()
    Entry.objects.filter(pk__in=[e.pk for e in upward]).update(status=EntryStatus.FORWARDED)
    # The copies in one INSERT (an imported list is thousands): `bulk_create` skips
    # Entry.save(), so the nominee's name is set here as save() sets it.
    copies = []
    for position, entry in enumerate(upward, 1):
        name = entry.display_name  # person and unit read with the entries: no query
        copies.append(
            Entry(
                dossier=child,
                campaign_id=entry.campaign_id,
                position=position,
                subject_kind=entry.subject_kind,
                person_id=entry.person_id,
                unit_id=entry.unit_id,
                group_name=entry.group_name,
                head_name=entry.head_name,
                nominee_name=name,
                nominee_name_folded=fold(name),
                requested_form_id=entry.requested_form_id,
                proposed_form_id=entry.proposed_form_id,
                achievement=entry.achievement,
                forwarded_from=entry,
            )
        )
    Entry.objects.bulk_create(copies, batch_size=500)
    recount_entries([child.pk])
    analyze_after_commit(len(copies), Entry)
    child.entry_count = len(copies)  # what the UPDATE stored, on the object returned
    before = dossier.status
    dossier.forward()
    _save_state(dossier)
    _event(
        dossier=dossier,
        actor=actor,
        action=Action.FORWARD,
        from_state=before,
        comment=f"Tờ trình {child.number_text} gửi {above.name}",
    )
    _event(
        dossier=child,
        actor=actor,
        action=Action.SUBMIT,
        from_state="",
        comment=f"Chuyển lên từ tờ trình {dossier.number_text} của {dossier.proposing_unit.name}",
    )
    _notify(unit=above, dossier=child, action=Action.SUBMIT)
    return child


def _simple_move(dossier: Dossier, actor, action: str, method: str, notify=None) -> Dossier:
    dossier = _lock(dossier)
    check_move(dossier, action, actor)
    before = dossier.status
    getattr(dossier, method)()
    _save_state(dossier)
    _event(dossier=dossier, actor=actor, action=action, from_state=before)
    if notify is not None:
        _notify(unit=notify(dossier), dossier=dossier, action=action)
    return dossier


@transaction.atomic
def dossier_post(*, dossier: Dossier, actor) -> Dossier:
    """Post publicly the agreed entries decided at this level (nominations/posting.py).

    The public page `/public/postings/<id>/` takes comments for the largest `posting_days` of
    the entries' forms, in working days; refused when no form is posted (0 days).
    """
    from nominations.posting import posting_open

    dossier = _lock(dossier)
    check_move(dossier, Action.POST, actor)
    posting = posting_open(dossier=dossier, actor=actor)
    before = dossier.status
    dossier.post()
    _save_state(dossier)
    _event(
        dossier=dossier,
        actor=actor,
        action=Action.POST,
        from_state=before,
        comment=f"Niêm yết công khai đến hết ngày {posting.closes_on:%d/%m/%Y}",
    )
    return dossier


@transaction.atomic
def dossier_to_council(*, dossier: Dossier, actor) -> Dossier:
    """Put the entries decided at this level before its emulation council.

    The dossier joins the open council session of its level, or a new one (nominations/
    council.py). Refused while its public posting still takes comments.
    """
    from nominations.council import session_attach
    from nominations.posting import open_posting_of

    dossier = _lock(dossier)
    check_move(dossier, Action.TO_COUNCIL, actor)
    if posting := open_posting_of(dossier):
        raise WorkflowError(
            _("The public posting takes comments until %(date)s; the council meets after it.")
            % {"date": f"{posting.closes_on:%d/%m/%Y}"}
        )
    session = session_attach(dossier=dossier, actor=actor)
    before = dossier.status
    dossier.to_council()
    _save_state(dossier)
    _event(
        dossier=dossier,
        actor=actor,
        action=Action.TO_COUNCIL,
        from_state=before,
        comment=f"Phiên họp Hội đồng Thi đua - Khen thưởng ngày {session.date:%d/%m/%Y}",
    )
    _notify(unit=dossier.current_level, dossier=dossier, action=Action.TO_COUNCIL)
    return dossier


@transaction.atomic
def dossier_approve(*, dossier: Dossier, actor) -> Dossier:
    """The leader of the deciding level approves what the council passed.

    Preconditions: the dossier's council session is closed (nominations/council.py). The
    agreed entries decided here that passed the vote are approved and await the decision
    (drafted by the decisions issue); those that failed are rejected.
    """
    from nominations.council import approval_split

    dossier = _lock(dossier)
    check_move(dossier, Action.APPROVE, actor)
    passed, failed = approval_split(dossier)
    Entry.objects.filter(pk__in=passed).update(status=EntryStatus.APPROVED)
    Entry.objects.filter(pk__in=failed).update(status=EntryStatus.REJECTED)
    before = dossier.status
    dossier.approve()
    _save_state(dossier)
    comment = f"Phê duyệt {len(passed)} đề nghị đạt tỷ lệ phiếu của Hội đồng"
    if failed:
        comment += f"; {len(failed)} đề nghị không đạt"
    _event(dossier=dossier, actor=actor, action=Action.APPROVE, from_state=before, comment=comment)
    _notify(unit=dossier.proposing_unit, dossier=dossier, action=Action.APPROVE)
    return dossier


# -- attachments ---------------------------------------------------------------------------------

# Recognised by their content (magic bytes), never by the name the browser sends.
ALLOWED_UPLOADS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}


def may_attach(*, dossier: Dossier, actor) -> bool:
    """The proposing unit's officers while they may edit; the holding level's officers after."""
    if not actor.is_authenticated or not actor.has_role(Role.OFFICER):
        return False
    unit = actor_unit(actor)
    if dossier.status in EDITABLE_STATES:
        return unit == dossier.proposing_unit
    return unit is not None and unit.pk == dossier.current_level_id


def _detect_type(uploaded) -> str:
    """The extension of an allowed type the content really is, or ValidationError."""
    import filetype

    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    extension = kind.extension if kind else ""
    if extension == "zip":  # an Office file is a zip: tell Word from Excel by its parts
        import zipfile

        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        uploaded.seek(0)
        extension = (
            "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else ""
        )
    if extension == "jpeg":
        extension = "jpg"
    if extension not in ALLOWED_UPLOADS:
        raise ValidationError(
            {"file": _("Only PDF, DOCX, XLSX, JPG and PNG files are accepted (by their content).")}
        )
    return extension


@transaction.atomic
def attachment_add(*, dossier: Dossier, actor, kind: str, uploaded, entry: Entry | None = None):
    """Store a file of the dossier (or of one of its entries) under a random path.

    Preconditions: `may_attach`; the file is at most NOMINATION_UPLOAD_MAX_MB and its content
    is PDF, DOCX, XLSX, JPG or PNG. Raises ValidationError on "file" otherwise.
    """
    from django.conf import settings

    from nominations.models import Attachment

    dossier = _lock(dossier)
    if not may_attach(dossier=dossier, actor=actor):
        raise WorkflowError(_("You cannot attach files to this dossier now."))
    if entry is not None and entry.dossier_id != dossier.pk:
        raise WorkflowError(_("This entry belongs to another dossier."))
    limit = settings.NOMINATION_UPLOAD_MAX_MB * 1024 * 1024
    if uploaded.size > limit:
        raise ValidationError(
            {
                "file": _("The file is larger than %(mb)s MB.")
                % {"mb": settings.NOMINATION_UPLOAD_MAX_MB}
            }
        )
    extension = _detect_type(uploaded)
    attachment = Attachment(
        dossier=dossier,
        entry=entry,
        kind=kind,
        original_name=(uploaded.name or "tep")[-255:],
        extension=extension,
        content_type=ALLOWED_UPLOADS[extension],
        size=uploaded.size,
        uploaded_by=actor,
    )
    attachment.file.save(f"upload.{extension}", uploaded, save=False)
    attachment.save()
    return attachment


# The service of each dossier-level action, for the POST-only views.
ACTION_SERVICES = {
    Action.SUBMIT: dossier_submit,
    Action.WITHDRAW: dossier_withdraw,
    Action.RECEIVE: dossier_receive,
    Action.RESUBMIT: dossier_resubmit,
    Action.APPRAISE_DONE: dossier_appraise_done,
    Action.FORWARD: dossier_forward,
    Action.POST: dossier_post,
    Action.TO_COUNCIL: dossier_to_council,
    Action.APPROVE: dossier_approve,
}


# -- the award decision ------------------------------------------------------------------------


@transaction.atomic
def entries_decide(*, entries, actor, reference: str) -> list[Dossier]:
    """Mark approved entries as decided by an issued award decision.

    Called by the decisions app inside its signing transaction. Preconditions: every entry is
    approved and held by a dossier at the actor's level, and the actor is a leader there (the
    workflow table's DECIDE move). Side effects: the entries become "decided"; each dossier
    gets one event naming `reference` ("05/QĐ-UBND ngày 10/01/2026"); a dossier with no
    approved entry left moves to "decided". No mail: the decisions app notifies the proposing
    units of the whole decision. Returns the dossiers touched.
    """
    entries = list(entries)
    by_dossier: dict[int, list[Entry]] = {}
    for entry in entries:
        by_dossier.setdefault(entry.dossier_id, []).append(entry)
    touched = []
    for dossier_id in sorted(by_dossier):  # a fixed lock order: no deadlock between signers
        dossier = Dossier.objects.select_for_update().get(pk=dossier_id)
        if dossier.status != DossierStatus.APPROVED:
            raise WorkflowError(
                _('Dossier %(number)s is "%(status)s", not approved.')
                % {"number": dossier.number_text.strip(), "status": dossier.get_status_display()}
            )
        check_move(dossier, Action.DECIDE, actor)
        ids = [e.pk for e in by_dossier[dossier_id]]
        changed = Entry.objects.filter(pk__in=ids, status=EntryStatus.APPROVED).update(
            status=EntryStatus.DECIDED
        )
        if changed != len(ids):
            raise WorkflowError(
                _("Only approved entries can be decided (dossier %(number)s).")
                % {"number": dossier.number_text.strip()}
            )
        from_state = dossier.status
        if not dossier.entries.filter(status=EntryStatus.APPROVED).exists():
            dossier.decide()
            _save_state(dossier)
        _event(
            dossier=dossier,
            actor=actor,
            action=Action.DECIDE,
            from_state=from_state,
            comment=reference,
        )
        touched.append(dossier)
    return touched
