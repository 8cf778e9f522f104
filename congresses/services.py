"""Writes of the congresses app: generating events, recording them, delegates and approvals.

Every function takes keyword arguments, checks the actor's role and unit, and runs in one
transaction, so that a refused change leaves nothing half-saved.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.selectors import unit_ids_visible_to
from campaigns.choices import UnitKind
from campaigns.models import Unit
from congresses.choices import CongressLevelKind
from congresses.models import AgendaItem, CongressEvent, CongressLevel, CongressPlan, Delegate
from congresses.selectors import delegate_mix, plan_issuers_for

PLAN_OBJECT_TYPE = "congresses.congressplan"

COMMUNE_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP)


# -- who may do what -----------------------------------------------------------------------------


def _in_scope(actor, unit_id: int) -> bool:
    ids = unit_ids_visible_to(actor)
    return ids is None or unit_id in ids


def _has_any_role(actor, *roles: Role) -> bool:
    return actor.is_superuser or any(actor.has_role(r) for r in (*roles, Role.ADMIN))


def may_edit_event(*, event: CongressEvent, actor) -> bool:
    """Officers of the unit (or of a unit above it) edit the unit's event."""
    return (
        actor.is_authenticated
        and _has_any_role(actor, Role.OFFICER)
        and _in_scope(actor, event.unit_id)
    )


def may_approve_event(*, event: CongressEvent, actor) -> bool:
    """The list sent upward is approved at the congress: by its officer or leader."""
    return (
        actor.is_authenticated
        and _has_any_role(actor, Role.OFFICER, Role.LEADER)
        and _in_scope(actor, event.unit_id)
    )


def may_edit_plan(*, plan: CongressPlan, actor) -> bool:
    """Officers of the issuing unit edit the plan, its rules and its agenda."""
    return (
        actor.is_authenticated
        and _has_any_role(actor, Role.OFFICER)
        and _in_scope(actor, plan.issuer_id)
    )


def may_create_plan(*, actor) -> bool:
    """Officers whose units include a province (provincial staff) create plans in its name."""
    return (
        actor.is_authenticated
        and _has_any_role(actor, Role.OFFICER)
        and plan_issuers_for(actor).exists()
    )


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# -- the plan ------------------------------------------------------------------------------------


def _tier_of(unit: Unit, issuer: Unit) -> CongressLevelKind | None:
    """The level of event a unit holds: the issuer itself, the bodies and districts right
    under it, and the base (communes, and units under the bodies)."""
    if unit.pk == issuer.pk:
        return CongressLevelKind.PROVINCE
    if unit.standing_office_for_id:
        return None  # an office (Ban TĐKT, Phòng Nội vụ) works for its unit; no event of its own
    if unit.kind in COMMUNE_KINDS:
        return CongressLevelKind.BASE
    if unit.parent_id == issuer.pk:
        return CongressLevelKind.DISTRICT
    return CongressLevelKind.BASE


@transaction.atomic
def plan_generate_events(*, plan: CongressPlan, actor=None) -> int:
    """Create one event per unit of the issuer's subtree in force on `plan.tree_on`, at its
    level, with the level's deadline and the event above it. Units that already have an event
    keep it; returns the number created. `actor` None: a seed or a command."""
    if actor is not None:
        _require(may_edit_plan(plan=plan, actor=actor))
    plan = CongressPlan.objects.select_for_update().get(pk=plan.pk)
    if actor is not None and not plan.is_published:
        # The units see the plan through their events: not before it is issued.
        raise ValidationError(_("Publish the plan before creating the events of the units."))
    levels = {level.kind: level for level in plan.levels.all()}
    issuer = plan.issuer
    units = [issuer, *issuer.descendants_on(plan.tree_on)]
    by_pk = {unit.pk: unit for unit in units}
    events = {e.unit_id: e for e in plan.events.all()}
    created = 0
    # Top down, so that each tier finds the events of the tier above.
    for tier in (CongressLevelKind.PROVINCE, CongressLevelKind.DISTRICT, CongressLevelKind.BASE):
        level = levels.get(tier)
        if level is None:
            continue
        new = []
        for unit in units:
            if unit.pk in events or _tier_of(unit, issuer) != tier:
                continue
            parent = None
            node = by_pk.get(unit.parent_id)
            while node is not None and parent is None:
                parent = events.get(node.pk)
                node = by_pk.get(node.parent_id)
            new.append(
                CongressEvent(
                    plan=plan, level=level, unit=unit, parent=parent, deadline=level.deadline
                )
            )
        for event in CongressEvent.objects.bulk_create(new):
            events[event.unit_id] = event
        created += len(new)
    return created


