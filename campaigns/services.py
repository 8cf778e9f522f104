"""Writes for campaigns and document registers. Every state change goes through here."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from accounts.choices import Role
from accounts.selectors import unit_ids_visible_to
from campaigns.choices import SectionPart
from campaigns.models import (
    Campaign,
    CampaignIssuer,
    CampaignItem,
    CampaignSection,
    DocumentRegister,
    DocumentType,
    ItemTarget,
    RegisterEntry,
    Unit,
)
from documents.vietnamese import short_date

CAMPAIGN_OBJECT_TYPE = "campaigns.campaign"

# How the header names a body that is not a People's Committee: (prefix of the unit's name,
# name lines printed bold, abbreviation in the number). The rest of the name follows.
_BODY_HEADERS = [
    ("tỉnh ủy", "TỈNH ỦY {rest}", "TU"),
    ("huyện ủy", "HUYỆN ỦY {rest}", "HU"),
    ("đảng ủy", "ĐẢNG ỦY {rest}", "ĐU"),
    ("hội đồng nhân dân", "HỘI ĐỒNG NHÂN DÂN\n{rest}", "HĐND"),
    ("ủy ban mttq việt nam", "ỦY BAN MẶT TRẬN TỔ QUỐC\nVIỆT NAM {rest}", "MTTQ"),
    ("ủy ban mặt trận tổ quốc việt nam", "ỦY BAN MẶT TRẬN TỔ QUỐC\nVIỆT NAM {rest}", "MTTQ"),
]


# Steps other apps add to "implement at my unit", each called as step(parent=, child=) inside
# the same transaction: the awards app copies the offered awards and their criteria. Campaigns
# cannot call it directly, since imports point from awards to campaigns.
IMPLEMENT_STEPS: list = []
# Checks other apps add to publishing, each called as check(campaign) and returning the
# reasons it may not be published: the awards app refuses forms not awarded when the
# campaign's awards are given.
PUBLISH_CHECKS: list = []


# -- document registers ----------------------------------------------------------------------


def _register_locked(*, unit: Unit, doc_type: DocumentType, year: int) -> DocumentRegister:
    """The register row, created if needed, locked until the end of the caller's transaction.

    Two first allocations may race to create the row: the unique constraint lets one win, and
    get_or_create then reads (and locks) the winner's row.
    """
    for _attempt in range(3):
        try:
            register, _created = DocumentRegister.objects.select_for_update().get_or_create(
                unit=unit, doc_type=doc_type, year=year
            )
            return register
        except IntegrityError:
            continue
    raise RuntimeError("document register could not be created")


def register_allocate(
    *,
    unit: Unit,
    doc_type: DocumentType,
    year: int,
    issued_on: datetime.date | None = None,
    object_type: str = "",
    object_id: int | None = None,
    summary: str = "",
) -> int:
    """Take the next number of the register (unit, type, year) and record who took it.

    Locks the register row, so concurrent callers get distinct numbers with no gap. Must run
    inside the caller's transaction: a rollback gives the number back.
    """
    with transaction.atomic():
        register = _register_locked(unit=unit, doc_type=doc_type, year=year)
        number = register.last_number + 1
        while RegisterEntry.objects.filter(register=register, number=number).exists():
            number += 1  # numbers recorded by hand above the counter are skipped
        register.last_number = number
        register.save(update_fields=["last_number"])
        RegisterEntry.objects.create(
            register=register,
            number=number,
            issued_on=issued_on,
            object_type=object_type,
            object_id=object_id,
            summary=summary,
        )
    return number


def register_record(
    *,
    unit: Unit,
    doc_type: DocumentType,
    year: int,
    number: int,
    issued_on: datetime.date | None = None,
    object_type: str = "",
    object_id: int | None = None,
    summary: str = "",
) -> RegisterEntry:
    """Record a number given outside the portal (a document issued before).

    Raises ValidationError on `number` when another object holds it in that register; the
    object's own earlier entry is replaced.
    """
    with transaction.atomic():
        register = _register_locked(unit=unit, doc_type=doc_type, year=year)
        taken = RegisterEntry.objects.filter(register=register, number=number)
        if object_id is not None:
            taken = taken.exclude(object_type=object_type, object_id=object_id)
        if taken.exists():
            raise ValidationError({"number": _number_taken_message(register, number)})
        RegisterEntry.objects.filter(object_type=object_type, object_id=object_id).exclude(
            register=register, number=number
        ).delete()
        entry, _created = RegisterEntry.objects.update_or_create(
            register=register,
            number=number,
            defaults={
                "issued_on": issued_on,
                "object_type": object_type,
                "object_id": object_id,
                "summary": summary,
            },
        )
        if number > register.last_number:
            register.last_number = number
            register.save(update_fields=["last_number"])
    return entry


def _number_taken_message(register: DocumentRegister, number: int) -> str:
    return _(
        "Number %(number)s is already used in the register of %(unit)s for %(type)s of %(year)s."
    ) % {
        "number": f"{number:02d}",
        "unit": register.unit,
        "type": register.doc_type.abbreviation,
        "year": register.year,
    }


# -- issuer header lines -----------------------------------------------------------------------


def issuer_defaults(unit: Unit) -> dict[str, str]:
    """Header lines, abbreviation and short name of an issuer, prefilled from its unit."""
    if unit.is_administrative:
        words = f"{unit.kind_word} {unit.proper_name}"
        return {
            "header_parent": "",
            "header_name": f"ỦY BAN NHÂN DÂN\n{words.upper()}",
            "abbreviation": "UBND",
            "short_name": f"UBND {words}",
        }
    lower = unit.name.lower()
    for prefix, pattern, abbreviation in _BODY_HEADERS:
        if lower.startswith(prefix):
            rest = unit.name[len(prefix) :].strip()
            parent = unit.parent
            if parent is not None and rest.lower() in ("", parent.kind_word):
                rest = f"{parent.kind_word} {parent.proper_name}"
            return {
                "header_parent": "",
                "header_name": pattern.format(rest=rest.upper()).strip(),
                "abbreviation": abbreviation,
                "short_name": unit.name,
            }
    parent = unit.parent
    header_parent = ""
    if parent is not None and parent.is_administrative:
        header_parent = f"UBND {parent.kind_word} {parent.proper_name}".upper()
    return {
        "header_parent": header_parent,
        "header_name": unit.name.upper(),
        "abbreviation": _initials(unit),
        "short_name": unit.name,
    }


def _initials(unit: Unit) -> str:
    return "".join(word[0] for word in unit.name.split() if word[0].isalpha()).upper()[:20]


def issuer_abbreviation(unit: Unit) -> str:
    """The abbreviation of `issuer_defaults` ("UBND", "MTTQ", "HND"), from the unit's name and
    kind alone: lists print it on every row without reading the parent unit."""
    if unit.is_administrative:
        return "UBND"
    lower = unit.name.lower()
    for prefix, _pattern, abbreviation in _BODY_HEADERS:
        if lower.startswith(prefix):
            return abbreviation
    return _initials(unit)


def default_place(unit: Unit) -> str:
    """The proper name of the administrative unit where `unit` sits ("Lạng Sơn", "Cao Lâu")."""
    node = unit
    while node is not None and not node.is_administrative:
        node = node.parent
    if node is None:
        return unit.place_name or unit.name
    return node.place_name or node.proper_name


# -- rules of a campaign -------------------------------------------------------------------------


def campaign_period_errors(
    *,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    nomination_deadline: datetime.date | None,
    parent: Campaign | None,
) -> dict[str, str]:
    """The period rules (issue 3, item 7), as {field: Vietnamese message}."""
    errors: dict[str, str] = {}
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("The end of the period must not be before its start.")
    if nomination_deadline and "period_end" not in errors:
        before = period_start and nomination_deadline < period_start
        after = period_end and nomination_deadline > period_end
        if before or after:
            errors["nomination_deadline"] = _(
                "The nomination deadline must fall within the campaign period (%(period)s)."
            ) % {"period": _period_words(period_start, period_end)}
    if parent is not None and (parent.period_start or parent.period_end):
        starts_early = period_start and parent.period_start and period_start < parent.period_start
        ends_late = period_end and parent.period_end and period_end > parent.period_end
        message = _(
            "The period must lie within the period of the implemented campaign (%(period)s)."
        ) % {"period": _period_words(parent.period_start, parent.period_end)}
        if starts_early:
            errors.setdefault("period_start", message)
        if ends_late:
            errors.setdefault("period_end", message)
    return errors


def _period_words(start, end) -> str:
    return f"{short_date(start) or '…'} - {short_date(end) or '…'}"


def issuer_error(*, unit: Unit, actor) -> str | None:
    """A message when `actor` may not issue a document in the name of `unit`."""
    ids = unit_ids_visible_to(actor)
    if ids is None or unit.pk in ids:
        return None
    return _("You do not belong to %(unit)s: you cannot issue a document in its name.") % {
        "unit": unit
    }


def may_edit(*, campaign: Campaign, actor) -> bool:
    """An officer (or portal admin) of one of the issuing units, within their units."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    if not (actor.is_superuser or actor.has_role(Role.OFFICER) or actor.has_role(Role.ADMIN)):
        return False
    ids = unit_ids_visible_to(actor)
    if ids is None:
        return True
    return any(row.unit_id in ids for row in campaign.issuer_rows.all())


