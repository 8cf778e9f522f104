"""Models of the nominations app, one module per aggregate."""

from .calendar import Holiday, Notice, Reminder, StageTimeLimit
from .council import (
    CouncilAgendaItem,
    CouncilMember,
    CouncilOutcome,
    CouncilRecusal,
    CouncilSession,
    CouncilVote,
)
from .dossiers import (
    Attachment,
    Dossier,
    DossierEvent,
    Entry,
    EntryReview,
    _attachment_path,  # noqa: F401 - referenced by migration 0001
    recount_entries,
)
from .pdfs import DossierPdf, MinutesPdf
from .posting import Posting, PostingComment, PostingItem

__all__ = [
    "Attachment",
    "CouncilAgendaItem",
    "CouncilMember",
    "CouncilOutcome",
    "CouncilRecusal",
    "CouncilSession",
    "CouncilVote",
    "Dossier",
    "DossierEvent",
    "DossierPdf",
    "Entry",
    "EntryReview",
    "Holiday",
    "MinutesPdf",
    "Notice",
    "Posting",
    "PostingComment",
    "PostingItem",
    "Reminder",
    "StageTimeLimit",
    "recount_entries",
]
