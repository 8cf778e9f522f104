"""Reads of nominations, scoped to the user: out of scope and missing are the same 404."""

import functools

from django.db import connection
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.selectors import unit_ids_visible_to
from awards.checks import PendingProposals, award_checks
from awards.choices import SubjectKind
from awards.selectors import form_catalogue
from campaigns.choices import CampaignStatus
from campaigns.selectors import campaigns_visible_to, menu_label, with_issuer_name
from documents.statements import Statement, as_prefetched, statement
from documents.text import fold
from nominations.choices import ACTIVE_ENTRY_STATUSES, Action, DossierStatus
from nominations.models import Attachment, Dossier, DossierEvent, Entry, EntryReview
from nominations.routing import routing_date


def _scope_q(user) -> Q | None:
    """A unit sees the dossiers it proposed and those held at its level or below."""
    ids = unit_ids_visible_to(user)
    if ids is None:
        return None
    return _units_q(ids)


def _units_q(ids, lookup: str = "in") -> Q:
    """Dossiers proposed by or held at the units `ids` (`lookup` "in_array" in a statement)."""
    return Q(**{f"proposing_unit_id__{lookup}": ids}) | Q(**{f"current_level_id__{lookup}": ids})


def dossiers_visible_to(user):
    qs = Dossier.objects.all()
    scope = _scope_q(user)
    if scope is None:
        return qs
    if not unit_ids_visible_to(user):
        return qs.none()
    return qs.filter(scope)


def _for_list(qs):
    """Rows of a dossier table (their entries counted in `Dossier.entry_count`)."""
    return qs.select_related("campaign", "proposing_unit", "current_level").only(*_LIST_FIELDS)


# What a row of a dossier table, of the overdue list and of the dossier export shows: the
# dossier, and of the related rows only the names (a campaign carries pages of text).
_LIST_FIELDS = (
    *(field.name for field in Dossier._meta.concrete_fields),
    "campaign__title",
    "proposing_unit__name",
    "proposing_unit__kind",
    "current_level__name",
    "current_level__kind",
)


@statement
def dossier_rows_by_id(ids: list[int]):
    """Rows of a dossier table by id (a page of the list, whose ids the filters found)."""
    return _for_list(Dossier.objects.filter(pk__in_array=ids)).order_by()


def dossier_list(*, user, params):
    """The staff list: filters campaign, status, year; `q` finds a number or a nominee's name
    without diacritics. Rows as the tables and exports print them."""
    return _for_list(dossiers_filtered(user=user, params=params))


def dossiers_filtered(*, user, params):
    """The dossiers of the staff list, filtered and in its order, without the rows' columns
    and joins: the list page takes its page's ids from it, then the rows by id."""
    qs = dossiers_visible_to(user)
    if (campaign := (params.get("campaign") or "").strip()).isdigit():
        qs = qs.filter(campaign_id=int(campaign))
    if (status := params.get("status")) in DossierStatus.values:
        qs = qs.filter(status=status)
    if (year := (params.get("year") or "").strip()).isdigit():
        year = int(year)
        qs = qs.filter(Q(date__year=year) | Q(date__isnull=True, created_at__year=year))
    if q := (params.get("q") or "").strip():
        number = q.split("/")[0].strip()
        match = Q(pk__in=Entry.objects.filter(_name_q(q)).values("dossier_id"))
        if number.isdigit():
            match |= Q(number=int(number))
        qs = qs.filter(match)
    if params.get("waiting") == "1":
        # The whole work queue of the home page, oldest first as there.
        wanted = waiting_q(user)
        qs = qs.none() if wanted is None else qs.filter(wanted)
        return qs.order_by("status_changed_at", "pk")
    return qs.order_by("-created_at", "-pk")


def _name_q(text: str) -> Q:
    q = Q()
    for word in fold(text).split():
        q &= Q(nominee_name_folded__contains=word)
    return q


def campaigns_for_new_dossier(user):
    """Published campaigns the user may see: a dossier is built for one of them."""
    return (
        campaigns_visible_to(user)
        .filter(status=CampaignStatus.PUBLISHED)
        .order_by("-issue_year", "title")
    )


def _campaigns_menu_rows(dossiers):
    from campaigns.models import Campaign

    campaigns = Campaign.objects.filter(pk__in=dossiers.values("campaign_id")).order_by("title")
    return with_issuer_name(campaigns).values_list("pk", "title", "issuer_name")


@statement
def _campaigns_of_every_dossier():
    return _campaigns_menu_rows(Dossier.objects.all())


@statement
def _campaigns_of_dossiers_in(unit_ids: list[int]):
    return _campaigns_menu_rows(Dossier.objects.filter(_units_q(unit_ids, "in_array")))


def dossier_filter_menu(user) -> list[tuple[int, str]]:
    """(pk, label) of the campaigns that have dossiers the user may see, by title and issuer
    (the list's campaign filter): one query, through a kept statement (building the issuer's
    subquery on each request cost the dossier list a fifth of its time)."""
    ids = unit_ids_visible_to(user)
    if ids is None:
        rows = _campaigns_of_every_dossier.list()
    elif not ids:
        return []
    else:
        rows = _campaigns_of_dossiers_in.list(unit_ids=sorted(ids))
    return [(pk, menu_label(title, issuer or "", 60)) for pk, title, issuer in rows]


# The dossier page's reads: the same SQL on every request but for the dossier's id, compiled
# once per process (documents.statements). Each set is one plain query on the dossier's id.


@statement
def _dossier_for_page(pk: int):
    return (
        Dossier.objects
        # The proposing unit's parents: who decides each entry (routing) walks up to them.
        # (Few dossiers are forwarded copies: their original is read when shown.)
        .select_related("campaign", "proposing_unit__parent__parent", "current_level")
        # Few dossiers were forwarded as new ones: no query for them when none was.
        .annotate(was_forwarded=Exists(Dossier.objects.filter(forwarded_from=OuterRef("pk"))))
        .filter(pk=pk)
    )