def _move_deadline(level: CongressLevel, old_deadline) -> None:
    """Events not yet held that kept the level's deadline follow it; a deadline set for one
    unit by hand stays."""
    if old_deadline is not None and level.deadline != old_deadline:
        level.events.filter(held_on__isnull=True, deadline=old_deadline).update(
            deadline=level.deadline
        )


def _save_rows(formset, plan: CongressPlan, *, before_delete=None, on_saved=None) -> None:
    """Save an inline formset of the plan, numbering rows in the order shown; removed rows go."""
    position = 0
    for form in formset.forms:
        if not getattr(form, "cleaned_data", None):
            continue  # a blank extra row
        if formset._should_delete_form(form):
            if form.instance.pk:
                if before_delete:
                    before_delete(form.instance)
                form.instance.delete()
            continue
        old = form.initial.get("deadline") if form.instance.pk else None
        row = form.save(commit=False)
        row.plan = plan
        position += 1
        if hasattr(row, "position"):
            row.position = position
        row.save()
        if on_saved:
            on_saved(row, old)


def _level_in_use(level: CongressLevel) -> None:
    if level.events.exists():
        raise ValidationError(
            {
                "levels": _("The level “%(level)s” has events of units; it cannot be removed.")
                % {"level": level.get_kind_display()}
            }
        )


@transaction.atomic
def plan_save(*, actor, form, formsets: dict) -> CongressPlan:
    """Save a plan from its validated form and formsets ("levels", "agenda", "pilots",
    "duties", "sections"), all or nothing.

    Preconditions: the actor may create plans (a new plan) or edit this one; the issuer is one
    of the actor's provinces. The header, abbreviation and place left empty are filled from the
    issuer. A moved deadline moves with it on the events not yet held. Raises
    ValidationError({field or formset name: message}); the transaction then rolls back.
    """
    from campaigns.services import default_place, issuer_defaults

    plan = form.save(commit=False)
    if plan.pk:
        _require(
            may_edit_plan(
                plan=CongressPlan.objects.select_for_update().get(pk=plan.pk), actor=actor
            )
        )
    else:
        _require(may_create_plan(actor=actor))
    if not plan_issuers_for(actor).filter(pk=plan.issuer_id).exists():
        raise ValidationError({"issuer": _("You cannot issue a plan in the name of this unit.")})
    defaults = issuer_defaults(plan.issuer)
    if not plan.issuer_header:
        plan.issuer_header = defaults["header_name"]
    if not plan.issuer_abbreviation:
        plan.issuer_abbreviation = defaults["abbreviation"]
    if not plan.place:
        plan.place = default_place(plan.issuer)
    if plan.issue_date is not None:
        plan.issue_year, plan.issue_month = plan.issue_date.year, plan.issue_date.month
    elif not plan.issue_year:
        plan.issue_year = timezone.localdate().year
    plan.save()
    _save_rows(
        formsets["levels"],
        plan,
        before_delete=_level_in_use,
        on_saved=lambda level, old: _move_deadline(level, old),
    )
    for name in ("agenda", "pilots", "duties", "sections"):
        _save_rows(formsets[name], plan)
    if not plan.levels.exists():
        raise ValidationError({"levels": _("A plan needs at least one level.")})
    if not plan.agenda.exists():
        raise ValidationError({"agenda": _("The agenda needs at least one item.")})
    return plan


