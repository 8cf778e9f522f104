"""A commune officer signs in, finds their unit, uses the menu and signs out, in a real browser."""

import pytest

from accounts.choices import Role
from tests.e2e.checks import check_page

expect = pytest.importorskip("playwright.sync_api").expect

PASSWORD = "mat-khau-thu-nghiem"
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng"


@pytest.fixture
def officer(tree, make_user):
    return make_user(
        tree.cao_lau,
        Role.OFFICER,
        username="caolau.canbo",
        last_name="Hoàng",
        first_name="Thị Lan",
    )


@pytest.fixture
def province_officer(tree, make_user):
    return make_user(tree.ban_tdkt, Role.OFFICER, username="tdkt.canbo")


def sign_in(page, username="caolau.canbo", password=PASSWORD):
    page.goto("/accounts/login/")
    check_page(page)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()
    check_page(page)


def open_menu(page):
    """On a phone the menu hides behind the toggler; on a desktop it is always open."""
    toggler = page.locator(".navbar-toggler")
    if page.viewport_name == "phone":
        expect(toggler).to_be_visible()
        toggler.click()
        expect(page.locator("#mainnav")).to_have_class("navbar-collapse collapse show")
    else:
        expect(toggler).to_be_hidden()


def test_officer_signs_in_and_sees_their_commune_and_role(page, live_server, officer):
    sign_in(page)
    expect(page).to_have_url(f"{live_server.url}/")
    main = page.locator("main")
    expect(main).to_contain_text("Xin chào, Hoàng Thị Lan")
    expect(main).to_contain_text("Xã Cao Lâu")
    expect(main).to_contain_text("Cán bộ thi đua - khen thưởng")


def test_bootstrap_styles_and_scripts_load_under_the_csp(page, officer):
    sign_in(page)
    assert page.evaluate("typeof window.bootstrap") == "object"
    assert page.evaluate("typeof window.htmx") == "object"
    # Bootstrap's CSS is what hides the toggler on a desktop and the menu on a phone.
    toggler_shown = page.locator(".navbar-toggler").is_visible()
    assert toggler_shown == (page.viewport_name == "phone")
    units = page.locator("#mainnav").get_by_role("link", name="Đơn vị")
    if page.viewport_name == "phone":
        expect(units).to_be_hidden()
    open_menu(page)
    expect(units).to_be_visible()
    units.click()
    expect(page.locator("h1")).to_have_text("Đơn vị")
    check_page(page)


def test_units_search_ignores_diacritics(page, province_officer):
    sign_in(page, "tdkt.canbo")
    page.goto("/units/")
    check_page(page)
    table = page.locator("table")
    expect(table.get_by_role("link", name="Xã Xuất Lễ")).to_be_visible()
    page.get_by_role("searchbox").fill("cao lau")
    page.get_by_role("button", name="Lọc").click()
    expect(table.get_by_role("link", name="Xã Cao Lâu")).to_be_visible()
    expect(table.get_by_role("link", name="Xã Xuất Lễ")).to_have_count(0)
    assert "q=cao+lau" in page.url
    check_page(page)
    table.get_by_role("link", name="Xã Cao Lâu").click()
    expect(page.locator("main")).to_contain_text("Huyện Cao Lộc")


def test_wrong_password_is_refused_in_vietnamese(page, officer):
    sign_in(page, password="sai-mat-khau")
    expect(page.locator(".alert-danger")).to_contain_text(WRONG)
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("caolau.canbo")
    assert page.url.endswith("/accounts/login/")


def test_repeated_failures_lock_the_account_in_vietnamese(page, officer):
    for _ in range(5):
        sign_in(page, password="sai-mat-khau")
    sign_in(page)
    expect(page.locator(".alert-danger")).to_contain_text(
        "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút."
    )
    assert page.url.endswith("/accounts/login/")


def test_navigation_fits_one_line_on_a_desktop(page, officer):
    sign_in(page)
    if page.viewport_name == "phone":
        return
    nav = page.locator(".portal-nav").bounding_box()
    brand = page.locator(".navbar-brand").bounding_box()
    assert nav["height"] < 2 * brand["height"] + 24  # one row of links, not two or three
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_sign_out_ends_the_session(page, live_server, officer):
    sign_in(page)
    open_menu(page)
    # The account's items (unit, password, sign out) are in a menu under the user's name.
    page.get_by_role("button", name="Hoàng Thị Lan").click()
    expect(page.locator(".dropdown-menu")).to_contain_text("Xã Cao Lâu")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    check_page(page)
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()


def test_no_page_of_the_menu_scrolls_sideways(page, officer):
    """check_page measures the width at phone size on every page the menu links to."""
    sign_in(page)
    links = page.locator("#mainnav a.nav-link").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    assert "/units/" in links
    for path in dict.fromkeys([*links, "/units/?q=cao+lau"]):
        response = page.goto(path)
        assert response.ok, path
        expect(page.locator("h1")).to_be_visible()
        check_page(page)


def test_unit_detail_page_does_not_scroll_sideways(page, officer):
    sign_in(page)
    page.locator("main").get_by_role("link", name="Xã Cao Lâu").click()
    expect(page.locator("h1")).to_contain_text("Xã Cao Lâu")
    check_page(page)


@pytest.mark.parametrize("viewport", ["desktop"])
def test_the_csp_guard_catches_inline_script(page):
    """The header is enforced and a violation would fail the tests above."""
    page.goto("/accounts/login/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "document.body.dataset.injected = 'yes'";
            document.body.append(script);
        }"""
    )
    expect(page.locator("body")).not_to_have_attribute("data-injected", "yes")
    page.wait_for_timeout(100)
    with pytest.raises(AssertionError, match="CSP violations"):
        check_page(page)
    page.console_errors.clear()