def _require_editor(campaign: Campaign, actor) -> None:
    if not may_edit(campaign=campaign, actor=actor):
        raise PermissionDenied(_("Only officers of an issuing unit may change this campaign."))


# -- saving the form -------------------------------------------------------------------------


def _save_rows(formset, owner, *, on_saved=None) -> None:
    """Save an inline formset, numbering the rows in the order shown; removed rows go."""
    position = 0
    for form in formset.forms:
        if not getattr(form, "cleaned_data", None):
            continue
        if formset.can_delete and formset._should_delete_form(form):
            if form.instance.pk:
                form.instance.delete()
            continue
        row = form.save(commit=False)
        setattr(row, formset.fk.name, owner)
        row.position = position
        position += 1
        if isinstance(row, CampaignIssuer):
            for field, value in issuer_defaults(row.unit).items():
                if not getattr(row, field):
                    setattr(row, field, value)
        row.save()
        if on_saved:
            on_saved(form, row)


@transaction.atomic
def campaign_save(*, actor, form, formsets: dict) -> Campaign:
    """Save a campaign from its validated form and inline formsets, all or nothing.

    `formsets` maps "issuers", "occasions", "sections", "items", "tasks", "recipients" to
    bound, valid formsets; item forms carry their targets formset as `form.targets`.
    Raises ValidationError({field: message}) when a rule across objects fails (a number
    taken in the register, an issuer outside the actor's units); the transaction rolls back.
    """
    campaign = form.save(commit=False)
    if campaign.pk:
        _require_editor(Campaign.objects.select_for_update().get(pk=campaign.pk), actor)
    else:
        campaign.created_by = actor
    campaign.save()
    form.save_m2m()

    for issuer_form in formsets["issuers"].forms:
        unit = (getattr(issuer_form, "cleaned_data", None) or {}).get("unit")
        deleted = formsets["issuers"]._should_delete_form(issuer_form)
        if unit and not deleted and (message := issuer_error(unit=unit, actor=actor)):
            raise ValidationError({"issuers": message})
    _save_rows(formsets["issuers"], campaign)

    def save_targets(item_form, item):
        targets = item_form.targets
        targets.instance = item
        _save_rows(targets, item)

    for name in ("occasions", "sections", "tasks", "recipients"):
        if name in formsets:
            _save_rows(formsets[name], campaign)
    _save_rows(formsets["items"], campaign, on_saved=save_targets)

    campaign = Campaign.objects.prefetch_related("issuer_rows__unit").get(pk=campaign.pk)
    lead = campaign.lead_issuer
    if lead is None:
        raise ValidationError({"issuers": _("A campaign needs at least one issuing unit.")})
    if not campaign.place:
        campaign.place = default_place(lead.unit)
        campaign.save(update_fields=["place"])
    if campaign.number:
        year = campaign.issue_year
        if not year:
            raise ValidationError({"issue_year": _("A numbered document needs its year.")})
        register_record(
            unit=lead.unit,
            doc_type=campaign.doc_type,
            year=year,
            number=campaign.number,
            issued_on=campaign.issue_date,
            object_type=CAMPAIGN_OBJECT_TYPE,
            object_id=campaign.pk,
            summary=campaign.title,
        )
    else:
        RegisterEntry.objects.filter(
            object_type=CAMPAIGN_OBJECT_TYPE, object_id=campaign.pk
        ).delete()
    errors = campaign_period_errors(
        period_start=campaign.period_start,
        period_end=campaign.period_end,
        nomination_deadline=campaign.nomination_deadline,
        parent=campaign.parent,
    )
    if errors:
        raise ValidationError(errors)
    return campaign