@statement
def _entries_of(dossier_id: int):
    return (
        Entry.objects.filter(dossier_id=dossier_id)
        .select_related("person__unit", "unit")
        .order_by("position", "pk")
    )


@statement
def _entries_by_ids(dossier_id: int, ids: list[int]):
    """A page of the dossier's entries (`entry_order` found their ids), as `_entries_of`."""
    return (
        Entry.objects.filter(dossier_id=dossier_id, pk__in_array=ids)
        .select_related("person__unit", "unit")
        .order_by("position", "pk")
    )


@statement
def _entry_order(dossier_id: int):
    """(id, kind) of every entry of the dossier, in the page's order: a dossier of 10,000
    imported rows is 10,000 small tuples, not 10,000 entries with their checks."""
    return (
        Entry.objects.filter(dossier_id=dossier_id)
        .order_by("position", "pk")
        .values_list("pk", "subject_kind")
    )


def entry_order(dossier_id: int) -> list[tuple[int, str]]:
    return _entry_order.list(dossier_id=dossier_id)


@statement
def _reviews_of_entries(entry_ids: list[int]):
    return (
        EntryReview.objects.filter(entry_id__in_array=entry_ids)
        .select_related("unit")
        .order_by("at", "pk")
    )


@statement
def _files_of_entries(dossier_id: int, entry_ids: list[int]):
    """Files of the dossier itself and of the page's entries."""
    return (
        Attachment.objects.filter(dossier_id=dossier_id)
        .filter(Q(entry__isnull=True) | Q(entry_id__in_array=entry_ids))
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )


@statement
def _reviews_of(dossier_id: int):
    # Own columns only in ORDER BY: the default ("entry", then the entry's and the dossier's
    # orderings) joins two more tables for nothing.
    return (
        EntryReview.objects.filter(entry__dossier_id=dossier_id)
        .select_related("unit")
        .order_by("at", "pk")
    )


@statement
def _files_of(dossier_id: int):
    """Files of the dossier and of its entries."""
    return (
        Attachment.objects.filter(dossier_id=dossier_id)
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )


@statement
def _events_of(dossier_id: int):
    # An event's entry is one of the dossier's, read with them: not joined again.
    return DossierEvent.objects.filter(dossier_id=dossier_id).select_related("actor", "level_unit")


@statement
def _events_of_page(dossier_id: int, entry_ids: list[int]):
    """The timeline of a page of entries: the dossier's own events and those of these entries
    (an appraised dossier of 10,000 entries has 10,000 entry events)."""
    return (
        DossierEvent.objects.filter(dossier_id=dossier_id)
        .filter(Q(entry__isnull=True) | Q(entry_id__in_array=entry_ids))
        .select_related("actor", "level_unit")
    )


@statement
def _entry_names(ids: list[int]):
    return Entry.objects.filter(pk__in_array=ids).only("dossier_id", "nominee_name").order_by()


def dossier_in_scope(user, dossier: Dossier) -> bool:
    """What `dossiers_visible_to` asks of the database, asked of one dossier read already."""
    ids = unit_ids_visible_to(user)
    return ids is None or dossier.proposing_unit_id in ids or dossier.current_level_id in ids


def dossier_visible_or_404(*, user, pk: int, entry_ids: list[int] | None = None) -> Dossier:
    """The dossier with everything its page shows: entries (nominee, unit, forms, the copy
    they were forwarded from, reviews), events, files and the dossiers it was forwarded as.

    Each set is one plain query on the dossier's id, shared out in Python: Django's
    prefetch machinery cost more than the queries themselves (about a third of the page).
    `dossier.entries.all()`, `entry.reviews.all()`, `dossier.events.all()` and
    `dossier.forwarded_dossiers.all()` answer from what was read.

    `entry_ids`: only these entries (a page of them, `entry_order`), with their reviews and
    files; `dossier.entries.all()` is then that page.
    """
    dossier = _dossier_for_page.one(pk=pk) if isinstance(pk, int) else None
    if dossier is None or not dossier_in_scope(user, dossier):
        raise Http404
    # The award forms of entries and reviews come from the catalogue, not from joins.
    dossier.form_catalogue = forms = form_catalogue()
    paged = entry_ids is not None
    if paged:
        entries = _entries_by_ids.list(dossier_id=dossier.pk, ids=entry_ids) if entry_ids else []
    else:
        entries = _entries_of.list(dossier_id=dossier.pk)
    by_pk = {}
    for entry in entries:
        by_pk[entry.pk] = entry
        entry.requested_form = forms[entry.requested_form_id]
        entry.proposed_form = forms[entry.proposed_form_id]
    reviews = {entry.pk: [] for entry in entries}
    if entries:
        found = (
            _reviews_of_entries.list(entry_ids=list(by_pk))
            if paged
            else _reviews_of.list(dossier_id=dossier.pk)
        )
        for review in found:
            review.entry = by_pk[review.entry_id]
            review.form_before = forms[review.form_before_id]
            review.form_after = forms[review.form_after_id]
            reviews[review.entry_id].append(review)
    # Few entries are forwarded copies: no query when none is.
    if copied := {entry.forwarded_from_id for entry in entries} - {None}:
        sources = Entry.objects.filter(pk__in=copied).select_related("dossier__proposing_unit")
        sources = {source.pk: source for source in sources.order_by()}
        for source in sources.values():  # linked on the page only when the user may open it
            source.dossier.in_scope = dossier_in_scope(user, source.dossier)
        for entry in entries:
            if entry.forwarded_from_id:
                entry.forwarded_from = sources[entry.forwarded_from_id]
    files = {}
    attachments = (
        _files_of_entries.list(dossier_id=dossier.pk, entry_ids=list(by_pk))
        if paged
        else _files_of.list(dossier_id=dossier.pk)
    )
    for attachment in attachments:
        attachment.dossier = dossier
        files.setdefault(attachment.entry_id, []).append(attachment)
    dossier.dossier_attachments = files.get(None, [])
    for entry in entries:
        entry.dossier = dossier
        entry.attachment_list = files.get(entry.pk, [])
        as_prefetched(entry, "reviews", reviews[entry.pk])
    if paged:
        events = _events_of_page.list(dossier_id=dossier.pk, entry_ids=list(by_pk))
    else:
        events = _events_of.list(dossier_id=dossier.pk)
    # An event of an entry not read here (none, but for an entry moved out of the dossier):
    # its name, in one query for all of them.
    if elsewhere := {event.entry_id for event in events} - {None} - set(by_pk):
        by_pk_elsewhere = {e.pk: e for e in _entry_names.list(ids=sorted(elsewhere))}
    else:
        by_pk_elsewhere = {}
    for event in events:
        event.dossier = dossier
        if event.entry_id in by_pk:
            event.entry = by_pk[event.entry_id]
        elif event.entry_id in by_pk_elsewhere:
            event.entry = by_pk_elsewhere[event.entry_id]
    as_prefetched(dossier, "entries", entries)
    as_prefetched(dossier, "events", events)
    forwarded = (
        # The proposing unit: named when the user may not open the forwarded dossier.
        list(dossier.forwarded_dossiers.select_related("proposing_unit"))
        if dossier.was_forwarded
        else []
    )
    for child in forwarded:  # a commune's dossier forwarded by its former district: 404 to it
        child.in_scope = dossier_in_scope(user, child)
    if dossier.forwarded_from_id is not None:  # the page names it (one query, as before)
        dossier.forwarded_from.in_scope = dossier_in_scope(user, dossier.forwarded_from)
    as_prefetched(dossier, "forwarded_dossiers", forwarded)
    return dossier


