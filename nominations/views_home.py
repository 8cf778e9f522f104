"""What the home and dossier pages add: due dates, overdue count, notices, council, posting."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.cache import remember
from accounts.choices import Role
from documents.statements import statement
from nominations.choices import SessionStatus
from nominations.council import sessions_visible_to
from nominations.deadlines import Limits, WorkCalendar, dossier_deadline, overdue_q
from nominations.models import Dossier, Notice
from nominations.selectors import dossiers_visible_to, waiting_count, waiting_q

# Panels other apps add to the home page under the work queue, each called as provider(user)
# and returning a panel or None. A panel: {"title", "rows": [(text, url, note)]}, and
# optionally "all_url" and "all_label". The decisions app adds the drafts waiting for a
# leader's signature.
HOME_PANELS: list = []

# How many rows a panel lists.
PANEL_ROWS = 10


def council_panel(user) -> dict | None:
    """The open council sessions where the user has a seat: where to record their votes."""
    if not user.has_role(Role.COUNCIL_MEMBER):
        return None
    # In the user's units, as the session page is: a seat left from a unit they no longer
    # work for does not show.
    sessions = list(
        sessions_visible_to(user)
        .filter(status=SessionStatus.OPEN, members__user=user)
        .select_related("unit")
        .annotate(dossiers=Count("agenda", distinct=True))
        .order_by("date", "pk")[:PANEL_ROWS]
    )
    if not sessions:
        return None
    rows = [
        (
            str(session),
            session.get_absolute_url(),
            ngettext("%(n)s dossier", "%(n)s dossiers", session.dossiers) % {"n": session.dossiers},
        )
        for session in sessions
    ]
    return {"title": _("Open council sessions where you sit"), "rows": rows}


def home_panels(user) -> list[dict]:
    """The panels of the home page that have something for this user."""
    return [panel for provider in (council_panel, *HOME_PANELS) if (panel := provider(user))]


@statement
def _unread_notices(user_id: int):
    """The ten latest unread notices of a user (the home page, SQL compiled once)."""
    return (
        Notice.objects.filter(user_id=user_id, read_at__isnull=True)
        .select_related("dossier")
        .order_by("-created_at", "-pk")[:10]
    )


def home_deadlines(*, user, queue) -> dict:
    """Due date on each queued dossier, the whole queue's size and overdue part, overdue
    dossiers in the user's units, unread notices.

    A fixed number of queries (calendar, limits, the size of the queue, the overdue counts —
    kept like the statistics in accounts.cache — and notices) whatever the queue holds.
    """
    if not user.is_authenticated:
        return {}
    calendar, limits = WorkCalendar.load(), Limits.load()
    for dossier in queue:
        dossier.deadline = dossier_deadline(dossier, calendar=calendar, limits=limits)
    waiting = waiting_q(user)

    def overdue_figures() -> dict:
        overdue = overdue_q(calendar=calendar, limits=limits)
        return {
            # Overdue among all that wait for the user, not only the dossiers listed ...
            "queue_overdue": 0
            if waiting is None
            else Dossier.objects.filter(waiting).filter(overdue).count(),
            # ... and among every dossier of the user's units.
            "overdue_count": dossiers_visible_to(user).filter(overdue).count(),
        }

    # Counts over many dossiers under every time limit: kept like the statistics. The size of
    # the queue is counted each time, so that it always matches the list.
    figures, _at = remember(("overdue", user.pk, timezone.localdate()), overdue_figures)
    return {
        **figures,
        "queue_total": waiting_count(user),
        "notices": _unread_notices.list(user_id=user.pk),
    }


def dossier_panels(*, dossier, user) -> dict:
    """For the dossier page: its due date, its council session, its postings and comments."""
    from nominations.council import session_of
    from nominations.posting import postings_for_dossier

    return {
        "deadline": dossier_deadline(dossier),
        "council_session": session_of(dossier),
        "postings": postings_for_dossier(dossier, user),
    }
