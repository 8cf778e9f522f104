import pytest
from django.urls import reverse

from accounts.choices import Role
from tests.factories import OldCommuneFactory

PAGES = ["home", "unit_list", "password_change"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", PAGES)
def test_signed_in_user_gets_the_page(client, tree, make_user, name):
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    assert client.get(reverse(name)).status_code == 200


def test_login_page_is_vietnamese(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in html
    assert "Mật khẩu" in html
    assert 'lang="vi"' in html
    # No e-mail reset: a forgotten password is reset by the portal's administrators.
    assert "Quên mật khẩu? Tài khoản do quản trị viên của cổng" in html


def test_wrong_password_message_is_vietnamese(client, tree, make_user):
    make_user(tree.cao_lau, Role.OFFICER, username="caolau.canbo")
    response = client.post(reverse("login"), {"username": "caolau.canbo", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_login_then_home_shows_unit_and_roles_in_vietnamese(client, tree, make_user):
    make_user(tree.cao_lau, Role.OFFICER, Role.COUNCIL_MEMBER, username="caolau.canbo")
    response = client.post(
        reverse("login"),
        {"username": "caolau.canbo", "password": "mat-khau-thu-nghiem"},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Xã Cao Lâu" in html
    assert "Cán bộ thi đua - khen thưởng" in html
    assert "Thành viên Hội đồng" in html
    assert "Đăng xuất" in html


def test_logout_is_a_post(client, tree, make_user):
    client.force_login(make_user(tree.cao_lau))
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change_errors_are_vietnamese(client, tree, make_user):
    client.force_login(make_user(tree.cao_lau))
    response = client.post(
        reverse("password_change"),
        {"old_password": "sai", "new_password1": "a", "new_password2": "b"},
    )
    assert "Mật khẩu cũ không chính xác" in response.content.decode()


def test_unit_list_searches_without_diacritics(client, tree, make_user):
    client.force_login(make_user(tree.ban_tdkt))
    html = client.get(reverse("unit_list"), {"q": "cao lau"}).content.decode()
    assert "Xã Cao Lâu" in html
    assert "Xã Xuất Lễ" not in html


def test_unit_list_filters_by_era(client, tree, make_user):
    client.force_login(make_user(tree.ban_tdkt))
    before = client.get(reverse("unit_list"), {"era": "before"}).content.decode()
    after = client.get(reverse("unit_list"), {"era": "after"}).content.decode()
    assert "Xã Cao Lâu" in before
    assert "Xã Ba Sơn" not in before
    assert "Xã Ba Sơn" in after
    assert "Xã Cao Lâu" not in after


def test_unit_list_query_count_does_not_grow(
    client, tree, make_user, django_assert_max_num_queries
):
    client.force_login(make_user(tree.ban_tdkt))
    client.get(reverse("unit_list"))
    with django_assert_max_num_queries(6) as few:
        client.get(reverse("unit_list"))
    for _ in range(30):
        OldCommuneFactory(parent=tree.cao_loc)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("unit_list"))


def test_unit_detail_shows_successor_of_dissolved_commune(client, tree, make_user):
    client.force_login(make_user(tree.ban_tdkt))
    html = client.get(reverse("unit_detail", args=[tree.cao_lau.pk])).content.decode()
    assert "Xã Ba Sơn" in html
    assert "Huyện Cao Lộc" in html


def test_a_unit_page_links_only_units_the_user_may_open(client, tree, make_user):
    """Units above or beside the user's scope are named, not linked: their pages answer 404
    (before, a commune's page linked its district and the province)."""
    import re

    from accounts.selectors import units_visible_to

    for unit in (tree.cao_lau, tree.ba_son, tree.cao_loc, tree.ban_tdkt):
        user = make_user(unit)
        client.force_login(user)
        for shown in units_visible_to(user):
            html = client.get(reverse("unit_detail", args=[shown.pk])).content.decode()
            for pk in re.findall(r'href="/units/(\d+)/"', html):
                page = client.get(reverse("unit_detail", args=[int(pk)]))
                assert page.status_code == 200, (unit.name, shown.name, pk)
    client.force_login(make_user(tree.cao_lau))
    html = client.get(reverse("unit_detail", args=[tree.cao_lau.pk])).content.decode()
    assert "Huyện Cao Lộc" in html
    assert f'href="/units/{tree.cao_loc.pk}/"' not in html
