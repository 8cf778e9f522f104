"""Reads of nominations, scoped to the user: out of scope and missing are the same 404."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from accounts.choices import Role
from accounts.selectors import unit_ids_visible_to
from awards.checks import PendingProposals, award_checks
from awards.choices import SubjectKind
from campaigns.choices import CampaignStatus
from campaigns.selectors import campaigns_visible_to
from documents.text import fold
from nominations.choices import ACTIVE_ENTRY_STATUSES, DossierStatus
from nominations.models import Attachment, Dossier, DossierEvent, Entry, EntryReview
from nominations.routing import routing_date


def _scope_q(user) -> Q | None:
    """A unit sees the dossiers it proposed and those held at its level or below."""
    ids = unit_ids_visible_to(user)
    if ids is None:
        return None
    return Q(proposing_unit_id__in=ids) | Q(current_level_id__in=ids)


def dossiers_visible_to(user):
    qs = Dossier.objects.all()
    scope = _scope_q(user)
    if scope is None:
        return qs
    if not unit_ids_visible_to(user):
        return qs.none()
    return qs.filter(scope)


def _for_list(qs):
    return qs.select_related("campaign", "proposing_unit", "current_level", "created_by").annotate(
        entry_count=Count("entries", distinct=True)
    )


def dossier_list(*, user, params):
    """The staff list: filters campaign, status, year; `q` finds a number or a nominee's name
    without diacritics."""
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
    return _for_list(qs).order_by("-created_at", "-pk")


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
        .prefetch_related("issuer_rows__unit")
        .order_by("-issue_year", "title")
    )


def dossier_filter_campaigns(user):
    """Campaigns that have dossiers the user may see (the list's campaign filter)."""
    from campaigns.models import Campaign

    ids = dossiers_visible_to(user).values("campaign_id")
    return Campaign.objects.filter(pk__in=ids).order_by("title")


def _entries_prefetch():
    return Prefetch(
        "entries",
        queryset=Entry.objects.select_related(
            "person__unit", "unit", "requested_form", "proposed_form", "forwarded_from__dossier"
        )
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=EntryReview.objects.select_related(
                    "unit", "reviewer", "form_before", "form_after"
                ),
            ),
            Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at")),
        )
        .order_by("position", "pk"),
    )


def dossier_visible_or_404(*, user, pk: int) -> Dossier:
    try:
        return (
            dossiers_visible_to(user)
            .select_related(
                "campaign", "proposing_unit", "current_level", "created_by", "forwarded_from"
            )
            .prefetch_related(
                _entries_prefetch(),
                Prefetch(
                    "events",
                    queryset=DossierEvent.objects.select_related("actor", "entry", "level_unit"),
                ),
                Prefetch(
                    "attachments",
                    queryset=Attachment.objects.filter(entry__isnull=True).select_related(
                        "uploaded_by"
                    ),
                    to_attr="dossier_attachments",
                ),
                "forwarded_dossiers",
            )
            .get(pk=pk)
        )
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc


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


def dossier_queue(*, user, limit: int = 50) -> list[Dossier]:
    """Dossiers waiting for the user's unit and roles, oldest first."""
    unit = getattr(user, "scope_root", None)
    if unit is None or not user.is_authenticated:
        return []
    wanted = Q(pk__in=[])
    if user.has_role(Role.OFFICER):
        wanted |= Q(current_level=unit, status__in=_HOLDER_WAITING)
        wanted |= Q(proposing_unit=unit, status__in=_PROPOSER_WAITING)
    if user.has_role(Role.LEADER):
        wanted |= Q(current_level=unit, status=DossierStatus.COUNCIL)
    return list(
        _for_list(Dossier.objects.filter(wanted)).order_by("status_changed_at", "pk")[:limit]
    )
