import io

import pytest
from django.test import RequestFactory
from pypdf import PdfReader

from documents.layout import Issuer, OfficialDocument, Signer
from documents.pdf import content_disposition, pdf_response, render_html, render_pdf
from tests.documents.samples import (
    PARAGRAPH,
    RECIPIENTS,
    four_issuer_document,
    plan_context,
    single_issuer_document,
)

TEMPLATE = "documents/nd30_sample.html"
# The top margin of Nghị định 30 (20 mm) in PDF points: page numbers live above it.
TOP_MARGIN_PT = 20 / 25.4 * 72


def _render(doc, **context):
    pdf = render_pdf(TEMPLATE, {"doc": doc, **plan_context(sections=2, paragraphs=4), **context})
    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def single():
    return _render(single_issuer_document())


@pytest.fixture(scope="module")
def joint():
    return _render(four_issuer_document())


def _text(reader):
    # Spaces and line breaks vary with the extraction: compare on single spaces.
    raw = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(raw.replace("\u00a0", " ").split())


def _texts_in_top_margin(page):
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        if text.strip() and height - y < TOP_MARGIN_PT:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return found


def _font_names(reader):
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1].replace("-", ""))
    return names


def test_single_issuer_document_prints_every_part_of_the_frame(single):
    text = _text(single)
    assert len(single.pages) >= 3
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LẠNG SƠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/KH-UBND",
        "Lạng Sơn, ngày 05 tháng 01 năm 2026",
        "PHÁT ĐỘNG",
        "110 năm ngày sinh đồng chí Hoàng Văn Thụ (04/11/1909 - 04/11/2019)",
        "I. MỤC ĐÍCH, Ý NGHĨA, YÊU CẦU",
        "Nơi nhận:",
        "- Hội đồng TĐKT Trung ương;",
        "- Lưu: VT, KG-VX (NTB).",
        "CHỦ TỊCH",
        "Phạm Ngọc Thưởng",
    ]:
        assert expected in text, expected
    assert "TM." not in text


def test_joint_document_prints_four_issuers_and_the_deputy_signature(joint):
    text = _text(joint)
    assert len(joint.pages) >= 3
    for expected in [
        "TỈNH ỦY LẠNG SƠN",
        "HĐND TỈNH LẠNG SƠN",
        "UBND TỈNH LẠNG SƠN",
        "ỦY BAN MTTQ VIỆT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/PĐ-UBND",
        "tháng 12 năm 2019",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Dương Xuân Huyền",
        "- Sở Nội vụ (Ban TĐKT);",
    ]:
        assert expected in text, expected
    # The number and the day are left blank for the signer's office to fill in.
    assert "Số: /PĐ-UBND" in text
    assert "Lạng Sơn, ngày tháng 12 năm 2019" in text


@pytest.mark.parametrize("reader_name", ["single", "joint"])
def test_page_numbers_at_the_top_from_page_two(reader_name, request):
    reader = request.getfixturevalue(reader_name)
    assert _texts_in_top_margin(reader.pages[0]) == []
    assert _texts_in_top_margin(reader.pages[1]) == ["2"]
    assert _texts_in_top_margin(reader.pages[2]) == ["3"]


@pytest.mark.parametrize("reader_name", ["single", "joint"])
def test_pdf_embeds_only_times_compatible_serif_fonts(reader_name, request):
    # A DejaVu font here would mean a Vietnamese letter fell back to another font.
    names = _font_names(request.getfixturevalue(reader_name))
    assert names
    assert all("LiberationSerif" in name or "Times" in name for name in names), names


def test_pdf_title_metadata_is_the_document_title(single):
    assert single.metadata.title.startswith("PHÁT ĐỘNG Phong trào thi đua cao điểm")


@pytest.mark.parametrize("paragraphs", range(3, 10))
def test_signature_is_never_alone_on_the_last_page(paragraphs):
    # One more paragraph each time: one of these bodies ends where the closing no longer fits.
    body = {
        "sections": [
            {"heading": "I. NỘI DUNG", "items": [{"paragraphs": [PARAGRAPH] * paragraphs}]}
        ]
    }
    reader = _render(single_issuer_document(), **body)
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "Phạm Ngọc Thưởng" in last
    assert "nhân rộng trên địa bàn tỉnh." in last.split("Nơi nhận:")[0]


def test_attached_list_starts_on_a_new_page_and_repeats_its_header():
    rows = [
        {"name": f"Nguyễn Văn Bình {n}", "unit": "xã Cao Lâu", "amount": 710000} for n in range(60)
    ]
    reader = _render(single_issuer_document(), annex_rows=rows)
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    annex_start = next(i for i, text in enumerate(pages) if "DANH SÁCH" in text)
    assert "Phạm Ngọc Thưởng" in pages[annex_start - 1]
    assert "Phạm Ngọc Thưởng" not in pages[annex_start]
    annex_pages = pages[annex_start:]
    assert len(annex_pages) >= 2
    assert all("Họ và tên" in text for text in annex_pages)
    assert "710.000" in annex_pages[-1]


