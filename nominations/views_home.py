"""What the home and dossier pages add: due dates, overdue count, notices, council, posting."""

from django.utils import timezone

from accounts.cache import remember
from documents.statements import statement
from nominations.deadlines import Limits, WorkCalendar, dossier_deadline, overdue_q
from nominations.models import Dossier, Notice
from nominations.selectors import dossiers_visible_to, waiting_count, waiting_q


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
