"""Routing: which unit decides an entry, and which level holds a dossier next.

The deciding unit of an entry is the ancestor of the proposing unit at the form's authority
level, in the unit tree in force on the dossier's date (DESIGN.md "The flow of data", 4).
A dossier climbs one administrative level at a time: before 1/7/2025 commune → district →
province, after it commune → province.
"""

import datetime

from django.utils import timezone

from awards.choices import AuthorityLevel
from nominations.choices import ACTIVE_ENTRY_STATUSES, EntryStatus

# Lower rank: decided lower in the tree (used to tell "lower the form" from "raise it").
AUTHORITY_RANK = {
    AuthorityLevel.COMMUNE: 0,
    AuthorityLevel.DEPARTMENT_HEAD: 1,
    AuthorityLevel.DISTRICT: 1,
    AuthorityLevel.PROVINCE: 2,
}


def routing_date(dossier) -> datetime.date:
    return dossier.date or timezone.localdate()


def deciding_unit(*, proposing_unit, form, on: datetime.date):
    """The unit whose head decides `form` for a nominee proposed by `proposing_unit`, or None."""
    if form.authority_level == AuthorityLevel.DEPARTMENT_HEAD:
        # The head of the department or organisation the proposing unit is (or belongs to).
        chain = [proposing_unit, *proposing_unit.ancestors_on(on)]
        return next((u for u in chain if not u.is_administrative), None)
    return proposing_unit.ancestor_at_level(form.authority_level, on)


def next_level(unit, on: datetime.date):
    """The administrative unit directly above `unit` in the tree in force on `on`, or None."""
    return next((u for u in unit.ancestors_on(on) if u.is_administrative), None)


def entry_deciding_unit(entry, dossier=None):
    dossier = dossier or entry.dossier
    return deciding_unit(
        proposing_unit=dossier.proposing_unit, form=entry.proposed_form, on=routing_date(dossier)
    )


def first_level(dossier, entries):
    """The level that receives a dossier on submit: the proposing unit when it decides some
    entry itself, else the next administrative level up."""
    on = routing_date(dossier)
    if any(entry_deciding_unit(e, dossier) == dossier.proposing_unit for e in entries):
        return dossier.proposing_unit
    return next_level(dossier.proposing_unit, on)


def route(*, proposing_unit, form, on: datetime.date) -> list:
    """The levels an entry passes, first receiving level to deciding unit (inclusive)."""
    target = deciding_unit(proposing_unit=proposing_unit, form=form, on=on)
    if target is None:
        return []
    if target == proposing_unit:
        return [proposing_unit]
    levels, node = [], proposing_unit
    while node is not None and node != target:
        node = next_level(node, on)
        if node is not None:
            levels.append(node)
    return levels if node == target else []


class DecidingUnits:
    """Deciding units found once per proposing unit, form and date: every entry of a dossier
    that asks for one form is decided by the same unit (an imported list is thousands of
    entries and a handful of forms)."""

    def __init__(self):
        self._found = {}

    def decides_here(self, dossier, form) -> bool:
        """Whether the level holding `dossier` decides `form` for it."""
        on = routing_date(dossier)
        key = (dossier.proposing_unit_id, form.pk, on)
        if key not in self._found:
            self._found[key] = deciding_unit(
                proposing_unit=dossier.proposing_unit, form=form, on=on
            )
        unit = self._found[key]
        return unit is not None and unit.pk == dossier.current_level_id


def entries_decided_here(dossier) -> list:
    """Active entries of `dossier` decided by the level holding it."""
    if dossier.current_level_id is None:
        return []
    entries = dossier.entries.filter(status__in=ACTIVE_ENTRY_STATUSES).select_related(
        "proposed_form"
    )
    units = DecidingUnits()
    return [e for e in entries if units.decides_here(dossier, e.proposed_form)]


def entries_to_forward(dossier) -> list:
    """Agreed entries of `dossier` decided above the level holding it."""
    entries = dossier.entries.filter(status=EntryStatus.AGREED).select_related(
        "proposed_form", "person", "unit"
    )
    units = DecidingUnits()
    return [e for e in entries if not units.decides_here(dossier, e.proposed_form)]


def addressee(unit) -> str:
    """Who a tờ trình is addressed to: the chairman of the receiving level's committee."""
    if unit is None:
        return ""
    if unit.is_administrative:
        return f"Chủ tịch {unit.committee_name}"
    return f"Thủ trưởng {unit.name}"


def is_at_or_above(unit, level_unit, on: datetime.date) -> bool:
    """Whether `unit` is `level_unit` or one of its ancestors on `on`."""
    return unit == level_unit or unit in level_unit.ancestors_on(on)
