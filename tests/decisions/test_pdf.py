import io

import pytest
from pypdf import PdfReader

from decisions import document, services
from decisions.choices import MoneyPlacement, PdfStatus
from documents.pdf import render_pdf
from tests.decisions.conftest import SIGNED_ON


def _pages(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def _text(content: bytes) -> str:
    return " ".join(_pages(content))


def test_issued_pdf_reads_as_a_real_decision(issued):
    issued.refresh_from_db()
    text = _text(issued.pdf.open("rb").read())
    for expected in (
        "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 01/QĐ-UBND",
        "Lạng Sơn, ngày 12 tháng 9 năm 2024",
        "QUYẾT ĐỊNH",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể, 03 cá nhân "
        "(có danh sách kèm theo)",
        "Điều 2. Mỗi tập thể được tặng Bằng khen kèm theo tiền thưởng 4.680.000 đồng",
        "Tổng số tiền thưởng: 16.380.000 đồng (Mười sáu triệu ba trăm tám mươi nghìn đồng)",
        "Nguồn kinh phí: Quỹ thi đua, khen thưởng của tỉnh Lạng Sơn",
        "Điều 3. Chánh Văn phòng",
        "Nơi nhận: - Như Điều 3;",
        "CHỦ TỊCH Hoàng Văn Thành",
        "DANH SÁCH",
        "(Kèm theo Quyết định số 01/QĐ-UBND ngày 12 tháng 9 năm 2024 của Chủ tịch Ủy ban nhân "
        "dân tỉnh)",
        "I. TẬP THỂ",
        "II. CÁ NHÂN",
    ):
        assert expected in text, expected
    for name in (
        "Chi bộ thôn Nà Lệnh",
        "Hội Nông dân xã Xuất Lễ",
        "Hoàng Thị An",
        "Nguyễn Văn Bình",
        "Lăng Văn Cường",
    ):
        assert name in text
    assert "TM." not in text
    assert "DỰ THẢO" not in text


def test_page_numbers_start_on_page_two(issued):
    issued.refresh_from_db()
    pages = _pages(issued.pdf.open("rb").read())
    assert len(pages) >= 2
    first, second = pages[0].split(), pages[1].split()
    assert "1" not in (first[0], first[-1])
    assert "2" in (second[0], second[-1])


def test_attached_list_rows_match_the_counts_of_article_one(issued):
    ctx = document.decision_context(issued)
    assert [(s.numeral, s.heading, len(s.rows)) for s in ctx["sections"]] == [
        ("I", "TẬP THỂ", 2),
        ("II", "CÁ NHÂN", 3),
    ]
    assert [row.name for row in ctx["sections"][1].rows] == [
        "Hoàng Thị An",
        "Nguyễn Văn Bình",
        "Lăng Văn Cường",
    ]


def test_households_get_a_third_section(staff, campaign, forms, make_approved):
    entries = make_approved(individuals=["Vi Văn Dũng"], households=["Hoàng Văn Tú"])
    draft = services.decision_create(
        actor=staff.province_officer,
        campaign=campaign,
        form=forms["bang-khen-chu-tich-tinh"],
        entries=entries,
        on=SIGNED_ON,
    )
    text = _text(render_pdf(document.DECISION_TEMPLATE, document.decision_context(draft)))
    assert "cho 01 cá nhân, 01 hộ gia đình" in text
    assert "I. CÁ NHÂN" in text
    assert "II. HỘ GIA ĐÌNH" in text
    assert "Hộ ông Hoàng Văn Tú" in text


def test_draft_preview_is_stamped_and_leaves_number_and_day_blank(draft):
    text = _text(render_pdf(document.DECISION_TEMPLATE, document.decision_context(draft)))
    assert "DỰ THẢO" in text
    assert "/QĐ-UBND" in text
    assert "Số: 01/QĐ-UBND" not in text


def test_vice_chairman_signs_with_kt(draft, staff):
    decision = services.decision_sign(
        decision=draft, actor=staff.province_leader, signing_mode="vice_chairman", on=SIGNED_ON
    )
    text = _text(decision.pdf.open("rb").read())
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text
    assert "Hoàng Văn Thành" in text


def test_money_can_go_in_article_one(draft, staff):
    draft = services.decision_update(
        decision=draft, actor=staff.province_officer, money_placement=MoneyPlacement.ARTICLE_1
    )
    text = _text(render_pdf(document.DECISION_TEMPLATE, document.decision_context(draft)))
    article_2 = text.index("Điều 2.")
    assert text.index("Tổng số tiền thưởng") < article_2
    assert text[article_2:].startswith("Điều 2. Chánh Văn phòng")
    assert "Điều 3." not in text


def test_money_can_be_left_to_the_rules(draft, staff):
    draft = services.decision_update(
        decision=draft,
        actor=staff.province_officer,
        money_placement=MoneyPlacement.RULES_ONLY,
        rules_reference="Nghị định số 98/2023/NĐ-CP",
    )
    text = _text(render_pdf(document.DECISION_TEMPLATE, document.decision_context(draft)))
    assert "Tiền thưởng thực hiện theo Nghị định số 98/2023/NĐ-CP" in text
    assert "4.680.000" not in text


def test_large_decisions_render_in_a_background_task(
    draft, staff, settings, django_capture_on_commit_callbacks
):
    settings.DECISIONS_BACKGROUND_THRESHOLD = 3
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decision = services.decision_sign(decision=draft, actor=staff.province_leader, on=SIGNED_ON)
    decision.refresh_from_db()
    assert decision.pdf_status == PdfStatus.QUEUED
    assert not decision.pdf
    for callback in callbacks:
        callback()  # the ImmediateBackend runs the task on enqueue
    decision.refresh_from_db()
    assert decision.pdf_status == PdfStatus.READY
    assert "Số: 01/QĐ-UBND" in _text(decision.pdf.open("rb").read())


def test_a_failed_render_is_recorded(issued, monkeypatch):
    from decisions import services as module

    def broken(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr("documents.pdf.render_pdf", broken)
    with pytest.raises(RuntimeError):
        module.decision_render_pdf(decision_id=issued.pk)
    issued.refresh_from_db()
    assert issued.pdf_status == PdfStatus.FAILED
    assert "hỏng" in issued.pdf_error