def dossier_alone_or_404(*, user, pk: int) -> Dossier:
    """The dossier in the user's scope, with its campaign and units but none of its sets: for
    the views that act on it (services read the entries they need themselves)."""
    dossier = _dossier_for_page.one(pk=pk) if isinstance(pk, int) else None
    if dossier is None or not dossier_in_scope(user, dossier):
        raise Http404
    return dossier


def entry_of_dossier_or_404(*, dossier: Dossier, pk: int) -> Entry:
    try:
        return dossier.entries.select_related("person", "unit", "proposed_form").get(pk=pk)
    except Entry.DoesNotExist as exc:
        raise Http404 from exc


# -- checks (awards.checks) with the open proposals this app knows ----------------------------


def _label(entry: Entry) -> str:
    dossier = entry.dossier
    if dossier.number:
        return f"Tờ trình {dossier.number_text} – {entry.proposed_form.name}"
    return f"Hồ sơ dự thảo của {dossier.proposing_unit.name} – {entry.proposed_form.name}"


def pending_for(entry: Entry) -> PendingProposals:
    """Open entries of the campaign other than `entry`: submitted dossiers, and this dossier."""
    open_entries = (
        Entry.objects.filter(campaign_id=entry.campaign_id, status__in=ACTIVE_ENTRY_STATUSES)
        .exclude(pk=entry.pk)
        .filter(~Q(dossier__status=DossierStatus.DRAFT) | Q(dossier_id=entry.dossier_id))
    )
    same_form = open_entries.filter(proposed_form_id=entry.proposed_form_id)
    proposing = entry.dossier.proposing_unit_id
    if entry.subject_kind == SubjectKind.INDIVIDUAL:
        same = open_entries.filter(person_id=entry.person_id)
    elif entry.subject_kind == SubjectKind.COLLECTIVE:
        same = open_entries.filter(
            subject_kind=SubjectKind.COLLECTIVE,
            unit_id=entry.unit_id,
            nominee_name_folded=entry.nominee_name_folded,
        )
    else:
        same = open_entries.filter(
            subject_kind=SubjectKind.HOUSEHOLD,
            unit_id=entry.unit_id,
            nominee_name_folded=entry.nominee_name_folded,
        )
    same = same.select_related("dossier__proposing_unit", "proposed_form")[:6]
    return PendingProposals(
        for_form=same_form.count(),
        for_form_by_unit=same_form.filter(dossier__proposing_unit_id=proposing).count(),
        same_subject=[_label(e) for e in same],
    )


def entry_checks(entry: Entry) -> list:
    """The awards checks on one entry (blocking first), with this app's open proposals."""
    dossier = entry.dossier
    return award_checks(
        campaign=dossier.campaign,
        form=entry.proposed_form,
        subject_kind=entry.subject_kind,
        person=entry.person,
        unit=entry.unit,
        recipient_name=entry.nominee_name,
        proposing_unit=dossier.proposing_unit,
        on_date=routing_date(dossier),
        pending=pending_for(entry),
    )


# -- the same checks for many entries at once, with a fixed number of queries ----------------
#
# awards.checks asks the database once or more per check and per entry, and takes no data
# prefetched by its caller. The dossier page and submit check every entry, so the functions
# below read, for a whole dossier, what those checks read (offers, quotas, awards of the
# campaign, blocking flags, possible duplicates, open entries) and build the same results
# with the same wording. The pure checks (form valid on the date, subject kind, dissolved
# unit) are awards' own functions. tests/nominations/test_batched_checks.py compares the
# results with `entry_checks` entry by entry so that the two cannot drift apart.

_CHUNK = 500  # ids per IN (…) list: SQLite's variable limit, and plans that stay cheap


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _entry_sort_key(entry):
    """Entry's default ordering ("dossier" follows Dossier's ordering: newest first)."""
    dossier = entry.dossier
    created = dossier.created_at.timestamp() if dossier.created_at else float("inf")
    return (-created, -(dossier.pk or 0), entry.position, entry.pk or float("inf"))


