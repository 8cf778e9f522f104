"""Checks on a proposed award, each with a reason a person can read.

`award_checks` runs them all. Open proposals live in the nominations app, which awards never
imports: it passes what it knows as `PendingProposals` (plain counts and labels), and the
quota and "already proposed" checks add them to what the register holds.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from awards.choices import CheckCode, Severity, SubjectKind
from awards.models import Award, AwardForm, AwardQuota, BlockingFlag, CampaignAward, Person
from awards.selectors import likely_duplicates_of
from documents.text import fold

MAX_NAMED = 5  # how many duplicates or entries a reason names before "…"


@dataclass(frozen=True)
class CheckResult:
    code: str
    severity: str
    reason: str

    @property
    def is_blocking(self) -> bool:
        return self.severity == Severity.BLOCKING


@dataclass(frozen=True)
class PendingProposals:
    """What the nominations app knows of open (not yet decided) proposals in the campaign.

    for_form: open entries with this form, from every unit, excluding the one being checked.
    for_form_by_unit: the same, proposed by the proposing unit only.
    same_subject: labels of other open entries for the same nominee, any form and any unit
    (e.g. "Tờ trình 12/TTr-UBND – Giấy khen của Chủ tịch UBND huyện").
    """

    for_form: int = 0
    for_form_by_unit: int = 0
    same_subject: Sequence[str] = ()


def _d(date: datetime.date | None) -> str:
    return f"{date:%d/%m/%Y}" if date else ""


def _names(items: Sequence[str]) -> str:
    shown = list(items[:MAX_NAMED])
    if len(items) > MAX_NAMED:
        shown.append("…")
    return "; ".join(shown)


def _blocking(code, reason) -> CheckResult:
    return CheckResult(code=code, severity=Severity.BLOCKING, reason=reason)


def _warning(code, reason) -> CheckResult:
    return CheckResult(code=code, severity=Severity.WARNING, reason=reason)


# -- the checks: each returns the results it raises (none when all is well) ----------------------


def check_offered(*, campaign, form: AwardForm) -> list[CheckResult]:
    if campaign is None or CampaignAward.objects.filter(campaign=campaign, form=form).exists():
        return []
    reason = _('The campaign "%(campaign)s" does not offer %(form)s.') % {
        "campaign": campaign.title,
        "form": form.name,
    }
    return [_blocking(CheckCode.NOT_OFFERED, reason)]


def _not_awarded_on(form: AwardForm, date: datetime.date) -> list[CheckResult]:
    """`form` is not awarded on `date`: ended before it, or not yet begun."""
    if form.valid_to and form.valid_to < date:
        reason = _("%(form)s is no longer awarded: it ended on %(end)s, before %(date)s.") % {
            "form": form.name,
            "end": _d(form.valid_to),
            "date": _d(date),
        }
    else:
        reason = _("%(form)s is awarded only from %(start)s, after %(date)s.") % {
            "form": form.name,
            "start": _d(form.valid_from),
            "date": _d(date),
        }
    return [_blocking(CheckCode.FORM_NOT_VALID, reason)]


def check_form_valid(*, form: AwardForm, on_date: datetime.date) -> list[CheckResult]:
    if form.is_valid_on(on_date):
        return []
    return _not_awarded_on(form, on_date)


def check_form_offerable(*, form: AwardForm, campaign) -> list[CheckResult]:
    """May `campaign` offer `form`: is the form awarded when the campaign's awards are given
    (`campaign.awards_window`: the end of its period, or from its start on when its end is an
    event or open)?"""
    first, last = campaign.awards_window
    if form.valid_to and form.valid_to < first:
        return _not_awarded_on(form, first)
    if last and form.valid_from and form.valid_from > last:
        return _not_awarded_on(form, last)
    return []


def check_subject_kind(*, form: AwardForm, subject_kind: str) -> list[CheckResult]:
    if form.allows(subject_kind):
        return []
    allowed = ", ".join(str(SubjectKind(k).label).lower() for k in form.subject_kinds)
    reason = _("%(form)s is not given to a %(subject)s; it is given to: %(allowed)s.") % {
        "form": form.name,
        "subject": str(SubjectKind(subject_kind).label).lower(),
        "allowed": allowed,
    }
    return [_blocking(CheckCode.SUBJECT_NOT_ALLOWED, reason)]


def check_quota(
    *, campaign, form: AwardForm, proposing_unit, pending: PendingProposals
) -> list[CheckResult]:
    if campaign is None:
        return []
    offer = CampaignAward.objects.filter(campaign=campaign, form=form).first()
    if offer is None:
        return []
    results = []
    awarded = Award.objects.standing().filter(campaign=campaign, form=form)
    if offer.quota is not None:
        used = awarded.count() + pending.for_form
        if used >= offer.quota:
            reason = _(
                "The campaign allows at most %(max)d × %(form)s; %(used)d are already "
                "awarded or proposed."
            ) % {"max": offer.quota, "form": form.name, "used": used}
            results.append(_blocking(CheckCode.QUOTA_EXCEEDED, reason))
    if proposing_unit is not None:
        quota = AwardQuota.objects.filter(offer=offer, unit=proposing_unit).first()
        if quota is not None:
            used = awarded.filter(proposing_unit=proposing_unit).count() + pending.for_form_by_unit
            if used >= quota.max_count:
                reason = _(
                    "%(unit)s may propose at most %(max)d × %(form)s in this campaign; "
                    "%(used)d are already awarded or proposed."
                ) % {
                    "unit": proposing_unit.name,
                    "max": quota.max_count,
                    "form": form.name,
                    "used": used,
                }
                results.append(_blocking(CheckCode.QUOTA_EXCEEDED, reason))
    return results


def _same_subject_q(*, subject_kind, person, unit, recipient_name) -> Q | None:
    """The register rows that concern the same nominee."""
    if subject_kind == SubjectKind.INDIVIDUAL:
        return Q(person_id=person.pk) if person is not None and person.pk else None
    if subject_kind == SubjectKind.COLLECTIVE:
        if unit is None:
            return None
        name = fold(recipient_name or unit.name)
        return Q(subject_kind=SubjectKind.COLLECTIVE, unit=unit, recipient_name_folded=name)
    q = Q(subject_kind=SubjectKind.HOUSEHOLD, unit=unit, recipient_name_folded=fold(recipient_name))
    if person is not None and person.pk:
        q |= Q(subject_kind=SubjectKind.HOUSEHOLD, person_id=person.pk)
    return q


def check_not_awarded_twice(
    *, campaign, subject_kind, person, unit, recipient_name, pending: PendingProposals
) -> list[CheckResult]:
    """One achievement is rewarded once, with one form ("không trùng lặp")."""
    if campaign is None:
        return []
    results = []
    same = _same_subject_q(
        subject_kind=subject_kind, person=person, unit=unit, recipient_name=recipient_name
    )
    if same is not None:
        earlier = list(
            Award.objects.standing()
            .filter(same, campaign=campaign)
            .select_related("form")
            .order_by("decision_date", "pk")[: MAX_NAMED + 1]
        )
        if earlier:
            reason = _(
                "Already awarded in this campaign (%(awards)s); one achievement is rewarded "
                "only once, with one form."
            ) % {"awards": _names([f"{a.form.name}, {a.decision_reference}" for a in earlier])}
            results.append(_blocking(CheckCode.ALREADY_AWARDED, reason))
    if pending.same_subject:
        reason = _(
            "Already proposed in this campaign (%(entries)s); one achievement is proposed "
            "only once, by one unit, with one form."
        ) % {"entries": _names(list(pending.same_subject))}
        results.append(_blocking(CheckCode.ALREADY_PROPOSED, reason))
    return results


def check_likely_duplicate(*, person: Person | None) -> list[CheckResult]:
    if person is None:
        return []
    others = list(likely_duplicates_of(person)[: MAX_NAMED + 1])
    if not others:
        return []
    years = {}
    for row in Award.objects.filter(person__in=others).values_list("person_id", "decision_date"):
        years.setdefault(row[0], set()).add(row[1].year)
    labels = []
    for other in others:
        label = f"{other.full_name} ({other.birth_year or '?'}), {other.unit.name}"
        if years.get(other.pk):
            awarded = ", ".join(str(y) for y in sorted(years[other.pk]))
            label += " – " + _("awarded in %(years)s") % {"years": awarded}
        labels.append(label)
    reason = _(
        "Possibly the same person as %(people)s: same name and birth year, or same citizen ID "
        "number. Check before proposing."
    ) % {"people": _names(labels)}
    return [_warning(CheckCode.LIKELY_DUPLICATE, reason)]


def check_blocking_flags(
    *, subject_kind, person, unit, on_date: datetime.date
) -> list[CheckResult]:
    if subject_kind == SubjectKind.COLLECTIVE:
        flags = BlockingFlag.objects.filter(unit=unit) if unit is not None else None
        name = unit.name if unit is not None else ""
    else:
        has_person = person is not None and person.pk
        flags = BlockingFlag.objects.filter(person=person) if has_person else None
        name = person.full_name if has_person else ""
    if flags is None:
        return []
    results = []
    for flag in flags.active_on(on_date).order_by("starts_on"):
        reason = _(
            "%(name)s: %(kind)s since %(start)s%(note)s. No award or proposal while it lasts."
        ) % {
            "name": name,
            "kind": str(flag.get_kind_display()).lower(),
            "start": _d(flag.starts_on),
            "note": f" ({flag.note})" if flag.note else "",
        }
        results.append(_blocking(CheckCode.BLOCKING_FLAG, reason))
    return results


def _dissolved_reason(unit, role: str) -> str:
    end = unit.valid_to + datetime.timedelta(days=1)
    successors = ", ".join(u.name for u in unit.successors_on(end))
    reason = _("%(role)s %(unit)s was dissolved on %(end)s; no award goes to a dissolved unit.") % {
        "role": role,
        "unit": unit.name,
        "end": _d(end),
    }
    if successors:
        reason += " " + _("Its successor: %(units)s.") % {"units": successors}
    return reason


def check_unit_dissolved(
    *, subject_kind, unit, proposing_unit, on_date: datetime.date
) -> list[CheckResult]:
    """Thông tư 15/2025: no award to a unit dissolved by the reform."""
    results = []
    if (
        subject_kind == SubjectKind.COLLECTIVE
        and unit is not None
        and unit.valid_to is not None
        and unit.valid_to < on_date
    ):
        results.append(
            _blocking(CheckCode.UNIT_DISSOLVED, _dissolved_reason(unit, _("The collective")))
        )
    if (
        proposing_unit is not None
        and proposing_unit.valid_to is not None
        and proposing_unit.valid_to < on_date
    ):
        reason = _dissolved_reason(proposing_unit, _("The proposing unit"))
        results.append(_blocking(CheckCode.UNIT_DISSOLVED, reason))
    return results


def award_checks(
    *,
    campaign,
    form: AwardForm,
    subject_kind: str,
    person: Person | None = None,
    unit=None,
    recipient_name: str = "",
    proposing_unit=None,
    on_date: datetime.date,
    pending: PendingProposals | None = None,
) -> list[CheckResult]:
    """Every check on proposing `form` for one nominee in `campaign` (None: outside one).

    The nominee: an individual is `person` (saved, or unsaved with name, birth year and
    citizen ID for the duplicate search); a collective is `unit` (with `recipient_name` for a
    body outside the unit tree); a household is `recipient_name` in `unit`, with its head as
    `person` when known. Blocking results come first.
    """
    pending = pending or PendingProposals()
    if unit is None and person is not None and subject_kind != SubjectKind.COLLECTIVE:
        unit = person.unit if person.unit_id else None
    results = [
        *check_offered(campaign=campaign, form=form),
        *check_form_valid(form=form, on_date=on_date),
        *check_subject_kind(form=form, subject_kind=subject_kind),
        *check_quota(campaign=campaign, form=form, proposing_unit=proposing_unit, pending=pending),
        *check_not_awarded_twice(
            campaign=campaign,
            subject_kind=subject_kind,
            person=person,
            unit=unit,
            recipient_name=recipient_name,
            pending=pending,
        ),
        *check_blocking_flags(subject_kind=subject_kind, person=person, unit=unit, on_date=on_date),
        *check_unit_dissolved(
            subject_kind=subject_kind, unit=unit, proposing_unit=proposing_unit, on_date=on_date
        ),
    ]
    if subject_kind != SubjectKind.COLLECTIVE:
        results += check_likely_duplicate(person=person)
    return sorted(results, key=lambda r: not r.is_blocking)


def has_blocking(results: Sequence[CheckResult]) -> bool:
    return any(r.is_blocking for r in results)
