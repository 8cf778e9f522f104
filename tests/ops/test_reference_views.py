"""The benchmark's reference views: routed only by ops.bench_urls, and only under its settings."""

import pytest

from accounts.models import User


@pytest.mark.urls("ops.bench_urls")
def test_the_signed_in_floor_needs_a_user_and_the_benchmark_settings(client, settings, db):
    settings.OPS_BENCH_PING = True
    anonymous = client.get("/ops/signed-in/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    user = User.objects.create_user("floor", password="x", first_name="Thị Mai", last_name="Lăng")
    client.force_login(user)
    page = client.get("/ops/signed-in/")
    assert page.status_code == 200
    body = page.content.decode()
    assert f"<p>{user.get_full_name()}</p>" in body
    assert 'class="navbar' in body  # the whole layout, as a staff page has it
    assert client.get("/ops/ping/").content == b"pong"
    settings.OPS_BENCH_PING = False  # as everywhere but the benchmark's server
    assert client.get("/ops/signed-in/").status_code == 404
    assert client.get("/ops/ping/").status_code == 404


def test_production_routes_neither_view(client, settings, db):
    settings.OPS_BENCH_PING = True
    assert client.get("/ops/ping/").status_code == 404
    assert client.get("/ops/signed-in/").status_code == 404
