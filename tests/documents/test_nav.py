from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.utils import translation

from documents.templatetags import nav


def _render(user) -> str:
    return Template("{% load nav %}{% nav_links %}").render(Context({"user": user}))


class _Staff:
    is_authenticated = True

    def __init__(self, is_staff=False):
        self.is_staff = is_staff


def test_public_visitors_see_the_public_pages():
    html = _render(AnonymousUser())
    assert html.count('<li class="nav-item">') == 4
    assert '<a class="nav-link" href="/public/campaigns/">Phong trào thi đua</a>' in html
    assert '<a class="nav-link" href="/public/postings/">Lấy ý kiến nhân dân</a>' in html
    assert 'href="/public/honours/">Bảng vàng' in html
    assert "/dossiers/" not in html


def test_staff_see_their_pages():
    html = _render(_Staff())
    assert html.count('<li class="nav-item">') == 8
    assert 'href="/dossiers/">Hồ sơ' in html
    assert "/public/" not in html
    # The administration is in the account menu (base.html), not among the pages.
    assert _render(_Staff(is_staff=True)) == html


def test_the_account_menu_holds_the_unit_password_sign_out_and_administration(
    client, tree, make_user
):
    from accounts.choices import Role

    officer = make_user(tree.cao_lau, Role.OFFICER)
    client.force_login(officer)
    html = client.get("/").content.decode()
    menu = html.split('<ul class="dropdown-menu', 1)[1].split("</ul>", 1)[0]
    for item in ("Xã Cao Lâu", "Đổi mật khẩu", "Đăng xuất"):
        assert item in menu
    assert "/admin/" not in html
    officer.is_staff = True
    officer.save()
    menu = client.get("/").content.decode().split('<ul class="dropdown-menu', 1)[1]
    assert 'href="/admin/">Quản trị' in menu.split("</ul>", 1)[0]


def test_links_follow_the_language():
    nav._links.cache_clear()
    with translation.override("en"):
        english = _render(_Staff())
    vietnamese = _render(_Staff())
    assert "Work queue" in english
    assert "Work queue" not in vietnamese