def test_landscape_document_has_landscape_pages():
    reader = _render(single_issuer_document(landscape=True))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_portrait_is_a4():
    reader = _render(single_issuer_document(), **plan_context(sections=1, paragraphs=1))
    box = reader.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210
    assert round(float(box.height) / 72 * 25.4) == 297


def test_draft_is_stamped():
    reader = _render(single_issuer_document(draft=True), **plan_context(sections=1, paragraphs=1))
    assert "DỰ THẢO" in reader.pages[0].extract_text()


def test_user_text_is_escaped_in_the_html():
    doc = single_issuer_document(title_lines=["<img src='http://evil.example/x.png'>"])
    html = render_html(TEMPLATE, {"doc": doc, **plan_context(sections=1, paragraphs=1)})
    assert "<img" not in html
    assert "&lt;img" in html


def test_renderer_refuses_to_fetch_outside_static_files():
    from documents.pdf import StaticFilesFetcher

    fetcher = StaticFilesFetcher("http://documents.invalid/")
    with pytest.raises(ValueError, match="Not fetched"):
        fetcher.fetch("http://169.254.169.254/latest/meta-data")
    with pytest.raises(ValueError, match="Not fetched"):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError, match=r"Not a static file|No such"):
        fetcher.fetch("http://documents.invalid/static/../../config/settings.py")


def test_renderer_serves_static_files_from_disk(settings, tmp_path):
    from documents.pdf import StaticFilesFetcher

    (tmp_path / "emblem.png").write_bytes(b"\x89PNG fake")
    settings.STATICFILES_DIRS = [tmp_path]
    response = StaticFilesFetcher("http://documents.invalid/").fetch(
        "http://documents.invalid/static/emblem.png"
    )
    assert response.read() == b"\x89PNG fake"
    assert response.content_type == "image/png"


def test_render_pdf_with_a_request_resolves_against_the_site():
    request = RequestFactory().get("/campaigns/1/pdf/")
    pdf = render_pdf(
        TEMPLATE,
        {"doc": single_issuer_document(), **plan_context(sections=1, paragraphs=1)},
        request=request,
    )
    assert pdf.startswith(b"%PDF-")


def test_pdf_response_inline_with_unicode_filename():
    response = pdf_response(b"%PDF-1.7", "Quyết định 05-QĐ-UBND.pdf")
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline; ")
    assert 'filename="Quyet dinh 05-QD-UBND.pdf"' in disposition
    assert "filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2005-Q%C4%90-UBND.pdf" in disposition
    assert response.content == b"%PDF-1.7"


def test_pdf_response_as_attachment():
    response = pdf_response(b"%PDF-1.7", "ke-hoach", inline=False)
    assert response["Content-Disposition"] == (
        "attachment; filename=\"ke-hoach.pdf\"; filename*=UTF-8''ke-hoach.pdf"
    )


@pytest.mark.parametrize("hostile", ['a"; x=y.pdf', "../../etc/passwd", "a\r\nSet-Cookie: x=1", ""])
def test_content_disposition_neutralises_hostile_filenames(hostile):
    value = content_disposition(hostile)
    assert "\r" not in value
    assert "\n" not in value
    ascii_part = value.split('filename="')[1].split('"')[0]
    assert "/" not in ascii_part
    assert '"' not in ascii_part
    assert ascii_part.endswith(".pdf")


def test_official_document_strips_dashes_from_recipients():
    doc = single_issuer_document(recipients=["- Như Điều 3;", "Lưu: VT.", "  "])
    assert doc.recipients == ["Như Điều 3;", "Lưu: VT."]


def test_official_document_needs_an_issuer():
    with pytest.raises(ValueError, match="issuer"):
        OfficialDocument(
            issuers=[],
            number_line="Số: 01/QĐ-UBND",
            place_date_line="Lạng Sơn, ngày 05 tháng 01 năm 2026",
            type_name="QUYẾT ĐỊNH",
            title_lines=[],
            recipients=RECIPIENTS,
            signer=Signer.chairman("A"),
        )


def test_issuer_lines_are_upper_case_and_split_where_asked():
    issuer = Issuer(name="Ủy ban nhân dân\nxã Cao Lâu", parent_name="UBND huyện Cao Lộc")
    assert issuer.name_lines == ["ỦY BAN NHÂN DÂN", "XÃ CAO LÂU"]
    assert issuer.parent_lines == ["UBND HUYỆN CAO LỘC"]
    assert Issuer.people_committee("tỉnh Lạng Sơn").name_lines == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LẠNG SƠN",
    ]


def test_signer_shortcuts():
    assert Signer.chairman("A").mode_lines == ["CHỦ TỊCH"]
    assert Signer.vice_chairman("B").mode_lines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert Signer.vice_chairman("B", on_behalf_of="ỦY BAN NHÂN DÂN").mode_lines == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]


def test_co_signers_are_printed_side_by_side():
    doc = single_issuer_document(
        co_signers=[Signer(mode_lines=["TM. TỈNH ỦY", "BÍ THƯ"], name="Người Ký Hai")]
    )
    reader = _render(doc, **plan_context(sections=1, paragraphs=1))
    text = _text(reader)
    assert "BÍ THƯ" in text
    assert "Người Ký Hai" in text
    assert "Phạm Ngọc Thưởng" in text
