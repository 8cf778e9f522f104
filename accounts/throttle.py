"""Login throttling: lock a username (and a client address) after repeated failed sign-ins.

The counts are rows of `LoginFailure` in the database, not the local-memory cache, so that
every gunicorn worker sees the same numbers. A lock starts with the failure that reaches the
limit within the window and lasts one window; attempts during a lock are refused before the
password is checked and are not counted, so a lock never extends itself. A successful sign-in
clears the username's failures.

Settings: LOGIN_FAILURE_LIMIT (default 5, per username), LOGIN_FAILURE_WINDOW_MINUTES
(default 15), LOGIN_FAILURE_IP_LIMIT (default 20, per client address; 0 turns either off).
"""

import datetime
import ipaddress
import math
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from accounts.models import LoginFailure

USERNAME = "username"
IP_ADDRESS = "ip_address"


@dataclass(frozen=True)
class LoginLock:
    """Why and until when sign-in is refused."""

    scope: str  # USERNAME or IP_ADDRESS
    until: datetime.datetime

    def minutes_left(self, now: datetime.datetime | None = None) -> int:
        seconds = (self.until - (now or timezone.now())).total_seconds()
        return max(1, math.ceil(seconds / 60))


def failure_limit() -> int:
    return getattr(settings, "LOGIN_FAILURE_LIMIT", 5)


def ip_failure_limit() -> int:
    return getattr(settings, "LOGIN_FAILURE_IP_LIMIT", 20)


def failure_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=getattr(settings, "LOGIN_FAILURE_WINDOW_MINUTES", 15))


def fold_username(username: str) -> str:
    return (username or "").strip().casefold()[:150]


def client_ip(request) -> str | None:
    """The peer address of the request.

    REMOTE_ADDR only: X-Forwarded-For is set by the client and would let an attacker pick a
    fresh address for every guess. Behind a reverse proxy, the proxy must pass the real
    address as REMOTE_ADDR (or the per-address limit be turned off with 0).
    """
    if request is None:
        return None
    value = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _lock_on(field: str, value: str, limit: int, now: datetime.datetime) -> LoginLock | None:
    if not value or limit <= 0:
        return None
    window = failure_window()
    # The newest `limit` failures (index on field + at). Failures are not recorded while
    # locked, so when they fit in one window the lock began at the newest of them.
    times = list(
        LoginFailure.objects.filter(**{field: value}, at__gt=now - 2 * window)
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(times) < limit:
        return None
    newest, oldest = times[0], times[-1]
    if newest - oldest <= window and now < newest + window:
        return LoginLock(scope=field, until=newest + window)
    return None


def login_lock_for(
    *, username: str, ip_address: str | None, now: datetime.datetime | None = None
) -> LoginLock | None:
    """The lock that refuses this sign-in attempt, or None. Reads only."""
    now = now or timezone.now()
    return _lock_on(USERNAME, fold_username(username), failure_limit(), now) or _lock_on(
        IP_ADDRESS, ip_address or "", ip_failure_limit(), now
    )


def login_failure_record(
    *, username: str, ip_address: str | None, now: datetime.datetime | None = None
) -> LoginFailure:
    """Store one failed sign-in and prune rows too old to matter for any lock."""
    now = now or timezone.now()
    LoginFailure.objects.filter(at__lt=now - 2 * failure_window()).delete()
    return LoginFailure.objects.create(
        username=fold_username(username), ip_address=ip_address, at=now
    )


def login_failures_clear(*, username: str) -> None:
    """Forget a username's failures after it signed in successfully."""
    LoginFailure.objects.filter(username=fold_username(username)).delete()
