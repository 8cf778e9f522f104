import datetime

import pytest

from awards.checks import PendingProposals, award_checks, has_blocking
from awards.choices import BlockingKind, CheckCode, Severity, SubjectKind
from awards.models import AwardQuota, BlockingFlag, CampaignAward, Person
from tests.awards.conftest import AwardFactory, PersonFactory

ON = datetime.date(2023, 5, 20)
IND, C, H = SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE, SubjectKind.HOUSEHOLD


@pytest.fixture
def setup(tree, catalogue, make_campaign):
    campaign = make_campaign(tree.cao_loc)
    gk_huyen = catalogue["giay-khen-chu-tich-huyen"]
    offer = CampaignAward.objects.create(campaign=campaign, form=gk_huyen, order=1)
    person = PersonFactory(full_name="Lương Thị Hoa", birth_year=1985, unit=tree.cao_lau)
    return type(
        "Setup",
        (),
        {
            "tree": tree,
            "forms": catalogue,
            "campaign": campaign,
            "form": gk_huyen,
            "offer": offer,
            "person": person,
        },
    )


def run(s, **kw):
    args = {
        "campaign": s.campaign,
        "form": s.form,
        "subject_kind": IND,
        "person": s.person,
        "proposing_unit": s.tree.cao_lau,
        "on_date": ON,
    }
    args.update(kw)
    return award_checks(**args)


def codes(results):
    return [r.code for r in results]


def only(results, code):
    found = [r for r in results if r.code == code]
    assert len(found) == 1, results
    return found[0]


def test_a_clean_proposal_raises_nothing(setup):
    assert run(setup) == []


def test_form_not_offered_by_the_campaign(setup):
    result = only(run(setup, form=setup.forms["bang-khen-chu-tich-tinh"]), CheckCode.NOT_OFFERED)
    assert result.severity == Severity.BLOCKING
    assert "không có hình thức Bằng khen của Chủ tịch UBND tỉnh" in result.reason
    assert setup.campaign.title in result.reason


def test_district_giay_khen_is_not_valid_after_the_reform(setup):
    results = run(setup, on_date=datetime.date(2025, 8, 1), proposing_unit=setup.tree.ba_son)
    result = only(results, CheckCode.FORM_NOT_VALID)
    assert result.reason == (
        "Giấy khen của Chủ tịch UBND huyện đã hết hiệu lực ngày 30/06/2025, trước ngày "
        "01/08/2025, nên không còn được xét tặng."
    )


def test_subject_kind_not_allowed(setup):
    form = setup.forms["lao-dong-tien-tien"]
    CampaignAward.objects.create(campaign=setup.campaign, form=form)
    result = only(
        run(setup, form=form, subject_kind=C, person=None, unit=setup.tree.cao_lau),
        CheckCode.SUBJECT_NOT_ALLOWED,
    )
    assert result.reason == (
        "Lao động tiên tiến không tặng cho đối tượng tập thể; chỉ tặng cho: cá nhân."
    )


def test_campaign_quota_counts_awards_and_pending_proposals(setup):
    setup.offer.quota = 2
    setup.offer.save()
    AwardFactory(form=setup.form, campaign=setup.campaign, person__unit=setup.tree.xuat_le)
    assert CheckCode.QUOTA_EXCEEDED not in codes(run(setup))
    results = run(setup, pending=PendingProposals(for_form=1))
    result = only(results, CheckCode.QUOTA_EXCEEDED)
    assert "tối đa 2 Giấy khen của Chủ tịch UBND huyện" in result.reason
    assert "đã có 2 trường hợp" in result.reason


def test_revoked_awards_do_not_take_quota(setup):
    setup.offer.quota = 1
    setup.offer.save()
    AwardFactory(
        form=setup.form,
        campaign=setup.campaign,
        person__unit=setup.tree.xuat_le,
        revoked=True,
        revoked_reason="Khen sai đối tượng",
    )
    assert run(setup) == []


