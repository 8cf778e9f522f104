"""Statistics of the dashboard and of the campaign summary: every figure is an SQL aggregate
(values/annotate/aggregate with Count, Sum, Avg and TruncMonth); Python only shapes the few
aggregated rows into charts. Scope: the user's units (accounts.selectors), narrowed by the
filters; a campaign or unit outside the user's scope is the same 404 as a missing one."""

import dataclasses
import datetime

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Round, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import unit_ids_visible_to
from awards.choices import AuthorityLevel, Gender, SubjectKind
from awards.models import Award, AwardForm, CampaignAward
from campaigns.choices import LEVEL_OF_KIND, UnitLevel
from campaigns.models import Campaign, ItemTarget, Unit, UnitSuccession
from campaigns.models.units import in_force_q
from campaigns.selectors import (
    campaign_menu,
    campaigns_visible_to,
    lead_issuer_unit_id,
    with_issuer_name,
)
from decisions.choices import DecisionStatus
from decisions.models import Decision
from documents.collation import Vietnamese
from documents.text import fold
from nominations.choices import ACTIVE_ENTRY_STATUSES, DossierStatus, EntryStatus
from nominations.deadlines import overdue_q
from nominations.models import Dossier, Entry
from nominations.selectors import dossiers_visible_to
from reports.models import TargetResult, WorkerKeyword

COMMUNE_KINDS = [kind for kind, level in LEVEL_OF_KIND.items() if level == UnitLevel.COMMUNE]
# How many units and campaigns the dashboard charts before it stops (the Excel export has all).
TOP_UNITS = 12
TOP_CAMPAIGNS = 10
ROW_HEIGHT = 42  # SVG units per bar: a label line and a bar

# -- scope and filters ---------------------------------------------------------------------------


def subtree_ids(unit: Unit) -> frozenset[int] | None:
    """`unit`, every unit below it in any era, and the units they replaced (lineage), as
    accounts.selectors scopes a user; None for a root (the province: everything)."""
    if unit.parent_id is None:
        return None
    ids = {unit.pk}
    frontier = set(ids)
    while frontier:
        below = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        replaced = set(
            UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
                "predecessor_id", flat=True
            )
        )
        frontier = (below | replaced) - ids
        ids |= frontier
    return frozenset(ids)


