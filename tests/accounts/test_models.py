from accounts.choices import Role


def test_full_name_is_in_vietnamese_order(tree, make_user):
    user = make_user(tree.cao_lau, Role.OFFICER, first_name="Thị Mai", last_name="Lăng")
    assert user.get_full_name() == "Lăng Thị Mai"
    assert str(user) == "Lăng Thị Mai"


def test_roles_come_from_groups(tree, make_user):
    user = make_user(tree.cao_lau, Role.LEADER, Role.COUNCIL_MEMBER)
    assert user.has_role(Role.LEADER)
    assert not user.has_role(Role.OFFICER)
    assert user.role_labels == ["Lãnh đạo", "Thành viên Hội đồng"]
