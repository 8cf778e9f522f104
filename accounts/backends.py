"""Django's ModelBackend, reading the signed-in user of each request with their unit and the
unit an office serves in the same query: every page asks for the user's scope."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from documents.statements import statement


@statement
def _user_with_scope(user_id: int):
    return _with_scope(user_id)


def _with_scope(user_id):
    return (
        get_user_model()
        ._default_manager.select_related("unit__standing_office_for")
        .filter(pk=user_id)
    )


class UnitModelBackend(ModelBackend):
    def get_user(self, user_id):
        # Every page makes this query: its SQL is compiled once per process.
        if isinstance(user_id, int):
            user = _user_with_scope.one(user_id=user_id)
        else:
            user = next(iter(_with_scope(user_id)[:1]), None)
        return user if user is not None and self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        user = await _with_scope(user_id).afirst()
        return user if user is not None and self.user_can_authenticate(user) else None
