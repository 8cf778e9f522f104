import datetime

import pytest

from accounts.choices import Role
from campaigns.choices import UnitKind
from tests.factories import (
    DistrictFactory,
    NewCommuneFactory,
    OldCommuneFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
    link,
)


@pytest.fixture
def tree(db):
    """A small province in both eras: two districts with communes, then two new communes.

    Cao Lâu and Xuất Lễ (district Cao Lộc) merge into Ba Sơn on 1/7/2025; Hoàng Đồng
    (district Thành phố Lạng Sơn) becomes part of Đông Kinh.
    """
    province = ProvinceFactory(name="Tỉnh Lạng Sơn", code="20")
    ban_tdkt = UnitFactory(
        name="Ban Thi đua - Khen thưởng",
        kind=UnitKind.DEPARTMENT,
        parent=province,
        standing_office_for=province,
    )
    cao_loc = DistrictFactory(name="Huyện Cao Lộc", parent=province, code="183")
    city = DistrictFactory(name="Thành phố Lạng Sơn", kind=UnitKind.CITY, parent=province)
    cao_lau = OldCommuneFactory(name="Xã Cao Lâu", parent=cao_loc, code="06196")
    xuat_le = OldCommuneFactory(name="Xã Xuất Lễ", parent=cao_loc, code="06199")
    hoang_dong = OldCommuneFactory(name="Xã Hoàng Đồng", parent=city, code="05986")
    ba_son = NewCommuneFactory(name="Xã Ba Sơn", parent=province, code="06196")
    dong_kinh = NewCommuneFactory(
        name="Phường Đông Kinh", kind=UnitKind.WARD, parent=province, code="05977"
    )
    link(cao_lau, ba_son)
    link(xuat_le, ba_son)
    link(hoang_dong, dong_kinh, partial=True)
    return type(
        "Tree",
        (),
        {
            "province": province,
            "ban_tdkt": ban_tdkt,
            "cao_loc": cao_loc,
            "city": city,
            "cao_lau": cao_lau,
            "xuat_le": xuat_le,
            "hoang_dong": hoang_dong,
            "ba_son": ba_son,
            "dong_kinh": dong_kinh,
        },
    )


@pytest.fixture
def make_user(db):
    def make(unit, *roles, **kwargs):
        return UserFactory(unit=unit, roles=roles or [Role.OFFICER], **kwargs)

    return make


@pytest.fixture
def before_reform():
    return datetime.date(2024, 5, 1)


@pytest.fixture
def after_reform():
    return datetime.date(2025, 8, 1)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.2 s a login; tests sign in hundreds of times."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_of_its_own(settings, tmp_path_factory):
    """Files a test stores (decision PDFs, attachments) go to a folder of its own, never to
    the developer's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with an empty cache of its own (no kept statistics, no comment
    counters): the process's memory, so that tests without the database run too. The
    database cache of the settings is tested in tests/reports/test_cache.py."""
    from django.core.cache import cache

    settings.CACHES = LOCAL_CACHE
    cache.clear()


@pytest.fixture(autouse=True)
def forget_work_calendar():
    """The holiday list and time limits kept by the process belong to one test's database:
    a rolled-back test sends no signal, so each test starts with none kept."""
    from nominations.deadlines import forget_calendar

    forget_calendar()
    yield
    forget_calendar()


@pytest.fixture(autouse=True)
def entry_counts_kept(request):
    """After every test that used the database: each dossier's stored `entry_count` is the
    number of its entries, whatever the test did through the services, the views, the
    import, the admin or the factories (nominations.models.recount_entries)."""
    if "_django_db_helper" not in request.fixturenames and not request.node.get_closest_marker(
        "django_db"
    ):
        yield
        return
    request.getfixturevalue("_django_db_helper")  # set up first, so torn down after this
    yield
    from django.db import connection
    from django.db.models import F

    if connection.needs_rollback:  # the test ended inside a failed transaction (on purpose)
        return

    from documents.subqueries import count_of
    from nominations.models import Dossier, Entry

    wrong = list(
        Dossier.objects.annotate(counted=count_of(Entry, "dossier_id"))
        .exclude(entry_count=F("counted"))
        .values_list("pk", "entry_count", "counted")[:5]
    )
    assert not wrong, f"Dossier.entry_count out of step (pk, stored, counted): {wrong}"
