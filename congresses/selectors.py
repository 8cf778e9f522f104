"""Reads of the congresses app: what a user may see, the delegate mix, the progress board."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.selectors import get_visible_or_404, scope_filter, unit_ids_visible_to
from campaigns.models import Cluster
from congresses.choices import CORE_CATEGORIES, GUEST_CATEGORIES, EventState
from congresses.models import CongressEvent, CongressPlan, Delegate
from documents.collation import Vietnamese
from documents.text import fold, text_sort_key

# -- scope ---------------------------------------------------------------------------------------


def plan_issuers_for(user):
    """The units a user may issue a congress plan in the name of: the provinces in their
    units (a plan's levels are the province's, its districts and departments, the base)."""
    from campaigns.choices import UnitKind
    from campaigns.models import Unit

    if not user.is_authenticated:
        return Unit.objects.none()
    return scope_filter(Unit.objects.filter(kind=UnitKind.PROVINCE), user, "pk").order_by(
        Vietnamese("name")
    )


def plans_visible_to(user):
    """Plans issued in the user's units, or with an event of one of them."""
    qs = CongressPlan.objects.select_related("issuer")
    ids = unit_ids_visible_to(user)
    if ids is None:
        return qs
    # A draft has no events yet, so it stays with the issuer's staff.
    with_event = CongressEvent.objects.filter(unit_id__in=ids).values("plan_id")
    return qs.filter(Q(issuer_id__in=ids) | Q(pk__in=with_event))


def plan_list(*, user):
    return (
        plans_visible_to(user).annotate(event_count=Count("events")).order_by("-issue_year", "-pk")
    )


def plan_visible_or_404(*, user, pk: int) -> CongressPlan:
    return get_object_or_404(plans_visible_to(user), pk=pk)


def event_visible_or_404(*, user, pk: int) -> CongressEvent:
    qs = CongressEvent.objects.select_related(
        "plan__issuer",
        "level",
        "unit",
        "parent__unit",
        "recorded_by",
        "list_confirmed_by",
        "upward_approved_by",
    )
    return get_visible_or_404(qs, user, "unit", pk=pk)


def delegate_visible_or_404(*, user, event: CongressEvent, pk: int) -> Delegate:
    return get_object_or_404(event.delegates.select_related("event"), pk=pk)


def plan_parts(*, plan: CongressPlan) -> dict:
    """Everything the plan's page and document print, each part in one query."""
    return {
        "sections": list(plan.sections.all()),
        "levels": list(plan.levels.all()),
        "agenda": list(plan.agenda.all()),
        "pilots": list(plan.pilots.select_related("cluster", "unit", "follower_unit", "follower")),
        "duties": list(plan.duties.select_related("unit")),
    }


# -- the delegate mix ----------------------------------------------------------------------------


@dataclass
class Share:
    label: str
    count: int
    percent: float
    limit: int | None = None
    ok: bool = True


@dataclass
class DelegateMix:
    """The make-up of an event's delegates against its level's rules."""

    total: int
    cap: int | None
    core: Share
    guests: Share
    women: Share
    minorities: Share
    young: Share
    young_age: int
    problems: list[str] = field(default_factory=list)

    @property
    def rules(self) -> list[Share]:
        """The shares the plan sets limits on (at least, then at most)."""
        return [self.core, self.guests]

    @property
    def reported(self) -> list[Share]:
        """The shares only reported: women, ethnic minorities, young delegates."""
        return [self.women, self.minorities, self.young]

    @property
    def seats_left(self) -> int | None:
        return None if self.cap is None else max(self.cap - self.total, 0)

    @property
    def cap_percent(self) -> float:
        return 0 if not self.cap else round(100 * self.total / self.cap, 1)


def _percent(part: int, total: int) -> float:
    return round(100 * part / total, 1) if total else 0.0


def delegate_mix(*, event: CongressEvent) -> DelegateMix:
    """Counts in one aggregate query; `problems` says in words which rule is broken."""
    level, plan = event.level, event.plan
    young_from = event.reference_year - plan.young_age
    counts = Delegate.objects.filter(event_id=event.pk).aggregate(
        total=Count("pk"),
        core=Count("pk", filter=Q(category__in=CORE_CATEGORIES)),
        guests=Count("pk", filter=Q(category__in=GUEST_CATEGORIES)),
        women=Count("pk", filter=Q(gender="female")),
        minorities=Count("pk", filter=~Q(ethnicity="") & ~Q(ethnicity__iexact="kinh")),
        young=Count("pk", filter=Q(birth_year__gte=young_from)),
    )
    total = counts["total"]
    core_pct, guest_pct = _percent(counts["core"], total), _percent(counts["guests"], total)
    core_ok = total == 0 or core_pct >= level.min_core_share
    guests_ok = total == 0 or guest_pct <= level.max_guest_share
    problems = []
    if not core_ok:
        problems.append(
            _(
                "Direct workers, producers, scientists and exemplary people are %(share)s %% "
                "of the delegates; the plan asks for at least %(minimum)s %%."
            )
            % {"share": f"{core_pct:g}".replace(".", ","), "minimum": level.min_core_share}
        )
    if not guests_ok:
        problems.append(
            _(
                "Guests and leaders are %(share)s %% of the delegates; the plan allows at most "
                "%(maximum)s %%."
            )
            % {"share": f"{guest_pct:g}".replace(".", ","), "maximum": level.max_guest_share}
        )
    if level.max_delegates is not None and total > level.max_delegates:
        problems.append(
            _("There are %(total)s delegates; this event takes at most %(cap)s.")
            % {"total": total, "cap": level.max_delegates}
        )
    return DelegateMix(
        total=total,
        cap=level.max_delegates,
        core=Share(
            _("Direct workers and exemplary people"),
            counts["core"],
            core_pct,
            level.min_core_share,
            core_ok,
        ),
        guests=Share(
            _("Guests and leaders"), counts["guests"], guest_pct, level.max_guest_share, guests_ok
        ),
        women=Share(_("Women"), counts["women"], _percent(counts["women"], total)),
        minorities=Share(
            _("Ethnic minorities"), counts["minorities"], _percent(counts["minorities"], total)
        ),
        young=Share(_("Young delegates"), counts["young"], _percent(counts["young"], total)),
        young_age=plan.young_age,
        problems=problems,
    )


