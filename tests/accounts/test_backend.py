"""accounts.backends.UnitModelBackend: the user of a request comes with their unit, the unit an
office serves and their roles, in one query."""

import pytest
from django.contrib.auth import get_user
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import UnitModelBackend
from accounts.choices import Role


def test_the_user_of_a_request_is_read_with_their_scope_in_one_query(tree, make_user):
    officer = make_user(tree.ban_tdkt, Role.OFFICER)
    with CaptureQueriesContext(connection) as ctx:
        user = UnitModelBackend().get_user(officer.pk)
        assert user.scope_root == tree.province  # the Ban TĐKT works for the province
        assert user.unit == tree.ban_tdkt
        assert user.has_role(Role.OFFICER)
        assert not user.has_role(Role.LEADER)
    assert len(ctx) == 1


@pytest.mark.parametrize("user_id", ["int", "str"])
def test_the_roles_read_with_the_user_are_the_users_groups(tree, make_user, user_id):
    from django.contrib.auth.models import Group

    holder = make_user(tree.cao_lau, Role.OFFICER, Role.LEADER)
    holder.groups.add(Group.objects.create(name="Không phải vai trò"))
    nobody = make_user(tree.cao_lau)
    nobody.groups.clear()
    for person, roles in [(holder, {"officer", "leader"}), (nobody, set())]:
        pk = person.pk if user_id == "int" else str(person.pk)
        user = UnitModelBackend().get_user(pk)
        assert user.role_codes == roles
        # The same as the user's groups read on their own.
        assert type(person).objects.get(pk=person.pk).role_codes == roles


def test_an_inactive_or_missing_user_is_nobody(tree, make_user):
    officer = make_user(tree.cao_lau, Role.OFFICER)
    officer.is_active = False
    officer.save()
    assert UnitModelBackend().get_user(officer.pk) is None
    assert UnitModelBackend().get_user(999_999) is None


@pytest.mark.django_db
def test_a_signed_in_session_is_read_by_this_backend(client, tree, make_user):
    officer = make_user(tree.cao_lau, Role.OFFICER, password="Mật-khẩu-2026")
    assert client.login(username=officer.username, password="Mật-khẩu-2026")
    request = type("Request", (), {"session": client.session})()
    user = get_user(request)
    assert user.pk == officer.pk
    assert client.session["_auth_user_backend"] == "accounts.backends.UnitModelBackend"


def test_a_group_name_holding_the_separator_adds_no_role(tree, make_user):
    from django.contrib.auth.models import Group

    from accounts.models import GROUP_NAMES_SEPARATOR

    user = make_user(tree.cao_lau, Role.OFFICER)
    user.groups.add(Group.objects.create(name=f"Tổ công tác{GROUP_NAMES_SEPARATOR}admin"))
    assert UnitModelBackend().get_user(user.pk).role_codes == {"officer"}
