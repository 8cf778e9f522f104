"""The tờ trình of a dossier as a Nghị định 30 PDF, with its attached list."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.choices import Role
from awards.choices import Gender, SubjectKind
from campaigns.models import Campaign
from nominations.choices import DossierStatus
from nominations.models import Dossier
from nominations.pdf import dossier_pdf_context, dossier_signer
from tests.nominations.factories import DossierFactory, EntryFactory, PersonFactory

SUBMITTED_ON = datetime.date(2023, 6, 5)


def _text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def plan(campaign, tree):
    """The campaign as the district's plan 113/KH-UBND of 09/3/2023."""
    Campaign.objects.filter(pk=campaign.pk).update(
        number=113,
        issue_year=2023,
        issue_month=3,
        issue_day=9,
        title="Phát động phong trào thi đua đặc biệt lập thành tích chào mừng Kỷ niệm 90 năm "
        "Ngày truyền thống Đảng bộ tỉnh Lạng Sơn",
    )
    campaign.refresh_from_db()
    return campaign


@pytest.fixture
def dossier(plan, tree, forms):
    gk, bk = forms["giay-khen-chu-tich-huyen"], forms["bang-khen-chu-tich-tinh"]
    dossier = DossierFactory(
        campaign=plan,
        proposing_unit=tree.cao_lau,
        date=SUBMITTED_ON,
        number=5,
        status=DossierStatus.SUBMITTED,
        current_level=tree.cao_loc,
        addressee="Chủ tịch Ủy ban nhân dân huyện Cao Lộc",
    )
    for name, gender, year, position, form in [
        ("Vi Văn Khánh", Gender.MALE, 1969, "Nông dân sản xuất giỏi, thôn Bản Ngòa", gk),
        ("Lương Thị Hạnh", Gender.FEMALE, 1985, "Chi hội trưởng Chi hội Phụ nữ thôn Khòn Pá", gk),
        ("Hoàng Văn Lợi", Gender.MALE, 1978, "Trưởng thôn Nà Lệnh", bk),
    ]:
        person = PersonFactory(
            full_name=name, gender=gender, birth_year=year, position=position, unit=tree.cao_lau
        )
        EntryFactory(
            dossier=dossier,
            person=person,
            requested_form=form,
            achievement=f"{name} hoàn thành xuất sắc nhiệm vụ năm 2023, là tấm gương "
            "tiêu biểu trong phong trào thi đua đặc biệt của xã.",
        )
    EntryFactory(
        dossier=dossier,
        subject_kind=SubjectKind.COLLECTIVE,
        person=None,
        unit=tree.cao_lau,
        group_name="Chi bộ thôn Nà Lệnh",
        requested_form=gk,
        achievement="Lãnh đạo thôn hoàn thành 100% chỉ tiêu xây dựng nông thôn mới.",
    )
    EntryFactory(
        dossier=dossier,
        subject_kind=SubjectKind.HOUSEHOLD,
        person=None,
        unit=tree.cao_lau,
        group_name="Hộ ông Lăng Văn Sáng",
        head_name="Lăng Văn Sáng",
        requested_form=gk,
        achievement="Hộ sản xuất, kinh doanh giỏi.",
    )
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.SUBMITTED)
    return dossier


