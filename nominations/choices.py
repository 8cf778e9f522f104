from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierStatus(models.TextChoices):
    """Where a dossier stands; the allowed moves are the table in nominations/workflow.py."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    RETURNED = "returned", _("Returned for completion")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPRAISED = "appraised", _("Appraised")
    FORWARDED = "forwarded", _("Forwarded to the level above")
    POSTED = "posted", _("Publicly posted")
    COUNCIL = "council", _("Before the council")
    APPROVED = "approved", _("Approved")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed (every entry rejected)")


# Badge colour (Bootstrap) each status shows.
DOSSIER_STATUS_BADGE = {
    DossierStatus.DRAFT: "secondary",
    DossierStatus.SUBMITTED: "primary",
    DossierStatus.RECEIVED: "info",
    DossierStatus.RETURNED: "warning",
    DossierStatus.RESUBMITTED: "primary",
    DossierStatus.APPRAISED: "info",
    DossierStatus.FORWARDED: "dark",
    DossierStatus.POSTED: "info",
    DossierStatus.COUNCIL: "info",
    DossierStatus.APPROVED: "success",
    DossierStatus.DECIDED: "success",
    DossierStatus.CLOSED: "dark",
}


class Action(models.TextChoices):
    """What an actor does to a dossier; each is one service function."""

    CREATE = "create", _("Created")
    SUBMIT = "submit", _("Submit")
    WITHDRAW = "withdraw", _("Withdraw")
    RECEIVE = "receive", _("Receive")
    RETURN = "return", _("Return for completion")
    RESUBMIT = "resubmit", _("Resubmit")
    APPRAISE_ENTRY = "appraise_entry", _("Appraise an entry")
    APPRAISE_DONE = "appraise_done", _("Finish the appraisal")
    FORWARD = "forward", _("Forward to the level above")
    POST = "post", _("Post publicly")
    TO_COUNCIL = "to_council", _("Send to the council")
    APPROVE = "approve", _("Approve")
    DECIDE = "decide", _("Award decision issued")


class Relation(models.TextChoices):
    """How the actor's unit stands to a dossier."""

    PROPOSING = "proposing", _("proposing unit")
    CURRENT = "current", _("current reviewing level")
    DECIDING = "deciding", _("deciding level")


class EntryStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    REJECTED = "rejected", _("Rejected")
    FORWARDED = "forwarded", _("Forwarded")
    APPROVED = "approved", _("Approved")
    DECIDED = "decided", _("Decided")


ENTRY_STATUS_BADGE = {
    EntryStatus.PROPOSED: "secondary",
    EntryStatus.AGREED: "info",
    EntryStatus.REJECTED: "danger",
    EntryStatus.FORWARDED: "dark",
    EntryStatus.APPROVED: "success",
    EntryStatus.DECIDED: "success",
}

# Entries that still hold their nominee: one person, campaign and form at a time.
ACTIVE_ENTRY_STATUSES = (
    EntryStatus.PROPOSED,
    EntryStatus.AGREED,
    EntryStatus.APPROVED,
    EntryStatus.DECIDED,
)


class ReviewDecision(models.TextChoices):
    AGREE = "agree", _("Agree")
    LOWER = "lower", _("Lower the form")
    RAISE = "raise", _("Raise the form")
    REJECT = "reject", _("Reject")


class AttachmentKind(models.TextChoices):
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    COUNCIL_MINUTES = "council_minutes", _("Minutes of the emulation council")
    OTHER = "other", _("Other document")


class PdfRenderStatus(models.TextChoices):
    """Where a tờ trình rendered in the background stands (a dossier of many entries)."""

    QUEUED = "queued", _("Waiting to be rendered")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Rendering failed")


PDF_RENDER_BADGE = {
    PdfRenderStatus.QUEUED: "secondary",
    PdfRenderStatus.RENDERING: "info",
    PdfRenderStatus.READY: "success",
    PdfRenderStatus.FAILED: "danger",
}


# -- council sessions, public posting, deadlines (issue 5, items 4-6) -------------------------


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


SESSION_STATUS_BADGE = {SessionStatus.OPEN: "info", SessionStatus.CLOSED: "success"}


class VoteChoice(models.TextChoices):
    FOR = "for", _("In favour")
    AGAINST = "against", _("Against")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")


COMMENT_STATUS_BADGE = {
    CommentStatus.PENDING: "warning",
    CommentStatus.APPROVED: "success",
    CommentStatus.HIDDEN: "secondary",
}


class DayKind(models.TextChoices):
    """A date of the calendar that is not an ordinary weekday or weekend day."""

    DAY_OFF = "day_off", _("Day off (holiday or compensatory day)")
    WORKING = "working", _("Working day (a weekend day worked in exchange)")


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
