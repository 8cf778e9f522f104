"""Award money: coefficient × base salary in force on the decision date, rounded up.

Nghị định 98/2023 (and 152/2025) round the amount UP to the next 10,000 đồng; Decimal keeps
"0.3 × 2,340,000 = 702,000" exact before rounding.
"""

import datetime
from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext as _

from awards.models import AwardCoefficient, AwardForm, BaseSalary
from documents.vietnamese import format_money, money_in_words

ROUNDING_STEP = Decimal(10_000)


class MoneyNotConfigured(LookupError):
    """No base salary or coefficient is recorded for the date asked."""


def round_up(amount: Decimal, step: Decimal = ROUNDING_STEP) -> int:
    """Round `amount` up to a multiple of `step`: 702,000 -> 710,000; 2,340,000 stays."""
    units = (Decimal(amount) / step).to_integral_value(rounding=ROUND_CEILING)
    return int(units * step)


def base_salary_on(on: datetime.date) -> int:
    """The base salary in force on `on` (the latest period that has started)."""
    row = BaseSalary.objects.in_force(on).order_by("-valid_from").first()
    if row is None:
        raise MoneyNotConfigured(
            _("No base salary is recorded for %(date)s.") % {"date": f"{on:%d/%m/%Y}"}
        )
    return row.amount


def coefficient_on(form: AwardForm, subject_kind: str, on: datetime.date) -> Decimal | None:
    """The coefficient of `form` for `subject_kind` on `on`; None when the form carries no money."""
    row = (
        AwardCoefficient.objects.in_force(on)
        .filter(form=form, subject_kind=subject_kind)
        .order_by("-valid_from")
        .first()
    )
    return row.coefficient if row else None


def award_amount(*, form: AwardForm, subject_kind: str, on: datetime.date) -> int | None:
    """Money for one award of `form` to a `subject_kind` decided on `on`, in đồng.

    None when the form has no coefficient for that subject on that date; raises
    MoneyNotConfigured when the base salary is missing, since a decision cannot state money then.
    """
    coefficient = coefficient_on(form, subject_kind, on)
    if coefficient is None:
        return None
    return round_up(coefficient * base_salary_on(on))


def amount_text(amount: int) -> str:
    """The amount as a decision prints it: "710.000 đồng (Bảy trăm mười nghìn đồng)"."""
    return f"{format_money(amount)} ({money_in_words(amount)})"