def _intersect(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


@dataclasses.dataclass
class Filters:
    """The dashboard's filters, already checked against the user's scope."""

    year: int | None = None
    campaign: Campaign | None = None
    unit: Unit | None = None
    level: str = ""
    # The units the figures cover: the user's scope, narrowed to `unit`; None = every unit.
    unit_ids: frozenset[int] | None = None

    @property
    def reference_date(self) -> datetime.date:
        """The day the tree of communes is read on: the end of the year, or today."""
        today = timezone.localdate()
        if self.year and self.year < today.year:
            return datetime.date(self.year, 12, 31)
        return today

    def as_params(self) -> dict[str, str]:
        params = {}
        if self.year:
            params["year"] = str(self.year)
        if self.campaign:
            params["campaign"] = str(self.campaign.pk)
        if self.unit:
            params["unit"] = str(self.unit.pk)
        if self.level:
            params["level"] = self.level
        return params


def _int(params, name: str) -> int | None:
    value = str(params.get(name, "") or "").strip()
    return int(value) if value.isdigit() else None


def filters_from(*, user, params) -> Filters:
    """Read year, campaign, unit and level from a query string; out of scope is a 404."""
    visible = unit_ids_visible_to(user)
    filters = Filters(unit_ids=visible)
    year = _int(params, "year")
    if year and 1900 <= year <= 2999:
        filters.year = year
    if (campaign_id := _int(params, "campaign")) is not None:
        campaign = (
            with_issuer_name(campaigns_visible_to(user))
            .annotate(issuer_unit_id=lead_issuer_unit_id())
            .filter(pk=campaign_id)
            .first()
        )
        if campaign is None:
            raise Http404
        filters.campaign = campaign
    if (unit_id := _int(params, "unit")) is not None:
        if visible is not None and unit_id not in visible:
            raise Http404
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is None:
            raise Http404
        filters.unit = unit
        filters.unit_ids = _intersect(visible, subtree_ids(unit))
    if params.get("level") in AuthorityLevel.values:
        filters.level = params["level"]
    return filters


def _in(ids, field: str) -> Q:
    return Q() if ids is None else Q(**{f"{field}__in": ids})


def dossiers_for(*, user, filters: Filters):
    qs = dossiers_visible_to(user)
    if filters.unit is not None:
        qs = qs.filter(_in(filters.unit_ids, "proposing_unit_id"))
    if filters.campaign:
        qs = qs.filter(campaign=filters.campaign)
    if filters.year:
        qs = qs.filter(
            Q(date__year=filters.year) | Q(date__isnull=True, created_at__year=filters.year)
        )
    return qs


def entries_for(*, user, filters: Filters):
    dossiers = dossiers_for(user=user, filters=filters)
    # Every entry has a dossier: when the dossiers are all of them (the province, no filter),
    # the entries are not matched against a list of every dossier.
    qs = (
        Entry.objects.filter(dossier__in=dossiers.values("pk"))
        if dossiers.query.where
        else Entry.objects.all()
    )
    if filters.level:
        qs = qs.filter(proposed_form__authority_level=filters.level)
    return qs


def decisions_for(*, filters: Filters):
    qs = Decision.objects.filter(_in(filters.unit_ids, "issuer_id"))
    if filters.campaign:
        qs = qs.filter(campaign=filters.campaign)
    if filters.year:
        qs = qs.filter(
            Q(date__year=filters.year) | Q(date__isnull=True, created_at__year=filters.year)
        )
    if filters.level:
        qs = qs.filter(form__authority_level=filters.level)
    return qs


def awards_for(*, filters: Filters):
    """Standing (not revoked) register rows of the units in scope."""
    qs = Award.objects.standing().filter(_in(filters.unit_ids, "unit_id"))
    if filters.campaign:
        qs = qs.filter(campaign=filters.campaign)
    if filters.year:
        qs = qs.filter(decision_date__year=filters.year)
    if filters.level:
        qs = qs.filter(form__authority_level=filters.level)
    return qs


# -- charts ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Bar:
    label: str
    value: int
    width: float = 0.0  # percent of the longest bar
    percent: float = 0.0  # percent of the total


@dataclasses.dataclass
class Chart:
    """A horizontal bar chart and the table printed beside it."""

    key: str
    title: str
    bars: list[Bar]
    value_label: str = ""
    total: int = 0

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW_HEIGHT

    @property
    def rows(self) -> list[dict]:
        """Bars with their SVG coordinates, as strings with a dot (the template would localise
        numbers to "50,5", which SVG does not read): the label above, the bar below, the value
        after the bar. Bars take at most 80 % of the width, leaving room for the value."""
        rows = []
        for i, bar in enumerate(self.bars):
            top = i * ROW_HEIGHT
            width = 0.8 * bar.width
            rows.append(
                {
                    "bar": bar,
                    "label": bar.label if len(bar.label) <= 40 else bar.label[:39] + "…",
                    "text_y": str(top + 15),
                    "bar_y": str(top + 20),
                    "width": f"{max(width, 0.5):.1f}%",
                    "value_x": f"{width + 1.5:.1f}%",
                    "value_y": str(top + 33),
                }
            )
        return rows


def chart(key: str, title: str, pairs, *, value_label: str = "", total=None) -> Chart:
    pairs = [(str(label), int(value or 0)) for label, value in pairs]
    biggest = max((v for _l, v in pairs), default=0)
    total = sum(v for _l, v in pairs) if total is None else total
    bars = [
        Bar(
            label=label,
            value=value,
            width=round(100 * value / biggest, 1) if biggest else 0.0,
            percent=round(100 * value / total, 1) if total else 0.0,
        )
        for label, value in pairs
    ]
    return Chart(key=key, title=title, bars=bars, value_label=value_label, total=total)


def _by_choice(counts: dict, choices) -> list[tuple[str, int]]:
    """Counts in the order of a TextChoices, skipping the empty ones."""
    return [(label, counts[value]) for value, label in choices.choices if counts.get(value)]


def share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


# -- fairness ----------------------------------------------------------------------------------


def worker_q(prefix: str = "person__position") -> Q:
    """Positions naming a direct worker or farmer (WorkerKeyword, case-insensitive match)."""
    words = list(WorkerKeyword.objects.filter(active=True).values_list("keyword", flat=True))
    q = Q(pk__in=[])
    for word in words:
        q |= Q(**{f"{prefix}__icontains": word})
    return q


def minority_q(prefix: str = "person__ethnicity") -> Q:
    """Recorded ethnicity other than Kinh (the majority); an empty ethnicity is unknown."""
    return ~Q(**{prefix: ""}) & ~Q(**{f"{prefix}__iexact": "Kinh"})


@dataclasses.dataclass
class Fairness:
    awards: int
    individuals: int
    collectives: int
    households: int
    women: int
    gender_unknown: int
    minorities: int
    ethnicity_unknown: int
    workers: int
    communes_reached: int
    communes_total: int

    @property
    def rows(self) -> list[dict]:
        n = self.individuals
        return [
            {"label": _("Women"), "count": self.women, "of": n, "percent": share(self.women, n)},
            {
                "label": _("Ethnic minorities (not Kinh)"),
                "count": self.minorities,
                "of": n,
                "percent": share(self.minorities, n),
            },
            {
                "label": _("Direct workers and farmers"),
                "count": self.workers,
                "of": n,
                "percent": share(self.workers, n),
            },
            {
                "label": _("Households"),
                "count": self.households,
                "of": self.awards,
                "percent": share(self.households, self.awards),
            },
            {
                "label": _("Communes and wards reached"),
                "count": self.communes_reached,
                "of": self.communes_total,
                "percent": share(self.communes_reached, self.communes_total),
            },
        ]


def fairness(*, filters: Filters, awards=None) -> Fairness:
    """Women, ethnic minorities, direct workers and farmers among individual awards; households
    among all; communes reached among the communes in scope in force on the reference date."""
    awards = awards_for(filters=filters) if awards is None else awards
    on = filters.reference_date
    individual = Q(subject_kind=SubjectKind.INDIVIDUAL)
    commune_in_force = Q(unit__kind__in=COMMUNE_KINDS) & in_force_q(on, "unit__")
    figures = awards.aggregate(
        awards=Count("pk"),
        individuals=Count("pk", filter=individual),
        collectives=Count("pk", filter=Q(subject_kind=SubjectKind.COLLECTIVE)),
        households=Count("pk", filter=Q(subject_kind=SubjectKind.HOUSEHOLD)),
        women=Count("pk", filter=individual & Q(person__gender=Gender.FEMALE)),
        gender_unknown=Count("pk", filter=individual & Q(person__gender="")),
        minorities=Count("pk", filter=individual & minority_q()),
        ethnicity_unknown=Count("pk", filter=individual & Q(person__ethnicity="")),
        workers=Count("pk", filter=individual & worker_q()),
    )
    # Apart: a COUNT(DISTINCT) inside the aggregate above sorted every award and doubled its
    # time; the distinct communes of the awards alone are cheap.
    figures["communes_reached"] = (
        awards.filter(commune_in_force).order_by().values("unit_id").distinct().count()
    )
    communes_total = (
        Unit.objects.filter(kind__in=COMMUNE_KINDS)
        .in_force(on)
        .filter(_in(filters.unit_ids, "pk"))
        .count()
    )
    return Fairness(**figures, communes_total=communes_total)


# -- campaigns: who proposed, quotas -----------------------------------------------------------


@dataclasses.dataclass
class CampaignRow:
    campaign: Campaign
    participants: int
    proposed: int
    awards: int
    # The campaign's first issuer, whose summary (tổng kết) the row links to.
    issuer_id: int | None = None

    @property
    def not_proposed(self) -> int:
        return max(0, self.participants - self.proposed)

    @property
    def percent(self) -> float:
        return share(self.proposed, self.participants)


def _proposed_exists(campaign_field: str = "campaign_id", unit_field: str = "unit_id"):
    return Exists(
        Dossier.objects.filter(
            campaign_id=OuterRef(campaign_field), proposing_unit_id=OuterRef(unit_field)
        ).exclude(status=DossierStatus.DRAFT)
    )


def campaign_rows(*, user, filters: Filters) -> list[CampaignRow]:
    """Per campaign: participating units in scope, how many sent a dossier, awards granted."""
    if filters.campaign:
        campaigns = [filters.campaign]
    else:
        qs = campaigns_visible_to(user).live()
        if filters.year:
            qs = qs.filter(
                Q(issue_year=filters.year)
                | Q(issue_year__isnull=True, period_start__year=filters.year)
            )
        campaigns = list(
            with_issuer_name(qs)
            .annotate(issuer_unit_id=lead_issuer_unit_id())
            .order_by("-issue_year", "-pk")[:TOP_CAMPAIGNS]
        )
    ids = [c.pk for c in campaigns]
    through = Campaign.participating_units.through.objects.filter(
        _in(filters.unit_ids, "unit_id"), campaign_id__in=ids
    )
    participants = dict(
        through.values("campaign_id").annotate(n=Count("unit_id")).values_list("campaign_id", "n")
    )
    proposed = dict(
        through.filter(_proposed_exists())
        .values("campaign_id")
        .annotate(n=Count("unit_id"))
        .values_list("campaign_id", "n")
    )
    awards = dict(
        awards_for(filters=dataclasses.replace(filters, campaign=None))
        .filter(campaign_id__in=ids)
        .values("campaign_id")
        .annotate(n=Count("pk"))
        .values_list("campaign_id", "n")
    )
    return [
        CampaignRow(
            c,
            participants.get(c.pk, 0),
            proposed.get(c.pk, 0),
            awards.get(c.pk, 0),
            c.issuer_unit_id,
        )
        for c in campaigns
    ]


def units_not_proposed(*, campaign: Campaign, filters: Filters):
    """Participating units in scope that have sent no dossier for `campaign`."""
    return (
        Unit.objects.filter(
            pk__in=Campaign.participating_units.through.objects.filter(
                _in(filters.unit_ids, "unit_id"), campaign_id=campaign.pk
            )
            .exclude(_proposed_exists())
            .values("unit_id")
        )
        .only("pk", "name")
        .order_by(Vietnamese("name"))
    )


@dataclasses.dataclass
class QuotaRow:
    form: AwardForm
    quota: int | None
    proposed: int
    awarded: int

    @property
    def percent(self) -> float | None:
        return share(self.proposed, self.quota) if self.quota else None

    @property
    def over(self) -> bool:
        return bool(self.quota) and self.proposed > self.quota


def quota_rows(*, campaign: Campaign) -> list[QuotaRow]:
    """Each form the campaign offers: its quota, the entries proposed (active, submitted;
    forwarded copies counted once) and the awards granted, over the whole campaign."""
    offers = list(
        CampaignAward.objects.filter(campaign=campaign).select_related("form").order_by("order")
    )
    proposed = dict(
        Entry.objects.filter(campaign=campaign, status__in=ACTIVE_ENTRY_STATUSES)
        .exclude(dossier__status=DossierStatus.DRAFT)
        .values("proposed_form_id")
        .annotate(n=Count("pk"))
        .values_list("proposed_form_id", "n")
    )
    awarded = dict(
        Award.objects.standing()
        .filter(campaign=campaign)
        .values("form_id")
        .annotate(n=Count("pk"))
        .values_list("form_id", "n")
    )
    return [
        QuotaRow(o.form, o.quota, proposed.get(o.form_id, 0), awarded.get(o.form_id, 0))
        for o in offers
    ]


# -- the dashboard -----------------------------------------------------------------------------


def _counts(qs, field: str) -> dict:
    return dict(qs.values(field).annotate(n=Count("pk")).order_by().values_list(field, "n"))


def dashboard(*, user, filters: Filters) -> dict:
    """Every figure of the staff dashboard (about 20 queries, whatever the number of rows)."""
    dossiers = dossiers_for(user=user, filters=filters)
    if filters.level:
        dossiers = dossiers.filter(
            Exists(
                Entry.objects.filter(
                    dossier_id=OuterRef("pk"), proposed_form__authority_level=filters.level
                )
            )
        )
    dossier_counts = _counts(dossiers, "status")
    entry_counts = _counts(entries_for(user=user, filters=filters), "status")
    overdue = dossiers.filter(overdue_q()).count()

    decisions = decisions_for(filters=filters).values("status").order_by()
    decision_rows = {
        row["status"]: row
        for row in decisions.annotate(
            n=Count("pk", distinct=True), awardees=Count("decision_awards")
        )
    }

    awards = awards_for(filters=filters)
    by_form = (
        awards.values("form__name", "form__order")
        .annotate(n=Count("pk"))
        .order_by("form__order", "form__name")
    )
    by_level = _counts(awards, "form__authority_level")
    by_unit = list(
        awards.values("unit__name")
        .annotate(n=Count("pk"))
        .order_by("-n", Vietnamese("unit__name"))[:TOP_UNITS]
    )
    by_month = (
        awards.annotate(month=TruncMonth("decision_date"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    fair = fairness(filters=filters, awards=awards)
    total_awards = fair.awards

    issued = decision_rows.get(DecisionStatus.ISSUED, {})
    drafts = decision_rows.get(DecisionStatus.DRAFT, {})
    charts = [
        chart(
            "dossiers",
            _("Dossiers by stage"),
            _by_choice(dossier_counts, DossierStatus),
            value_label=_("Dossiers"),
        ),
        chart(
            "entries",
            _("Entries by stage"),
            _by_choice(entry_counts, EntryStatus),
            value_label=_("Entries"),
        ),
        chart(
            "forms",
            _("Awards by form"),
            [(row["form__name"], row["n"]) for row in by_form],
            value_label=_("Awards"),
        ),
        chart(
            "levels",
            _("Awards by deciding level"),
            _by_choice(by_level, AuthorityLevel),
            value_label=_("Awards"),
        ),
        chart(
            "units",
            _("Awards by unit (most first)"),
            [(row["unit__name"], row["n"]) for row in by_unit],
            value_label=_("Awards"),
            total=total_awards,
        ),
        chart(
            "months",
            _("Awards by month"),
            [(f"{row['month']:%m/%Y}", row["n"]) for row in by_month if row["month"]],
            value_label=_("Awards"),
        ),
    ]
    campaigns = campaign_rows(user=user, filters=filters)
    selected = filters.campaign
    return {
        "totals": {
            "dossiers": sum(dossier_counts.values()),
            "entries": sum(entry_counts.values()),
            "overdue": overdue,
            "decisions_issued": issued.get("n", 0),
            "decisions_draft": drafts.get("n", 0),
            "awardees_issued": issued.get("awardees", 0),
            "awards": total_awards,
        },
        "charts": charts,
        "fairness": fair,
        "campaigns": campaigns,
        "not_proposed": (
            list(units_not_proposed(campaign=selected, filters=filters)) if selected else []
        ),
        "quotas": quota_rows(campaign=selected) if selected else [],
    }


# -- the campaign summary (tổng kết) -------------------------------------------------------------


def campaign_family_ids(campaign: Campaign) -> list[int]:
    """The campaign and the plans that implement it, down the cascade (one query per tier)."""
    ids = [campaign.pk]
    frontier = [campaign.pk]
    while frontier:
        frontier = list(
            Campaign.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids += frontier
    return ids


def _met_q() -> Q:
    """A result meets its target, by the target's comparator (read from ItemTarget)."""
    value = "results__value"
    return (
        Q(comparator="gte", **{f"{value}__gte": F("value")})
        | Q(comparator="gt", **{f"{value}__gt": F("value")})
        | Q(comparator="eq", **{value: F("value")})
        | Q(comparator="lte", **{f"{value}__lte": F("value")})
        | Q(comparator="lt", **{f"{value}__lt": F("value")})
        | Q(comparator="range", **{f"{value}__gte": F("value"), f"{value}__lte": F("value_max")})
    )


def target_figures(*, campaign: Campaign, unit_ids):
    """The campaign's targets with the units' results aggregated: units reported, units that
    met the target, total and average of the values."""
    in_scope = Q() if unit_ids is None else Q(results__unit_id__in=unit_ids)
    return (
        ItemTarget.objects.filter(item__campaign=campaign)
        .select_related("item")
        .annotate(
            reported=Count("results", filter=in_scope),
            met=Count("results", filter=in_scope & _met_q()),
            total=Sum("results__value", filter=in_scope),
            average=Round(Avg("results__value", filter=in_scope), 2),
        )
        .order_by("item__position", "item__pk", "position", "pk")
    )


@dataclasses.dataclass
class FormUnitTable:
    """Awards by form and by unit: one row per unit, one column per form."""

    forms: list[str]
    rows: list[dict]  # {"unit": name, "counts": [n per form], "total": n}
    totals: list[int]

    @property
    def grand_total(self) -> int:
        return sum(self.totals)


def summary_awards(*, campaign: Campaign, unit_ids):
    """Standing awards of the campaign and of the plans implementing it, in scope."""
    return Award.objects.standing().filter(
        _in(unit_ids, "unit_id"), campaign_id__in=campaign_family_ids(campaign)
    )


def awards_by_form(awards) -> list[dict]:
    return list(
        awards.values("form__name", "form__order")
        .annotate(
            collectives=Count("pk", filter=Q(subject_kind=SubjectKind.COLLECTIVE)),
            individuals=Count("pk", filter=Q(subject_kind=SubjectKind.INDIVIDUAL)),
            households=Count("pk", filter=Q(subject_kind=SubjectKind.HOUSEHOLD)),
            total=Count("pk"),
            amount=Sum("amount"),
        )
        .order_by("form__order", "form__name")
    )


def awards_by_form_and_unit(awards) -> FormUnitTable:
    cells = list(
        awards.values("unit__name", "form__name", "form__order")
        .annotate(n=Count("pk"))
        .order_by(Vietnamese("unit__name"), "form__order", "form__name")
    )
    forms: list[str] = []
    for cell in sorted(cells, key=lambda c: (c["form__order"], c["form__name"])):
        if cell["form__name"] not in forms:
            forms.append(cell["form__name"])
    by_unit: dict[str, list[int]] = {}
    for cell in cells:
        counts = by_unit.setdefault(cell["unit__name"], [0] * len(forms))
        counts[forms.index(cell["form__name"])] += cell["n"]
    rows = [
        {"unit": unit, "counts": counts, "total": sum(counts)} for unit, counts in by_unit.items()
    ]
    totals = [sum(row["counts"][i] for row in rows) for i in range(len(forms))]
    return FormUnitTable(forms=forms, rows=rows, totals=totals)


def summary_figures(*, campaign: Campaign, unit_ids) -> dict:
    """Everything the summary page and its PDF print (about 8 queries)."""
    awards = summary_awards(campaign=campaign, unit_ids=unit_ids)
    results = TargetResult.objects.filter(target__item__campaign=campaign).filter(
        _in(unit_ids, "unit_id")
    )
    participants = Campaign.participating_units.through.objects.filter(
        _in(unit_ids, "unit_id"), campaign_id=campaign.pk
    )
    by_form = awards_by_form(awards)
    return {
        "targets": list(target_figures(campaign=campaign, unit_ids=unit_ids)),
        "units_reporting": results.values("unit_id").distinct().count(),
        "participants": participants.count(),
        "awards_by_form": by_form,
        "awards_total": sum(row["total"] for row in by_form),
        "amount_total": sum(row["amount"] or 0 for row in by_form),
        "by_unit": awards_by_form_and_unit(awards),
    }


def unit_results(*, campaign: Campaign, unit: Unit):
    """A unit's results against each target of the campaign (for its entry form)."""
    return (
        ItemTarget.objects.filter(item__campaign=campaign)
        .select_related("item")
        .order_by("item__position", "item__pk", "position", "pk")
    ), {
        r.target_id: r
        for r in TargetResult.objects.filter(target__item__campaign=campaign, unit=unit)
    }


# -- the public honour roll ------------------------------------------------------------------


def honour_roll(*, params):
    """Standing awards, searchable without diacritics, by campaign, year and unit. Only the
    columns the page prints are read: the person's birth date, ID number and phone never
    leave the database."""
    qs = Award.objects.standing()
    if (campaign := _int(params, "campaign")) is not None:
        qs = qs.filter(campaign_id=campaign, campaign__status__in=_live_statuses())
    if (year := _int(params, "year")) is not None:
        qs = qs.filter(decision_date__year=year)
    if (unit := _int(params, "unit")) is not None:
        qs = qs.filter(Q(unit_id=unit) | Q(unit__parent_id=unit))
    for word in fold(str(params.get("q", ""))).split():
        qs = qs.filter(recipient_name_folded__contains=word)
    # Rows as dictionaries of what the page prints (no model instances: fifty a page, each
    # with its form, unit and person, cost more to build than the page's query).
    return qs.values(
        "recipient_name", "subject_kind", "person__position", "unit__name", "form__name"
    ).order_by("-decision_date", "recipient_name_folded", "pk")


def _live_statuses():
    from campaigns.models import LIVE_STATUSES

    return LIVE_STATUSES


def honour_roll_choices() -> dict:
    """The filter menus as (value, label) pairs: live campaigns and units with awards, and the
    years (3 queries)."""
    standing = Award.objects.standing()
    campaigns = (
        Campaign.objects.live()
        .filter(pk__in=standing.values("campaign_id"))
        .order_by("-issue_year", "title")
    )
    units = Unit.objects.filter(pk__in=standing.values("unit_id")).only("pk", "name")
    years = standing.dates("decision_date", "year", order="DESC")
    return {
        "campaigns": campaign_menu(campaigns, 70),
        "units": [(u.pk, u.name) for u in units.order_by(Vietnamese("name"))],
        "years": [(d.year, d.year) for d in years],
    }
