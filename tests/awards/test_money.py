import datetime
from decimal import Decimal

import pytest

from awards.choices import SubjectKind
from awards.models import BaseSalary
from awards.money import MoneyNotConfigured, amount_text, award_amount, base_salary_on, round_up

IND, C = SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal(702_000), 710_000),
        (Decimal(1_404_000), 1_410_000),
        (Decimal(2_340_000), 2_340_000),
        (Decimal("2340000.01"), 2_350_000),
        (Decimal(540_000), 540_000),
        (Decimal(1), 10_000),
    ],
)
def test_amount_is_rounded_up_to_the_next_ten_thousand(amount, expected):
    assert round_up(amount) == expected


def test_base_salary_follows_the_dated_table(catalogue):
    assert base_salary_on(datetime.date(2023, 7, 1)) == 1_800_000
    assert base_salary_on(datetime.date(2024, 6, 30)) == 1_800_000
    assert base_salary_on(datetime.date(2024, 7, 1)) == 2_340_000
    assert base_salary_on(datetime.date(2026, 1, 5)) == 2_340_000


def test_missing_base_salary_is_an_explicit_error(catalogue):
    with pytest.raises(MoneyNotConfigured, match="01/01/2020"):
        base_salary_on(datetime.date(2020, 1, 1))


def test_giay_khen_worked_example(catalogue):
    form = catalogue["giay-khen-chu-tich-xa"]
    on = datetime.date(2024, 9, 1)
    assert award_amount(form=form, subject_kind=IND, on=on) == 710_000
    assert award_amount(form=form, subject_kind=C, on=on) == 1_410_000


def test_giay_khen_keeps_its_coefficients_after_the_new_decree(catalogue):
    form = catalogue["giay-khen-chu-tich-xa"]
    on = datetime.date(2026, 1, 5)
    assert award_amount(form=form, subject_kind=IND, on=on) == 710_000
    assert award_amount(form=form, subject_kind=C, on=on) == 1_410_000


def test_bang_khen_decided_in_2024_uses_decree_98(catalogue):
    form = catalogue["bang-khen-chu-tich-tinh"]
    on = datetime.date(2024, 12, 10)
    assert award_amount(form=form, subject_kind=IND, on=on) == 2_340_000
    assert award_amount(form=form, subject_kind=C, on=on) == 4_680_000


def test_bang_khen_decided_in_2026_uses_decree_152(catalogue):
    form = catalogue["bang-khen-chu-tich-tinh"]
    on = datetime.date(2026, 1, 5)
    assert award_amount(form=form, subject_kind=IND, on=on) == 3_510_000
    assert award_amount(form=form, subject_kind=C, on=on) == 7_020_000


def test_money_uses_the_base_salary_of_the_decision_date(catalogue):
    form = catalogue["giay-khen-chu-tich-huyen"]
    # 0.3 × 1,800,000 = 540,000: already a multiple of 10,000.
    assert award_amount(form=form, subject_kind=IND, on=datetime.date(2023, 7, 20)) == 540_000


def test_an_admin_change_of_base_salary_changes_the_amount(catalogue):
    BaseSalary.objects.filter(valid_to__isnull=True).update(valid_to=datetime.date(2026, 6, 30))
    BaseSalary.objects.create(amount=2_530_000, valid_from=datetime.date(2026, 7, 1))
    form = catalogue["giay-khen-chu-tich-xa"]
    # 0.3 × 2,530,000 = 759,000 -> 760,000
    assert award_amount(form=form, subject_kind=IND, on=datetime.date(2026, 7, 1)) == 760_000


def test_form_without_a_coefficient_carries_no_money(catalogue):
    form = catalogue["gia-dinh-van-hoa"]
    assert (
        award_amount(form=form, subject_kind=SubjectKind.HOUSEHOLD, on=datetime.date(2024, 9, 1))
        is None
    )


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (710_000, "710.000 đồng (Bảy trăm mười nghìn đồng)"),
        (1_410_000, "1.410.000 đồng (Một triệu bốn trăm mười nghìn đồng)"),
        (3_510_000, "3.510.000 đồng (Ba triệu năm trăm mười nghìn đồng)"),
        (7_020_000, "7.020.000 đồng (Bảy triệu không trăm hai mươi nghìn đồng)"),
    ],
)
def test_amount_in_figures_and_words(amount, expected):
    assert amount_text(amount) == expected