def _entry_keys(entry, here: bool) -> list:
    """The keys under which `entry` proposes its nominee (`pending_for`'s rule): its person,
    and for a collective or household its kind, unit and folded name. An unsaved person of an
    import's preview (`here`) is keyed by the object, shared by the rows that name it."""
    keys = []
    if entry.person_id:
        keys.append(("person", entry.person_id))
    elif here and entry.person is not None:
        keys.append(("new", id(entry.person)))
    if entry.subject_kind != SubjectKind.INDIVIDUAL:
        keys.append(("name", entry.subject_kind, entry.unit_id, entry.nominee_name_folded))
    return keys


def _nominee_key(entry):
    """The key that finds the other proposals of `entry`'s nominee among `_entry_keys`."""
    if entry.subject_kind == SubjectKind.INDIVIDUAL:
        person = entry.person
        if person is None:
            return None
        return ("person", person.pk) if person.pk else ("new", id(person))
    return ("name", entry.subject_kind, entry.unit_id, entry.nominee_name_folded)


def _award_rows_of(entry, by_person: dict, by_name: dict) -> list:
    """Register rows of the campaign that concern `entry`'s nominee (awards.checks' rule)."""
    person, unit = entry.person, entry.unit
    person_pk = person.pk if person is not None else None
    if entry.subject_kind == SubjectKind.INDIVIDUAL:
        return list(by_person.get(person_pk, ())) if person_pk else []
    if entry.subject_kind == SubjectKind.COLLECTIVE and unit is None:
        return []
    name = fold(entry.nominee_name or (unit.name if unit else ""))
    rows = {a.pk: a for a in by_name.get((entry.subject_kind, entry.unit_id, name), ())}
    if entry.subject_kind == SubjectKind.HOUSEHOLD and person_pk:
        rows.update(
            {a.pk: a for a in by_person.get(person_pk, ()) if a.subject_kind == entry.subject_kind}
        )
    return sorted(rows.values(), key=lambda a: (a.decision_date, a.pk))


# What the checks read of another open proposal (`_entry_keys`, `_entry_sort_key`, `_label`)
# and of an earlier award (`_award_rows_of`, `decision_reference`): not their achievements.
_OPEN_PROPOSAL_FIELDS = (
    "subject_kind",
    "person_id",
    "unit_id",
    "nominee_name_folded",
    "proposed_form_id",
    "position",
    "dossier__number",
    "dossier__created_at",
    "dossier__proposing_unit__name",
    "dossier__proposing_unit__kind",
)
_AWARD_CHECK_FIELDS = (
    "subject_kind",
    "person_id",
    "unit_id",
    "recipient_name_folded",
    "form_id",
    "decision_number",
    "decision_date",
    "decision_issuer",
)


@statement
def _offers_with_quota(campaign_id: int, unit_id: int):
    """Offers of the campaign, each with the unit's quota (`unit_max`): a quota is unique per
    offer and unit, read with the offer in the same query."""
    from awards.models import AwardQuota, CampaignAward

    unit_quota = AwardQuota.objects.filter(offer=OuterRef("pk"), unit_id=unit_id).order_by()
    return (
        CampaignAward.objects.filter(campaign_id=campaign_id)
        .annotate(unit_max=Subquery(unit_quota.values("max_count")[:1]))
        .order_by()
    )


@statement
def _standing_awards_counted(campaign_id: int):
    """(form, proposing unit, how many) of the campaign's standing awards."""
    from awards.models import Award

    return (
        Award.objects.standing()
        .filter(campaign_id=campaign_id)
        .order_by()
        .values_list("form_id", "proposing_unit_id")
        .annotate(n=Count("pk"))
    )


# The checks' reads as kept statements (documents.statements): lists of any length in one
# parameter each (`__in_array`), so the SQL is the same for one entry or ten thousand.


def _others(campaign_id: int, dossier_id: int):
    """Open entries of the campaign outside this dossier (submitted ones: a draft of another
    unit is not a proposal yet); this dossier's own are the `entries` checked."""
    return Entry.objects.filter(campaign_id=campaign_id, status__in=ACTIVE_ENTRY_STATUSES).exclude(
        Q(dossier__status=DossierStatus.DRAFT) | Q(dossier_id=dossier_id)
    )


def _same_nominees(name_field: str, person_ids, names, unit_ids, null_unit: bool) -> Q:
    """The same person, or a collective or household of the same name in the same unit
    (`_entry_keys`): the same name in another commune ("Chi bộ thôn Bản 2") is someone else."""
    units = Q(unit_id__in_array=unit_ids)
    if null_unit:
        units |= Q(unit__isnull=True)
    named = Q(subject_kind__in=(SubjectKind.COLLECTIVE, SubjectKind.HOUSEHOLD)) & units
    return Q(person_id__in_array=person_ids) | (named & Q(**{f"{name_field}__in_array": names}))


@statement
def _open_counted(campaign_id: int, dossier_id: int, form_ids: list[int]):
    """(form, proposing unit, how many) of the open entries for `form_ids` (the forms under a
    quota)."""
    return (
        _others(campaign_id, dossier_id)
        .filter(proposed_form_id__in_array=form_ids)
        .order_by()
        .values_list("proposed_form_id", "dossier__proposing_unit_id")
        .annotate(n=Count("pk"))
    )


@functools.cache
def _open_same(null_unit: bool) -> Statement:
    """Open entries of the same nominees (`null_unit`: some collective has no unit)."""

    def open_same(
        campaign_id: int,
        dossier_id: int,
        person_ids: list[int],
        names: list[str],
        unit_ids: list[int],
    ):
        same = _same_nominees("nominee_name_folded", person_ids, names, unit_ids, null_unit)
        return (
            _others(campaign_id, dossier_id)
            .filter(same)
            .select_related("dossier__proposing_unit")
            .only(*_OPEN_PROPOSAL_FIELDS)
            .order_by()
        )

    open_same.__qualname__ = f"open_same[null_unit={null_unit}]"
    return statement(open_same)


