"""Django's ModelBackend, reading the signed-in user of each request with their unit, the
unit an office serves and the names of their groups (their roles) in the same query: every page
asks for the user's scope and roles."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import OuterRef, StringAgg, Subquery, Value

from accounts.choices import Role
from accounts.models import GROUP_NAMES_SEPARATOR, role_codes_from
from documents.statements import statement


@statement
def _user_with_scope(user_id: int):
    return _with_scope(user_id)


def _with_scope(user_id):
    user_model = get_user_model()
    # Only the groups that are roles: a group's name holding the separator cannot add one.
    group_names = (
        user_model.groups.through.objects.filter(
            user_id=OuterRef("pk"), group__name__in=Role.values
        )
        .order_by()
        .values("user_id")
        .annotate(names=StringAgg("group__name", delimiter=Value(GROUP_NAMES_SEPARATOR)))
        .values("names")
    )
    return (
        user_model._default_manager.select_related("unit__standing_office_for")
        .annotate(group_names=Subquery(group_names))
        .filter(pk=user_id)
    )


def _with_roles(user):
    """The user's `role_codes`, from the group names read with the user."""
    if user is not None:
        user.role_codes = role_codes_from(user.group_names)
    return user


class UnitModelBackend(ModelBackend):
    def get_user(self, user_id):
        # Every page makes this query: its SQL is compiled once per process.
        if isinstance(user_id, int):
            user = _user_with_scope.one(user_id=user_id)
        else:
            user = next(iter(_with_scope(user_id)[:1]), None)
        user = _with_roles(user)
        return user if user is not None and self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        user = _with_roles(await _with_scope(user_id).afirst())
        return user if user is not None and self.user_can_authenticate(user) else None
