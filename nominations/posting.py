"""Public posting at the deciding level: the posted list, the public's comments, moderation.

`posting_open` (called by `dossier_post`) copies the agreed entries decided at the level into
`PostingItem` rows that hold only what the public may read (name, unit, form, achievements;
never a birth date, citizen ID or phone). The window lasts the largest `posting_days` of the
posted entries' forms, in working days after the posting day; it closes by itself: the page
and `comment_add` compare today with `closes_on`, no job runs. Comments wait for moderation;
approved ones are shown publicly without their author, whose name and contact only the
officers of the level see.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from documents.statements import statement
from documents.statistics import analyze_after_commit
from documents.subqueries import count_of
from nominations import routing
from nominations.choices import CommentStatus, EntryStatus
from nominations.deadlines import WorkCalendar
from nominations.models import Dossier, Posting, PostingComment, PostingItem
from nominations.models.posting import COMMENT_MAX_LENGTH
from nominations.workflow import WorkflowError, actor_unit

# At most this many comments from one address per posting in COMMENT_WINDOW_SECONDS.
COMMENT_BURST = 5
COMMENT_WINDOW_SECONDS = 600


def posting_open(*, dossier: Dossier, actor, today=None) -> Posting:
    """Publish the agreed entries decided at the dossier's level (inside `dossier_post`).

    Refused when no entry is decided here, or when none of their forms is posted (posting
    days 0 in the catalogue).
    """
    today = today or timezone.localdate()
    entries = [e for e in routing.entries_decided_here(dossier) if e.status == EntryStatus.AGREED]
    if not entries:
        raise WorkflowError(_("No agreed entry of this dossier is decided at this level."))
    days = max(e.proposed_form.posting_days for e in entries)
    if days <= 0:
        raise WorkflowError(
            _("None of these award forms is publicly posted (posting days 0 in the catalogue).")
        )
    if Posting.objects.filter(dossier=dossier, unit=dossier.current_level).exists():
        raise WorkflowError(_("This dossier has already been posted at this level."))
    posting = Posting.objects.create(
        dossier=dossier,
        unit=dossier.current_level,
        opened_on=today,
        working_days=days,
        # Stored, and it decides how long the public may comment: read from the table, not
        # from the calendar a process keeps (which may be a minute behind an admin's change).
        closes_on=WorkCalendar.read().add_working_days(today, days),
        created_by=actor,
    )
    full = {
        e.pk: e
        for e in dossier.entries.filter(pk__in=[e.pk for e in entries]).select_related(
            "unit", "person__unit", "proposed_form"
        )
    }
    PostingItem.objects.bulk_create(
        PostingItem(
            posting=posting,
            entry=entry,
            position=position,
            subject_kind=entry.subject_kind,
            name=entry.nominee_name,
            unit_name=_unit_line(entry),
            form_name=entry.proposed_form.name,
            achievement=entry.achievement,
        )
        for position, entry in enumerate(sorted(full.values(), key=lambda e: (e.position, e.pk)), 1)
    )
    analyze_after_commit(len(full), PostingItem)
    return posting


def _unit_line(entry) -> str:
    # Position and unit only: the register's birth data and IDs never reach the copy.
    person = entry.person
    if person is not None:
        unit = person.unit.name if person.unit_id else ""
        return " – ".join(part for part in (person.position, unit) if part)
    return entry.unit.name if entry.unit_id else ""


def open_posting_of(dossier: Dossier, today=None) -> Posting | None:
    """The dossier's posting at its level while its window is open, else None."""
    today = today or timezone.localdate()
    return (
        Posting.objects.filter(
            dossier=dossier,
            unit_id=dossier.current_level_id,
            opened_on__lte=today,
            closes_on__gte=today,
        )
        .order_by("-pk")
        .first()
    )


# -- the public pages --------------------------------------------------------------------------


def open_postings(on):
    """The postings open for comments on `on`, those closing first first: the public index,
    so that a citizen finds them without being sent a link. It prints only names of bodies and
    counts: the level, the proposing unit, the campaign, how many nominees (`count_of`)."""
    return (
        Posting.objects.filter(opened_on__lte=on, closes_on__gte=on)
        .select_related("unit", "dossier__proposing_unit", "dossier__campaign")
        .only(
            "opened_on",
            "closes_on",
            "unit__name",
            "dossier__proposing_unit__name",
            "dossier__campaign__title",
        )
        .annotate(nominees=count_of(PostingItem, "posting_id"))
        .order_by("closes_on", "pk")
    )


