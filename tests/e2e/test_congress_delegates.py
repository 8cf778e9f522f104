# ruff: noqa: F401, F811  (the plan fixture is imported from the congress tests' conftest)
"""A commune's emulation congress in a real browser, at a desktop and at a phone viewport.

Seed 004's plan (levels, deadlines, the 70 % / 30 % delegate mix) with its events generated.
The officer of Cao Lâu records the congress as held, finds two people of the award register by
their names typed without diacritics (one of them also a nominee: one row, not two) and adds a
guest by hand. The guest breaks the mix: the meter says so, confirming the list is refused
with the reason, and removing the guest lets it through. The congress sends one delegate to
the district's congress and approves that list; district Cao Lộc finds it among the lists
received on its own event's page and puts it on its own list.
"""

import pytest

from accounts.choices import Role
from awards.models import AwardForm, Person
from awards.seed import seed_award_catalogue
from tests.congresses.conftest import plan
from tests.e2e.flow import follow, look, press, sign_in_as, step
from tests.nominations.factories import CampaignFactory, DossierFactory, EntryFactory

expect = pytest.importorskip("playwright.sync_api").expect

FARMER = "Hoàng Thị Lợi"
WORKER = "Lăng Văn Sáu"
GUEST = "Vi Thị Khách"


@pytest.fixture
def congress(tree, make_user, plan):
    seed_award_catalogue()
    Person.objects.create(
        full_name=FARMER,
        gender="female",
        ethnicity="Nùng",
        birth_year=1995,
        position="Nông dân thôn Nà Lệnh",
        unit=tree.cao_lau,
    )
    worker = Person.objects.create(
        full_name=WORKER, gender="male", ethnicity="Tày", birth_year=1980, unit=tree.cao_lau
    )
    # The worker is also proposed for the commune chairman's Giấy khen.
    form = AwardForm.objects.get(code="giay-khen-chu-tich-xa")
    campaign = CampaignFactory(issuer=tree.cao_lau, forms=[form.code], issue_year=2019)
    dossier = DossierFactory(campaign=campaign, proposing_unit=tree.cao_lau)
    EntryFactory(dossier=dossier, person=worker, nominee_name=WORKER, requested_form=form)
    make_user(tree.cao_lau, Role.OFFICER, username="caolau.canbo")
    make_user(tree.cao_loc, Role.OFFICER, username="caoloc.canbo")
    return plan


def _pick(page, typed: str, name: str, category: str) -> None:
    page.locator("#candidate-q").fill(typed)
    row = page.locator("#candidates li").filter(has_text=name)
    expect(row).to_have_count(1)
    row.get_by_label("Thành phần").select_option(label=category)
    row.get_by_role("button", name="Thêm vào").click()
    expect(page.locator("#delegates tbody")).to_contain_text(name)
    expect(row).to_contain_text("Đã có trong danh sách")


def test_a_commune_holds_its_congress_and_sends_a_delegate_to_the_district(page, congress):
    with step("the commune officer opens the event of their commune"):
        sign_in_as(page, "caolau.canbo")
        page.goto("/congresses/")
        follow(page, page.get_by_role("link", name="Tổ chức Hội nghị biểu dương"))
        follow(page, page.locator("main .alert").get_by_role("link", name="Xã Cao Lâu"))
        expect(page.locator("h1")).to_contain_text("Xã Cao Lâu")
        look(page)

    with step("records the congress as held"):
        page.get_by_label("Ngày tổ chức").fill("20/03/2020")
        page.get_by_label("Hình thức").select_option(label="Đại hội Thi đua yêu nước")
        page.get_by_label("Số đại biểu dự").fill("3")
        press(page, page.get_by_role("button", name="Ghi nhận đã tổ chức"), success="Đã")
        expect(page.locator("h1")).to_contain_text("Đã tổ chức đúng hạn")

    with step("finds two people of the register by name, without diacritics"):
        _pick(page, "hoang thi loi", FARMER, "Nông dân")
        # The worker is also a nominee: one row, with the award proposed for him.
        page.locator("#candidate-q").fill("lang van sau")
        row = page.locator("#candidates li").filter(has_text=WORKER)
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Giấy khen của Chủ tịch UBND xã")
        _pick(page, "lang van sau", WORKER, "Công nhân")
        expect(page.locator("#meter")).to_contain_text("2 đại biểu")

    with step("a guest typed in breaks the 30 % share, and the list is refused"):
        page.get_by_text("Thêm khách mời, lãnh đạo").click()
        guest_form = page.locator("#delegates form").filter(
            has=page.get_by_role("button", name="Thêm đại biểu")
        )
        guest_form.get_by_label("Thành phần").select_option(label="Khách mời")
        guest_form.get_by_label("Họ và tên").fill(GUEST)
        guest_form.get_by_label("Giới tính").select_option(label="Nữ")
        guest_form.get_by_role("button", name="Thêm đại biểu").click()
        expect(page.locator("#delegates tbody")).to_contain_text(GUEST)
        expect(page.locator("#meter")).to_contain_text("3 đại biểu")
        guests = page.locator("#meter tr").filter(has_text="Khách mời và lãnh đạo")
        expect(guests).to_contain_text("33,3 %")
        expect(guests).to_have_class("table-danger")
        with page.expect_navigation():
            page.get_by_role("button", name="Chốt danh sách đại biểu").click()
        refused = page.locator(".alert-danger")
        expect(refused.filter(has_text="ít nhất 70 %")).to_have_count(1)
        expect(refused.filter(has_text="30 %")).to_have_count(1)
        look(page)

    with step("without the guest the list is confirmed"):
        guest_row = page.locator("#delegates tbody tr").filter(has_text=GUEST)
        guest_row.get_by_role("button", name="Gỡ bỏ").click()
        expect(page.locator("#delegates tbody")).not_to_contain_text(GUEST)
        press(
            page,
            page.get_by_role("button", name="Chốt danh sách đại biểu"),
            success="Đã chốt",
        )

    with step("one delegate is sent to the district's congress, and the list approved"):
        farmer_row = page.locator("#delegates tbody tr").filter(has_text=FARMER)
        farmer_row.get_by_role("button", name="Cử đi").click()
        expect(farmer_row.get_by_role("button", name="Đã cử")).to_be_visible()
        press(page, page.get_by_role("button", name="Ghi nhận đã thông qua"), success="thông qua")

    with step("the district finds the list on its own event's page"):
        sign_in_as(page, "caoloc.canbo")
        page.goto("/congresses/")
        follow(page, page.get_by_role("link", name="Tổ chức Hội nghị biểu dương"))
        follow(page, page.locator("main .alert").get_by_role("link", name="Huyện Cao Lộc"))
        expect(page.locator("main")).to_contain_text(f"{FARMER} – Nông dân")
        expect(page.locator("main")).not_to_contain_text(WORKER)
        look(page)

    with step("and puts it on the district's own list of delegates"):
        press(
            page,
            page.get_by_role("button", name="Đưa vào danh sách đại biểu"),
            success="Đã thêm 1 đại biểu của Xã Cao Lâu vào danh sách.",
        )
        row = page.locator("#delegates tbody tr").filter(has_text=FARMER)
        expect(row).to_contain_text("Nùng")
        expect(row).to_contain_text("Nông dân")
        expect(page.locator("#meter")).to_contain_text("1 / tối đa 300 đại biểu")
