"""accounts.backends.UnitModelBackend: the user of a request comes with their unit and the
unit an office serves, in one query."""

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
    assert len(ctx) == 1


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
