"""What the home and dossier pages add: due dates, overdue count, notices, council, posting."""

from django.db.models import Count
from django.utils import timezone

from accounts.cache import remember, scope_key
from nominations.deadlines import Limits, WorkCalendar, dossier_deadline, overdue_q
from nominations.models import Dossier, Notice
from nominations.selectors import dossiers_visible_to, waiting_q


def home_deadlines(*, user, queue) -> dict:
    """Due date on each queued dossier, the whole queue's size and overdue part, overdue
    dossiers in the user's units, unread notices.

    A fixed number of queries (calendar, limits, the waiting dossiers and how many are overdue,
    overdue in the user's units — kept like the statistics in accounts.cache —, and notices)
    whatever the queue holds.
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
    # All that wait for the user, and how many of them are overdue (not only those listed).
    waiting = waiting_q(user)
    counts = (
        {"total": 0, "overdue": 0}
        if waiting is None
        else Dossier.objects.filter(waiting).aggregate(
            total=Count("pk"),
            overdue=Count("pk", filter=overdue_q(calendar=calendar, limits=limits)),
        )
    )
    return {
        "queue_total": counts["total"],
        "queue_overdue": counts["overdue"],
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
