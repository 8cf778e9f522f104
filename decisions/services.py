"""Writes of decisions: draft, edit, sign (number, PDF, register rows, mail), revoke.

Every write to a decision locks its row and checks the actor against the issuer. An issued
decision never changes: services refuse with `DecisionLocked`, `Decision.save` refuses, and a
database trigger refuses too (migration 0002), so the PDF that was signed stays the truth.
"""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from awards.choices import SubjectKind
from awards.models import Award
from awards.money import MoneyNotConfigured, award_amount
from campaigns.models import DocumentType
from campaigns.services import issuer_defaults, register_allocate
from decisions import document, wording
from decisions.choices import DecisionStatus, MoneyPlacement, PdfStatus, SigningMode
from decisions.models import Decision, DecisionAward
from decisions.models.decision import PDF_FIELDS, DecisionLocked, locked_message
from documents.statistics import analyze_after_commit
from documents.text import fold
from documents.vietnamese import short_date
from nominations.choices import EntryStatus
from nominations.models import Entry
from nominations.services import entries_decide
from nominations.workflow import WorkflowError, actor_unit

logger = logging.getLogger(__name__)

DECISION_TYPE = "QĐ"
DECISION_OBJECT_TYPE = "decisions.decision"
# Decisions with more awardees than this render their PDF in a background task.
DEFAULT_BACKGROUND_THRESHOLD = 100

EDITABLE_FIELDS = (
    "title",
    "reason",
    "bases",
    "proposals",
    "money_placement",
    "funding_source",
    "rules_reference",
    "executors",
    "recipients",
    "signing_mode",
    "signer_name",
)


def background_threshold() -> int:
    return getattr(settings, "DECISIONS_BACKGROUND_THRESHOLD", DEFAULT_BACKGROUND_THRESHOLD)


# -- checks ------------------------------------------------------------------------------------


def is_officer_of(actor, unit) -> bool:
    return bool(actor.is_active and actor.has_role(Role.OFFICER) and actor_unit(actor) == unit)


def is_leader_of(actor, unit) -> bool:
    return bool(actor.is_active and actor.has_role(Role.LEADER) and actor_unit(actor) == unit)


def _require_officer(actor, unit) -> None:
    if not is_officer_of(actor, unit):
        raise WorkflowError(
            _("Only an emulation officer of %(unit)s may prepare its decisions.")
            % {"unit": unit.name}
        )


def _require_draft(decision: Decision) -> None:
    if decision.is_issued:
        raise DecisionLocked(locked_message())


def _lock(decision: Decision) -> Decision:
    return Decision.objects.select_for_update().select_related("issuer").get(pk=decision.pk)


def _amounts(form, on: datetime.date) -> dict[str, int | None]:
    """Money per subject kind on `on`; a household without its own coefficient gets an
    individual's amount (Nghị định 98/2023 pays households as individuals)."""
    result = {}
    for kind in wording.SUBJECT_ORDER:
        result[kind] = award_amount(form=form, subject_kind=kind, on=on)
    if result[SubjectKind.HOUSEHOLD] is None:
        result[SubjectKind.HOUSEHOLD] = result[SubjectKind.INDIVIDUAL]
    return result


def _describe(entry) -> str:
    """The "chức vụ – đơn vị" column."""
    unit = entry.unit or entry.dossier.proposing_unit
    where = wording.unit_words(unit)
    if entry.subject_kind == SubjectKind.INDIVIDUAL:
        position = (entry.person.position or "").strip()
        if not position:
            return where[:1].upper() + where[1:]
        if fold(unit.proper_name) in fold(position):
            return position
        return f"{position} {where}"
    if entry.subject_kind == SubjectKind.HOUSEHOLD:
        return where[:1].upper() + where[1:]
    if entry.group_name and entry.unit_id:
        return where[:1].upper() + where[1:]
    parent = unit.parent
    if parent is None:
        return ""
    words = wording.unit_words(parent)
    return words[:1].upper() + words[1:]


# -- drafting ----------------------------------------------------------------------------------


