"""Reads of campaigns, scoped to the user: out of scope and missing are the same 404."""

from django.db.models import OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404

from accounts.selectors import unit_ids_visible_to
from campaigns.choices import ADMINISTRATIVE_KINDS, LEVEL_OF_KIND, CampaignKind, CampaignStatus
from campaigns.models import (
    LIVE_STATUSES,
    Campaign,
    CampaignIssuer,
    CampaignItem,
    DocumentRegister,
    RegisterEntry,
    Unit,
)
from campaigns.services import may_edit
from documents.collation import Vietnamese
from documents.statements import as_prefetched, statement
from documents.templatetags.vn import clip


def _ancestor_ids(unit_ids) -> set[int]:
    """Every unit above the given ones (a few queries: one per tier of the tree)."""
    found: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        parents = set(
            Unit.objects.filter(pk__in=frontier, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
        frontier = parents - found
        found |= frontier
    return found


def campaigns_visible_to(user):
    """Campaigns `user` may see: those issued in their units, and published ones that their
    units take part in or that a unit above them issued (the province's reach every staff)."""
    qs = Campaign.objects.all()
    ids = unit_ids_visible_to(user)
    if ids is None:
        return qs
    if not ids:
        return qs.none()
    issued_here = CampaignIssuer.objects.filter(unit_id__in=ids).values("campaign_id")
    issued_above = CampaignIssuer.objects.filter(unit_id__in=_ancestor_ids(ids)).values(
        "campaign_id"
    )
    taking_part = Campaign.participating_units.through.objects.filter(unit_id__in=ids).values(
        "campaign_id"
    )
    return qs.filter(
        Q(pk__in=issued_here)
        | Q(status__in=LIVE_STATUSES) & (Q(pk__in=issued_above) | Q(pk__in=taking_part))
    )


def menu_label(title: str, issuer: str, length: int) -> str:
    """A campaign in a menu: its title cut to `length` and its lead issuer. The plans of a
    cascade often share their title ("… Kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh" of the
    province, of district Cao Lộc and of commune Cao Lâu): only the issuer tells them apart."""
    title = clip(title, length)
    return f"{title} – {issuer}" if issuer else title


def lead_issuer_name():
    """The name of a campaign's first issuer as documents cite it ("UBND huyện Cao Lộc"), or
    its unit's name, as a subquery on the campaign. The unit's name is read by its key in a
    subquery of its own, not joined: a join hashed the whole unit table for every campaign of
    a menu (1.5 ms for the dossier list's 50 campaigns, against 0.1 ms)."""
    unit_name = Unit.objects.filter(pk=OuterRef("unit_id")).order_by().values("name")[:1]
    return Subquery(
        CampaignIssuer.objects.filter(campaign=OuterRef("pk"))
        .order_by("position", "pk")
        .annotate(name=Coalesce(NullIf("short_name", Value("")), Subquery(unit_name)))
        .values("name")[:1]
    )


def lead_issuer_unit_id():
    """The unit of a campaign's first issuer, as a subquery on the campaign."""
    return Subquery(
        CampaignIssuer.objects.filter(campaign=OuterRef("pk"))
        .order_by("position", "pk")
        .values("unit_id")[:1]
    )


def with_issuer_name(qs):
    """`qs` with each campaign's lead issuer as `issuer_name` (for `choice_label`)."""
    return qs.annotate(issuer_name=lead_issuer_name())


def choice_label(campaign) -> str:
    """A campaign of `with_issuer_name` in a form's menu (ModelChoiceField.label_from_instance)."""
    return menu_label(campaign.title, getattr(campaign, "issuer_name", None) or "", 120)


def campaign_menu(qs, length: int = 90) -> list[tuple[int, str]]:
    """(pk, label) of the campaigns of `qs` in its order, each labelled by `menu_label`; one
    query."""
    rows = with_issuer_name(qs).values_list("pk", "title", "issuer_name")
    return [(pk, menu_label(title, issuer or "", length)) for pk, title, issuer in rows]


def _with_header(qs):
    return qs.select_related("doc_type").prefetch_related(
        Prefetch("issuer_rows", queryset=CampaignIssuer.objects.select_related("unit"))
    )


def campaign_list(*, user, params) -> "tuple":
    """The staff list with its filters: year, level, kind, status, issuer, q (no diacritics)."""
    return _with_header(campaigns_filtered(user=user, params=params))


def campaigns_filtered(*, user, params):
    """The campaigns of the staff list, filtered, without the rows' header: the list page
    takes its page's ids from it, then the rows by id (`campaign_rows_by_id`)."""
    return _filtered(campaigns_visible_to(user), params)


# What a row of the campaign tables prints: of a campaign, not its pages of text.
_ROW_FIELDS = (
    "number",
    "title",
    "kind",
    "status",
    "issue_year",
    "issue_month",
    "issue_day",
    "doc_type",
)


@statement
def _campaigns_by_id(ids: list[int]):
    return (
        Campaign.objects.filter(pk__in_array=ids)
        .select_related("doc_type")
        .only(*_ROW_FIELDS)
        .order_by()
    )


@statement
def _issuer_rows_of(ids: list[int]):
    # Each campaign's rows in their order (the default ordering, "campaign" first, would join
    # the campaigns to sort by their own ordering).
    return (
        CampaignIssuer.objects.filter(campaign_id__in_array=ids)
        .select_related("unit")
        .order_by("position", "pk")
    )


def campaign_rows_by_id(ids: list[int]) -> list[Campaign]:
    """Rows of a campaign table by id, with their issuers (`_with_header`), through kept
    statements: a page of the list, whose ids the filters found."""
    campaigns = _campaigns_by_id.list(ids=ids)
    issuers = {campaign.pk: [] for campaign in campaigns}
    for row in _issuer_rows_of.list(ids=ids):
        issuers[row.campaign_id].append(row)
    for campaign in campaigns:
        as_prefetched(campaign, "issuer_rows", issuers[campaign.pk])
    return campaigns


def _filtered(qs, params):
    if (year := (params.get("year") or "").strip()).isdigit():
        year = int(year)
        qs = qs.filter(Q(issue_year=year) | Q(issue_year__isnull=True, period_start__year=year))
    if level := params.get("level"):
        kinds = [kind for kind, lvl in LEVEL_OF_KIND.items() if lvl == level]
        if kinds:
            units = Unit.objects.filter(
                Q(kind__in=kinds) | Q(parent__kind__in=kinds) & ~Q(kind__in=ADMINISTRATIVE_KINDS)
            )
            qs = qs.filter(
                pk__in=CampaignIssuer.objects.filter(unit__in=units).values("campaign_id")
            )
    if (kind := params.get("kind")) in CampaignKind.values:
        qs = qs.filter(kind=kind)
    if (status := params.get("status")) in CampaignStatus.values:
        qs = qs.filter(status=status)
    if (issuer := (params.get("issuer") or "").strip()).isdigit():
        qs = qs.filter(pk__in=CampaignIssuer.objects.filter(unit_id=issuer).values("campaign_id"))
    if q := (params.get("q") or "").strip():
        qs = qs.search(q)
    return qs


def public_campaign_list(*, params):
    return _filtered(_with_header(Campaign.objects.live()).only(*_ROW_FIELDS), params)


def issuer_choices(qs) -> list[tuple[int, str]]:
    """(pk, name) of the units that issued any of `qs`, for the issuer filter (one query)."""
    return list(_issuers_of(qs.values("pk")).values_list("pk", "name"))


def _issuers_of(campaigns):
    return Unit.objects.filter(
        pk__in=CampaignIssuer.objects.filter(campaign__in=campaigns).values("unit_id")
    ).order_by(Vietnamese("name"))


@statement
def _issuers_of_every_campaign():
    return _issuers_of(Campaign.objects.values("pk")).values_list("pk", "name")


def issuer_choices_for(user) -> list[tuple[int, str]]:
    """The issuer filter of the campaigns `user` may see; for those who see every campaign,
    through a kept statement (documents.statements)."""
    if unit_ids_visible_to(user) is None:
        return _issuers_of_every_campaign.list()
    return issuer_choices(campaigns_visible_to(user))


def _full(qs):
    return (
        _with_header(qs)
        .select_related("parent__doc_type")
        .prefetch_related(
            "parent__issuer_rows__unit",
            "occasions",
            "sections",
            Prefetch("items", queryset=CampaignItem.objects.prefetch_related("targets")),
            "tasks__unit",
            "recipients__unit",
            "participating_units",
        )
    )


def campaign_visible_or_404(*, user, pk: int) -> Campaign:
    try:
        return _full(campaigns_visible_to(user)).get(pk=pk)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc


def campaign_editable_or_404(*, user, pk: int) -> Campaign:
    """The campaign if `user` may change it; 404 otherwise (do not reveal what they cannot edit)."""
    campaign = campaign_visible_or_404(user=user, pk=pk)
    if not may_edit(campaign=campaign, actor=user):
        raise Http404
    return campaign


def public_campaign_or_404(*, pk: int) -> Campaign:
    try:
        return _full(Campaign.objects.live()).get(pk=pk)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc


def campaign_chain(*, campaign: Campaign, user=None) -> tuple[list[Campaign], list[Campaign]]:
    """The campaigns above (farthest first) and the children below, as `user` may see them."""
    above: list[Campaign] = []
    node = campaign.parent
    seen = {campaign.pk}
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        above.append(node)
        node = _with_header(Campaign.objects.filter(pk=node.parent_id)).first()
    above.reverse()
    children = campaigns_visible_to(user) if user is not None else Campaign.objects.live()
    below = list(_with_header(children.filter(parent=campaign)).order_by("pk"))
    return above, below


def register_entries(*, register: DocumentRegister):
    return RegisterEntry.objects.filter(register=register).order_by("number")


def number_taken(*, unit: Unit, doc_type, year: int, number: int, exclude_pk=None) -> bool:
    """Whether `number` is already held in the register (unit, type, year) by another object."""
    qs = RegisterEntry.objects.filter(
        register__unit=unit, register__doc_type=doc_type, register__year=year, number=number
    )
    if exclude_pk is not None:
        qs = qs.exclude(object_type="campaigns.campaign", object_id=exclude_pk)
    return qs.exists()


def campaign_document(*, campaign: Campaign):
    """The Nghị định 30 frame of the campaign's document (header, number, signer, Nơi nhận)."""
    from documents.layout import Issuer, OfficialDocument, Signer
    from documents.vietnamese import place_date

    recipients = [str(r) for r in campaign.recipients.all()]
    recipients = [
        line.rstrip(";.") + ("." if i == len(recipients) - 1 else ";")
        for i, line in enumerate(recipients)
    ]
    return OfficialDocument(
        issuers=[
            Issuer(name=row.header_name or str(row.unit), parent_name=row.header_parent)
            for row in campaign.issuer_list
        ]
        or [Issuer(name="—")],
        number_line=f"Số: {campaign.number_text}",
        place_date_line=place_date(
            campaign.place,
            campaign.issue_date,
            month=campaign.issue_month,
            year=campaign.issue_year,
        ),
        type_name=campaign.doc_type.name,
        title_lines=[campaign.title],
        recipients=recipients,
        signer=Signer(mode_lines=campaign.signer_lines, name=campaign.signer_name),
        draft=not campaign.is_live,
    )