def test_the_pdf_is_a_to_trinh_with_its_list(client, dossier, people, make_user, tree):
    chairman = make_user(tree.cao_lau, Role.LEADER, position="Chủ tịch UBND xã")
    chairman.last_name, chairman.first_name = "Nông Văn", "Tuấn"
    chairman.save()
    client.force_login(people.cao_lau_officer)
    response = client.get(reverse("nominations:dossier_pdf", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response)
    flat = _flat(text)
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "XÃ CAO LÂU",
        "Số: 05/TTr-UBND",
        "Cao Lâu, ngày 05 tháng 6 năm 2023",
        "TỜ TRÌNH",
        "cho 01 tập thể, 03 cá nhân, 01 hộ gia đình",
        "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Cao Lộc",
        "Kế hoạch số 113/KH-UBND ngày 09/3/2023",
        "Nơi nhận",
        "TM. ỦY BAN NHÂN DÂN",
        "Nông Văn Tuấn",
        "DANH SÁCH",
        "I. TẬP THỂ",
        "II. CÁ NHÂN",
        "III. HỘ GIA ĐÌNH",
        "(Kèm theo Tờ trình số 05/TTr-UBND ngày 05/6/2023 của Ủy ban nhân dân xã Cao Lâu)",
        "Chi bộ thôn Nà Lệnh",
        "Vi Văn Khánh",
        "Lương Thị Hạnh",
        "Hoàng Văn Lợi",
        "Hộ ông Lăng Văn Sáng",
    ]:
        assert expected in flat, expected
    assert "DỰ THẢO" not in flat
    # Individuals sorted by given name: Hạnh, Khánh, Lợi.
    assert flat.index("Lương Thị Hạnh") < flat.index("Vi Văn Khánh") < flat.index("Hoàng Văn Lợi")


def test_a_draft_is_marked_and_has_no_number(client, plan, tree, people, make_dossier):
    draft = make_dossier(tree.cao_lau, "giay-khen-chu-tich-huyen", "giay-khen-chu-tich-huyen")
    client.force_login(people.cao_lau_officer)
    response = client.get(reverse("nominations:dossier_pdf", args=[draft.pk]))
    flat = _flat(_text(response))
    assert "DỰ THẢO" in flat
    assert "Số: /TTr-UBND" in flat
    assert "cho 02 cá nhân" in flat
    # The addressee it will have on submit: the district (a district Giấy khen, before 2025).
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Cao Lộc" in flat


def test_the_trich_yeu_names_the_forms_and_counts(dossier, forms):
    ctx = dossier_pdf_context(Dossier.objects.get(pk=dossier.pk))
    assert ctx["doc"].title_lines == [
        "Về việc đề nghị tặng Giấy khen của Chủ tịch UBND huyện và Bằng khen của Chủ tịch UBND "
        "tỉnh cho 01 tập thể, 03 cá nhân, 01 hộ gia đình"
    ]
    assert [s["title"] for s in ctx["sections"]] == ["TẬP THỂ", "CÁ NHÂN", "HỘ GIA ĐÌNH"]
    individuals = ctx["sections"][1]["rows"]
    assert [r.name for r in individuals] == ["Lương Thị Hạnh", "Vi Văn Khánh", "Hoàng Văn Lợi"]
    assert individuals[0].position_unit == "Chi hội trưởng Chi hội Phụ nữ thôn Khòn Pá, xã Cao Lâu"
    assert individuals[0].gender == "Nữ"


def test_the_signer_is_the_chairman_or_the_vice_chairman(dossier, make_user, tree):
    assert dossier_signer(dossier).name == ""
    assert dossier_signer(dossier).mode_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    vice = make_user(tree.cao_lau, Role.LEADER, position="Phó Chủ tịch UBND xã")
    vice.last_name, vice.first_name = "Lý Thị", "Mai"
    vice.save()
    signer = dossier_signer(dossier)
    assert signer.mode_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signer.name == "Lý Thị Mai"
    make_user(tree.cao_lau, Role.OFFICER, position="Chủ tịch UBND xã")  # not a leader: ignored
    chairman = make_user(tree.cao_lau, Role.LEADER, position="Chủ tịch UBND xã")
    assert dossier_signer(dossier).name == chairman.get_full_name()


def test_the_pdf_is_scoped(client, dossier, people):
    url = reverse("nominations:dossier_pdf", args=[dossier.pk])
    assert client.get(url).status_code == 302
    client.force_login(people.xuat_le_officer)
    assert client.get(url).status_code == 404
    client.force_login(people.cao_loc_officer)  # the level holding it
    assert client.get(url).status_code == 200


def test_the_dossier_page_links_the_pdf(client, dossier, people):
    client.force_login(people.cao_lau_officer)
    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert reverse("nominations:dossier_pdf", args=[dossier.pk]) in page
