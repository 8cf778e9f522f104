# ruff: noqa: F811  (fixtures imported from other test modules are used as arguments)
"""Defects found in review: each test failed before its fix."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from awards.seed import seed_campaign_awards
from campaigns.models import (
    Campaign,
    CampaignItem,
    CampaignOccasion,
    CampaignRecipient,
    CampaignTask,
    ItemTarget,
)
from tests.campaigns.test_campaign_forms import officer, post_data, with_issuer  # noqa: F401
from tests.campaigns.test_campaign_models import seed_units, seeded  # noqa: F401
from tests.campaigns.test_campaign_views import make_campaign


def _field_errors(response, field: str) -> list[str]:
    return [str(e) for e in response.context["form"].errors.get(field, [])]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"issue_day": "0", "issue_month": "3", "issue_year": "2023"},
            "issue_day",
            "Ngày phải từ 1 đến 31.",
        ),
        (
            {"issue_month": "0", "issue_year": "2023"},
            "issue_month",
            "Tháng phải từ 1 đến 12.",
        ),
        (
            {"issue_month": "13", "issue_year": "2023"},
            "issue_month",
            "Tháng phải từ 1 đến 12.",
        ),
        ({"issue_year": "23"}, "issue_year", "Ghi đủ bốn chữ số của năm, từ 1900 đến 2100."),
        ({"issue_year": "20230"}, "issue_year", "Ghi đủ bốn chữ số của năm, từ 1900 đến 2100."),
        ({"number": "0", "issue_year": "2023"}, "number", "Số văn bản bắt đầu từ 1."),
    ],
)
def test_date_parts_and_number_out_of_range_are_refused_at_their_field(
    client, tree, officer, overrides, field, message
):
    # Before: day 0 was saved; month 0 and number 0 gave "Constraint … is violated" in English
    # above the form; a five-digit year was saved on SQLite.
    response = client.post("/campaigns/new/", with_issuer(post_data(**overrides), tree.cao_lau))
    assert response.status_code == 200
    assert _field_errors(response, field) == [message]
    assert not response.context["form"].non_field_errors()
    assert not Campaign.objects.exists()


def test_a_campaign_without_issuer_gets_a_vietnamese_message(client, tree, officer):
    data = post_data()
    data["issuers-TOTAL_FORMS"] = 0
    response = client.post("/campaigns/new/", data)
    assert response.status_code == 200
    assert "Nhập ít nhất 1 dòng." in response.content.decode()
    assert not Campaign.objects.exists()


def test_rows_sent_without_their_counters_get_a_vietnamese_message(client, tree, officer):
    data = with_issuer(post_data(), tree.cao_lau)
    del data["items-0-targets-TOTAL_FORMS"]
    response = client.post("/campaigns/new/", data)
    page = response.content.decode()
    assert "Các dòng của phần này được gửi không đầy đủ" in page
    assert "ManagementForm" not in page
    assert not Campaign.objects.exists()


def _grow(campaign, units, n):
    for i in range(n):
        item = CampaignItem.objects.create(campaign=campaign, position=i, heading=f"Mục {i}")
        ItemTarget.objects.create(item=item, indicator="hồ sơ đúng hạn", value=99)
        ItemTarget.objects.create(item=item, indicator="doanh nghiệp mới", value=100)
        CampaignTask.objects.create(campaign=campaign, unit=units[i % len(units)], duty="Việc")
        CampaignRecipient.objects.create(campaign=campaign, unit=units[i % len(units)])
        CampaignOccasion.objects.create(campaign=campaign, name=f"Dịp {i}")


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["", "edit/", "pdf/"])
def test_detail_edit_and_pdf_query_counts_do_not_grow_with_rows(client, tree, make_user, page):
    # Before: the edit page read the unit list once per task, recipient and issuer row and the
    # targets once per item.
    client.force_login(make_user(tree.cao_lau))
    campaign = make_campaign(tree.cao_lau)
    units = [tree.cao_lau, tree.xuat_le, tree.province]
    _grow(campaign, units, 1)
    path = f"/campaigns/{campaign.pk}/{page}"
    few = _queries(client, path)
    _grow(campaign, units, 6)
    assert _queries(client, path) == few


def test_edit_page_keeps_the_targets_of_each_item(client, tree, make_user):
    client.force_login(make_user(tree.cao_lau))
    campaign = make_campaign(tree.cao_lau)
    _grow(campaign, [tree.cao_lau], 2)
    forms = client.get(f"/campaigns/{campaign.pk}/edit/").context["formset_list"][3][1].forms
    assert [[t.instance.indicator for t in f.targets.forms] for f in forms] == [
        ["hồ sơ đúng hạn", "doanh nghiệp mới"]
    ] * 2


def test_blank_row_needs_sign_in_and_answers_only_get(client, tree, make_user):
    assert client.get("/campaigns/rows/blank/").status_code == 302
    client.force_login(make_user(tree.cao_lau))
    assert client.get("/campaigns/rows/blank/").status_code == 200
    assert client.post("/campaigns/rows/blank/").status_code == 405


def test_seed_003_pdf_prints_the_standards_heading_before_the_award_tiers(
    client, seeded, make_user
):
    # Before: the award section went from "1. Đối tượng" straight to "2.1. Giấy khen".
    campaign = seed_campaign_awards(seeded["seed-003"])
    client.force_login(make_user(campaign.issuer_list[0].unit))
    response = client.get(f"/campaigns/{campaign.pk}/pdf/")
    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    heading = text.find("2. Tiêu chuẩn và hình thức khen thưởng")
    assert 0 < text.find("1. Đối tượng") < heading < text.find("2.1. Giấy khen")
    assert text.find("2.1.1. Giấy khen của Chủ tịch UBND xã") > heading
