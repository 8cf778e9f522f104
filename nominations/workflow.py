"""The dossier workflow: ONE table of allowed moves, and the check every service runs.

How a dossier climbs the unit tree (the design chosen here):

- A dossier (tờ trình) belongs to its proposing unit and is held by one level at a time,
  `Dossier.current_level`. On submit, the first level is the proposing unit itself when
  some entry is decided there (a commune's own Giấy khen), otherwise the next administrative
  unit above it in the tree in force on the dossier's date (nominations/routing.py).
- The holding level receives it, may return it once for completion, appraises every entry
  (agree, lower, raise, reject) and finishes the appraisal.
- Entries whose (possibly changed) form is decided at the holding level stay in the dossier,
  which goes on to public posting, the council and the leader's approval there.
- Entries decided higher are FORWARDED: `dossier_forward` creates a new dossier of the holding
  level (its own tờ trình, numbered in its register) addressed to the next level up, with
  copies of those entries. Each copy points to its origin (`Entry.forwarded_from`) and the
  origin is marked forwarded, so every level keeps its own record of what it reviewed, the
  reviews and events stay where they were written, and the history of a nominee is the chain
  of copies. The forwarded dossier starts as submitted at the next level and climbs the same
  way; the routing date stays the original dossier's date, so a pre-reform dossier keeps
  climbing the three-level tree (Cao Lâu → Cao Lộc → province) even after 1/7/2025.
- The dossier that forwarded stays in state "forwarded"; when entries are decided at its
  level it continues from there to posting, the council and approval.

Every move is (state, action) → (new state, roles allowed, relation of the actor's unit to
the dossier). Services in nominations/services.py call `check_move` after locking the row;
an illegal move raises `WorkflowError` with a message the views show as it is.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.choices import Role
from nominations.choices import Action, DossierStatus, Relation

S = DossierStatus


@dataclass(frozen=True)
class Move:
    target: str  # the state after the move (the same state for an entry-level action)
    roles: frozenset[str]
    relation: str


def _move(target, roles, relation) -> Move:
    return Move(target=target, roles=frozenset(str(r) for r in roles), relation=relation)


OFFICER = (Role.OFFICER,)
LEADER = (Role.LEADER,)

# (state, action) -> Move. Nothing else is allowed.
MOVES: dict[tuple[str, str], Move] = {
    (S.DRAFT, Action.SUBMIT): _move(S.SUBMITTED, OFFICER, Relation.PROPOSING),
    # The submitter may take the dossier back before the level above has received it.
    (S.SUBMITTED, Action.WITHDRAW): _move(S.DRAFT, OFFICER, Relation.PROPOSING),
    (S.SUBMITTED, Action.RECEIVE): _move(S.RECEIVED, OFFICER, Relation.CURRENT),
    # At most once per level (checked by the service).
    (S.RECEIVED, Action.RETURN): _move(S.RETURNED, OFFICER, Relation.CURRENT),
    (S.RETURNED, Action.RESUBMIT): _move(S.RESUBMITTED, OFFICER, Relation.PROPOSING),
    (S.RECEIVED, Action.APPRAISE_ENTRY): _move(S.RECEIVED, OFFICER, Relation.CURRENT),
    (S.RESUBMITTED, Action.APPRAISE_ENTRY): _move(S.RESUBMITTED, OFFICER, Relation.CURRENT),
    # Goes to "closed" instead when every entry was rejected.
    (S.RECEIVED, Action.APPRAISE_DONE): _move(S.APPRAISED, OFFICER, Relation.CURRENT),
    (S.RESUBMITTED, Action.APPRAISE_DONE): _move(S.APPRAISED, OFFICER, Relation.CURRENT),
    (S.APPRAISED, Action.FORWARD): _move(S.FORWARDED, OFFICER, Relation.CURRENT),
    (S.APPRAISED, Action.POST): _move(S.POSTED, OFFICER, Relation.DECIDING),
    (S.FORWARDED, Action.POST): _move(S.POSTED, OFFICER, Relation.DECIDING),
    (S.APPRAISED, Action.TO_COUNCIL): _move(S.COUNCIL, OFFICER, Relation.DECIDING),
    (S.FORWARDED, Action.TO_COUNCIL): _move(S.COUNCIL, OFFICER, Relation.DECIDING),
    (S.POSTED, Action.TO_COUNCIL): _move(S.COUNCIL, OFFICER, Relation.DECIDING),
    (S.COUNCIL, Action.APPROVE): _move(S.APPROVED, LEADER, Relation.DECIDING),
    # Not a button: signing an award decision (decisions app) calls `entries_decide`, which
    # moves the dossier once every approved entry of it is in an issued decision.
    (S.APPROVED, Action.DECIDE): _move(S.DECIDED, LEADER, Relation.CURRENT),
}

# Moves made by another app's service rather than by a button on the dossier page.
SYSTEM_ACTIONS = (Action.APPRAISE_ENTRY, Action.DECIDE)

# Entry edits (add, change, remove) are open to the proposing unit's officers in these states.
EDITABLE_STATES = (S.DRAFT, S.RETURNED)


def sources(action: str) -> list[str]:
    """The states from which `action` is allowed (used by the model's FSM transitions)."""
    return [state for (state, act) in MOVES if act == action]


class WorkflowError(Exception):
    """An illegal move or an unmet precondition; `str()` is the Vietnamese message to show."""

    def __init__(self, message: str, reasons: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.reasons = list(reasons or [])

    def __str__(self):
        return self.message


def actor_unit(actor):
    return getattr(actor, "scope_root", None)


def relation_holds(dossier, actor, relation: str) -> bool:
    """Whether the actor's unit stands to `dossier` as `relation` requires."""
    unit = actor_unit(actor)
    if unit is None:
        return False
    if relation == Relation.PROPOSING:
        return unit.pk == dossier.proposing_unit_id
    if relation == Relation.CURRENT:
        return unit.pk == dossier.current_level_id
    if relation == Relation.DECIDING:
        from nominations.routing import entries_decided_here

        return unit.pk == dossier.current_level_id and bool(entries_decided_here(dossier))
    return False


def check_move(dossier, action: str, actor) -> Move:
    """The move `actor` makes by `action` on `dossier` in its present state, or WorkflowError."""
    move = MOVES.get((dossier.status, action))
    if move is None:
        raise WorkflowError(
            _('"%(action)s" is not possible while the dossier is "%(status)s".')
            % {"action": Action(action).label, "status": dossier.get_status_display()}
        )
    if not actor.is_active or not any(actor.has_role(role) for role in move.roles):
        raise WorkflowError(
            _('Your role does not allow "%(action)s".') % {"action": Action(action).label}
        )
    if not relation_holds(dossier, actor, move.relation):
        raise WorkflowError(
            _('Only the %(relation)s may "%(action)s" on this dossier.')
            % {"relation": Relation(move.relation).label, "action": Action(action).label}
        )
    return move


def allowed_actions(dossier, actor) -> list[str]:
    """Dossier-level actions `actor` may take now (for the buttons; services check again)."""
    result = []
    for (state, action), _move_row in MOVES.items():
        if state != dossier.status or action in SYSTEM_ACTIONS:
            continue
        try:
            check_move(dossier, action, actor)
        except WorkflowError:
            continue
        result.append(action)
    return result