def event_delegates(*, event: CongressEvent, upward_only: bool = False):
    qs = event.delegates.all()
    if upward_only:
        qs = qs.filter(sent_upward=True)
    return qs.order_by("created_at", "pk")


def incoming_lists(*, event: CongressEvent):
    """The approved lists the events below sent to this congress, with their delegates."""
    from django.db.models import Prefetch

    return (
        event.children.filter(upward_approved_at__isnull=False)
        .select_related("unit", "upward_approved_by")
        .prefetch_related(Prefetch("delegates", queryset=Delegate.objects.filter(sent_upward=True)))
        .order_by(Vietnamese("unit__name"))
    )


# -- candidates ----------------------------------------------------------------------------------


@dataclass
class Candidate:
    """One person found for the delegate list: from the award register, with their newest
    nomination found by the same name (picking it links the delegate to that entry too)."""

    person: object
    award_count: int
    entry: object = None
    on_list: bool = False


def delegate_candidates(*, user, event: CongressEvent, text: str, limit: int = 10) -> dict:
    """People of the award register and individual nominees whose name matches `text`
    (diacritics optional), within the user's units: one row per person, those already on
    `event`'s list marked (three queries)."""
    from awards.models import Award, Person
    from nominations.models import Entry

    words = fold(text).split()
    if not words:
        return {"candidates": []}
    people = scope_filter(Person.objects.search(text), user, "unit")
    people = people.select_related("unit").annotate(
        award_count=Count("awards", filter=Q(awards__revoked=False))
    )
    entries = Entry.objects.filter(person__isnull=False)
    for word in words:
        entries = entries.filter(nominee_name_folded__contains=word)
    awards_of_person = (
        Award.objects.filter(person=OuterRef("person_id"), revoked=False)
        .order_by()
        .values("person_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    entries = (
        scope_filter(entries, user, "person__unit")
        .select_related("person__unit", "proposed_form")
        .annotate(person_award_count=Coalesce(Subquery(awards_of_person), 0))
    )
    rows: dict[int, Candidate] = {
        person.pk: Candidate(person=person, award_count=person.award_count)
        for person in people.order_by("name_folded")[:limit]
    }
    for entry in entries.order_by("-pk")[:limit]:
        row = rows.get(entry.person_id)
        if row is None:
            rows[entry.person_id] = Candidate(
                person=entry.person, award_count=entry.person_award_count, entry=entry
            )
        elif row.entry is None:
            row.entry = entry
    on_list = set(
        event.delegates.filter(person_id__in=list(rows)).values_list("person_id", flat=True)
    )
    for person_id, row in rows.items():
        row.on_list = person_id in on_list
    return {"candidates": list(rows.values())}


# -- the progress board --------------------------------------------------------------------------


def _state_case(as_of: datetime.date) -> Case:
    held = Q(held_on__isnull=False, held_on__lte=as_of)
    return Case(
        When(held & Q(held_on__lte=F("deadline")), then=Value(EventState.ON_TIME.value)),
        When(held, then=Value(EventState.LATE.value)),
        When(deadline__lt=as_of, then=Value(EventState.OVERDUE.value)),
        default=Value(EventState.PENDING.value),
        output_field=CharField(),
    )


def board_events(
    *,
    plan: CongressPlan,
    user,
    as_of: datetime.date,
    level: str = "",
    group: str = "",
    state: str = "",
):
    """The plan's events in the user's units, each with its `state` on `as_of` and its
    `group`: the emulation cluster of the plan's year the unit belongs to, else its parent."""
    cluster_name = Cluster.objects.filter(
        members=OuterRef("unit_id"), year__lte=plan.issue_year
    ).order_by("-year", "pk")
    qs = scope_filter(plan.events.all(), user, "unit").annotate(
        state=_state_case(as_of),
        group=Coalesce(
            Subquery(cluster_name.values("name")[:1]),
            F("unit__parent__name"),
            F("unit__name"),
        ),
    )
    if level:
        qs = qs.filter(level__kind=level)
    if group:
        qs = qs.filter(group=group)
    if state:
        qs = qs.filter(state=state)
    return qs.select_related("unit", "level").order_by(
        "level__deadline", Vietnamese("group"), Vietnamese("unit__name")
    )


def board_summary(*, events) -> list[dict]:
    """Per level and group: how many events are on time, late, overdue, pending (one query)."""
    rows = (
        events.order_by()
        .values("level__kind", "level__deadline", "group")
        .annotate(
            total=Count("pk"),
            **{s.value: Count("pk", filter=Q(state=s.value)) for s in EventState},
        )
        .order_by("level__deadline", "group")
    )
    # The groups in Vietnamese order, sorted here: a collation on the grouped expression
    # would put its subquery into GROUP BY, which PostgreSQL refuses.
    return sorted(rows, key=lambda row: (row["level__deadline"], text_sort_key(row["group"])))
