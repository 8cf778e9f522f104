"""Django's database sessions, read through a kept statement (documents.statements).

Every signed-in request reads its session: Django builds and compiles the same query each time
(`session_key = … AND expire_date > now`). Here the row is read by its key alone, with SQL
compiled once per process, and the expiry is compared in Python: the same sessions load.
Writing, creating and deleting sessions are Django's own.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from documents.statements import statement


@statement
def _session(session_key: str):
    return Session.objects.filter(session_key=session_key)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        key = self.session_key
        session = _session.one(session_key=key) if key else None
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session
