import pytest
from django.http import Http404
from django.urls import reverse

from accounts.choices import Role
from accounts.selectors import get_visible_or_404, unit_ids_visible_to, units_visible_to
from campaigns.models import Unit


def test_commune_officer_sees_only_their_commune(tree, make_user):
    officer = make_user(tree.cao_lau, Role.OFFICER)
    assert set(units_visible_to(officer)) == {tree.cao_lau}


def test_district_officer_sees_the_district_subtree(tree, make_user):
    officer = make_user(tree.cao_loc, Role.OFFICER)
    assert set(units_visible_to(officer)) == {tree.cao_loc, tree.cao_lau, tree.xuat_le}


def test_district_office_works_for_its_district(tree, make_user):
    office = Unit.objects.create(
        name="Phòng Nội vụ huyện Cao Lộc",
        kind="department",
        parent=tree.cao_loc,
        standing_office_for=tree.cao_loc,
    )
    officer = make_user(office, Role.OFFICER)
    assert tree.cao_lau in set(units_visible_to(officer))
    assert tree.hoang_dong not in set(units_visible_to(officer))


def test_provincial_staff_see_everything(tree, make_user):
    officer = make_user(tree.ban_tdkt, Role.OFFICER)
    assert unit_ids_visible_to(officer) is None
    assert units_visible_to(officer).count() == Unit.objects.count()


def test_successor_commune_sees_the_units_it_replaced(tree, make_user):
    officer = make_user(tree.ba_son, Role.OFFICER)
    assert set(units_visible_to(officer)) == {tree.ba_son, tree.cao_lau, tree.xuat_le}


def test_user_without_unit_sees_nothing(db, make_user):
    user = make_user(None, Role.OFFICER)
    assert unit_ids_visible_to(user) == frozenset()


def test_cao_lau_officer_gets_404_on_another_commune(tree, make_user, client):
    officer = make_user(tree.cao_lau, Role.OFFICER)
    client.force_login(officer)
    assert client.get(reverse("unit_detail", args=[tree.cao_lau.pk])).status_code == 200
    response = client.get(reverse("unit_detail", args=[tree.xuat_le.pk]))
    assert response.status_code == 404
    assert "Xuất Lễ" not in response.content.decode()


def test_out_of_scope_and_missing_objects_are_the_same_404(tree, make_user):
    officer = make_user(tree.cao_lau, Role.OFFICER)
    with pytest.raises(Http404):
        get_visible_or_404(Unit.objects.all(), officer, unit_field="pk", pk=tree.xuat_le.pk)
    with pytest.raises(Http404):
        get_visible_or_404(Unit.objects.all(), officer, unit_field="pk", pk=987654)


def test_rules_predicate_unit_in_scope(tree, make_user):
    officer = make_user(tree.cao_lau, Role.OFFICER)
    assert officer.has_perm("accounts.manage_unit_records", tree.cao_lau)
    assert not officer.has_perm("accounts.manage_unit_records", tree.xuat_le)
    leader = make_user(tree.cao_lau, Role.LEADER)
    assert leader.has_perm("accounts.view_unit_records", tree.cao_lau)
    assert not leader.has_perm("accounts.manage_unit_records", tree.cao_lau)