@transaction.atomic
def plan_publish(*, plan: CongressPlan, actor, on: datetime.date | None = None) -> CongressPlan:
    """Publish a draft plan: date it (today unless dated) and number it in the issuer's
    register of plans (KH), with no gap and no duplicate even when two publish at once.

    Preconditions: the actor may edit the plan; it is a draft with a level and an agenda.
    A number recorded before (a plan issued outside the portal) is kept.
    """
    from campaigns.models import DocumentType
    from campaigns.services import register_allocate

    plan = CongressPlan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    _require(may_edit_plan(plan=plan, actor=actor))
    if plan.is_published:
        raise ValidationError(_("The plan is already published."))
    if not plan.levels.exists():
        raise ValidationError(_("A plan needs at least one level."))
    if not plan.agenda.exists():
        raise ValidationError(_("The agenda needs at least one item."))
    if plan.issue_date is None:
        plan.issue_date = on or timezone.localdate()
    plan.issue_year, plan.issue_month = plan.issue_date.year, plan.issue_date.month
    if plan.number is None:
        plan.number = register_allocate(
            unit=plan.issuer,
            doc_type=DocumentType.objects.get(abbreviation="KH"),
            year=plan.issue_year,
            issued_on=plan.issue_date,
            object_type=PLAN_OBJECT_TYPE,
            object_id=plan.pk,
            summary=str(plan),
        )
    plan.published_at = timezone.now()
    plan.published_by = actor
    plan.save(
        update_fields=[
            "issue_date",
            "issue_year",
            "issue_month",
            "number",
            "published_at",
            "published_by",
        ]
    )
    return plan


@transaction.atomic
def level_update(*, level: CongressLevel, actor, **values) -> CongressLevel:
    """Change a level's rules; the deadline moves with it on events not yet held."""
    _require(may_edit_plan(plan=level.plan, actor=actor))
    old_deadline = level.deadline
    for name, value in values.items():
        setattr(level, name, value)
    level.full_clean()
    level.save()
    _move_deadline(level, old_deadline)
    return level


@transaction.atomic
def agenda_replace(*, plan: CongressPlan, actor, items: list[str]) -> list[AgendaItem]:
    """Replace the agenda by `items`, in that order (empty lines are dropped)."""
    _require(may_edit_plan(plan=plan, actor=actor))
    texts = [text.strip() for text in items if text and text.strip()]
    if not texts:
        raise ValidationError(_("The agenda needs at least one item."))
    plan.agenda.all().delete()
    return AgendaItem.objects.bulk_create(
        [AgendaItem(plan=plan, position=i, text=text) for i, text in enumerate(texts, start=1)]
    )


# -- a unit's event ------------------------------------------------------------------------------


def _locked(event: CongressEvent) -> CongressEvent:
    return (
        CongressEvent.objects.select_for_update().select_related("level", "plan").get(pk=event.pk)
    )


@transaction.atomic
def event_record_held(
    *,
    event: CongressEvent,
    actor,
    held_on: datetime.date,
    form: str,
    attendance: int | None = None,
    report: str = "",
) -> CongressEvent:
    """Record when and how the unit held its event (the form must be one its level offers)."""
    _require(may_edit_event(event=event, actor=actor))
    event = _locked(event)
    allowed = event.level.allowed_forms
    if form not in allowed:
        raise ValidationError({"form": _("This level may not hold its event in this form.")})
    cap = event.level.max_delegates
    if attendance is not None and cap is not None and attendance > cap:
        raise ValidationError(
            {"attendance": _("This event takes at most %(cap)s delegates.") % {"cap": cap}}
        )
    event.held_on = held_on
    event.form = form
    event.attendance = attendance
    event.report = report
    event.recorded_by = actor
    event.recorded_at = timezone.now()
    event.save(
        update_fields=[
            "held_on",
            "form",
            "attendance",
            "report",
            "recorded_by",
            "recorded_at",
        ]
    )
    return event


