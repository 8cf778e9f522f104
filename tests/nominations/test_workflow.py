"""Walks every (state, action, role) of the workflow table through the real services."""

import pytest
from django.db import transaction

from accounts.choices import Role
from awards.models import AwardForm
from nominations import services
from nominations.choices import Action, DossierStatus, EntryStatus, ReviewDecision
from nominations.models import Dossier, DossierEvent, EntryReview
from nominations.workflow import MOVES, WorkflowError
from tests.nominations.council_helpers import closed_session_for

# DECIDE is made by signing an award decision (tests/decisions), not by a dossier button.
ACTIONS = [a for a in Action.values if a not in (Action.CREATE, Action.DECIDE)]


class _Rollback(Exception):
    pass


def _put_in_state(dossier, state, level):
    """Force `dossier` into `state` as if it had got there at `level` (Cao Lộc)."""
    held = state != DossierStatus.DRAFT
    Dossier.objects.filter(pk=dossier.pk).update(
        status=state, current_level=level if held else None, number=7 if held else None
    )
    reviewed = state not in (DossierStatus.DRAFT, DossierStatus.SUBMITTED, DossierStatus.RETURNED)
    for entry in dossier.entries.all():
        if reviewed:
            EntryReview.objects.create(
                entry=entry,
                unit=level,
                reviewer=dossier.created_by,
                decision=ReviewDecision.AGREE,
                form_before=entry.proposed_form,
                form_after=entry.proposed_form,
            )
            entry.status = EntryStatus.AGREED
            entry.save(update_fields=["status"])
    dossier = Dossier.objects.get(pk=dossier.pk)
    if state == DossierStatus.COUNCIL:  # approval needs the council's closed session
        closed_session_for(dossier, level)
    return dossier


def _call(action, dossier, actor):
    if action == Action.RETURN:
        return services.dossier_return_for_completion(
            dossier=dossier, actor=actor, comments={None: "Bổ sung biên bản"}
        )
    if action == Action.APPRAISE_ENTRY:
        entry = dossier.entries.order_by("pk").first()
        return services.entry_appraise(entry=entry, actor=actor, decision=ReviewDecision.AGREE)
    return services.ACTION_SERVICES[action](dossier=dossier, actor=actor)


@pytest.fixture
def actors(tree, people, make_user):
    """For each role, one user at the proposing unit (Cao Lâu) and one at the level (Cao Lộc)."""
    result = {}
    for unit_key, unit in (("proposing", tree.cao_lau), ("level", tree.cao_loc)):
        for role in Role:
            result[(unit_key, role.value)] = make_user(unit, role)
    return result


@pytest.mark.parametrize("state", DossierStatus.values)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_state_action_role(state, action, tree, actors, make_dossier, people):
    # One entry decided at the district (stays), one at the province (forwarded).
    dossier = make_dossier(
        tree.cao_lau,
        "giay-khen-chu-tich-huyen",
        "bang-khen-chu-tich-tinh",
        created_by=people.cao_lau_officer,
    )
    # Posting needs a form with posting days (0 in the catalogue means "not posted").
    AwardForm.objects.update(posting_days=5)
    dossier = _put_in_state(dossier, state, tree.cao_loc)
    move = MOVES.get((state, action))
    for role in Role:
        for unit_key in ("proposing", "level"):
            actor = actors[(unit_key, role.value)]
            right_unit = move is not None and (
                (move.relation == "proposing") == (unit_key == "proposing")
            )
            expected = move is not None and role.value in move.roles and right_unit
            events_before = DossierEvent.objects.count()
            try:
                with transaction.atomic():
                    fresh = Dossier.objects.get(pk=dossier.pk)
                    try:
                        _call(action, fresh, actor)
                    except WorkflowError:
                        outcome = "refused"
                    else:
                        outcome = "allowed"
                        fresh = Dossier.objects.get(pk=dossier.pk)
                        assert fresh.status == move.target, (state, action, role)
                        assert DossierEvent.objects.count() > events_before
                    raise _Rollback
            except _Rollback:
                pass
            assert outcome == ("allowed" if expected else "refused"), (
                state,
                action,
                role.value,
                unit_key,
            )
            assert Dossier.objects.get(pk=dossier.pk).status == state
            assert DossierEvent.objects.count() == events_before


def test_table_reads_as_the_issue_says():
    assert MOVES[(DossierStatus.DRAFT, Action.SUBMIT)].roles == {Role.OFFICER}
    assert MOVES[(DossierStatus.COUNCIL, Action.APPROVE)].roles == {Role.LEADER}
    assert (DossierStatus.RECEIVED, Action.WITHDRAW) not in MOVES  # only before receipt
    assert (DossierStatus.RETURNED, Action.RETURN) not in MOVES
    assert (DossierStatus.APPROVED, Action.SUBMIT) not in MOVES


def test_refusal_says_why_in_vietnamese(tree, people, make_dossier):
    dossier = make_dossier(tree.cao_lau, "bang-khen-chu-tich-tinh")
    with pytest.raises(WorkflowError) as error:
        services.dossier_approve(dossier=dossier, actor=people.cao_lau_leader)
    assert "không thể thực hiện" in str(error.value).lower()
    assert AwardForm.objects.exists()
