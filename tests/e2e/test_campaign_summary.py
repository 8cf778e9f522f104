"""The results and summary of a campaign in a real browser, at a desktop and at a phone
viewport.

The province's plan 45/KH-UBND sets two measurable targets for Cao Lâu and Xuất Lễ. Each
commune's officer opens the plan, follows its link to the results and enters them, typed as
Vietnamese write numbers ("99,5"); a value that is not a number is refused at its field. The
officer of the Ban TĐKT opens the summary from the plan's page, finds the results aggregated
(units reporting, units meeting the target, total, average), starts the report, writes its
assessment, issues it (numbered in the BC register) and downloads the PDF, which holds the
number and the figures.
"""

import datetime
from decimal import Decimal

import pytest

from accounts.choices import Role
from campaigns.choices import Comparator
from campaigns.models import CampaignItem, ItemTarget
from tests.e2e.flow import fetch, follow, look, pdf_text, press, sign_in_as, step
from tests.nominations.factories import CampaignFactory

expect = pytest.importorskip("playwright.sync_api").expect

TITLE = "Phong trào thi đua cải cách hành chính năm 2024"
ASSESSMENT = "Các xã triển khai nghiêm túc; tỷ lệ hồ sơ đúng hạn vượt chỉ tiêu ở xã Cao Lâu."


@pytest.fixture
def summary(tree, make_user):
    campaign = CampaignFactory(
        issuer=tree.province,
        title=TITLE,
        number=45,
        issue_year=2024,
        issue_month=3,
        issue_day=1,
        period_start=datetime.date(2024, 3, 1),
        period_end=datetime.date(2024, 11, 30),
    )
    campaign.issuer_rows.update(short_name="UBND tỉnh Lạng Sơn")
    campaign.participating_units.set([tree.cao_lau, tree.xuat_le])
    item = CampaignItem.objects.create(campaign=campaign, position=1, heading="Cải cách hành chính")
    ItemTarget.objects.create(
        item=item,
        position=1,
        indicator="hồ sơ giải quyết đúng hạn",
        comparator=Comparator.AT_LEAST,
        value=Decimal(99),
        unit_label="%",
    )
    ItemTarget.objects.create(
        item=item,
        position=2,
        indicator="thành lập mới",
        comparator=Comparator.MORE_THAN,
        value=Decimal(100),
        unit_label="doanh nghiệp",
    )
    make_user(tree.cao_lau, Role.OFFICER, username="caolau.canbo")
    make_user(tree.xuat_le, Role.OFFICER, username="xuatle.canbo")
    make_user(tree.ban_tdkt, Role.OFFICER, username="tdkt.canbo")
    return campaign


def _open_plan(page) -> None:
    page.goto("/campaigns/")
    follow(page, page.get_by_role("link", name=TITLE))


def _results(page, values: list[str]) -> None:
    follow(page, page.get_by_role("link", name="Kết quả thực hiện chỉ tiêu"))
    for index, value in enumerate(values):
        page.locator("main fieldset").nth(index).get_by_label("Kết quả", exact=False).fill(value)


def test_communes_report_results_and_the_province_issues_the_summary(page, summary):
    with step("a value that is not a number is refused at its field"):
        sign_in_as(page, "caolau.canbo")
        _open_plan(page)
        _results(page, ["chín mươi chín", "60"])
        with page.expect_navigation():
            page.get_by_role("button", name="Lưu kết quả").click()
        first = page.locator("main fieldset").first
        expect(first.locator(".invalid-feedback")).to_contain_text("Nhập một số")
        look(page)

    with step("Cao Lâu enters its results as Vietnamese write numbers"):
        first.get_by_label("Kết quả", exact=False).fill("99,5")
        press(page, page.get_by_role("button", name="Lưu kết quả"), success="Đã lưu")
        expect(first.get_by_label("Kết quả", exact=False)).to_have_value("99,50")

    with step("Xuất Lễ enters its result against the first target only"):
        sign_in_as(page, "xuatle.canbo")
        _open_plan(page)
        _results(page, ["97"])
        press(page, page.get_by_role("button", name="Lưu kết quả"), success="Đã lưu")

    with step("the province finds the results aggregated on the summary"):
        sign_in_as(page, "tdkt.canbo")
        _open_plan(page)
        follow(page, page.get_by_role("link", name="Báo cáo tổng kết phong trào"))
        expect(page.locator("main")).to_contain_text("2 đơn vị đã báo cáo; 2 đơn vị tham gia")
        rows = page.locator("#targets tbody tr")
        # Reporting, meeting it, total, average.
        expect(rows.nth(0).locator("td").nth(2)).to_have_text("2")
        expect(rows.nth(0).locator("td").nth(3)).to_have_text("1")
        expect(rows.nth(0).locator("td").nth(4)).to_have_text("196,5")
        expect(rows.nth(0).locator("td").nth(5)).to_have_text("98,25")
        expect(rows.nth(1).locator("td").nth(2)).to_have_text("1")
        expect(rows.nth(1).locator("td").nth(3)).to_have_text("0")

    with step("writes the report and issues it with a number"):
        press(page, page.get_by_role("button", name="Lập báo cáo tổng kết"))
        page.get_by_label("Đánh giá chung").fill(ASSESSMENT)
        page.get_by_label("Họ tên người ký").fill("Đoàn Thu Hà")
        press(page, page.get_by_role("button", name="Lưu lại"), success="Đã lưu")
        press(page, page.get_by_role("button", name="Ban hành báo cáo"), success="01/BC-UBND")
        expect(page.locator("main")).to_contain_text("01/BC-UBND")

    with step("the PDF holds the number, the assessment and the figures"):
        url = page.get_by_role("link", name="PDF", exact=True).get_attribute("href")
        text = " ".join(pdf_text(fetch(page, url, content_type="application/pdf")).split())
        assert "01/BC-UBND" in text
        assert "Thực hiện Kế hoạch số 45/KH-UBND ngày 01/3/2024 của UBND tỉnh Lạng Sơn" in text
        assert ASSESSMENT in text
        assert "98,25" in text
