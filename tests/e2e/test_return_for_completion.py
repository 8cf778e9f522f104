# ruff: noqa: F401, F811  (the flow fixture is imported from the whole flow's module)
"""Return for completion in a real browser, at a desktop and at a phone viewport.

Cao Lâu submits (as in the whole flow); district Cao Lộc receives the dossier and returns it,
asking for the minutes and for more on one nominee. The commune officer sees what is asked at
the top of the dossier and on that nominee's row, follows the link to the row, completes the
achievement and resubmits; the district finds the dossier back in its queue, with nothing left
asked at the top, where its appraisal left off.
"""

import pytest

from tests.e2e.flow import follow, press, sign_in_as, step
from tests.e2e.test_full_flow import (
    NOMINEES,
    action,
    commune_officer_submits,
    flow,
    open_from_queue,
)

expect = pytest.importorskip("playwright.sync_api").expect

MINUTES = "Thiếu biên bản họp xét của Hội đồng Thi đua - Khen thưởng xã."
MORE = "Nêu rõ số hộ được vận động và diện tích đất hiến."
COMPLETED = "Vận động 12 hộ hiến 1.200 m² đất mở rộng đường thôn Nà Lệnh."


def test_the_district_returns_and_the_commune_completes_and_resubmits(page, flow):
    number = commune_officer_submits(page, flow)
    name = NOMINEES[0][0]

    with step("the district receives the dossier and returns it"):
        sign_in_as(page, "caoloc.canbo")
        open_from_queue(page, number)
        press(page, action(page, "Tiếp nhận"), success="Tiếp nhận")
        follow(page, page.locator("main").get_by_role("link", name="Trả lại để bổ sung"))
        page.get_by_label("Về hồ sơ").fill(MINUTES)
        page.get_by_label(name).fill(MORE)
        press(page, action(page, "Trả lại để bổ sung"), success="trả lại")

    with step("the commune sees what is asked, at the top and on the nominee's row"):
        sign_in_as(page, "caolau.canbo")
        open_from_queue(page, number)
        asked = page.locator("#to-complete")
        expect(asked).to_contain_text("Huyện Cao Lộc trả lại hồ sơ để bổ sung")
        expect(asked).to_contain_text(MINUTES)
        expect(asked).to_contain_text(f"{name}: {MORE}")
        asked.get_by_role("link", name=name).click()
        row = page.locator("main tr").filter(has_text=name).first
        expect(row).to_be_in_viewport()
        expect(row).to_contain_text(f"Cần bổ sung: {MORE}")

    with step("the commune completes the entry and resubmits"):
        follow(page, row.get_by_role("link", name="Sửa"))
        page.get_by_label("Tóm tắt thành tích").fill(COMPLETED)
        press(page, page.get_by_role("button", name="Lưu lại"), success="Đã lưu")
        expect(page.locator("main")).to_contain_text(COMPLETED)
        press(page, action(page, "Trình lại"), success="Trình lại")
        expect(page.locator("#to-complete")).to_have_count(0)

    with step("the district finds it back in its queue, to appraise"):
        sign_in_as(page, "caoloc.canbo")
        open_from_queue(page, number)
        expect(page.locator("h1")).to_contain_text("Đã trình lại")
        expect(page.locator("main")).to_contain_text(COMPLETED)
        # A resubmitted dossier goes back to the appraisal it left: no second receipt.
        expect(action(page, "Kết thúc thẩm định")).to_be_visible()
        expect(page.locator("main").get_by_role("button", name="Ghi ý kiến")).to_have_count(2)
