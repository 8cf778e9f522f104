"""DOMAIN.md's worked examples at a base salary of 2,340,000 đ."""

import datetime

import pytest

from decisions import services


@pytest.mark.parametrize(
    ("on", "individual", "collective"),
    [
        (datetime.date(2024, 9, 12), 2_340_000, 4_680_000),
        (datetime.date(2026, 1, 5), 3_510_000, 7_020_000),
    ],
)
def test_provincial_certificate_of_merit_follows_the_decree_in_force(
    on, individual, collective, draft, staff
):
    draft = services.decision_refresh_bases(decision=draft, actor=staff.province_officer, on=on)
    decision = services.decision_sign(decision=draft, actor=staff.province_leader, on=on)
    assert decision.individual_amount == individual
    assert decision.collective_amount == collective
    amounts = dict(decision.decision_awards.values_list("name", "amount"))
    assert amounts["Hoàng Thị An"] == individual
    assert amounts["Chi bộ thôn Nà Lệnh"] == collective
    assert decision.decision_awards.first().award.amount in (individual, collective)


def test_district_certificate_rounds_up_to_ten_thousand(
    staff, campaign, forms, make_approved, tree
):
    entries = make_approved(
        level=tree.cao_loc,
        proposing=tree.cao_lau,
        form_code="giay-khen-chu-tich-huyen",
        individuals=["Vi Văn Dũng"],
        collectives=["Chi bộ thôn Nà Lệnh"],
        households=["Hoàng Văn Tú"],
    )
    draft = services.decision_create(
        actor=staff.cao_loc_officer,
        campaign=campaign,
        form=forms["giay-khen-chu-tich-huyen"],
        entries=entries,
        on=datetime.date(2024, 9, 12),
    )
    decision = services.decision_sign(
        decision=draft, actor=staff.cao_loc_leader, on=datetime.date(2024, 9, 12)
    )
    assert decision.individual_amount == 710_000  # 0.3 × 2,340,000 = 702,000 ↑
    assert decision.collective_amount == 1_410_000  # 0.6 × 2,340,000 = 1,404,000 ↑
    # A household without a coefficient of its own is paid as an individual.
    assert decision.household_amount == 710_000
    assert sum(decision.decision_awards.values_list("amount", flat=True)) == 2_830_000