@functools.cache
def _open_same_paged(null_unit: bool) -> Statement:
    """`_open_same` for a page of the dossier's entries (`entry_ids`): the dossier's other
    active entries count as well, so that each entry's checks are those of the whole dossier.
    Driven by the nominees' indexes, as `_open_same`: a dossier of 10,000 entries is not read."""

    def open_same_paged(
        campaign_id: int,
        dossier_id: int,
        entry_ids: list[int],
        person_ids: list[int],
        names: list[str],
        unit_ids: list[int],
    ):
        same = _same_nominees("nominee_name_folded", person_ids, names, unit_ids, null_unit)
        others_drafts = Q(dossier__status=DossierStatus.DRAFT) & ~Q(dossier_id=dossier_id)
        return (
            Entry.objects.filter(campaign_id=campaign_id, status__in=ACTIVE_ENTRY_STATUSES)
            .exclude(others_drafts | Q(pk__in_array=entry_ids))
            .filter(same)
            .select_related("dossier__proposing_unit")
            .only(*_OPEN_PROPOSAL_FIELDS)
            .order_by()
        )

    open_same_paged.__qualname__ = f"open_same_paged[null_unit={null_unit}]"
    return statement(open_same_paged)


@statement
def _here_counted(dossier_id: int):
    """(form, how many) of the dossier's active entries: a page's quota checks count them all."""
    return (
        Entry.objects.filter(dossier_id=dossier_id, status__in=ACTIVE_ENTRY_STATUSES)
        .order_by()
        .values_list("proposed_form_id")
        .annotate(n=Count("pk"))
    )


@functools.cache
def _awarded_same(null_unit: bool) -> Statement:
    """Standing awards of the campaign to the same nominees."""
    from awards.models import Award

    def awarded_same(
        campaign_id: int, person_ids: list[int], names: list[str], unit_ids: list[int]
    ):
        same = _same_nominees("recipient_name_folded", person_ids, names, unit_ids, null_unit)
        return (
            Award.objects.standing()
            .filter(campaign_id=campaign_id)
            .filter(same)
            .only(*_AWARD_CHECK_FIELDS)
            .order_by()
        )

    awarded_same.__qualname__ = f"awarded_same[null_unit={null_unit}]"
    return statement(awarded_same)


@statement
def _flags_of(person_ids: list[int], unit_ids: list[int]):
    """Blocking flags of the people or units, whatever their dates (a statement cannot keep a
    date: the caller keeps those in force)."""
    from awards.models import BlockingFlag

    return BlockingFlag.objects.filter(
        Q(person_id__in_array=person_ids) | Q(unit_id__in_array=unit_ids)
    ).order_by()


@statement
def _look_alikes(names: list[str], birth_years: list[int], citizen_ids: list[str]):
    """People of the same folded name and birth year, or of the same citizen ID."""
    from awards.models import Person

    return (
        Person.objects.filter(
            Q(name_folded__in_array=names, birth_year__in_array=birth_years)
            | Q(citizen_id__in_array=citizen_ids)
        )
        .select_related("unit")
        .order_by()
    )


