import datetime

import pytest

from campaigns.choices import UnitLevel
from campaigns.models import Unit


def test_district_ancestor_of_cao_lau_is_cao_loc_before_reform(tree, before_reform):
    assert tree.cao_lau.ancestor_at_level(UnitLevel.DISTRICT, before_reform) == tree.cao_loc


def test_district_ancestor_of_cao_lau_is_none_after_reform(tree, after_reform):
    assert tree.cao_lau.ancestor_at_level(UnitLevel.DISTRICT, after_reform) is None


def test_province_ancestor_follows_the_tree_in_force(tree, before_reform, after_reform):
    assert tree.cao_lau.ancestor_at_level(UnitLevel.PROVINCE, before_reform) == tree.province
    assert tree.ba_son.ancestor_at_level(UnitLevel.PROVINCE, after_reform) == tree.province
    assert tree.ba_son.ancestor_at_level(UnitLevel.DISTRICT, after_reform) is None


def test_ancestors_nearest_first(tree, before_reform):
    assert tree.cao_lau.ancestors_on(before_reform) == [tree.cao_loc, tree.province]


def test_children_on_a_date(tree, before_reform, after_reform):
    before = set(tree.province.children_on(before_reform))
    after = set(tree.province.children_on(after_reform))
    assert {tree.cao_loc, tree.city} <= before
    assert tree.ba_son not in before
    assert {tree.ba_son, tree.dong_kinh} <= after
    assert tree.cao_loc not in after


def test_descendants_on_a_date(tree, before_reform, after_reform):
    before = set(tree.province.descendants_on(before_reform))
    assert {tree.cao_loc, tree.cao_lau, tree.xuat_le, tree.hoang_dong} <= before
    assert tree.ba_son not in before
    after = set(tree.province.descendants_on(after_reform))
    assert tree.cao_lau not in after
    assert {tree.ba_son, tree.dong_kinh} <= after


def test_successor_of_dissolved_commune(tree):
    assert tree.cao_lau.successors_on() == [tree.ba_son]
    assert tree.hoang_dong.successors_on() == [tree.dong_kinh]


def test_unit_in_force_is_its_own_successor(tree):
    assert tree.ba_son.successors_on() == [tree.ba_son]


def test_successor_through_two_reforms(tree):
    later = Unit.objects.create(
        name="Xã Hậu Thế",
        kind="commune",
        parent=tree.province,
        valid_from=datetime.date(2030, 1, 1),
    )
    tree.ba_son.valid_to = datetime.date(2029, 12, 31)
    tree.ba_son.save()
    later.predecessors.add(tree.ba_son)
    assert tree.cao_lau.successors_on(datetime.date(2030, 6, 1)) == [later]


def test_lineage_ids_include_replaced_units(tree):
    assert tree.ba_son.lineage_ids() == {tree.ba_son.pk, tree.cao_lau.pk, tree.xuat_le.pk}


def test_search_ignores_diacritics(tree):
    assert list(Unit.objects.search("cao loc")) == [tree.cao_loc]
    assert tree.dong_kinh in Unit.objects.search("DONG kinh")


def test_validity_end_before_start_is_refused(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Unit.objects.create(
            name="Xã Sai",
            kind="commune",
            valid_from=datetime.date(2025, 7, 1),
            valid_to=datetime.date(2025, 6, 1),
        )


def test_proper_and_committee_names(tree):
    assert tree.cao_lau.proper_name == "Cao Lâu"
    assert tree.cao_lau.committee_name == "Ủy ban nhân dân xã Cao Lâu"
    assert tree.city.proper_name == "Lạng Sơn"