# -- transitions -------------------------------------------------------------------------------


def _locked(campaign: Campaign) -> Campaign:
    return (
        Campaign.objects.select_for_update()
        .select_related("doc_type")
        .prefetch_related("issuer_rows__unit")
        .get(pk=campaign.pk)
    )


@transaction.atomic
def campaign_publish(*, campaign: Campaign, actor, on: datetime.date | None = None) -> Campaign:
    """Publish a draft: date it (today unless dated), number it in the lead issuer's register.

    Preconditions: the actor may edit the campaign; it is a draft with an issuer and a title.
    A number already recorded by hand (a historical document) is kept.
    """
    campaign = _locked(campaign)
    _require_editor(campaign, actor)
    if not can_proceed(campaign.publish):
        raise ValidationError(_("Only a draft can be published."))
    lead = campaign.lead_issuer
    if lead is None:
        raise ValidationError({"issuers": _("A campaign needs at least one issuing unit.")})
    if refused := [reason for check in PUBLISH_CHECKS for reason in check(campaign)]:
        raise ValidationError(refused)
    if campaign.issue_date is None and not campaign.number:
        campaign.issue_date = on or timezone.localdate()
    if not campaign.number:
        campaign.number = register_allocate(
            unit=lead.unit,
            doc_type=campaign.doc_type,
            year=campaign.issue_year,
            issued_on=campaign.issue_date,
            object_type=CAMPAIGN_OBJECT_TYPE,
            object_id=campaign.pk,
            summary=campaign.title,
        )
    campaign.publish()
    campaign.published_at = timezone.now()
    campaign.save(
        update_fields=[
            "status",
            "number",
            "issue_year",
            "issue_month",
            "issue_day",
            "published_at",
            "updated_at",
        ]
    )
    return campaign