def dossier_entries_checks(
    *, dossier: Dossier, entries: list, forms=None, page: bool = False
) -> list[list]:
    """`entry_checks` for each of `entries` (same order), in a number of queries that does not
    grow with the number of entries (only by chunks of 500 ids).

    `entries` are the ACTIVE entries of `dossier` with person, unit and proposed_form loaded;
    some may be unsaved (an import's preview), with `nominee_name` and `nominee_name_folded`
    set and `person` possibly unsaved. They count as open proposals for one another, as the
    saved entries of the dossier do for `entry_checks`.

    `page`: `entries` are some of the dossier's saved active entries (a page of the dossier
    page); its other active entries are read for what concerns these (the same nominees, the
    count per form under a quota), so that each entry's checks are those of the whole dossier.
    """
    from awards import checks as award
    from awards.models import Award

    if not entries:
        return []
    # Award forms of other entries and of awards: from the catalogue (`form_catalogue`, which
    # the dossier page has read already), not joined to each row.
    forms = forms if forms is not None else form_catalogue()
    campaign, proposing = dossier.campaign, dossier.proposing_unit
    on = routing_date(dossier)
    for entry in entries:
        entry.dossier = dossier
    people = {id(e.person): e.person for e in entries if e.person is not None}
    saved_person_ids = {p.pk for p in people.values() if p.pk}
    named = [e for e in entries if e.subject_kind != SubjectKind.INDIVIDUAL]
    names = {e.nominee_name_folded for e in named}
    # A collective or household is the same nominee only in the same unit (`_entry_keys`):
    # the same name in another commune ("Chi bộ thôn Bản 2") is someone else.
    named_unit_ids = {e.unit_id for e in named}

    offers = {
        o.form_id: o for o in _offers_with_quota.list(campaign_id=campaign.pk, unit_id=proposing.pk)
    }
    offers_by_pk = {o.pk: o for o in offers.values()}
    unit_quotas = {o.pk: o.unit_max for o in offers.values() if o.unit_max is not None}
    # Standing awards of the campaign, counted per form and per (form, proposing unit).
    awarded, awarded_by_unit = {}, {}
    if any(o.quota is not None for o in offers.values()) or unit_quotas:
        for form_id, unit_id, n in _standing_awards_counted.list(campaign_id=campaign.pk):
            awarded[form_id] = awarded.get(form_id, 0) + n
            if unit_id == proposing.pk:
                awarded_by_unit[form_id] = awarded_by_unit.get(form_id, 0) + n

    # Counted only for the forms under a quota: they serve the quota checks alone.
    open_by_form, open_by_form_unit = {}, {}
    quota_forms = {o.form_id for o in offers.values() if o.quota is not None}
    quota_forms |= {offer.form_id for o_id, offer in offers_by_pk.items() if o_id in unit_quotas}
    for form_id, unit_id, n in (
        _open_counted.list(campaign_id=campaign.pk, dossier_id=dossier.pk, form_ids=quota_forms)
        if quota_forms
        else ()
    ):
        open_by_form[form_id] = open_by_form.get(form_id, 0) + n
        if unit_id == proposing.pk:
            open_by_form_unit[form_id] = open_by_form_unit.get(form_id, 0) + n
    here_by_form = {}
    if page:
        if quota_forms:
            here_by_form = dict(_here_counted.list(dossier_id=dossier.pk))
    else:
        for entry in entries:
            here_by_form[entry.proposed_form_id] = here_by_form.get(entry.proposed_form_id, 0) + 1
    open_same = {}
    # The same nominees: by person, or a collective or household by unit and name.
    nominees = {
        "person_ids": saved_person_ids,
        "names": names,
        "unit_ids": named_unit_ids - {None},
    }
    if saved_person_ids or names:
        if page:  # and the same nominees on the dossier's other pages
            found = _open_same_paged(None in named_unit_ids).list(
                campaign_id=campaign.pk,
                dossier_id=dossier.pk,
                entry_ids=[e.pk for e in entries],
                **nominees,
            )
        else:
            found = _open_same(None in named_unit_ids).list(
                campaign_id=campaign.pk, dossier_id=dossier.pk, **nominees
            )
        for e in found:
            e.proposed_form = forms[e.proposed_form_id]
            open_same[e.pk] = e
    proposals = {}
    for candidate, here in [
        *((e, False) for e in open_same.values()),
        *((e, True) for e in entries),
    ]:
        for key in _entry_keys(candidate, here):
            proposals.setdefault(key, []).append(candidate)

    # Awards of the campaign to the same nominees.
    campaign_awards = {}
    if saved_person_ids or names:
        for row in _awarded_same(None in named_unit_ids).list(campaign_id=campaign.pk, **nominees):
            row.form = forms[row.form_id]
            campaign_awards[row.pk] = row
    awards_by_person, awards_by_name = {}, {}
    for row in sorted(campaign_awards.values(), key=lambda a: (a.decision_date, a.pk)):
        if row.person_id:
            awards_by_person.setdefault(row.person_id, []).append(row)
        key = (row.subject_kind, row.unit_id, row.recipient_name_folded)
        awards_by_name.setdefault(key, []).append(row)

    # Blocking flags in force on the dossier's date (BlockingFlag.objects.active_on(on)).
    unit_ids = {e.unit_id for e in entries if e.unit_id}
    flags = [
        flag
        for flag in (
            _flags_of.list(person_ids=saved_person_ids, unit_ids=unit_ids)
            if saved_person_ids or unit_ids
            else ()
        )
        if (flag.starts_on is None or flag.starts_on <= on)
        and (flag.ends_on is None or flag.ends_on >= on)
    ]
    flags_of_person, flags_of_unit = {}, {}
    for flag in sorted(flags, key=lambda f: (f.starts_on, f.pk)):
        if flag.person_id:
            flags_of_person.setdefault(flag.person_id, []).append(flag)
        if flag.unit_id:
            flags_of_unit.setdefault(flag.unit_id, []).append(flag)

    # Possible duplicates of the people (same folded name and birth year, or citizen ID).
    dup_names = {fold(p.full_name) for p in people.values() if p.birth_year and p.full_name}
    citizen_ids = {"".join((p.citizen_id or "").split()) for p in people.values()} - {""}
    look_alikes = {}
    birth_years = {p.birth_year for p in people.values() if p.birth_year}
    if dup_names or citizen_ids:
        found = _look_alikes.list(names=dup_names, birth_years=birth_years, citizen_ids=citizen_ids)
        look_alikes.update({p.pk: p for p in found})
    by_identity, by_citizen_id = {}, {}
    for other in look_alikes.values():
        by_identity.setdefault((other.name_folded, other.birth_year), []).append(other)
        if other.citizen_id:
            by_citizen_id.setdefault(other.citizen_id, []).append(other)
    duplicates = {}
    for key, person in people.items():
        found = {}
        if person.birth_year and person.full_name:
            same = by_identity.get((fold(person.full_name), person.birth_year), ())
            found.update({p.pk: p for p in same})
        if cid := "".join((person.citizen_id or "").split()):
            found.update({p.pk: p for p in by_citizen_id.get(cid, ())})
        found.pop(person.pk, None)
        duplicates[key] = sorted(found.values(), key=lambda p: p.pk)[: award.MAX_NAMED + 1]
    award_years = {}
    shown_ids = {p.pk for found in duplicates.values() for p in found}
    for chunk in _chunks(shown_ids):
        for person_id, decided in Award.objects.filter(person_id__in=chunk).values_list(
            "person_id", "decision_date"
        ):
            award_years.setdefault(person_id, set()).add(decided.year)

    dissolved = {}

    def dissolved_collective(unit):
        if unit.pk not in dissolved:
            dissolved[unit.pk] = award.check_unit_dissolved(
                subject_kind=SubjectKind.COLLECTIVE, unit=unit, proposing_unit=None, on_date=on
            )
        return dissolved[unit.pk]

    proposing_dissolved = award.check_unit_dissolved(
        subject_kind="", unit=None, proposing_unit=proposing, on_date=on
    )

    results = []
    for entry in entries:
        form, kind, person, unit = entry.proposed_form, entry.subject_kind, entry.person, entry.unit
        person_saved = person is not None and person.pk
        found = []
        offer = offers.get(form.pk)
        if offer is None:
            found.append(
                award._blocking(
                    award.CheckCode.NOT_OFFERED,
                    _('The campaign "%(campaign)s" does not offer %(form)s.')
                    % {"campaign": campaign.title, "form": form.name},
                )
            )
        found += award.check_form_valid(form=form, on_date=on)
        found += award.check_subject_kind(form=form, subject_kind=kind)
        # Quota: awarded in the campaign + open elsewhere + the other entries here.
        if offer is not None:
            here_others = here_by_form.get(form.pk, 0) - 1
            if offer.quota is not None:
                used = awarded.get(form.pk, 0) + open_by_form.get(form.pk, 0) + here_others
                if used >= offer.quota:
                    found.append(
                        award._blocking(
                            award.CheckCode.QUOTA_EXCEEDED,
                            _(
                                "The campaign allows at most %(max)d × %(form)s; %(used)d are "
                                "already awarded or proposed."
                            )
                            % {"max": offer.quota, "form": form.name, "used": used},
                        )
                    )
            quota = unit_quotas.get(offer.pk)  # this unit's maximum
            if quota is not None:
                used = (
                    awarded_by_unit.get(form.pk, 0)
                    + open_by_form_unit.get(form.pk, 0)
                    + here_others
                )
                if used >= quota:
                    found.append(
                        award._blocking(
                            award.CheckCode.QUOTA_EXCEEDED,
                            _(
                                "%(unit)s may propose at most %(max)d × %(form)s in this "
                                "campaign; %(used)d are already awarded or proposed."
                            )
                            % {
                                "unit": proposing.name,
                                "max": quota,
                                "form": form.name,
                                "used": used,
                            },
                        )
                    )
        # Awarded or proposed twice in the campaign.
        earlier = _award_rows_of(entry, awards_by_person, awards_by_name)
        earlier = earlier[: award.MAX_NAMED + 1]
        if earlier:
            found.append(
                award._blocking(
                    award.CheckCode.ALREADY_AWARDED,
                    _(
                        "Already awarded in this campaign (%(awards)s); one achievement is "
                        "rewarded only once, with one form."
                    )
                    % {
                        "awards": award._names(
                            [f"{a.form.name}, {a.decision_reference}" for a in earlier]
                        )
                    },
                )
            )
        key = _nominee_key(entry)
        same = [c for c in proposals.get(key, ()) if c is not entry] if key else []
        same = sorted(same, key=_entry_sort_key)[:6]
        if same:
            found.append(
                award._blocking(
                    award.CheckCode.ALREADY_PROPOSED,
                    _(
                        "Already proposed in this campaign (%(entries)s); one achievement is "
                        "proposed only once, by one unit, with one form."
                    )
                    % {"entries": award._names([_label(e) for e in same])},
                )
            )
        # Blocking flags.
        if kind == SubjectKind.COLLECTIVE:
            mine = flags_of_unit.get(unit.pk, []) if unit is not None else []
            name = unit.name if unit is not None else ""
        else:
            mine = flags_of_person.get(person.pk, []) if person_saved else []
            name = person.full_name if person_saved else ""
        for flag in mine:
            found.append(
                award._blocking(
                    award.CheckCode.BLOCKING_FLAG,
                    _(
                        "%(name)s: %(kind)s since %(start)s%(note)s. No award or proposal "
                        "while it lasts."
                    )
                    % {
                        "name": name,
                        "kind": str(flag.get_kind_display()).lower(),
                        "start": award._d(flag.starts_on),
                        "note": f" ({flag.note})" if flag.note else "",
                    },
                )
            )
        # A dissolved collective or proposing unit.
        if kind == SubjectKind.COLLECTIVE and unit is not None:
            found += dissolved_collective(unit)
        found += proposing_dissolved
        # Possibly the same person as someone else in the register.
        if kind != SubjectKind.COLLECTIVE and person is not None and duplicates.get(id(person)):
            labels = []
            for other in duplicates[id(person)]:
                label = f"{other.full_name} ({other.birth_year or '?'}), {other.unit.name}"
                if award_years.get(other.pk):
                    years = ", ".join(str(y) for y in sorted(award_years[other.pk]))
                    label += " – " + _("awarded in %(years)s") % {"years": years}
                labels.append(label)
            found.append(
                award._warning(
                    award.CheckCode.LIKELY_DUPLICATE,
                    _(
                        "Possibly the same person as %(people)s: same name and birth year, or "
                        "same citizen ID number. Check before proposing."
                    )
                    % {"people": award._names(labels)},
                )
            )
        results.append(sorted(found, key=lambda r: not r.is_blocking))
    return results


