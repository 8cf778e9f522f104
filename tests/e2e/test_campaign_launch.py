"""The province launches a campaign in a real browser, at a desktop and at a phone viewport.

The officer of the Ban Thi đua - Khen thưởng drafts a plan of the province (its first issuer
is the province, the unit the office works for). The first save, with a target's range lacking
its upper value, is refused: the top of the page says so and links to the field, and all that
was typed is kept (the rows added by htmx too). With the upper value the draft saves. The
officer offers the chairman's Bằng khen with its criteria (the district chairman's Giấy khen,
ended with the districts on 30/6/2025, is not on the menu of a 2027 campaign) and publishes it
with a number. A visitor finds it on the public pages and its PDF; the officer of the new
commune Ba Sơn, a participating unit, implements it, which drafts the commune's plan citing
the province's.
"""

import re

import pytest

from accounts.choices import Role
from awards.models import AwardForm
from awards.seed import seed_award_catalogue
from tests.e2e.flow import fetch, follow, look, pdf_text, press, sign_in_as, sign_out, step

expect = pytest.importorskip("playwright.sync_api").expect

TITLE = "Phát động phong trào thi đua “Lạng Sơn chung sức xây dựng nông thôn mới” năm 2027"
ITEM = "Thi đua phát triển sản xuất, nâng cao thu nhập của người dân nông thôn."
CRITERION = "Có thành tích xuất sắc, tiêu biểu trong xây dựng nông thôn mới năm 2027."


@pytest.fixture
def launch(tree, make_user):
    seed_award_catalogue()
    make_user(tree.ban_tdkt, Role.OFFICER, username="tdkt.canbo")
    make_user(tree.ba_son, Role.OFFICER, username="baso.canbo")
    return tree


def test_the_province_launches_a_campaign_and_a_commune_implements_it(page, launch):
    tree = launch
    with step("a refused first save says so at the top and links to the field at fault"):
        sign_in_as(page, "tdkt.canbo")
        page.goto("/campaigns/")
        look(page)
        follow(page, page.get_by_role("link", name="Phong trào thi đua mới"))
        # The first issuer is the unit the officer works for.
        issuer = page.locator("#id_issuers-0-unit option:checked")
        expect(issuer).to_have_text(tree.province.name)
        page.get_by_label("Loại văn bản").select_option(label="KH – KẾ HOẠCH")
        page.get_by_label("Trích yếu").fill(TITLE)
        page.get_by_label("Bắt đầu", exact=True).fill("01/01/2027")
        page.get_by_label("Kết thúc", exact=True).fill("31/12/2027")
        # The participating units: checkboxes, today's communes among them.
        page.get_by_label(tree.ba_son.name, exact=True).check()
        # A content item and its target, rows added by htmx; a range without its upper value.
        page.locator("#add-items").click()
        page.locator("#id_items-0-heading").fill("Phát triển sản xuất")
        page.locator("#id_items-0-text").fill(ITEM)
        page.locator("#add-items-0-targets").click()
        page.locator("#id_items-0-targets-0-comparator").select_option(value="range")
        page.locator("#id_items-0-targets-0-value").fill("3")
        page.locator("#id_items-0-targets-0-unit_label").fill("xã")
        page.locator("#id_items-0-targets-0-indicator").fill("đạt chuẩn nông thôn mới nâng cao")
        with page.expect_navigation():
            page.get_by_role("button", name="Lưu lại").click()
        look(page)
        summary = page.locator("#error-summary")
        expect(summary).to_be_in_viewport()
        expect(summary).to_contain_text("Chưa lưu được. Xin sửa 1 lỗi sau:")
        summary.get_by_role("link", name=re.compile("Chỉ tiêu đo lường được, dòng 1")).click()
        upper = page.locator("#id_items-0-targets-0-value_max")
        expect(upper).to_be_in_viewport()
        # What was typed is kept, the rows added by htmx and the ticked unit too.
        expect(page.get_by_label("Trích yếu")).to_have_value(TITLE)
        expect(page.locator("#id_items-0-text")).to_have_value(ITEM)
        expect(page.get_by_label(tree.ba_son.name, exact=True)).to_be_checked()

    with step("with the upper value, the draft saves"):
        upper.fill("5")
        press(page, page.get_by_role("button", name="Lưu lại"), success="Đã lưu phong trào")
        main = page.locator("main")
        expect(main).to_contain_text("Dự thảo")
        expect(main).to_contain_text(ITEM)
        expect(main).to_contain_text("3 - 5 xã đạt chuẩn nông thôn mới nâng cao")
        expect(main.locator("dd").filter(has_text=tree.ba_son.name)).to_have_count(1)
        campaign_url = page.url

    with step("the officer offers the chairman's Bằng khen with its criteria"):
        follow(page, page.get_by_role("link", name="Sửa khen thưởng"))
        menu = page.locator("#id_offers-0-form")
        names = [name.strip() for name in menu.locator("option").all_inner_texts()]
        assert "Bằng khen của Chủ tịch UBND tỉnh" in names
        assert AwardForm.objects.get(code="giay-khen-chu-tich-huyen").name not in names
        menu.select_option(label="Bằng khen của Chủ tịch UBND tỉnh")
        page.get_by_label("Cá nhân – cán bộ, công chức").fill(CRITERION)
        press(page, page.get_by_role("button", name="Lưu lại"), success="Đã lưu")
        page.goto(campaign_url)
        look(page)
        expect(page.locator("main")).to_contain_text(CRITERION)

    with step("the officer publishes it: it gets the number of the register"):
        press(page, page.get_by_role("button", name="Ban hành (cấp số)"))
        main = page.locator("main")
        expect(main).to_contain_text(re.compile(r"Số:\s*01/KH-UBND"))
        pdf = pdf_text(fetch(page, f"{campaign_url}pdf/", content_type="application/pdf"))
        flat = re.sub(r"\s+", " ", pdf)
        assert "01/KH-UBND" in flat
        assert "nông thôn mới" in flat
        assert "Bằng khen của Chủ tịch UBND tỉnh" in flat

    with step("a visitor finds it on the public pages"):
        sign_out(page)
        page.goto("/public/campaigns/")
        look(page)
        follow(page, page.get_by_role("link", name=re.compile("Lạng Sơn chung sức")))
        main = page.locator("main")
        expect(main).to_contain_text(ITEM)
        expect(main).to_contain_text(CRITERION)

    with step("the officer of commune Ba Sơn implements it"):
        sign_in_as(page, "baso.canbo")
        page.goto(campaign_url)
        look(page)
        press(page, page.get_by_role("button", name="Triển khai tại đơn vị tôi"))
        expect(page.get_by_label("Trích yếu")).to_have_value(TITLE)
        press(page, page.get_by_role("button", name="Lưu lại"), success="Đã lưu phong trào")
        main = page.locator("main")
        expect(main).to_contain_text("Dự thảo")
        expect(main).to_contain_text(re.compile(r"Thực hiện Kế hoạch số 01/KH-UBND"))
