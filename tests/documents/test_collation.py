"""Units listed in Vietnamese alphabetical order by the database itself (`Vietnamese`), on
PostgreSQL (ICU's `vi-x-icu`) and on SQLite (the collation `vi` registered per connection).

Before, the database's own order put "Huyện Đình Lập" after "Huyện Văn Quan" and every "Ủy
ban …" after "Xã …", on the unit list, the congress board and every unit menu."""

import re

import pytest
from django.db import connection

from campaigns.choices import UnitKind
from campaigns.models import Unit
from documents.collation import Vietnamese
from documents.text import text_sort_key
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

# In Vietnamese alphabetical order: ă â after a, đ after d, ơ after o, ư after u; tones only
# after the letters of the whole name ("Bà A" before "Ba B").
IN_ORDER = [
    "An Bình",
    "Anh Sơn",
    "Ăn Lập",
    "Âm Thượng",
    "Bà A",
    "Ba B",
    "Bắc Sơn",
    "Bình Gia",
    "Chi Lăng",
    "Dân Tộc",
    "Đài Phát thanh",
    "Đình Lập",
    "Hữu Lũng",
    "Ôn Lương",
    "Ơn Chín",
    "Sở Y tế",
    "Ủy ban Mặt trận",
    "Ưng Hòa",
    "Văn Quan",
    "Xuân Dương",
]


def _make_units(province):
    for name in reversed(IN_ORDER):
        UnitFactory(name=name, kind=UnitKind.DEPARTMENT, parent=province)


def test_the_python_key_sorts_names_as_the_list_says():
    shuffled = IN_ORDER[1::2] + IN_ORDER[::2]
    assert sorted(shuffled, key=text_sort_key) == IN_ORDER


def test_the_database_orders_units_in_vietnamese(tree):
    _make_units(tree.province)
    names = list(
        Unit.objects.filter(name__in=IN_ORDER)
        .order_by(Vietnamese("name"))
        .values_list("name", flat=True)
    )
    assert names == IN_ORDER, connection.vendor


def test_units_default_order_is_vietnamese(tree):
    _make_units(tree.province)
    names = [u.name for u in Unit.objects.filter(name__in=IN_ORDER)]
    assert names == IN_ORDER


def test_a_relations_name_orders_in_vietnamese(tree):
    """`Vietnamese("unit__name")` across a join, as the congress board and quotas use it."""
    _make_units(tree.province)
    children = Unit.objects.filter(parent__name__in=IN_ORDER)
    for name in IN_ORDER:
        UnitFactory(name=f"Con của {name}", parent=Unit.objects.get(name=name))
    parents = list(
        children.order_by(Vietnamese("parent__name")).values_list("parent__name", flat=True)
    )
    assert parents == IN_ORDER


def test_the_unit_list_page_shows_districts_in_vietnamese_order(client, tree, make_user):
    for name in ("Huyện Văn Quan", "Huyện Đình Lập", "Huyện Bắc Sơn", "Huyện Chi Lăng"):
        UnitFactory(name=name, kind=UnitKind.DISTRICT, parent=tree.province)
    client.force_login(make_user(tree.ban_tdkt))
    html = client.get("/units/", {"kind": UnitKind.DISTRICT}).content.decode()
    shown = [
        n
        for n in re.findall(r">\s*(Huyện [^<]+?)\s*<", html)
        if "Đ" in n or "Văn" in n or "Bắc" in n or "Chi" in n
    ]
    order = [
        shown.index(n)
        for n in ("Huyện Bắc Sơn", "Huyện Chi Lăng", "Huyện Đình Lập", "Huyện Văn Quan")
    ]
    assert order == sorted(order), shown


def test_the_database_check_names_a_missing_collation(monkeypatch):
    from documents import collation

    assert collation.check_collation(databases=["default"]) == []
    monkeypatch.setattr(collation, "POSTGRESQL_COLLATION", "xx-nowhere-icu")
    errors = collation.check_collation(databases=["default"])
    if connection.vendor == "postgresql":
        assert [e.id for e in errors] == ["documents.E001"]
        assert "xx-nowhere-icu" in errors[0].msg
    else:
        assert errors == []


def test_a_units_name_is_saved_with_single_spaces(tree):
    """ICU reads a doubled or leading space as a character: such a name sorted first."""
    unit = UnitFactory(name="  Xã   Tân\tVăn ", parent=tree.province)
    unit.refresh_from_db()
    assert (unit.name, unit.name_folded) == ("Xã Tân Văn", "xa tan van")


def test_an_eth_typed_for_d_with_stroke_folds_and_sorts_as_a_d():
    """Ð (U+00D0) comes from old keyboards and fonts; ICU sorts it as a D."""
    from documents.text import fold

    assert fold("Ðồng Ðăng") == "dong dang"
    names = ["Đồng Mỏ", "Ðồng Đăng", "Cao Lộc", "Dương Kinh"]
    assert sorted(names, key=text_sort_key) == ["Cao Lộc", "Ðồng Đăng", "Dương Kinh", "Đồng Mỏ"]