def test_quota_of_the_proposing_unit(setup):
    AwardQuota.objects.create(offer=setup.offer, unit=setup.tree.cao_lau, max_count=1)
    AwardFactory(
        form=setup.form,
        campaign=setup.campaign,
        person__unit=setup.tree.xuat_le,
        proposing_unit=setup.tree.xuat_le,
    )
    assert run(setup) == []
    result = only(
        run(setup, pending=PendingProposals(for_form_by_unit=1)), CheckCode.QUOTA_EXCEEDED
    )
    assert result.reason.startswith("Xã Cao Lâu chỉ được đề nghị tối đa 1 Giấy khen")
    AwardFactory(
        form=setup.form,
        campaign=setup.campaign,
        person__unit=setup.tree.cao_lau,
        proposing_unit=setup.tree.cao_lau,
    )
    assert CheckCode.QUOTA_EXCEEDED in codes(run(setup))


def test_person_already_awarded_in_the_campaign_with_another_form_by_another_unit(setup):
    bang_khen = setup.forms["bang-khen-chu-tich-tinh"]
    AwardFactory(
        person=setup.person,
        form=bang_khen,
        campaign=setup.campaign,
        decision_number="1234/QĐ-UBND",
        decision_date=datetime.date(2023, 6, 10),
        proposing_unit=setup.tree.cao_loc,
    )
    result = only(run(setup), CheckCode.ALREADY_AWARDED)
    assert result.severity == Severity.BLOCKING
    assert "Đã được khen thưởng trong phong trào này" in result.reason
    assert "Bằng khen của Chủ tịch UBND tỉnh, Số 1234/QĐ-UBND ngày 10/06/2023" in result.reason


def test_awards_of_other_campaigns_or_revoked_do_not_count_as_duplicates(setup, make_campaign):
    other = make_campaign(setup.tree.cao_loc, title="Phong trào khác")
    AwardFactory(person=setup.person, form=setup.form, campaign=other)
    AwardFactory(
        person=setup.person,
        form=setup.form,
        campaign=setup.campaign,
        revoked=True,
        revoked_reason="Trùng lặp",
    )
    assert CheckCode.ALREADY_AWARDED not in codes(run(setup))


def test_already_proposed_comes_from_the_pending_entries(setup):
    pending = PendingProposals(same_subject=["Tờ trình 12/TTr-UBND của Xã Xuất Lễ"])
    result = only(run(setup, pending=pending), CheckCode.ALREADY_PROPOSED)
    assert "Tờ trình 12/TTr-UBND của Xã Xuất Lễ" in result.reason
    assert result.reason.startswith("Đã được đề nghị trong phong trào này")


def test_collective_already_awarded(setup):
    AwardFactory(
        subject_kind=C,
        person=None,
        unit=setup.tree.cao_lau,
        recipient_name="Xã Cao Lâu",
        form=setup.form,
        campaign=setup.campaign,
    )
    results = run(setup, subject_kind=C, person=None, unit=setup.tree.cao_lau)
    only(results, CheckCode.ALREADY_AWARDED)
    # A body of the commune outside the unit tree is another collective.
    other = run(
        setup,
        subject_kind=C,
        person=None,
        unit=setup.tree.cao_lau,
        recipient_name="Chi bộ thôn Pò Nghiều",
    )
    assert CheckCode.ALREADY_AWARDED not in codes(other)


def test_household_already_awarded_by_name(setup):
    AwardFactory(
        subject_kind=H,
        person=None,
        unit=setup.tree.cao_lau,
        recipient_name="Hộ ông Hoàng Văn Tú",
        form=setup.form,
        campaign=setup.campaign,
    )
    results = run(
        setup,
        subject_kind=H,
        person=None,
        unit=setup.tree.cao_lau,
        recipient_name="Hộ ông Hoàng Văn Tú",
    )
    only(results, CheckCode.ALREADY_AWARDED)


def test_likely_duplicate_with_the_same_folded_name_and_birth_year(setup):
    twin = PersonFactory(full_name="Luong Thi Hoa", birth_year=1985, unit=setup.tree.hoang_dong)
    AwardFactory(
        person=twin,
        form=setup.forms["giay-khen-chu-tich-xa"],
        decision_date=datetime.date(2021, 3, 1),
    )
    PersonFactory(full_name="Lương Thị Hoa", birth_year=1990, unit=setup.tree.xuat_le)
    result = only(run(setup), CheckCode.LIKELY_DUPLICATE)
    assert result.severity == Severity.WARNING
    assert "Luong Thi Hoa (1985), Xã Hoàng Đồng – đã được khen thưởng năm 2021" in result.reason
    assert "1990" not in result.reason
    assert not has_blocking(run(setup))


