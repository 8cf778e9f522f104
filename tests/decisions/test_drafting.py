import datetime

import pytest
from django.core.exceptions import ValidationError

from decisions import services
from decisions.models import DecisionAward
from decisions.selectors import approved_entries
from nominations.choices import EntryStatus
from nominations.models import Entry
from nominations.workflow import WorkflowError
from tests.decisions.conftest import SIGNED_ON


def test_summary_names_the_form_and_counts_with_leading_zeros(draft):
    assert draft.title.startswith(
        "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể, 03 cá nhân "
        "đã có thành tích xuất sắc trong phong trào thi đua đặc biệt"
    )
    assert draft.number is None
    assert draft.number_text.endswith("/QĐ-UBND")


def test_bases_cite_what_is_in_force_on_the_date_then_the_plan(
    draft, staff, campaign, forms, make_approved
):
    lines = draft.bases.splitlines()
    assert all(line.startswith("Căn cứ ") for line in lines)
    assert all(line.endswith(";") for line in lines[:-1])
    assert lines[-1].endswith(".")
    assert "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in draft.bases
    assert "98/2023/NĐ-CP" in draft.bases
    assert "152/2025/NĐ-CP" not in draft.bases
    assert "Kế hoạch số 45/KH-UBND ngày 01/3/2024" in lines[-1]

    later = services.decision_create(
        actor=staff.province_officer,
        campaign=campaign,
        form=forms["bang-khen-chu-tich-tinh"],
        entries=make_approved(individuals=["Vi Văn Dũng"], number=30),
        on=datetime.date(2025, 8, 1),
    )
    assert "152/2025/NĐ-CP" in later.bases
    assert "98/2023/NĐ-CP" not in later.bases


def test_one_proposal_line_per_dossier_the_last_ending_with_a_comma(
    staff, campaign, forms, make_approved, tree
):
    first = make_approved(individuals=["Vi Văn Dũng"], number=12)
    second = make_approved(
        individuals=["Hà Thị Giang"], proposing=tree.city, number=7, date=datetime.date(2024, 8, 25)
    )
    decision = services.decision_create(
        actor=staff.province_officer,
        campaign=campaign,
        form=forms["bang-khen-chu-tich-tinh"],
        entries=first + second,
        on=SIGNED_ON,
    )
    assert decision.proposals.splitlines() == [
        "Xét đề nghị của Chủ tịch Ủy ban nhân dân huyện Cao Lộc tại Tờ trình số 12/TTr-UBND "
        "ngày 20/8/2024;",
        "Xét đề nghị của Chủ tịch Ủy ban nhân dân thành phố Lạng Sơn tại Tờ trình số "
        "07/TTr-UBND ngày 25/8/2024,",
    ]


def test_closing_texts_follow_the_order_of_a_real_decision(draft):
    recipients = draft.recipients.splitlines()
    assert recipients[0] == "- Như Điều 3;"
    assert recipients[-1] == "- Lưu: VT, NC."
    assert "- UBND huyện Cao Lộc;" in recipients
    assert draft.executors.startswith("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ")
    assert draft.executors.endswith("có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    assert draft.funding_source == "Quỹ thi đua, khen thưởng của tỉnh Lạng Sơn"


def test_list_puts_collectives_first_then_people_by_given_name(draft):
    names = list(draft.decision_awards.order_by("position").values_list("name", flat=True))
    assert names == [
        "Chi bộ thôn Nà Lệnh",
        "Hội Nông dân xã Xuất Lễ",
        "Hoàng Thị An",
        "Nguyễn Văn Bình",
        "Lăng Văn Cường",
    ]
    awardee = draft.decision_awards.get(name="Hoàng Thị An")
    assert awardee.description == "Công chức Văn phòng - Thống kê xã Cao Lâu"


def test_drafted_entries_leave_the_pool_and_cannot_be_drafted_twice(draft, staff, campaign, forms):
    entry = draft.decision_awards.first().entry
    assert not approved_entries(
        issuer=draft.issuer, campaign=campaign, form=forms["bang-khen-chu-tich-tinh"]
    ).exists()
    with pytest.raises(ValidationError) as refused:
        services.decision_create(
            actor=staff.province_officer,
            campaign=campaign,
            form=forms["bang-khen-chu-tich-tinh"],
            entries=[entry],
        )
    assert "đã có trong một quyết định" in refused.value.message_dict["entries"][0]


@pytest.mark.parametrize("problem", ["not_approved", "other_form", "other_level"])
def test_refuses_entries_that_are_not_approved_here(
    problem, staff, campaign, forms, make_approved, tree
):
    form = forms["bang-khen-chu-tich-tinh"]
    if problem == "other_level":
        entries = make_approved(individuals=["Vi Văn Dũng"], level=tree.cao_loc)
    else:
        entries = make_approved(individuals=["Vi Văn Dũng"])
    if problem == "not_approved":
        Entry.objects.filter(pk=entries[0].pk).update(status=EntryStatus.AGREED)
    if problem == "other_form":
        form = forms["giay-khen-chu-tich-huyen"]
    with pytest.raises(ValidationError) as refused:
        services.decision_create(
            actor=staff.province_officer, campaign=campaign, form=form, entries=entries
        )
    assert "Vi Văn Dũng" in refused.value.message_dict["entries"][0]
    assert not DecisionAward.objects.exists()


def test_only_an_officer_of_the_deciding_unit_drafts(staff, campaign, forms, make_approved):
    entries = make_approved(individuals=["Vi Văn Dũng"])
    form = forms["bang-khen-chu-tich-tinh"]
    with pytest.raises(WorkflowError):
        services.decision_create(
            actor=staff.province_leader, campaign=campaign, form=form, entries=entries
        )
    with pytest.raises(ValidationError) as refused:
        services.decision_create(
            actor=staff.cao_loc_officer, campaign=campaign, form=form, entries=entries
        )
    assert "không thuộc thẩm quyền" in refused.value.message_dict["entries"][0]
    assert not DecisionAward.objects.exists()


def test_removing_an_awardee_recounts_the_summary(draft, staff):
    awardee = draft.decision_awards.get(name="Lăng Văn Cường")
    services.decision_remove_awardee(decision=draft, actor=staff.province_officer, awardee=awardee)
    draft.refresh_from_db()
    assert "cho 02 tập thể, 02 cá nhân" in draft.title
    assert awardee.entry.pk in approved_entries(
        issuer=draft.issuer, campaign=draft.campaign, form=draft.form
    ).values_list("pk", flat=True)


def test_deleting_a_draft_returns_its_entries(draft, staff):
    services.decision_delete(decision=draft, actor=staff.province_officer)
    assert (
        approved_entries(issuer=draft.issuer, campaign=draft.campaign, form=draft.form).count() == 5
    )


def test_drafting_reads_a_fixed_number_of_queries_however_many_entries(
    staff, campaign, forms, make_approved
):
    """An imported list of thousands is drafted at once: no query per entry."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n, number in ((1, 20), (2, 21), (7, 22)):  # the first reads what later ones reuse
        entries = make_approved(
            individuals=[f"Nguyễn Văn Bình {i}" for i in range(n)], number=number
        )
        with CaptureQueriesContext(connection) as ctx:
            services.decision_create(
                actor=staff.province_officer,
                campaign=campaign,
                form=forms["bang-khen-chu-tich-tinh"],
                entries=entries,
                on=SIGNED_ON,
            )
        counts.append(len(ctx.captured_queries))
    assert counts[1] == counts[2]