@transaction.atomic
def decision_create(*, actor, campaign, form, entries, on: datetime.date | None = None) -> Decision:
    """Draft a decision of the actor's unit from approved entries of one campaign and form.

    Preconditions: the actor is an officer of the deciding unit; every entry is approved, of
    `campaign` and `form`, held at that unit, and in no other decision. Side effects: the
    decision with its generated texts and one awardee per entry, in list order.
    """
    issuer = actor_unit(actor)
    if issuer is None:
        raise WorkflowError(_("Your account belongs to no unit."))
    _require_officer(actor, issuer)
    entries = list(
        Entry.objects.select_for_update(of=("self",))
        .filter(pk__in=[e.pk for e in entries])
        .select_related("dossier__proposing_unit", "person", "unit__parent", "proposed_form")
        .order_by("dossier__date", "dossier_id", "position", "pk")
    )
    if not entries:
        raise ValidationError({"entries": _("Choose at least one approved entry.")})
    ids = [entry.pk for entry in entries]
    in_a_decision = set()
    for start in range(0, len(ids), 500):  # one query per 500, not one per entry
        in_a_decision |= set(
            DecisionAward.objects.filter(entry_id__in=ids[start : start + 500]).values_list(
                "entry_id", flat=True
            )
        )
    for entry in entries:
        problem = None
        if entry.status != EntryStatus.APPROVED:
            problem = _("%(name)s is not approved.")
        elif entry.campaign_id != campaign.pk or entry.proposed_form_id != form.pk:
            problem = _("%(name)s belongs to another campaign or award form.")
        elif entry.dossier.current_level_id != issuer.pk:
            problem = _("%(name)s is not decided at your level.")
        elif entry.pk in in_a_decision:
            problem = _("%(name)s is already in a decision.")
        if problem:
            raise ValidationError({"entries": problem % {"name": entry.nominee_name}})

    on = on or timezone.localdate()
    try:
        amounts = _amounts(form, on)
    except MoneyNotConfigured:
        amounts = dict.fromkeys(wording.SUBJECT_ORDER)
    dossiers = sorted({e.dossier for e in entries}, key=lambda d: (d.date or on, d.pk))
    awardees = [
        DecisionAward(
            entry=entry,
            position=index,
            subject_kind=entry.subject_kind,
            name=entry.nominee_name,
            description=_describe(entry),
            unit=entry.unit or entry.dossier.proposing_unit,
            amount=amounts[entry.subject_kind],
        )
        for index, entry in enumerate(entries)
    ]
    awardees = document.list_order(awardees)
    for position, awardee in enumerate(awardees, start=1):
        awardee.position = position
    count_by_kind = document.counts(awardees)
    reason = wording.default_reason(campaign)
    last_article = 2 if not any(amounts.values()) else 3
    decision = Decision.objects.create(
        issuer=issuer,
        campaign=campaign,
        form=form,
        doc_type=DocumentType.objects.get(abbreviation=DECISION_TYPE),
        abbreviation=issuer_defaults(issuer)["abbreviation"],
        title=wording.default_title(form=form, counts=count_by_kind, reason=reason),
        reason=reason,
        bases="\n".join(wording.default_bases(campaign=campaign, on=on)),
        proposals="\n".join(wording.default_proposals(dossiers)),
        funding_source=wording.default_funding_source(issuer),
        executors=wording.default_executors(issuer),
        recipients="\n".join(
            wording.default_recipients(
                issuer,
                last_article=last_article,
                proposing_units=[d.proposing_unit for d in dossiers],
            )
        ),
        individual_amount=amounts[SubjectKind.INDIVIDUAL],
        collective_amount=amounts[SubjectKind.COLLECTIVE],
        household_amount=amounts[SubjectKind.HOUSEHOLD],
        created_by=actor,
    )
    for awardee in awardees:
        awardee.decision = decision
    DecisionAward.objects.bulk_create(awardees)
    analyze_after_commit(len(awardees), DecisionAward)
    return decision


@transaction.atomic
def decision_update(*, decision: Decision, actor, **changes) -> Decision:
    """Edit the texts of a draft. Refused once issued (with the message every layer gives)."""
    decision = _lock(decision)
    _require_draft(decision)
    _require_officer(actor, decision.issuer)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(decision, name, value)
    if decision.money_placement == MoneyPlacement.RULES_ONLY and not decision.rules_reference:
        raise ValidationError(
            {"rules_reference": _("Name the rules the money follows, or state the amounts.")}
        )
    decision.save(update_fields=list(changes))
    return decision


@transaction.atomic
def decision_refresh_bases(*, decision: Decision, actor, on: datetime.date | None = None):
    """Rebuild the "Căn cứ" lines from the legal bases in force on `on` (today by default),
    for a draft that waited across a change of law."""
    decision = _lock(decision)
    _require_draft(decision)
    _require_officer(actor, decision.issuer)
    on = on or timezone.localdate()
    decision.bases = "\n".join(wording.default_bases(campaign=decision.campaign, on=on))
    decision.save(update_fields=["bases"])
    return decision


