# ruff: noqa: F401, F811  (the flow fixture is imported from the whole flow's module)
"""Adding entries by hand in a real browser, at a desktop and at a phone viewport.

The entry form shows the fields of the kind of nominee chosen in its menu, by the stylesheet
alone: a person's fields for an individual, a unit and a name for a collective, and the head of
the household for a household. A citizen ID typed wrong before the officer turns to a
collective does not refuse the collective.
"""

import pytest

from tests.e2e.flow import follow, press, sign_in_as, step
from tests.e2e.test_full_flow import DOSSIER_DATE, flow

expect = pytest.importorskip("playwright.sync_api").expect

PERSON_FIELDS = ["Người trong sổ theo dõi", "Họ và tên (người mới)", "Số định danh cá nhân"]
GROUP = "Chi đoàn thôn Nà Lệnh"


def test_the_entry_form_shows_the_fields_of_the_kind_chosen(page, flow):
    with step("the commune officer creates a dossier and adds an individual"):
        sign_in_as(page, "caolau.canbo")
        page.goto("/dossiers/new/")
        page.get_by_label("Phong trào thi đua").select_option(str(flow.campaign.pk))
        page.get_by_label("Ngày").fill(f"{DOSSIER_DATE:%d/%m/%Y}")  # as Vietnamese write it
        press(page, page.get_by_role("button", name="Lưu lại"), success="Đã tạo hồ sơ")
        follow(page, page.locator("main").get_by_role("link", name="Thêm vào: cá nhân"))
        for label in PERSON_FIELDS:
            expect(page.get_by_label(label, exact=True)).to_be_visible()
        expect(page.get_by_role("searchbox")).to_be_visible()
        expect(page.get_by_label("Tên tập thể hoặc hộ gia đình")).to_be_hidden()
        expect(page.get_by_label("Chủ hộ")).to_be_hidden()
        page.get_by_label("Số định danh cá nhân").fill("12345")

    with step("turning to a collective shows a unit and a name, not the person"):
        page.get_by_label("Loại đối tượng").select_option(label="Tập thể")
        for label in PERSON_FIELDS:
            expect(page.get_by_label(label, exact=True)).to_be_hidden()
        expect(page.get_by_role("searchbox")).to_be_hidden()
        expect(page.get_by_label("Đơn vị (tập thể hoặc hộ gia đình)")).to_be_visible()
        expect(page.get_by_label("Tên tập thể hoặc hộ gia đình")).to_be_visible()
        expect(page.get_by_label("Chủ hộ")).to_be_hidden()

    with step("a household adds its head"):
        page.get_by_label("Loại đối tượng").select_option(label="Hộ gia đình")
        expect(page.get_by_label("Chủ hộ")).to_be_visible()
        expect(page.get_by_label("Số định danh cá nhân")).to_be_hidden()

    with step("the collective is saved, the citizen ID typed before left aside"):
        page.get_by_label("Loại đối tượng").select_option(label="Tập thể")
        page.get_by_label("Hình thức đề nghị").select_option(label=flow.form.name)
        page.get_by_label("Tên tập thể hoặc hộ gia đình").fill(GROUP)
        page.get_by_label("Tóm tắt thành tích").fill("Ra quân 5 đợt làm đường giao thông.")
        press(page, page.get_by_role("button", name="Lưu lại"), success="Đã lưu đề nghị")
        expect(page.locator("main")).to_contain_text("II. Tập thể")
        expect(page.locator("main tr").filter(has_text=GROUP)).to_have_count(1)