# -- the home page's work queue ---------------------------------------------------------------

# What waits for an officer of the holding level, and for one of the proposing unit.
_HOLDER_WAITING = (
    DossierStatus.SUBMITTED,
    DossierStatus.RECEIVED,
    DossierStatus.RESUBMITTED,
    DossierStatus.APPRAISED,
    DossierStatus.POSTED,
)
_PROPOSER_WAITING = (DossierStatus.DRAFT, DossierStatus.RETURNED)


def _waiting_roles(user) -> tuple[int, bool, bool] | None:
    """(unit id, officer, leader) of what can wait for the user; None when nothing can."""
    unit = getattr(user, "scope_root", None)
    if unit is None or not user.is_authenticated:
        return None
    return unit.pk, user.has_role(Role.OFFICER), user.has_role(Role.LEADER)


def _waiting_statuses(*, officer: bool, leader: bool) -> dict[str, tuple[str, ...]]:
    """The statuses that wait for these roles, by the unit field that must be the user's unit:
    the one rule that the queue, its size and `waiting_q` read."""
    by_field: dict[str, tuple[str, ...]] = {}
    if officer:
        by_field["current_level"] = _HOLDER_WAITING
        by_field["proposing_unit"] = _PROPOSER_WAITING
    if leader:
        by_field["current_level"] = (*by_field.get("current_level", ()), DossierStatus.COUNCIL)
    return by_field


def _waiting_q(unit_id: int, *, officer: bool, leader: bool) -> Q:
    wanted = Q(pk__in=[])
    for unit_field, statuses in _waiting_statuses(officer=officer, leader=leader).items():
        wanted |= Q(**{f"{unit_field}_id": unit_id, "status__in": statuses})
    return wanted


