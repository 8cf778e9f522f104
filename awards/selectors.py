"""Reads of the awards app: the catalogue on a date, the register, histories."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, prefetch_related_objects

from accounts.selectors import scope_filter
from awards.choices import CATEGORY_HEADING, SubjectCategory
from awards.models import Award, AwardForm, LegalBasis, Person
from documents.statements import statement
from documents.text import fold


def legal_bases_in_force(*, on: datetime.date, cited_only: bool = False):
    """The legal bases in force on `on`, in citing order (for a decision's "Căn cứ" lines)."""
    qs = LegalBasis.objects.in_force(on)
    if cited_only:
        qs = qs.filter(cited_in_decisions=True)
    return qs.order_by("order", "in_force_from")


class FormCatalogue(dict):
    """Award forms by id. `catalogue[None]` is None (a nullable form); a form created after
    the catalogue was read is fetched when first asked for."""

    def __missing__(self, pk):
        if pk is None:
            return None
        form = self[pk] = AwardForm.objects.get(pk=pk)
        return form


@statement
def _every_form():
    return AwardForm.objects.order_by()


def form_catalogue() -> FormCatalogue:
    """Every award form by id: a dozen rows, read once for a page that shows many entries,
    reviews or awards instead of joined to each of them (two forms per entry and review)."""
    return FormCatalogue((form.pk, form) for form in _every_form.list())


@statement
def offered_forms(campaign_id: int):
    """The forms a campaign offers (`.list(campaign_id=…)`), as AppraiseForm's menu has them."""
    return AwardForm.objects.filter(offers__campaign_id=campaign_id)


def award_forms_valid_on(*, on: datetime.date):
    return AwardForm.objects.in_force(on).order_by("order", "name")


def awards_visible_to(user):
    """Register rows the user may see: those recorded under a unit in the user's scope."""
    qs = Award.objects.select_related("form", "unit", "person", "proposing_unit")
    return scope_filter(qs, user, "unit")


def people_visible_to(user):
    return scope_filter(Person.objects.select_related("unit"), user, "unit")


def award_register(
    *,
    user,
    query: str = "",
    form_id=None,
    subject_kind: str = "",
    year=None,
    include_revoked: bool = True,
):
    """The register list with its filters; `query` ignores diacritics."""
    qs = awards_visible_to(user)
    if query:
        qs = qs.search(query)
    if form_id:
        qs = qs.filter(form_id=form_id)
    if subject_kind:
        qs = qs.filter(subject_kind=subject_kind)
    if year:
        qs = qs.filter(decision_date__year=year)
    if not include_revoked:
        qs = qs.standing()
    return qs.order_by("-decision_date", "recipient_name_folded", "pk")


def person_history(*, person):
    """Every award of `person`, newest first, whichever unit recorded it."""
    return (
        Award.objects.filter(person=person)
        .select_related("form", "unit", "proposing_unit")
        .order_by("-decision_date", "pk")
    )


def unit_history(*, unit):
    """Awards recorded under `unit` or the units it replaced: a merged commune's past shows."""
    return (
        Award.objects.filter(unit_id__in=unit.lineage_ids())
        .select_related("form", "unit", "person", "proposing_unit")
        .order_by("-decision_date", "pk")
    )


def likely_duplicates_of(person: Person):
    """Other people who may be the same: same folded name and birth year, or same citizen ID."""
    same = Q()
    if person.birth_year and person.full_name:
        same |= Q(name_folded=fold(person.full_name), birth_year=person.birth_year)
    citizen_id = "".join((person.citizen_id or "").split())
    if citizen_id:
        same |= Q(citizen_id=citizen_id)
    if not same:
        return Person.objects.none()
    qs = Person.objects.filter(same).select_related("unit")
    if person.pk:
        qs = qs.exclude(pk=person.pk)
    return qs.order_by("pk")


def offers_prefetch():
    """What the campaign pages prefetch so the award panel and PDF section cost no query per row:
    `Campaign.objects.prefetch_related(offers_prefetch())`."""
    from awards.models import AwardQuota, CampaignAward

    return Prefetch(
        "award_offers",
        queryset=CampaignAward.objects.select_related("form")
        .prefetch_related(
            "criteria",
            Prefetch("quotas", queryset=AwardQuota.objects.select_related("unit")),
        )
        .order_by("order", "pk"),
    )


def campaign_offers(campaign) -> list:
    """The campaign's offered awards with criteria and quotas, prefetched once if not yet."""
    cache = getattr(campaign, "_prefetched_objects_cache", {})
    if "award_offers" not in cache:
        prefetch_related_objects([campaign], offers_prefetch())
    return sorted(campaign.award_offers.all(), key=lambda o: (o.order, o.pk))


@dataclass
class OutlineNode:
    number: str
    title: str
    intro: str = ""
    criteria: list = field(default_factory=list)  # (letter, heading, paragraphs)
    children: list = field(default_factory=list)


def _criteria_rows(offer) -> list:
    order = list(SubjectCategory.values)
    rows = sorted(offer.criteria.all(), key=lambda c: order.index(c.subject_category))
    return [
        (
            "abcdefghij"[i],
            CATEGORY_HEADING[SubjectCategory(c.subject_category)],
            [p.strip() for p in c.text.splitlines() if p.strip()],
        )
        for i, c in enumerate(rows)
    ]


def campaign_award_outline(campaign, prefix: str = "2") -> list[OutlineNode]:
    """The award section of the campaign document, numbered as seed 003 prints it.

    Forms of one family ("Giấy khen") offered more than once are grouped under "2.1. Giấy khen"
    with "2.1.1." sub-headings; a lone form takes the heading itself ("2.2. Bằng khen …").
    """
    offers = campaign_offers(campaign)
    families: dict[str, list] = {}
    for offer in offers:
        families.setdefault(offer.form.family or offer.form.name, []).append(offer)
    outline = []
    for i, (family, members) in enumerate(families.items(), 1):
        number = f"{prefix}.{i}" if prefix else f"{i}"
        if len(members) == 1:
            offer = members[0]
            outline.append(OutlineNode(number, offer.form.name, offer.intro, _criteria_rows(offer)))
            continue
        node = OutlineNode(number, family)
        for j, offer in enumerate(members, 1):
            node.children.append(
                OutlineNode(f"{number}.{j}", offer.form.name, offer.intro, _criteria_rows(offer))
            )
        outline.append(node)
    return outline