def test_likely_duplicate_by_citizen_id_for_an_unsaved_nominee(setup):
    PersonFactory(
        full_name="Lương Thị Hoà",
        birth_year=1986,
        citizen_id="020185000123",
        unit=setup.tree.xuat_le,
    )
    nominee = Person(
        full_name="Lương Hoa",
        birth_year=1985,
        citizen_id="020 185 000 123",
        unit=setup.tree.cao_lau,
    )
    result = only(run(setup, person=nominee), CheckCode.LIKELY_DUPLICATE)
    assert "Lương Thị Hoà (1986), Xã Xuất Lễ" in result.reason
    assert "020185000123" not in result.reason


def test_blocking_flag_on_the_person(setup):
    BlockingFlag.objects.create(
        person=setup.person,
        kind=BlockingKind.DISCIPLINE,
        starts_on=datetime.date(2023, 1, 10),
        note="Khiển trách",
    )
    BlockingFlag.objects.create(
        person=setup.person,
        kind=BlockingKind.COMPLAINT,
        starts_on=datetime.date(2022, 1, 1),
        ends_on=datetime.date(2022, 12, 31),
    )
    result = only(run(setup), CheckCode.BLOCKING_FLAG)
    assert result.reason == (
        "Lương Thị Hoa: đang bị kỷ luật từ ngày 10/01/2023 (Khiển trách). Không khen thưởng "
        "hoặc đề nghị khen thưởng trong thời gian này."
    )


def test_blocking_flag_on_a_collective(setup):
    BlockingFlag.objects.create(
        unit=setup.tree.cao_lau,
        kind=BlockingKind.INVESTIGATION,
        starts_on=datetime.date(2023, 5, 1),
    )
    result = only(
        run(setup, subject_kind=C, person=None, unit=setup.tree.cao_lau), CheckCode.BLOCKING_FLAG
    )
    assert "Xã Cao Lâu: đang bị điều tra từ ngày 01/05/2023" in result.reason
    # The unit's flag does not block its people.
    assert CheckCode.BLOCKING_FLAG not in codes(run(setup))


def test_unit_dissolved_by_the_reform(setup):
    form = setup.forms["giay-khen-chu-tich-xa"]
    CampaignAward.objects.create(campaign=setup.campaign, form=form)
    results = run(
        setup,
        form=form,
        subject_kind=C,
        person=None,
        unit=setup.tree.cao_lau,
        proposing_unit=setup.tree.ba_son,
        on_date=datetime.date(2025, 8, 1),
    )
    result = only(results, CheckCode.UNIT_DISSOLVED)
    assert result.reason == (
        "Tập thể Xã Cao Lâu đã chấm dứt hoạt động từ ngày 01/07/2025; không khen thưởng cho "
        "đơn vị đã giải thể. Đơn vị kế thừa: Xã Ba Sơn."
    )


def test_proposing_unit_dissolved(setup):
    form = setup.forms["giay-khen-chu-tich-xa"]
    CampaignAward.objects.create(campaign=setup.campaign, form=form)
    results = run(setup, form=form, on_date=datetime.date(2025, 8, 1))
    result = only(results, CheckCode.UNIT_DISSOLVED)
    assert result.reason.startswith("Đơn vị đề nghị Xã Cao Lâu đã chấm dứt hoạt động")


def test_blocking_results_come_first(setup):
    PersonFactory(full_name="Lương Thị Hoa", birth_year=1985, unit=setup.tree.xuat_le)
    results = run(setup, form=setup.forms["bang-khen-chu-tich-tinh"])
    assert [r.severity for r in results] == [Severity.BLOCKING, Severity.WARNING]


def test_outside_a_campaign_only_register_checks_run(setup):
    assert run(setup, campaign=None, form=setup.forms["bang-khen-chu-tich-tinh"]) == []