def _check_list_open(event: CongressEvent) -> None:
    if event.list_confirmed_at is not None:
        raise ValidationError(
            _("The delegate list is confirmed; reopen it before changing delegates.")
        )


@transaction.atomic
def delegate_add(
    *,
    event: CongressEvent,
    actor,
    category: str,
    full_name: str,
    gender: str = "",
    ethnicity: str = "",
    birth_year: int | None = None,
    position_title: str = "",
    unit_name: str = "",
    person=None,
    entry=None,
) -> Delegate:
    """Add one delegate; refused when the list is confirmed or the cap is reached.

    The event row is locked first, so that two officers adding at once cannot both take
    the last seat.
    """
    _require(may_edit_event(event=event, actor=actor))
    event = _locked(event)
    _check_list_open(event)
    cap = event.level.max_delegates
    count = event.delegates.count()
    if cap is not None and count >= cap:
        raise ValidationError(
            _(
                "This event takes at most %(cap)s delegates: delegate number %(number)s "
                "cannot be added."
            )
            % {"cap": cap, "number": count + 1}
        )
    if person is not None and event.delegates.filter(person=person).exists():
        raise ValidationError(_("This person is already a delegate of this event."))
    delegate = Delegate(
        event=event,
        category=category,
        full_name=full_name.strip(),
        gender=gender,
        ethnicity=ethnicity.strip(),
        birth_year=birth_year,
        position_title=position_title.strip(),
        unit_name=unit_name.strip(),
        person=person,
        entry=entry,
    )
    delegate.full_clean(exclude=["event", "person", "entry"])
    delegate.save()
    return delegate


def delegate_add_person(*, event: CongressEvent, actor, person, category: str, entry=None):
    """A delegate taken from the award register (or from a nominee entry's person)."""
    return delegate_add(
        event=event,
        actor=actor,
        category=category,
        full_name=person.full_name,
        gender=person.gender,
        ethnicity=person.ethnicity,
        birth_year=person.birth_year,
        position_title=person.position,
        unit_name=person.unit.name,
        person=person,
        entry=entry,
    )


@dataclass
class TakenFromBelow:
    added: int
    already_on_list: list[str]


@transaction.atomic
def delegates_take_from_below(
    *, event: CongressEvent, child: CongressEvent, actor
) -> TakenFromBelow:
    """Put on `event`'s list the delegates a unit below sent up with its approved list.

    Those already on it are left out and named: the same person of the register, or the same
    name with the same birth year (or a birth year missing on either side). All or none: when
    the seats left are fewer than the delegates to add, nothing is added.
    """
    _require(may_edit_event(event=event, actor=actor))
    child = CongressEvent.objects.select_related("unit").get(pk=child.pk)
    if child.parent_id != event.pk or child.upward_approved_at is None:
        raise ValidationError(_("This unit has sent no approved list to this congress."))
    event = _locked(event)
    _check_list_open(event)
    present = list(event.delegates.values_list("person_id", "name_folded", "birth_year"))
    people = {person_id for person_id, _name, _year in present if person_id}

    def on_list(sent) -> bool:
        if sent.person_id in people:
            return True
        return any(
            name == sent.name_folded
            and (year is None or sent.birth_year is None or year == sent.birth_year)
            for _person, name, year in present
        )

    sent = child.delegates.filter(sent_upward=True).select_related("person", "entry")
    to_add, already = [], []
    for sent_delegate in sent.order_by("created_at", "pk"):
        (already if on_list(sent_delegate) else to_add).append(sent_delegate)
    cap = event.level.max_delegates
    if cap is not None and len(to_add) > cap - len(present):
        raise ValidationError(
            _(
                "%(unit)s sends %(count)s delegates not yet on the list, and this event has "
                "%(free)s seats left (at most %(cap)s): nobody was added."
            )
            % {
                "unit": child.unit.name,
                "count": len(to_add),
                "free": max(cap - len(present), 0),
                "cap": cap,
            }
        )
    for sent_delegate in to_add:
        delegate_add(
            event=event,
            actor=actor,
            category=sent_delegate.category,
            full_name=sent_delegate.full_name,
            gender=sent_delegate.gender,
            ethnicity=sent_delegate.ethnicity,
            birth_year=sent_delegate.birth_year,
            position_title=sent_delegate.position_title,
            unit_name=sent_delegate.unit_name,
            person=sent_delegate.person,
            entry=sent_delegate.entry,
        )
    return TakenFromBelow(added=len(to_add), already_on_list=[d.full_name for d in already])