@transaction.atomic
def decision_remove_awardee(*, decision: Decision, actor, awardee: DecisionAward) -> None:
    """Take an entry out of a draft; it becomes available for another decision."""
    decision = _lock(decision)
    _require_draft(decision)
    _require_officer(actor, decision.issuer)
    if awardee.decision_id != decision.pk:
        raise ValidationError(_("This awardee belongs to another decision."))
    awardee.delete()
    remaining = list(decision.decision_awards.select_related("entry").all())
    if not remaining:
        raise ValidationError(_("A decision keeps at least one awardee; delete the draft instead."))
    decision.title = wording.default_title(
        form=decision.form, counts=document.counts(remaining), reason=decision.reason
    )
    decision.save(update_fields=["title"])


@transaction.atomic
def decision_delete(*, decision: Decision, actor) -> None:
    """Delete a draft; its entries return to the approved pool."""
    decision = _lock(decision)
    _require_draft(decision)
    _require_officer(actor, decision.issuer)
    decision.delete()


# -- signing -----------------------------------------------------------------------------------


def signing_problems(
    decision: Decision, awardees, *, signer_name: str, on: datetime.date | None = None
) -> list[str]:
    """Why `decision` cannot be signed on `on` yet: placeholders left, counts that do not
    match the list, legal bases no longer in force."""
    on = on or timezone.localdate()
    problems = []
    for basis in wording.outdated_bases(decision.bases, on):
        problems.append(
            _(
                "The legal bases cite %(basis)s, which is not in force on %(date)s: "
                "regenerate the bases."
            )
            % {"basis": basis.number or basis.title, "date": f"{on:%d/%m/%Y}"}
        )
    labels = {
        "title": _("summary (trích yếu)"),
        "reason": _("reason"),
        "bases": _("legal bases"),
        "proposals": _("proposals"),
        "funding_source": _("funding source"),
        "rules_reference": _("rules cited for the money"),
        "executors": _("who executes"),
        "recipients": _("recipients (Nơi nhận)"),
    }
    for name, label in labels.items():
        marks = wording.placeholders_in(getattr(decision, name))
        if marks:
            problems.append(
                _('The %(field)s still holds a placeholder ("%(mark)s"): complete it.')
                % {"field": label, "mark": marks[0]}
            )
        elif name not in ("rules_reference",) and not getattr(decision, name).strip():
            problems.append(_("The %(field)s is empty.") % {"field": label})
    for awardee in awardees:
        if wording.placeholders_in(awardee.name) or wording.placeholders_in(awardee.description):
            problems.append(
                _("The list line of %(name)s still holds a placeholder.") % {"name": awardee.name}
            )
    if not signer_name.strip() or wording.placeholders_in(signer_name):
        problems.append(_("The signer's name is missing."))
    if not awardees:
        problems.append(_("The decision has no awardee."))
    phrase = wording.counts_phrase(document.counts(awardees))
    if awardees and phrase not in decision.title:
        problems.append(
            _('The summary must name the counts of the attached list: "%(counts)s".')
            % {"counts": phrase}
        )
    if decision.money_placement == MoneyPlacement.RULES_ONLY and not decision.rules_reference:
        problems.append(_("Name the rules the money follows, or state the amounts."))
    return problems


def _origin_unit(entry):
    """The unit that first proposed the entry (a forwarded entry points back to its origin)."""
    node = entry
    while node.forwarded_from_id is not None:
        node = node.forwarded_from
    return node.dossier.proposing_unit


def issuer_reference(unit) -> str:
    """How the register names who decided: "Chủ tịch UBND tỉnh Lạng Sơn"."""
    if unit.is_administrative:
        return f"Chủ tịch UBND {unit.kind_word} {unit.proper_name}"
    return f"Thủ trưởng {unit.name}"


