"""Error pages in Vietnamese, in the portal's layout (500: alone, without the database):
before, a visitor got Django's English "Not Found" or "Forbidden (403) CSRF verification
failed", with no way back."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.choices import Role

pytestmark = pytest.mark.django_db


def test_a_missing_page_and_an_object_outside_the_users_units_answer_the_same_404(
    client, tree, make_user
):
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    for url in ["/no-such-page/", reverse("unit_detail", args=[tree.cao_loc.pk])]:
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Không tìm thấy trang" in html
        assert "nằm ngoài phạm vi đơn vị của bạn" in html
        assert 'class="navbar' in html  # the layout, with its menu
        assert 'href="/">Về trang chủ</a>' in html


def test_a_refused_page_says_so_in_vietnamese(client, tree, make_user):
    from tests.nominations.factories import CampaignFactory

    campaign = CampaignFactory(issuer=tree.province)
    client.force_login(make_user(tree.province, Role.LEADER))
    response = client.get(reverse("reports:results", args=[campaign.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không được phép" in html
    assert "Vai trò của bạn không được thực hiện việc này." in html


def test_an_expired_form_says_nothing_was_saved(tree, make_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    client.get(reverse("password_change"))  # the CSRF cookie, as a browser keeps it
    assert "csrftoken" in client.cookies
    response = client.post(reverse("password_change"), {"old_password": "x"})  # no token
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html
    assert "Chưa có gì được lưu" in html
    assert "chặn cookie" not in html  # the cookie came; the token did not


def test_an_expired_form_without_the_cookie_asks_to_allow_cookies(tree, make_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    client.cookies.pop("csrftoken", None)
    response = client.post(reverse("password_change"), {"old_password": "x"})
    assert response.status_code == 403
    assert "Trình duyệt của bạn đang chặn cookie của trang này" in response.content.decode()


def test_a_server_error_page_stands_alone(tree, make_user, monkeypatch):
    from accounts import views

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.HomeView, "get", fail)
    client = Client(raise_request_exception=False)
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    response = client.get(reverse("home"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi máy chủ" in html
    assert "boom" not in html
