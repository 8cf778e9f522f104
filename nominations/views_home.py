"""What the home and dossier pages add: due dates, overdue count, notices, council, posting."""

from django.utils import timezone

from accounts.cache import remember, scope_key
from nominations.deadlines import Limits, WorkCalendar, dossier_deadline, overdue_q
from nominations.models import Dossier, Notice
from nominations.selectors import dossiers_visible_to, waiting_q


def home_deadlines(*, user, queue) -> dict:
    """Due date on each queued dossier, overdue dossiers in the user's units, unread notices.

    A fixed number of queries (calendar, limits, overdue among the waiting dossiers, overdue in
    the user's units — kept like the statistics in accounts.cache —, and notices) whatever the
    queue holds.
    """
    if not user.is_authenticated:
        return {}
    calendar, limits = WorkCalendar.load(), Limits.load()
    for dossier in queue:
        dossier.deadline = dossier_deadline(dossier, calendar=calendar, limits=limits)
    # A figure over every dossier of the user's units: kept like the statistics.
    overdue_count, _at = remember(
        ("overdue", scope_key(user), timezone.localdate()),
        lambda: (
            dossiers_visible_to(user).filter(overdue_q(calendar=calendar, limits=limits)).count()
        ),
    )
    # Overdue among all that wait for the user, not only the dossiers listed.
    waiting = waiting_q(user)
    queue_overdue = (
        0
        if waiting is None
        else Dossier.objects.filter(waiting)
        .filter(overdue_q(calendar=calendar, limits=limits))
        .count()
    )
    return {
        "queue_overdue": queue_overdue,
        "overdue_count": overdue_count,
        "notices": list(
            Notice.objects.filter(user=user, read_at__isnull=True)
            .select_related("dossier")
            .order_by("-created_at", "-pk")[:10]
        ),
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
