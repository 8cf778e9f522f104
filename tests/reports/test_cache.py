"""accounts.cache: figures kept a short while, per scope, filters and language, in the cache
of the settings (a database table by default, created by migrate)."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from accounts.cache import remember, scope_key

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    }
}


def test_the_settings_cache_is_a_table_that_migrate_creates(db, settings):
    from config import settings as project

    assert project.CACHES["default"]["BACKEND"] == DATABASE_CACHE["default"]["BACKEND"]
    assert project.CACHES["default"]["LOCATION"] == "portal_cache"
    assert "portal_cache" in connection.introspection.table_names()


def test_dashboard_figures_are_kept_in_the_database_cache(
    db, settings, client, province_officer, known
):
    """Kept in the table, they are the same for every worker process: computed once."""
    from tests.reports.test_exports import add_more_awards

    settings.CACHES = DATABASE_CACHE
    settings.STATISTICS_CACHE_SECONDS = 60
    client.force_login(province_officer)
    url = reverse("reports:dashboard")
    assert 'id="total-awards">5<' in client.get(url, {"year": "2024"}).content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM portal_cache")
        assert cursor.fetchone()[0] >= 1
    add_more_awards(known, 2)
    assert 'id="total-awards">5<' in client.get(url, {"year": "2024"}).content.decode()
    fresh = client.get(url, {"year": "2024", "fresh": "1"}).content.decode()
    assert 'id="total-awards">7<' in fresh


def test_remember_keeps_a_value_per_parts_and_language(settings):
    settings.STATISTICS_CACHE_SECONDS = 60
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    with translation.override("vi"):
        first, at = remember(("figures", 1), compute)
        assert remember(("figures", 1), compute) == (first, at)
        assert remember(("figures", 2), compute)[0] == 2  # other parts: computed
        assert remember(("figures", 1), compute, fresh=True)[0] == 3  # computed again ...
        assert remember(("figures", 1), compute)[0] == 3  # ... and kept
    with translation.override("en"):
        assert remember(("figures", 1), compute)[0] == 4  # labels are in another language
    assert isinstance(at, datetime.datetime)


def test_remember_computes_every_time_when_keeping_is_off(settings):
    settings.STATISTICS_CACHE_SECONDS = 0
    values = iter(range(10))
    assert remember(("x",), lambda: next(values))[0] == 0
    assert remember(("x",), lambda: next(values))[0] == 1


@pytest.mark.django_db
def test_scope_key_is_the_set_of_units_seen(tree, make_user):
    from accounts.choices import Role

    province = make_user(tree.ban_tdkt, Role.OFFICER)
    cao_lau = make_user(tree.cao_lau, Role.OFFICER)
    cao_lau_leader = make_user(tree.cao_lau, Role.LEADER)
    hoang_dong = make_user(tree.hoang_dong, Role.OFFICER)
    assert scope_key(province) == "all"
    assert scope_key(cao_lau) == scope_key(cao_lau_leader)  # same units: same figures
    assert scope_key(cao_lau) != scope_key(hoang_dong)
