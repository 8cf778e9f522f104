"""The campaign summary (BÁO CÁO tổng kết): figures, PDF and numbering in the BC register."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from campaigns.models import RegisterEntry
from reports import services
from reports.document import summary_context, summary_pdf
from reports.selectors import summary_figures


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_targets_against_results_are_aggregated_over_units(known):
    figures = summary_figures(campaign=known.campaign, unit_ids=None)
    rows = [(t.reported, t.met, t.total, t.average) for t in figures["targets"]]
    assert rows == [
        (2, 1, Decimal("196.5"), pytest.approx(98.25)),
        (2, 0, Decimal("110"), pytest.approx(55)),
        (1, 1, Decimal("92"), pytest.approx(92)),
    ]
    assert (figures["units_reporting"], figures["participants"]) == (2, 3)


def test_awards_by_form_and_unit_include_the_implementing_plans(known):
    figures = summary_figures(campaign=known.campaign, unit_ids=None)
    by_form = {
        r["form__name"]: (r["collectives"], r["individuals"], r["households"], r["amount"])
        for r in figures["awards_by_form"]
    }
    assert by_form == {
        "Giấy khen của Chủ tịch UBND xã": (0, 0, 1, 710_000),
        "Giấy khen của Chủ tịch UBND huyện": (0, 1, 0, 710_000),
        "Bằng khen của Chủ tịch UBND tỉnh": (1, 2, 0, 9_360_000),
    }
    assert (figures["awards_total"], figures["amount_total"]) == (5, 10_780_000)
    table = figures["by_unit"]
    assert table.forms == [
        "Giấy khen của Chủ tịch UBND xã",
        "Giấy khen của Chủ tịch UBND huyện",
        "Bằng khen của Chủ tịch UBND tỉnh",
    ]
    assert [(r["unit"], r["counts"], r["total"]) for r in table.rows] == [
        ("Xã Cao Lâu", [1, 0, 2], 3),
        ("Xã Xuất Lễ", [0, 1, 1], 2),
    ]
    assert table.totals == [1, 1, 3]


def test_the_table_by_unit_lists_units_in_vietnamese_order(known, tree):
    """Đ among the D, not after X as the database's own collation put it."""
    tree.cao_lau.name = "Xã Đồng Đăng"
    tree.cao_lau.save()
    table = summary_figures(campaign=known.campaign, unit_ids=None)["by_unit"]
    assert [r["unit"] for r in table.rows] == ["Xã Đồng Đăng", "Xã Xuất Lễ"]


def test_draft_pdf_has_the_nd30_frame_without_a_number(known, tree):
    summary = services.summary_get_or_create(campaign=known.campaign, issuer=tree.province)
    text = pdf_text(summary_pdf(summary))
    assert "BÁO CÁO" in text
    assert "DỰ THẢO" in text
    assert "/BC-UBND" in text
    assert "Tổng kết phong trào A" in text
    assert "10.780.000" in text
    assert "196,5" in text


def test_issuing_numbers_the_report_in_the_bc_register_and_freezes_it(
    known, tree, province_officer
):
    summary = services.summary_get_or_create(campaign=known.campaign, issuer=tree.province)
    with pytest.raises(ValidationError):
        services.summary_issue(summary=summary, actor=province_officer)
    services.summary_update(summary=summary, actor=province_officer, signer_name="Hồ Tiến Thiệu")
    import datetime

    issued = services.summary_issue(
        summary=summary, actor=province_officer, on=datetime.date(2024, 12, 20)
    )
    assert (issued.number, issued.date, issued.is_issued) == (1, datetime.date(2024, 12, 20), True)
    entry = RegisterEntry.objects.get(object_type="reports.campaignsummary", object_id=summary.pk)
    assert (entry.register.doc_type.abbreviation, entry.register.year) == ("BC", 2024)
    text = pdf_text(issued.pdf.read())
    assert "Số: 01/BC-UBND" in text
    assert "Hồ Tiến Thiệu" in text
    assert "DỰ THẢO" not in text
    with pytest.raises(ValidationError):
        services.summary_update(summary=issued, actor=province_officer, assessment="Sửa")


def test_a_commune_officer_cannot_issue_the_province_report(known, tree, cao_lau_officer):
    from django.core.exceptions import PermissionDenied

    summary = services.summary_get_or_create(campaign=known.campaign, issuer=tree.province)
    with pytest.raises(PermissionDenied):
        services.summary_update(summary=summary, actor=cao_lau_officer, signer_name="X")


def test_summary_pages_issue_and_serve_the_stored_pdf(client, known, province_officer):
    client.force_login(province_officer)
    url = reverse("reports:summary", args=[known.campaign.pk])
    client.post(url, {"start": "1"})
    client.post(
        url,
        {
            "assessment": "Phong trào được triển khai sâu rộng.",
            "signer_name": "Hồ Tiến Thiệu",
            "signer_title": "CHỦ TỊCH",
            "recipients": "Lưu: VT.",
        },
    )
    draft = client.get(reverse("reports:summary_pdf", args=[known.campaign.pk]))
    assert draft["Content-Type"] == "application/pdf"
    assert "Phong trào được triển khai sâu rộng." in pdf_text(draft.content)
    client.post(reverse("reports:summary_issue", args=[known.campaign.pk]))
    stored = client.get(reverse("reports:summary_pdf", args=[known.campaign.pk]))
    assert "Số: 01/BC-UBND" in pdf_text(b"".join(stored.streaming_content))


def test_context_names_the_issuer(known, tree):
    summary = services.summary_get_or_create(campaign=known.campaign, issuer=tree.province)
    assert summary_context(summary)["doc"].issuers[0].name_lines == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LẠNG SƠN",
    ]