@transaction.atomic
def campaign_close(*, campaign: Campaign, actor) -> Campaign:
    """Close a published campaign: its period is over; it awaits its summary."""
    campaign = _locked(campaign)
    _require_editor(campaign, actor)
    if not can_proceed(campaign.close):
        raise ValidationError(_("Only a published campaign can be closed."))
    campaign.close()
    campaign.save(update_fields=["status", "updated_at"])
    return campaign


@transaction.atomic
def campaign_summarise(*, campaign: Campaign, actor) -> Campaign:
    """Mark a closed campaign as summarised (tổng kết done)."""
    campaign = _locked(campaign)
    _require_editor(campaign, actor)
    if not can_proceed(campaign.summarise):
        raise ValidationError(_("Only a closed campaign can be summarised."))
    campaign.summarise()
    campaign.save(update_fields=["status", "updated_at"])
    return campaign


@transaction.atomic
def campaign_implement(*, parent: Campaign, actor) -> Campaign:
    """Start the actor's unit's own plan implementing `parent`, as a draft linked to it.

    Copies the parent's kind, theme, period, purpose, requirements, occasions and content
    items with their targets; the issuer is the unit the actor works for; then runs
    IMPLEMENT_STEPS (the awards app copies the offered awards). Preconditions: `parent` is
    published and visible to the actor, who is an officer with a unit.
    """
    if not parent.is_live:
        raise ValidationError(_("Only a published campaign can be implemented."))
    if not (actor.has_role(Role.OFFICER) or actor.is_superuser) or actor.scope_root is None:
        raise PermissionDenied(_("Only an officer of a unit can implement a campaign."))
    unit = actor.scope_root
    plan = DocumentType.objects.filter(abbreviation="KH").first() or parent.doc_type
    defaults = issuer_defaults(unit)
    child = Campaign.objects.create(
        doc_type=plan,
        title=parent.title,
        kind=parent.kind,
        preamble=(
            f"Thực hiện {parent.reference_line}; "
            f"{defaults['short_name']} ban hành Kế hoạch {_lower_first(parent.title)} "
            "như sau:"
        ),
        purpose=parent.purpose,
        meaning=parent.meaning,
        requirements=parent.requirements,
        period_start=parent.period_start,
        period_end=parent.period_end,
        period_end_event=parent.period_end_event,
        period_text=parent.period_text,
        theme=parent.theme,
        content_intro=parent.content_intro,
        solutions=parent.solutions,
        nomination_deadline=parent.nomination_deadline,
        parent=parent,
        place=default_place(unit),
        created_by=actor,
    )
    CampaignIssuer.objects.create(campaign=child, unit=unit, position=0, **defaults)
    for occasion in parent.occasions.all():
        occasion.pk = None
        occasion.campaign = child
        occasion.save()
    for section in parent.sections.all():
        CampaignSection.objects.create(
            campaign=child,
            position=section.position,
            part=section.part,
            heading=section.heading,
            body=section.body if section.part != SectionPart.AWARDS else "",
        )
    for item in parent.items.prefetch_related("targets"):
        copy = CampaignItem.objects.create(
            campaign=child, position=item.position, heading=item.heading, text=item.text
        )
        ItemTarget.objects.bulk_create(
            ItemTarget(
                item=copy,
                position=t.position,
                indicator=t.indicator,
                comparator=t.comparator,
                value=t.value,
                value_max=t.value_max,
                unit_label=t.unit_label,
            )
            for t in item.targets.all()
        )
    for step in IMPLEMENT_STEPS:
        step(parent=parent, child=child)
    return child


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


__all__ = [
    "CAMPAIGN_OBJECT_TYPE",
    "IMPLEMENT_STEPS",
    "PUBLISH_CHECKS",
    "campaign_close",
    "campaign_implement",
    "campaign_period_errors",
    "campaign_publish",
    "campaign_save",
    "campaign_summarise",
    "default_place",
    "issuer_defaults",
    "issuer_error",
    "may_edit",
    "register_allocate",
    "register_record",
]
