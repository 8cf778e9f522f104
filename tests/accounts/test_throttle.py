import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import throttle
from accounts.choices import Role
from accounts.models import LoginFailure

PASSWORD = "mat-khau-thu-nghiem"
LOCK_MESSAGE = "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau"
WRONG_MESSAGE = "Tên đăng nhập hoặc mật khẩu không đúng"


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # Dozens of sign-ins per test: the production hasher would take most of a minute.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def officer(tree, make_user):
    return make_user(tree.cao_lau, Role.OFFICER, username="caolau.canbo")


def sign_in(client, password, username="caolau.canbo", ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail(client, times, **kwargs):
    for _ in range(times):
        sign_in(client, "sai-mat-khau", **kwargs)


def age_failures(minutes):
    """Move every recorded failure into the past, as if time had passed."""
    for failure in LoginFailure.objects.all():
        failure.at -= datetime.timedelta(minutes=minutes)
        failure.save(update_fields=["at"])


def test_four_failures_do_not_lock(client, officer):
    fail(client, 4)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_five_failures_lock_even_the_right_password(client, officer):
    fail(client, 5)
    response = sign_in(client, PASSWORD)
    html = response.content.decode()
    assert response.status_code == 200
    assert LOCK_MESSAGE in html
    assert "15 phút" in html
    assert "_auth_user_id" not in client.session


def test_the_fifth_failure_already_tells_about_the_lock(client, officer):
    fail(client, 4)
    html = sign_in(client, "sai-mat-khau").content.decode()
    assert LOCK_MESSAGE in html
    assert WRONG_MESSAGE not in html


def test_lock_message_is_vietnamese_at_the_top_of_the_form(client, officer):
    fail(client, 5)
    html = sign_in(client, PASSWORD).content.decode()
    alert = html.index('class="alert alert-danger"')
    assert alert < html.index('name="username"')
    assert "Vui lòng thử lại sau 15 phút." in html
    assert "locked" not in html


def test_attempts_while_locked_are_not_counted(client, officer):
    fail(client, 5)
    fail(client, 3)
    assert LoginFailure.objects.count() == 5


def test_username_is_counted_case_insensitively(client, officer):
    for name in ["CaoLau.CanBo", "CAOLAU.CANBO", " caolau.canbo", "caolau.CANBO", "Caolau.canbo"]:
        sign_in(client, "sai", username=name)
    assert LOCK_MESSAGE in sign_in(client, PASSWORD).content.decode()


def test_lock_lifts_after_the_window(client, officer):
    fail(client, 5)
    age_failures(14)
    assert LOCK_MESSAGE in sign_in(client, PASSWORD).content.decode()
    age_failures(2)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_failures_spread_over_more_than_the_window_do_not_lock(client, officer):
    fail(client, 3)
    age_failures(16)
    fail(client, 2)
    assert sign_in(client, PASSWORD).status_code == 302


def test_success_resets_the_counter(client, officer):
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username="caolau.canbo").exists()
    client.logout()
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302


def test_lock_of_one_username_leaves_others_alone(client, officer, tree, make_user):
    make_user(tree.xuat_le, Role.OFFICER, username="xuatle.canbo")
    fail(client, 5)
    assert sign_in(client, PASSWORD, username="xuatle.canbo").status_code == 302


def test_unknown_usernames_are_locked_too(client, db):
    fail(client, 5, username="khong.ton.tai")
    assert LOCK_MESSAGE in sign_in(client, PASSWORD, username="khong.ton.tai").content.decode()


def test_one_address_guessing_many_usernames_is_locked(client, officer, settings):
    settings.LOGIN_FAILURE_IP_LIMIT = 6
    for n in range(6):
        sign_in(client, "sai", username=f"nguoi{n}", ip="10.9.9.9")
    html = sign_in(client, PASSWORD, ip="10.9.9.9").content.decode()
    assert "Có quá nhiều lần đăng nhập sai từ mạng này" in html
    assert sign_in(client, PASSWORD, ip="10.0.0.2").status_code == 302


def test_limits_come_from_settings(client, officer, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    settings.LOGIN_FAILURE_WINDOW_MINUTES = 1
    fail(client, 2)
    html = sign_in(client, PASSWORD).content.decode()
    assert "Vui lòng thử lại sau 1 phút." in html
    age_failures(2)
    assert sign_in(client, PASSWORD).status_code == 302


def test_old_rows_are_pruned(db):
    now = timezone.now()
    throttle.login_failure_record(
        username="a", ip_address=None, now=now - datetime.timedelta(hours=2)
    )
    throttle.login_failure_record(username="b", ip_address=None, now=now)
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["b"]


def test_lock_uses_the_time_given(db):
    start = timezone.now()
    for n in range(5):
        throttle.login_failure_record(
            username="X", ip_address="10.0.0.1", now=start + datetime.timedelta(minutes=n)
        )
    lock = throttle.login_lock_for(
        username="x", ip_address=None, now=start + datetime.timedelta(minutes=5)
    )
    assert lock is not None
    assert lock.until == start + datetime.timedelta(minutes=19)
    assert lock.minutes_left(start + datetime.timedelta(minutes=5)) == 14
    after = start + datetime.timedelta(minutes=19, seconds=1)
    assert throttle.login_lock_for(username="x", ip_address=None, now=after) is None


def test_admin_login_is_throttled_too(client, tree, make_user):
    admin_user = make_user(tree.ban_tdkt, Role.ADMIN, username="quantri", is_staff=True)
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "quantri", "password": "sai"})
    response = client.post(url, {"username": admin_user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert LOCK_MESSAGE in response.content.decode()