def public_posting_or_404(pk: int) -> Posting:
    try:
        return (
            Posting.objects.select_related("unit", "dossier__campaign")
            .prefetch_related(
                Prefetch(
                    "comments",
                    queryset=PostingComment.objects.filter(status=CommentStatus.APPROVED)
                    .select_related("item")
                    .order_by("created_at", "pk"),
                    to_attr="public_comments",
                ),
            )
            .get(pk=pk)
        )
    except Posting.DoesNotExist as exc:
        raise Http404 from exc


def _throttle_key(posting: Posting, client: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client}".encode()).hexdigest()[:32]
    return f"posting-comment:{posting.pk}:{digest}"


@transaction.atomic
def comment_add(
    *,
    posting: Posting,
    author_name: str,
    author_contact: str,
    content: str,
    item: PostingItem | None = None,
    client: str = "",
    today=None,
) -> PostingComment:
    """A comment from the public, waiting for moderation.

    Refused with a message after the window closes, when a field is empty or too long, and
    when one address sends more than COMMENT_BURST comments in a few minutes.
    """
    today = today or timezone.localdate()
    if not posting.is_open_on(today):
        raise ValidationError(
            _("The comment period closed on %(date)s; comments are no longer accepted.")
            % {"date": f"{posting.closes_on:%d/%m/%Y}"}
        )
    errors = {}
    author_name, author_contact = author_name.strip(), author_contact.strip()
    content = content.strip()
    if not author_name:
        errors["author_name"] = _("Enter your name.")
    if not author_contact:
        errors["author_contact"] = _("Enter a phone number or email to reach you.")
    if not content:
        errors["content"] = _("Write your comment.")
    elif len(content) > COMMENT_MAX_LENGTH:
        errors["content"] = _("At most %(n)s characters.") % {"n": COMMENT_MAX_LENGTH}
    if item is not None and item.posting_id != posting.pk:
        errors["item"] = _("Choose a nominee of this list.")
    if errors:
        raise ValidationError(errors)
    if client:
        key = _throttle_key(posting, client)
        count = cache.get(key, 0)
        if count >= COMMENT_BURST:
            raise ValidationError(
                _("Too many comments from your connection; please try again in a few minutes.")
            )
        cache.set(key, count + 1, COMMENT_WINDOW_SECONDS)
    return PostingComment.objects.create(
        posting=posting,
        item=item,
        author_name=author_name[:200],
        author_contact=author_contact[:200],
        content=content,
    )


# -- staff: moderation and reading ------------------------------------------------------------


def may_moderate(posting: Posting, actor) -> bool:
    unit = actor_unit(actor)
    return (
        actor.is_authenticated
        and actor.has_role(Role.OFFICER)
        and unit is not None
        and unit.pk == posting.unit_id
    )


def may_read_comments(posting: Posting, user) -> bool:
    """The deciding level's staff (appraisers, leaders, council) read the comments and authors."""
    unit = actor_unit(user)
    return user.is_authenticated and (
        user.is_superuser or (unit is not None and unit.pk == posting.unit_id)
    )


@transaction.atomic
def comment_moderate(*, comment: PostingComment, actor, status: str) -> PostingComment:
    """Approve (shown publicly, without its author) or hide a comment; officers of the level."""
    comment = (
        PostingComment.objects.select_for_update().select_related("posting").get(pk=comment.pk)
    )
    if not may_moderate(comment.posting, actor):
        raise WorkflowError(_("Only an officer of the posting level may moderate comments."))
    if status not in (CommentStatus.APPROVED, CommentStatus.HIDDEN):
        raise ValidationError(_("Approve or hide the comment."))
    comment.status = status
    comment.moderated_by = actor
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    return comment


@statement
def _postings_of(dossier_id: int):
    return Posting.objects.filter(dossier_id=dossier_id).prefetch_related(
        Prefetch(
            "comments",
            queryset=PostingComment.objects.select_related("item", "moderated_by"),
        )
    )


def postings_for_dossier(dossier: Dossier, user) -> list[dict]:
    """The dossier's postings, each with its comments when the user may read them."""
    result = []
    for posting in _postings_of.list(dossier_id=dossier.pk):
        readable = may_read_comments(posting, user)
        result.append(
            {
                "posting": posting,
                "comments": list(posting.comments.all()) if readable else None,
                "may_moderate": may_moderate(posting, user),
                "is_open": posting.is_open_on(timezone.localdate()),
            }
        )
    return result
