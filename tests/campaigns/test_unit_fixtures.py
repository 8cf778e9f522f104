"""The committed fixture of Lạng Sơn's real units, in both eras."""

import datetime

import pytest
from django.core.management import call_command

from campaigns.choices import UnitKind, UnitLevel
from campaigns.models import Cluster, Unit

BEFORE = datetime.date(2024, 5, 1)
AFTER = datetime.date(2025, 8, 1)


@pytest.fixture
def units(db):
    call_command("loaddata", "fixtures/units.json", verbosity=0)


def test_eleven_district_level_units_before_reform(units):
    districts = Unit.objects.in_force(BEFORE).filter(kind__in=[UnitKind.DISTRICT, UnitKind.CITY])
    assert districts.count() == 11
    assert districts.filter(kind=UnitKind.CITY).get().name == "Thành phố Lạng Sơn"


def test_communes_before_reform(units):
    communes = Unit.objects.in_force(BEFORE).filter(
        kind__in=[UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP]
    )
    assert communes.count() == 194


def test_sixty_five_units_after_reform(units):
    after = Unit.objects.in_force(AFTER).filter(
        kind__in=[UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP]
    )
    assert after.count() == 65
    assert after.filter(kind=UnitKind.COMMUNE).count() == 61
    assert after.filter(kind=UnitKind.WARD).count() == 4
    assert not Unit.objects.in_force(AFTER).filter(kind=UnitKind.DISTRICT).exists()


def test_every_old_commune_has_a_successor(units):
    old = Unit.objects.filter(valid_to=datetime.date(2025, 6, 30), kind=UnitKind.COMMUNE)
    assert old.exists()
    assert not old.filter(successors__isnull=True).exists()


def test_cao_lau_in_cao_loc_before_and_successor_after(units):
    cao_lau = Unit.objects.get(name="Xã Cao Lâu")
    cao_loc = Unit.objects.get(name="Huyện Cao Lộc")
    assert cao_lau.ancestor_at_level(UnitLevel.DISTRICT, BEFORE) == cao_loc
    assert cao_lau.ancestor_at_level(UnitLevel.DISTRICT, AFTER) is None
    successors = cao_lau.successors_on(AFTER)
    assert [u.name for u in successors] == ["Xã Ba Sơn"]


def test_bodies_named_by_the_seeds_exist(units):
    for name in [
        "Sở Nội vụ",
        "Ban Thi đua - Khen thưởng",
        "Sở Giáo dục và Đào tạo",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Thông tin và Truyền thông",
        "Sở Tài chính",
        "Công an tỉnh Lạng Sơn",
        "Tòa án nhân dân tỉnh Lạng Sơn",
        "Tỉnh Đoàn Lạng Sơn",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn",
        "Báo Lạng Sơn",
        "Đài Phát thanh - Truyền hình tỉnh Lạng Sơn",
    ]:
        assert Unit.objects.filter(name=name).exists(), name
    ban = Unit.objects.get(name="Ban Thi đua - Khen thưởng")
    assert ban.parent.name == "Sở Nội vụ"
    assert ban.standing_office_for.kind == UnitKind.PROVINCE


def test_clusters_of_seed_004(units):
    names = set(Cluster.objects.values_list("name", flat=True))
    assert {
        "Cụm văn hóa - xã hội",
        "Cụm các cơ quan Mặt trận Tổ quốc và các đoàn thể",
        "Cụm các cơ quan Nội chính",
        "Khối các huyện, thành phố",
    } == names
    assert Cluster.objects.get(name="Khối các huyện, thành phố").members.count() == 11
    assert (
        Cluster.objects.get(name="Cụm các cơ quan Nội chính")
        .members.filter(name="Tòa án nhân dân tỉnh Lạng Sơn")
        .exists()
    )


def test_loading_twice_changes_nothing(units):
    count = Unit.objects.count()
    call_command("loaddata", "fixtures/units.json", verbosity=0)
    assert Unit.objects.count() == count


def test_every_unit_name_starts_with_a_capital(units):
    """The source package spells one new commune "xã Bắc Sơn"; lists sorted it apart."""
    lower = [name for name in Unit.objects.values_list("name", flat=True) if not name[0].isupper()]
    assert lower == []
