"""The whole flow of a commendation in a real browser, at a desktop and at a phone viewport.

A pre-reform dossier climbs the three-level tree: the officer of commune Cao Lâu drafts it,
imports two people from an Excel file made from the downloaded template, attaches a report
and submits; district Cao Lộc receives, appraises and forwards it; the province (Ban TĐKT)
receives, appraises and posts the list; a visitor comments on the public page; the council
votes and closes; the provincial leader approves; the officer drafts the decision, the leader
signs it; its PDF holds the names, a certificate prints, and its verification link says valid.

Only the set-up (units, catalogue, campaign, users) and the end of the posting window (moved
into the past, as the unit tests do) touch the database; every step of the flow is a click.
"""

import datetime
import io
import re

import pytest

from accounts.choices import Role
from awards.models import AwardForm
from awards.seed import seed_award_catalogue
from nominations.models import Posting
from tests.e2e.flow import (
    assert_page_shows_qr_of,
    fetch,
    follow,
    look,
    pdf_page_with,
    pdf_text,
    press,
    sign_in_as,
    sign_out,
    small_pdf,
    step,
)
from tests.nominations.council_helpers import end_posting
from tests.nominations.factories import CampaignFactory

expect = pytest.importorskip("playwright.sync_api").expect

FORM_CODE = "bang-khen-chu-tich-tinh"
CAMPAIGN_TITLE = "Phong trào thi đua chào mừng Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ XVIII"
DOSSIER_DATE = datetime.date(2025, 5, 15)  # before 1/7/2025: the three-level tree
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOMINEES = [
    # name, gender, birth year, ethnicity, position
    ("Lương Văn Minh", "Nam", 1980, "Tày", "Trưởng thôn Nà Lệnh"),
    ("Hoàng Thị Hoa", "Nữ", 1987, "Nùng", "Công chức Văn phòng - Thống kê"),
]
REPORT = small_pdf("Báo cáo thành tích năm 2024 của xã Cao Lâu")
REPORT_NAME = "Báo cáo thành tích năm 2024.pdf"
COUNCIL = [("Đoàn", "Thị Hà"), ("Vi", "Văn Dũng"), ("Nông", "Đức Thắng")]


@pytest.fixture
def flow(tree, make_user, settings, tmp_path, removable_decisions):
    """The catalogue (money, legal bases), a published provincial campaign offering the
    chairman's Bằng khen (posted for 5 working days) and the people of every level."""
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_award_catalogue()
    AwardForm.objects.filter(code=FORM_CODE).update(posting_days=5)
    campaign = CampaignFactory(
        issuer=tree.province,
        forms=["giay-khen-chu-tich-xa", "giay-khen-chu-tich-huyen", FORM_CODE],
        title=CAMPAIGN_TITLE,
        number=45,
        issue_year=2025,
        issue_month=3,
        issue_day=3,
    )
    make_user(tree.cao_lau, Role.OFFICER, username="caolau.canbo")
    make_user(tree.cao_loc, Role.OFFICER, username="caoloc.canbo")
    make_user(tree.ban_tdkt, Role.OFFICER, username="tdkt.canbo")
    make_user(
        tree.province,
        Role.LEADER,
        username="chutich.tinh",
        last_name="Hoàng",
        first_name="Văn Thành",
    )
    for index, (last, first) in enumerate(COUNCIL):
        make_user(
            tree.province,
            Role.COUNCIL_MEMBER,
            username=f"hoidong{index}",
            last_name=last,
            first_name=first,
        )
    return type("Flow", (), {"campaign": campaign, "form": AwardForm.objects.get(code=FORM_CODE)})


