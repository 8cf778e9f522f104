# ruff: noqa: F811  (fixtures imported from test_campaign_models are used as arguments)
"""The campaign's official document as a PDF (issue 3: Done when)."""

import io
import re

import pytest
from pypdf import PdfReader

from tests.campaigns.test_campaign_models import seed_units, seeded  # noqa: F401


def _text(response) -> str:
    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def seed1_pdf(client, seeded, make_user):
    client.force_login(make_user(seeded["seed-001"].issuer_list[0].unit))
    response = client.get(f"/campaigns/{seeded['seed-001'].pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return _text(response), seeded["seed-001"]


def test_seed_001_pdf_has_title_period_headings_recipients_and_signer(seed1_pdf):
    text, campaign = seed1_pdf
    folded = text.lower()
    assert re.sub(r"\s+", " ", campaign.title) in text
    assert "từ ngày 19/8/2019 đến ngày 19/10/2019" in folded
    for item in campaign.items.all():
        assert item.heading in text
    for line in [
        "Hội đồng TĐKT Trung ương;",
        "UBND 6 tỉnh (Cụm TĐ 7 tỉnh MN BGPB);",
        "Sở Nội vụ (Ban TĐKT);",
        "Lưu: VT, KG-VX (NTB).",
    ]:
        assert line in text
    assert "Nơi nhận" in text
    assert "Phạm Ngọc Thưởng" in text
    assert "PHÁT ĐỘNG" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_seed_003_pdf_prints_the_deputy_signer_block(client, seeded, make_user):
    campaign = seeded["seed-003"]
    client.force_login(make_user(campaign.issuer_list[0].unit))
    text = _text(client.get(f"/campaigns/{campaign.pk}/pdf/"))
    assert "TM. ỦY BAN NHÂN DÂN" in text
    assert "KT. CHỦ TỊCH" in text
    assert "Vi Văn Đồng" in text
    assert "GIẢI PHÁP THỰC HIỆN" in text


def test_pdf_outside_the_users_units_is_404(client, seeded, make_user, tree):
    draft_unit = seeded["seed-003"]
    client.force_login(make_user(tree.hoang_dong))
    assert client.get(f"/campaigns/{draft_unit.pk}/pdf/").status_code == 404
