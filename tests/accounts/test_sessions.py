import datetime

from django.contrib.sessions.backends import db as django_db_sessions
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.sessions import SessionStore


def test_a_session_django_wrote_loads_the_same(db):
    """Sessions written before SESSION_ENGINE named accounts.sessions stay signed in."""
    theirs = django_db_sessions.SessionStore()
    theirs["_auth_user_id"] = "7"
    theirs.create()
    ours = SessionStore(theirs.session_key)
    with CaptureQueriesContext(connection) as ctx:
        assert ours["_auth_user_id"] == "7"
    assert len(ctx.captured_queries) == 1
    assert ours.session_key == theirs.session_key


def test_an_expired_or_unknown_session_is_empty(db):
    store = SessionStore()
    store["x"] = 1
    store.create()
    key = store.session_key
    assert SessionStore(key)["x"] == 1
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - datetime.timedelta(1))
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None
    unknown = SessionStore("a" * 32)
    assert unknown.load() == {}
    assert unknown.session_key is None
