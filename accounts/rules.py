"""Permission predicates (django-rules). Objects outside a user's units answer 404 elsewhere;
these answer "may this user do this to an object already in scope"."""

import rules

from accounts.choices import Role
from accounts.selectors import unit_ids_visible_to


def _role(role: Role):
    @rules.predicate(name=f"has_role_{role.value}")
    def predicate(user):
        return user.is_authenticated and user.is_active and user.has_role(role)

    return predicate


is_officer = _role(Role.OFFICER)
is_leader = _role(Role.LEADER)
is_council_member = _role(Role.COUNCIL_MEMBER)
is_portal_admin = _role(Role.ADMIN) | rules.is_superuser


@rules.predicate
def unit_in_scope(user, unit) -> bool:
    """`unit` (a Unit or an object with a `unit`) lies within the user's units."""
    if unit is None or not user.is_authenticated:
        return False
    unit_id = getattr(unit, "unit_id", None) or getattr(unit, "pk", None)
    ids = unit_ids_visible_to(user)
    return ids is None or unit_id in ids


is_staff_member = is_officer | is_leader | is_council_member | is_portal_admin

rules.add_perm("accounts.view_unit_records", is_staff_member & unit_in_scope)
rules.add_perm("accounts.manage_unit_records", (is_officer | is_portal_admin) & unit_in_scope)