def import_workbook(template: bytes, form_name: str) -> bytes:
    """A list of NOMINEES under the headers of the downloaded template, in its order."""
    from openpyxl import Workbook, load_workbook

    headers = [cell.value for cell in load_workbook(io.BytesIO(template)).worksheets[0][1]]
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for number, (name, gender, year, ethnicity, position) in enumerate(NOMINEES, 1):
        values = {
            "STT": number,
            "Họ và tên / Tên tập thể": name,
            "Loại đối tượng": "Cá nhân",
            "Giới tính": gender,
            "Năm sinh": year,
            "Dân tộc": ethnicity,
            "Chức vụ": position,
            "Hình thức đề nghị": form_name,
            "Tóm tắt thành tích": f"{name} hoàn thành xuất sắc nhiệm vụ năm 2024.",
        }
        sheet.append([values.get(header, "") for header in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def open_from_queue(page, number: str) -> None:
    """The dossier waiting for the signed-in user, opened from their work queue."""
    page.goto("/")
    follow(page, page.locator("main").get_by_role("link", name=number, exact=True))
    expect(page.locator("h1")).to_contain_text(number)


def action(page, label: str):
    return page.locator("main").get_by_role("button", name=label, exact=True)


def appraise_all(page, count: int) -> None:
    """Record "Nhất trí" (the preselected decision) for every entry, one form at a time."""
    buttons = page.locator("main").get_by_role("button", name="Ghi ý kiến")
    expect(buttons).to_have_count(count)
    for index in range(count):
        press(page, buttons.nth(index), success="Nhất trí")


def assert_report_downloads(page) -> None:
    """The attached report is listed on the dossier and comes back byte for byte."""
    link = page.locator("main").get_by_role("link", name=REPORT_NAME)
    expect(link).to_be_visible()
    assert fetch(page, link.get_attribute("href"), content_type="application/pdf") == REPORT


def commune_officer_submits(page, flow) -> str:
    """Cao Lâu: new dossier, Excel import of NOMINEES, a report attached, submitted. Returns the
    dossier's number ("01/TTr-UBND")."""
    with step("commune officer signs in and creates the dossier"):
        sign_in_as(page, "caolau.canbo")
        page.goto("/dossiers/")
        follow(page, page.locator("main").get_by_role("link", name="Lập hồ sơ mới"))
        page.get_by_label("Phong trào thi đua").select_option(str(flow.campaign.pk))
        page.get_by_label("Ngày").fill(f"{DOSSIER_DATE:%d/%m/%Y}")  # as Vietnamese write it
        press(page, page.get_by_role("button", name="Lưu lại"), success="Đã tạo hồ sơ")
        expect(page.locator("h1")).to_contain_text("dự thảo")

    with step("commune officer imports the Excel list"):
        follow(page, page.get_by_role("link", name="Nhập từ Excel"))
        with page.expect_download() as download:
            page.get_by_role("link", name="Tải tệp mẫu").click()
        template = download.value.path().read_bytes()
        page.get_by_label("Tệp Excel (.xlsx)").set_input_files(
            {
                "name": "danh-sach-de-nghi.xlsx",
                "mimeType": XLSX,
                "buffer": import_workbook(template, flow.form.name),
            }
        )
        press(page, page.get_by_role("button", name="Kiểm tra tệp (xem trước)"))
        preview = page.locator("main table")
        for name, *_rest in NOMINEES:
            expect(preview).to_contain_text(name)
        press(
            page,
            page.get_by_role("button", name="Thêm 2 đề nghị này vào hồ sơ"),
            success="2",
        )
        for name, *_rest in NOMINEES:
            expect(page.locator("main")).to_contain_text(name)

    with step("commune officer attaches the report"):
        page.locator("main select[name=kind]").select_option(label="Báo cáo thành tích")
        page.locator("main form input[type=file]:not([name=entry])").last.set_input_files(
            {"name": REPORT_NAME, "mimeType": "application/pdf", "buffer": REPORT}
        )
        press(page, action(page, "Đính kèm"), success="Đã đính kèm")
        assert_report_downloads(page)

    with step("commune officer submits"):
        press(page, action(page, "Trình"), success="Trình")
        expect(page.locator("main")).to_contain_text("Huyện Cao Lộc")
        number = re.search(r"\d+/TTr-[\wĐ]+", page.locator("h1").inner_text()).group(0)
    return number


def district_forwards(page, number: str) -> str:
    """Cao Lộc: receives, agrees to both entries, forwards; returns the new dossier's number."""
    with step("district officer receives the dossier"):
        sign_in_as(page, "caoloc.canbo")
        open_from_queue(page, number)
        assert_report_downloads(page)
        press(page, action(page, "Tiếp nhận"), success="Tiếp nhận")
    with step("district officer appraises and forwards"):
        appraise_all(page, len(NOMINEES))
        press(page, action(page, "Kết thúc thẩm định"), success="Kết thúc thẩm định")
        press(page, action(page, "Chuyển lên cấp trên"), success="Tỉnh Lạng Sơn")
        forwarded = page.locator("main dl").get_by_role("link", name=re.compile("TTr"))
        return forwarded.inner_text().strip()


def test_whole_flow_from_the_commune_to_a_verified_certificate(page, flow, live_server):
    number = commune_officer_submits(page, flow)
    province_number = district_forwards(page, number)

    with step("province receives, appraises and posts the list"):
        sign_in_as(page, "tdkt.canbo")
        open_from_queue(page, province_number)
        press(page, action(page, "Tiếp nhận"), success="Tiếp nhận")
        appraise_all(page, len(NOMINEES))
        press(page, action(page, "Kết thúc thẩm định"), success="Kết thúc thẩm định")
        press(page, action(page, "Công khai"), success="Công khai")
        dossier_url = page.url
        posting_url = page.locator("main dl a[href^='/public/postings/']").get_attribute("href")

    with step("a visitor finds the posting among the lists open for comments"):
        sign_out(page)
        page.goto("/public/postings/")
        look(page)
        listed = page.locator(f"main a[href='{posting_url}']")
        expect(listed).to_contain_text("Đơn vị đề nghị: Huyện Cao Lộc · 2 đối tượng")
        follow(page, listed)

    with step("a visitor comments on the public posting"):
        main = page.locator("main")
        expect(main).to_contain_text("Đang nhận ý kiến")
        for name, *_rest in NOMINEES:
            expect(main).to_contain_text(name)
        expect(main).not_to_contain_text("1980")  # no birth year on a public page
        page.get_by_label("Họ tên của bạn").fill("Nguyễn Văn Dân")
        page.get_by_label("Điện thoại hoặc email").fill("dan@example.vn")
        page.get_by_label("Về người được đề nghị").select_option(label=NOMINEES[0][0])
        page.get_by_label("Ý kiến").fill("Ông Minh rất gương mẫu, tôi đồng ý với đề nghị.")
        press(page, page.get_by_role("button", name="Gửi"), success="Cảm ơn")

    with step("the officer publishes the comment"):
        sign_in_as(page, "tdkt.canbo")
        page.goto(dossier_url)
        expect(page.locator("main")).to_contain_text("Nguyễn Văn Dân")
        press(page, action(page, "Phê duyệt"))
        sign_out(page)
        page.goto(posting_url)
        expect(page.locator("main")).to_contain_text("Ông Minh rất gương mẫu")
        expect(page.locator("main")).not_to_contain_text("dan@example.vn")

    # The window must close before the council meets: as if its working days had passed.
    end_posting(Posting.objects.get().dossier)

    with step("the officer sends the dossier to the council and records attendance"):
        sign_in_as(page, "tdkt.canbo")
        page.goto(dossier_url)
        press(page, action(page, "Trình Hội đồng"))
        follow(page, page.locator("main dl a[href^='/dossiers/council/']"))
        expect(page.locator("h1")).to_contain_text("Hội đồng")
        session_url = page.url
        for last, first in COUNCIL:
            page.get_by_role("checkbox", name=f"{last} {first}").check()
        press(page, page.get_by_role("button", name="Lưu điểm danh"), success="3")

    member, *others = [f"{last} {first}" for last, first in COUNCIL]
    with step("a council member casts their own votes"):
        sign_in_as(page, "hoidong0")
        page.goto(session_url)
        look(page)
        cards = page.locator("main .card")
        expect(cards).to_have_count(len(NOMINEES))
        for index in range(len(NOMINEES)):
            card = cards.nth(index)
            expect(card.locator("select")).to_have_count(1)  # their own ballot only
            card.get_by_label(member, exact=True).select_option(label="Đồng ý")
            press(page, card.get_by_role("button", name="Ghi phiếu"), success="1 phiếu")

    with step("the officer records the other votes and closes the session"):
        sign_in_as(page, "tdkt.canbo")
        page.goto(session_url)
        cards = page.locator("main .card")
        for index in range(len(NOMINEES)):
            card = cards.nth(index)
            expect(card.get_by_label(member, exact=True)).to_have_value("for")
            for name in others:
                card.get_by_label(name, exact=True).select_option(label="Đồng ý")
            press(page, card.get_by_role("button", name="Ghi phiếu"), success="3 phiếu")
        passed = page.locator("main .card .badge.text-bg-success").filter(has_text="Đạt")
        expect(passed).to_have_count(len(NOMINEES))
        expect(cards.first).to_contain_text("3/3")
        press(page, action(page, "Kết thúc phiên họp"), success="BB")

    with step("the provincial leader approves"):
        sign_in_as(page, "chutich.tinh")
        open_from_queue(page, province_number)
        press(page, action(page, "Phê duyệt"), success="Phê duyệt")
        expect(page.locator("h1 .badge")).to_have_text("Đã phê duyệt")

    with step("the officer drafts the decision from the approved entries"):
        sign_in_as(page, "tdkt.canbo")
        page.goto("/decisions/new/")
        look(page)
        offer = re.compile(re.escape(flow.form.name))
        follow(page, page.locator("main .list-group").get_by_role("link", name=offer))
        for name, *_rest in NOMINEES:
            expect(page.get_by_role("checkbox", name=re.compile(name))).to_be_checked()
        press(page, page.get_by_role("button", name="Dự thảo quyết định"))
        expect(page.locator("h1")).to_contain_text("Dự thảo")
        decision_url = page.url

    with step("the leader signs"):
        sign_in_as(page, "chutich.tinh")
        page.goto(decision_url)
        look(page)
        expect(page.locator("main")).not_to_contain_text("Chưa đủ điều kiện ký")
        page.get_by_label("Tôi đã đọc dự thảo và ký quyết định này.").check()
        press(page, page.get_by_role("button", name="Ký quyết định"), success="01/QĐ-UBND")

    with step("the issued decision's page lays out its revocation form"):
        main = page.locator("main")
        revoke = main.locator("form[action$='/revoke/']")
        button = revoke.get_by_role("button", name="Ghi nhận thu hồi").bounding_box()
        for name, *_rest in NOMINEES:
            label = revoke.locator("label").filter(has_text=name).bounding_box()
            assert label["y"] + label["height"] <= button["y"], f"{name} spills over the button"

    with step("the signed PDF holds the names and the money"):
        pdf_url = main.get_by_role("link", name="Bản đã ký (PDF)").get_attribute("href")
        text = pdf_text(fetch(page, pdf_url, content_type="application/pdf"))
        assert "QUYẾT ĐỊNH" in text
        assert "01/QĐ-UBND" in text
        for name, *_rest in NOMINEES:
            assert name in text
        # Bằng khen signed after 1/7/2025: 1.5 × 2,340,000 đ for an individual.
        assert "3.510.000" in text

    nominee = NOMINEES[1][0]
    with step("a certificate prints with the QR code of its verification page"):
        row = main.locator("tr").filter(has_text=nominee)
        verify_path = row.get_by_role("link", name="Trang xác thực").get_attribute("href")
        assert re.fullmatch(r"/verify/[\w-]{16,}/", verify_path), verify_path
        certificates_url = main.get_by_role("link", name="In bằng, giấy khen (PDF)").get_attribute(
            "href"
        )
        certificates = fetch(page, certificates_url, content_type="application/pdf")
        certificate = pdf_page_with(certificates, nominee)
        assert_page_shows_qr_of(certificate, live_server.url + verify_path)

    with step("the certificate's QR link says valid, to anyone"):
        sign_out(page)
        page.goto(verify_path)
        look(page)
        main = page.locator("main")
        expect(main.locator(".alert-success")).to_contain_text("HỢP LỆ")
        expect(main).to_contain_text(nominee)
        expect(main).to_contain_text("01/QĐ-UBND")
        expect(main).to_contain_text(flow.form.name)