def waiting_q(user) -> Q | None:
    """The dossiers waiting for the user's unit and roles; None when nothing can wait for them
    (no unit). The officers of the holding level receive, appraise and forward; those of the
    proposing unit complete drafts and returned dossiers; leaders put dossiers to the vote."""
    roles = _waiting_roles(user)
    if roles is None:
        return None
    unit_id, officer, leader = roles
    return _waiting_q(unit_id, officer=officer, leader=leader)


# How many waiting dossiers the home page lists; the dossier list (?waiting=1) has them all.
QUEUE_SHOWN = 20


def _waiting_branches(*, officer: bool, leader: bool) -> list[tuple[str, str]]:
    """(unit field, status) of each kind of dossier that waits for these roles: what
    `_waiting_q` finds, one branch per status."""
    return [
        (unit_field, status)
        for unit_field, statuses in _waiting_statuses(officer=officer, leader=leader).items()
        for status in statuses
    ]


def _sql_names() -> tuple:
    """(the dossier table, the column of a dossier field), quoted, for the queue's raw SQL."""
    quote, field = connection.ops.quote_name, Dossier._meta.get_field
    return quote(Dossier._meta.db_table), lambda name: quote(field(name).column)


def _oldest_waiting(unit_id: int, branches: list[tuple[str, str]], limit: int) -> RawSQL:
    """Ids of the `limit` dossiers waiting longest, as a subquery.

    One ordered read per (unit column, status), each of at most `limit` rows, from the indexes
    (unit, status, status_changed_at, id), merged and cut to `limit`. The same with OR across
    them read and sorted every waiting dossier: at the province, thousands in a busy season.
    (Each part is wrapped in SELECT * FROM (…), as SQLite takes no LIMIT in a part of UNION.)
    """
    table, column = _sql_names()
    pk, since, status_column = column("id"), column("status_changed_at"), column("status")
    parts, params = [], []
    for n, (unit_field, status) in enumerate(branches):
        parts.append(
            f"SELECT * FROM (SELECT {pk}, {since} FROM {table} "
            f"WHERE {column(unit_field)} = %s AND {status_column} = %s "
            f"ORDER BY {since}, {pk} LIMIT %s) waiting_{n}"
        )
        params += [unit_id, status, limit]
    sql = f"SELECT {pk} FROM ({' UNION ALL '.join(parts)}) waiting ORDER BY {since}, {pk} LIMIT %s"
    return RawSQL(sql, [*params, limit], output_field=BigIntegerField())


@functools.cache
def _waiting_count_sql(officer: bool, leader: bool) -> tuple[str, list[list[str]]]:
    """SQL counting what waits, with the statuses of each unit column in their order: one
    count per unit column, from its index alone (a count with OR across the two columns read
    the table's pages of every waiting dossier)."""
    table, column = _sql_names()
    by_field = _waiting_statuses(officer=officer, leader=leader)
    counts = [
        f"(SELECT COUNT(*) FROM {table} WHERE {column(unit_field)} = %s "
        f"AND {column('status')} IN ({', '.join(['%s'] * len(statuses))}))"
        for unit_field, statuses in by_field.items()
    ]
    return "SELECT " + " + ".join(counts), [list(map(str, group)) for group in by_field.values()]


def _queue(unit_id: int, *, officer: bool, leader: bool, limit: int):
    # The page's ids first, from the indexes alone; then their rows with the joins.
    page = _oldest_waiting(unit_id, _waiting_branches(officer=officer, leader=leader), limit)
    return _for_list(Dossier.objects.filter(pk__in=page)).order_by("status_changed_at", "pk")


# The home page's queue for each set of roles, as kept statements (documents.statements).
# (With neither role nothing waits: no statement, no query.)


@functools.cache
def _queue_of(officer: bool, leader: bool, limit: int) -> Statement:
    """`.list(unit_id=…)`: the `limit` dossiers waiting longest."""

    def queue(unit_id: int):
        return _queue(unit_id, officer=officer, leader=leader, limit=limit)

    queue.__qualname__ = f"queue[officer={officer}, leader={leader}, limit={limit}]"
    return statement(queue)


def waiting_count(user) -> int:
    """How many dossiers wait for the user (the whole queue)."""
    roles = _waiting_roles(user)
    if roles is None:
        return 0
    unit_id, officer, leader = roles
    if not (officer or leader):
        return 0
    sql, statuses = _waiting_count_sql(officer, leader)
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for group in statuses for value in (unit_id, *group)])
        return cursor.fetchone()[0]


def dossier_queue(*, user, limit: int | None = None) -> list[Dossier]:
    """The `limit` (QUEUE_SHOWN) dossiers waiting longest for the user's unit and roles."""
    roles = _waiting_roles(user)
    if roles is None:
        return []
    unit_id, officer, leader = roles
    if not (officer or leader):
        return []
    return _queue_of(officer, leader, limit or QUEUE_SHOWN).list(unit_id=unit_id)


def return_request(dossier: Dossier, events) -> dict | None:
    """While `dossier` is returned for completion: what the level that returned it asked, its
    comment on the dossier (`event`, the move itself, among `events`) and on each entry
    (`entries`: events with their entry's name, in the dossier's order; all of them, also on
    a page of a large dossier that shows only some of its entries). One query."""
    if dossier.status != DossierStatus.RETURNED:
        return None
    move = next(
        (e for e in reversed(events) if e.action == Action.RETURN and e.entry_id is None), None
    )
    if move is None:
        return None
    # A level returns a dossier once (services.dossier_return_for_completion): its events.
    asked = (
        DossierEvent.objects.filter(
            dossier_id=dossier.pk,
            action=Action.RETURN,
            level_unit_id=move.level_unit_id,
            entry__isnull=False,
        )
        .select_related("entry")
        .only("comment", "entry_id", "entry__nominee_name", "entry__position")
        .order_by("entry__position", "entry_id")
    )
    return {"event": move, "entries": list(asked)}
