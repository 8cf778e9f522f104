import io

import pytest
from pypdf import PdfReader

from decisions import document
from decisions.models import CertificateLayout, DecisionAward
from decisions.selectors import layout_for
from documents.pdf import render_html


def _pages(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def officer_client(client, staff):
    client.force_login(staff.province_officer)
    return client


def test_one_landscape_certificate_per_awardee(issued, officer_client):
    response = officer_client.get(f"/decisions/{issued.pk}/certificates/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 5
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    pages = _pages(response.content)
    assert all("BẰNG KHEN" in page for page in pages)
    assert all("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in page for page in pages)
    assert all("Quyết định số 01/QĐ-UBND ngày 12 tháng 9 năm 2024" in page for page in pages)
    assert any("Bà Hoàng Thị An" in page for page in pages)
    assert any("Chi bộ thôn Nà Lệnh" in page for page in pages)
    assert all("Hoàng Văn Thành" in page for page in pages)


def test_blank_mode_prints_only_the_variable_text(issued, officer_client):
    response = officer_client.get(f"/decisions/{issued.pk}/certificates/pdf/?mode=blank")
    pages = _pages(response.content)
    assert len(pages) == 5
    assert not any("BẰNG KHEN" in page for page in pages)
    assert any("Bà Hoàng Thị An" in page for page in pages)


def test_blank_positions_come_from_the_form_layout(issued):
    assert layout_for(issued.form).pk is None  # built-in offsets until an admin saves one
    CertificateLayout.objects.create(name="Mặc định", recipient_x_mm=51, recipient_y_mm=77)
    CertificateLayout.objects.create(name="Bằng khen", form=issued.form, recipient_y_mm=88.5)
    layout = layout_for(issued.form)
    assert layout.name == "Bằng khen"
    html = render_html(document.BLANK_TEMPLATE, document.certificate_context(issued, layout=layout))
    assert "top: 88.5mm" in html


def test_each_certificate_carries_a_qr_code_to_its_verification_page(issued):
    ctx = document.certificate_context(issued, base_url="https://thiduakhenthuong.langson.gov.vn/")
    tokens = set()
    for page in ctx["pages"]:
        token = page.awardee.token
        tokens.add(token)
        assert page.url == f"https://thiduakhenthuong.langson.gov.vn/verify/{token}/"
        assert page.qr == document.qr_data_uri(page.url)
        assert page.qr.startswith("data:image/png;base64,")
    assert len(tokens) == 5
    assert all(len(token) >= 20 for token in tokens)


def test_tokens_differ_between_awardees(issued):
    tokens = list(DecisionAward.objects.values_list("token", flat=True))
    assert len(tokens) == len(set(tokens))


def test_a_draft_has_no_certificates(draft, officer_client):
    assert officer_client.get(f"/decisions/{draft.pk}/certificates/pdf/").status_code == 404


def test_a_long_list_prints_its_certificates_in_parts(issued, officer_client, monkeypatch):
    """5 awardees, 2 to a PDF: parts 1-2, 3-4 and 5, linked from the decision page; no part
    named prints the first; a part that does not exist is 404."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(document, "CERTIFICATES_PER_PDF", 2)
    url = f"/decisions/{issued.pk}/certificates/pdf/"
    html = officer_client.get(f"/decisions/{issued.pk}/").content.decode()
    assert "In bằng, giấy khen (PDF) theo từng phần" in html
    assert f"{url}?part=3" in html
    assert f"{url}?mode=blank&amp;part=3" in html
    names = []
    for part, pages in ((1, 2), (2, 2), (3, 1)):
        with CaptureQueriesContext(connection) as ctx:
            response = officer_client.get(url, {"part": part})
        assert len(PdfReader(io.BytesIO(response.content)).pages) == pages
        assert len(ctx.captured_queries) < 20  # not one query per awardee
        names += _pages(response.content)
    assert len(set(names)) == 5
    first = officer_client.get(url)
    assert "(1-2).pdf" in first["Content-Disposition"]
    assert officer_client.get(url, {"part": 4}).status_code == 404
    assert officer_client.get(url, {"part": 0}).status_code == 404
    blank = officer_client.get(url, {"part": 3, "mode": "blank"})
    assert len(PdfReader(io.BytesIO(blank.content)).pages) == 1