@transaction.atomic
def delegate_remove(*, delegate: Delegate, actor) -> None:
    event = delegate.event
    _require(may_edit_event(event=event, actor=actor))
    event = _locked(event)
    _check_list_open(event)
    if delegate.sent_upward and event.upward_approved_at is not None:
        raise ValidationError(_("This delegate is on the approved list for the congress above."))
    delegate.delete()


@transaction.atomic
def delegate_send_upward(*, delegate: Delegate, actor, sent: bool) -> Delegate:
    """Put a delegate on (or off) the list sent to the congress above, within its seats."""
    event = delegate.event
    _require(may_edit_event(event=event, actor=actor))
    event = _locked(event)
    if event.parent_id is None:
        raise ValidationError(_("There is no congress above this one."))
    if event.upward_approved_at is not None:
        raise ValidationError(_("The list for the congress above is already approved."))
    if sent and not delegate.sent_upward and event.upward_quota is not None:
        taken = event.delegates.filter(sent_upward=True).count()
        if taken >= event.upward_quota:
            raise ValidationError(
                _("The congress above gave this unit %(seats)s seats; all are taken.")
                % {"seats": event.upward_quota}
            )
    delegate.sent_upward = sent
    delegate.save(update_fields=["sent_upward"])
    return delegate


@transaction.atomic
def event_list_confirm(*, event: CongressEvent, actor) -> CongressEvent:
    """Confirm the delegate list: refused, with the reasons, while the mix breaks the rules."""
    _require(may_edit_event(event=event, actor=actor))
    event = _locked(event)
    mix = delegate_mix(event=event)
    if mix.total == 0:
        raise ValidationError(_("The delegate list is empty."))
    if mix.problems:
        raise ValidationError(mix.problems)
    event.list_confirmed_at = timezone.now()
    event.list_confirmed_by = actor
    event.save(update_fields=["list_confirmed_at", "list_confirmed_by"])
    return event


@transaction.atomic
def event_list_reopen(*, event: CongressEvent, actor) -> CongressEvent:
    _require(may_edit_event(event=event, actor=actor))
    event = _locked(event)
    if event.upward_approved_at is not None:
        raise ValidationError(_("The list for the congress above is already approved."))
    event.list_confirmed_at = None
    event.list_confirmed_by = None
    event.save(update_fields=["list_confirmed_at", "list_confirmed_by"])
    return event


@transaction.atomic
def event_upward_approve(*, event: CongressEvent, actor) -> CongressEvent:
    """The congress approves its list of delegates to the congress above (agenda item
    "Thông qua danh sách đại biểu đi dự Đại hội cấp trên"): recorded with who and when."""
    _require(may_approve_event(event=event, actor=actor))
    event = _locked(event)
    if event.parent_id is None:
        raise ValidationError(_("There is no congress above this one."))
    if event.upward_approved_at is not None:
        raise ValidationError(_("The list for the congress above is already approved."))
    if event.held_on is None:
        raise ValidationError(_("Record the event as held before approving its list."))
    if not event.delegates.filter(sent_upward=True).exists():
        raise ValidationError(_("No delegate is chosen for the congress above."))
    event.upward_approved_at = timezone.now()
    event.upward_approved_by = actor
    event.save(update_fields=["upward_approved_at", "upward_approved_by"])
    return event