@transaction.atomic
def decision_sign(
    *,
    decision: Decision,
    actor,
    signing_mode: str | None = None,
    on: datetime.date | None = None,
) -> Decision:
    """A leader of the issuer signs: number, date, money on that date, register rows, PDF.

    Preconditions: the decision is a draft with awardees and no placeholder left; the actor is
    a leader of the issuer. Side effects, all in one transaction: the next number of the
    issuer's QĐ register for the year (locked: no gap, no duplicate under concurrent signing),
    one awards.Award row per awardee, the PDF stored with its SHA-256 (in a background task
    for large decisions), and mail to the proposing units after commit.
    """
    decision = _lock(decision)
    if decision.is_issued:
        raise DecisionLocked(
            _("This decision was already signed as number %(number)s.")
            % {"number": decision.number_text}
        )
    issuer = decision.issuer
    if not is_leader_of(actor, issuer):
        raise WorkflowError(
            _("Only a leader of %(unit)s may sign its decisions.") % {"unit": issuer.name}
        )
    on = on or timezone.localdate()
    awardees = list(
        decision.decision_awards.select_related(
            "entry__dossier__proposing_unit",
            "entry__forwarded_from__dossier__proposing_unit",
            "entry__forwarded_from__forwarded_from__dossier__proposing_unit",
            "entry__person",
            "unit",
        ).order_by("position", "pk")
    )
    signer_name = actor.get_full_name() or actor.username
    problems = signing_problems(decision, awardees, signer_name=signer_name, on=on)
    if problems:
        raise WorkflowError(_("The decision cannot be signed yet."), reasons=problems)
    try:
        amounts = _amounts(decision.form, on)
    except MoneyNotConfigured as error:
        raise WorkflowError(str(error)) from error

    decision.number = register_allocate(
        unit=issuer,
        doc_type=decision.doc_type,
        year=on.year,
        issued_on=on,
        object_type=DECISION_OBJECT_TYPE,
        object_id=decision.pk,
        summary=decision.title,
    )
    decision.date = on
    decision.individual_amount = amounts[SubjectKind.INDIVIDUAL]
    decision.collective_amount = amounts[SubjectKind.COLLECTIVE]
    decision.household_amount = amounts[SubjectKind.HOUSEHOLD]

    number_text = decision.number_text
    register_rows = []
    for awardee in awardees:
        awardee.amount = amounts[awardee.subject_kind]
        entry = awardee.entry
        register_rows.append(
            Award(
                subject_kind=awardee.subject_kind,
                person=entry.person if awardee.subject_kind != SubjectKind.COLLECTIVE else None,
                unit=awardee.unit,
                recipient_name=awardee.name,
                recipient_name_folded=fold(awardee.name),
                form=decision.form,
                campaign=decision.campaign,
                proposing_unit=_origin_unit(entry),
                decision_number=number_text,
                decision_date=on,
                decision_issuer=issuer_reference(issuer),
                achievement=decision.reason,
                amount=awardee.amount,
            )
        )
    Award.objects.bulk_create(register_rows)
    analyze_after_commit(len(register_rows), Award, DecisionAward)
    for awardee, row in zip(awardees, register_rows, strict=True):
        awardee.award = row
    DecisionAward.objects.bulk_update(awardees, ["award", "amount"])
    entries_decide(
        entries=[awardee.entry for awardee in awardees],
        actor=actor,
        reference=_("%(number)s of %(date)s") % {"number": number_text, "date": short_date(on)},
    )

    large = len(awardees) > background_threshold()
    decision.status = DecisionStatus.ISSUED
    decision.signing_mode = signing_mode or decision.signing_mode or SigningMode.CHAIRMAN
    decision.signer_name = signer_name
    decision.signed_by = actor
    decision.signed_at = timezone.now()
    decision.pdf_status = PdfStatus.QUEUED if large else PdfStatus.RENDERING
    # Still a draft in the database: this save is the one that issues it.
    decision.save()

    if large:
        from decisions.tasks import render_decision_pdf

        decision_id = decision.pk
        transaction.on_commit(lambda: render_decision_pdf.enqueue(decision_id))
    else:
        _store_pdf(decision, awardees=awardees)
    # The draft's previews go (their files once committed): the signed PDF is the decision.
    # Locked first: a preview task finishing meanwhile waits, then finds its row gone and
    # deletes its own file.
    for preview in decision.preview_renders.select_for_update():
        preview.delete()
    _notify_proposers(decision, awardees)
    return decision


def _store_pdf(decision: Decision, *, awardees=None) -> None:
    from documents.pdf import render_pdf

    content = render_pdf(
        document.DECISION_TEMPLATE, document.decision_context(decision, awardees=awardees)
    )
    decision.pdf.save(f"{decision.pk}.pdf", ContentFile(content), save=False)
    decision.pdf_sha256 = hashlib.sha256(content).hexdigest()
    decision.pdf_status = PdfStatus.READY
    decision.pdf_error = ""
    decision.save(update_fields=sorted(PDF_FIELDS))


