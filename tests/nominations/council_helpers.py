"""Helpers that take a dossier through the council and the posting in tests of the workflow."""

import datetime

from django.utils import timezone

from nominations import council
from nominations.choices import EntryStatus, SessionStatus, VoteChoice
from nominations.models import (
    CouncilAgendaItem,
    CouncilOutcome,
    CouncilSession,
    Posting,
)
from nominations.routing import entries_decided_here


def hold_council(dossier, officer, *, choice=VoteChoice.FOR):
    """Run the dossier's session through the real services: all present, everyone votes
    `choice` on every entry, the session closes."""
    session = council.session_of(dossier)
    if not session.members.exists():
        council.council_member_add(session=session, actor=officer, full_name="Hoàng Văn Thành")
    council.council_attendance_set(
        session=session, actor=officer, present_ids=session.members.values_list("pk", flat=True)
    )
    for tally in council.session_tallies(session):
        ballots = {m.pk: choice for m, _c, reason in tally.ballots if m.present and not reason}
        council.council_votes_record(
            session=session, actor=officer, entry=tally.entry, ballots=ballots
        )
    return council.council_session_close(session=session, actor=officer)


def closed_session_for(dossier, level):
    """A closed session of `level` where every agreed entry decided there passed (the walk
    test forces states without running the services)."""
    session = CouncilSession.objects.create(
        unit=level, status=SessionStatus.CLOSED, number=1, closed_at=timezone.now()
    )
    CouncilAgendaItem.objects.create(session=session, dossier=dossier)
    for entry in entries_decided_here(dossier):
        if entry.status == EntryStatus.AGREED:
            CouncilOutcome.objects.create(
                session=session,
                entry=entry,
                members_total=1,
                members_present=1,
                voters=1,
                in_favour=1,
                passed=True,
            )
    return session


def end_posting(dossier):
    """Move the dossier's posting window into the past (as if its working days had passed)."""
    today = timezone.localdate()
    Posting.objects.filter(dossier=dossier).update(
        opened_on=today - datetime.timedelta(days=30), closes_on=today - datetime.timedelta(days=1)
    )