def decision_render_pdf(*, decision_id: int) -> Decision:
    """Render and store the PDF of an issued decision (the background task's work).

    Marks progress in `pdf_status` so that the decision page can show it; a failure is kept in
    `pdf_error` and the status "failed", and may be retried.
    """
    decision = Decision.objects.select_related("issuer", "doc_type", "form").get(pk=decision_id)
    if not decision.is_issued:
        raise DecisionLocked(_("Only an issued decision has a stored PDF."))
    Decision.objects.filter(pk=decision.pk).update(pdf_status=PdfStatus.RENDERING)
    try:
        with transaction.atomic():
            _store_pdf(decision)
    except Exception as error:
        logger.exception("rendering the PDF of decision %s failed", decision.pk)
        Decision.objects.filter(pk=decision.pk).update(
            pdf_status=PdfStatus.FAILED, pdf_error=str(error)[:2000]
        )
        raise
    return decision


def decision_retry_pdf(*, decision: Decision, actor) -> None:
    """Queue the rendering again after a failure (an officer or leader of the issuer)."""
    if not (is_officer_of(actor, decision.issuer) or is_leader_of(actor, decision.issuer)):
        raise WorkflowError(_("Only staff of the issuer may do this."))
    if decision.pdf_status != PdfStatus.FAILED:
        raise WorkflowError(_("The PDF is not in a failed state."))
    from decisions.tasks import render_decision_pdf

    Decision.objects.filter(pk=decision.pk).update(pdf_status=PdfStatus.QUEUED)
    transaction.on_commit(lambda: render_decision_pdf.enqueue(decision.pk))


def _notify_proposers(decision: Decision, awardees) -> None:
    """Mail the users of every proposing unit (and of the units that first proposed)."""
    from accounts.models import User

    unit_ids = set()
    for awardee in awardees:
        unit_ids.add(awardee.entry.dossier.proposing_unit_id)
        unit_ids.add(_origin_unit(awardee.entry).pk)
    unit_ids.discard(decision.issuer_id)
    subject = _("Decision %(number)s: your proposals were decided") % {
        "number": decision.number_text
    }
    body = _(
        "%(issuer)s issued Decision %(number)s of %(date)s: %(title)s\n"
        "The decision is published at %(path)s"
    ) % {
        "issuer": issuer_reference(decision.issuer),
        "number": decision.number_text,
        "date": f"{decision.date:%d/%m/%Y}",
        "title": decision.title,
        "path": "/public/decisions/",
    }

    def send():
        recipients = list(
            User.objects.filter(
                Q(unit_id__in=unit_ids) | Q(unit__standing_office_for_id__in=unit_ids),
                is_active=True,
            )
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if not recipients:
            return
        try:
            send_mail(subject, body, None, sorted(recipients))
        except OSError:  # the decision is issued; a mail outage must not undo it
            logger.exception("notification mail for decision %s failed", decision.pk)

    transaction.on_commit(send)


# -- revocation (Luật Thi đua, khen thưởng, Chương VII) ------------------------------------------


def require_revoker(actor, decision: Decision) -> None:
    """Refuses (WorkflowError) anyone but an officer or leader of the decision's issuer."""
    if not (is_officer_of(actor, decision.issuer) or is_leader_of(actor, decision.issuer)):
        raise WorkflowError(
            _("Only staff of %(unit)s may record a revocation of its awards.")
            % {"unit": decision.issuer.name}
        )


def _validate_revocation(reason: str, revoking_number: str, revoking_date) -> None:
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("State the reason for the revocation.")
    if not (revoking_number or "").strip():
        errors["revoking_number"] = _("Give the number of the revoking decision.")
    if revoking_date is None:
        errors["revoking_date"] = _("Give the date of the revoking decision.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def awards_revoke(
    *,
    decision: Decision,
    actor,
    reason: str,
    revoking_number: str,
    revoking_date: datetime.date,
    awardees=None,
) -> int:
    """Record the revocation of awards of an issued decision (all, or the `awardees` given).

    The decision itself stays as signed; its register rows are marked revoked with the reason
    and the revoking decision's number and date, and verification then says "revoked".
    Returns the number of rows revoked now.
    """
    decision = _lock(decision)
    if not decision.is_issued:
        raise WorkflowError(_("Only awards of an issued decision can be revoked."))
    require_revoker(actor, decision)
    _validate_revocation(reason, revoking_number, revoking_date)
    if revoking_date < decision.date:
        raise ValidationError(
            {"revoking_date": _("The revoking decision cannot precede the decision it revokes.")}
        )
    rows = Award.objects.filter(decision_award__decision=decision, revoked=False)
    if awardees is not None:
        rows = rows.filter(decision_award__in=[a.pk for a in awardees])
    return rows.update(
        revoked=True,
        revoked_reason=reason.strip(),
        revoking_decision_number=revoking_number.strip(),
        revoking_decision_date=revoking_date,
    )
