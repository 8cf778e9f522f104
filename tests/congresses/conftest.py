import datetime

import pytest

from accounts.choices import Role
from congresses.choices import CongressLevelKind
from congresses.models import AgendaItem, CongressLevel, CongressPlan
from congresses.services import plan_generate_events


@pytest.fixture
def plan(tree):
    """A plan of the small province, its three levels as seed 004 sets them, events generated
    on the tree of 2019."""
    plan = CongressPlan.objects.create(
        issuer=tree.province,
        issue_year=2019,
        title="Tổ chức Hội nghị biểu dương điển hình tiên tiến các cấp\nvà Đại hội Thi đua",
        tree_on=datetime.date(2019, 12, 31),
        signer_name="Dương Xuân Huyền",
    )
    for kind, deadline, cap in [
        (CongressLevelKind.BASE, datetime.date(2020, 3, 31), None),
        (CongressLevelKind.DISTRICT, datetime.date(2020, 6, 30), 300),
        (CongressLevelKind.PROVINCE, datetime.date(2020, 8, 31), 500),
    ]:
        CongressLevel.objects.create(
            plan=plan, kind=kind, heading=str(kind), deadline=deadline, max_delegates=cap
        )
    AgendaItem.objects.create(plan=plan, position=1, text="Chào cờ.")
    plan_generate_events(plan=plan)
    return plan


@pytest.fixture
def officers(tree, make_user):
    return type(
        "Officers",
        (),
        {
            "province": make_user(tree.ban_tdkt, Role.OFFICER),
            "cao_loc": make_user(tree.cao_loc, Role.OFFICER),
            "cao_lau": make_user(tree.cao_lau, Role.OFFICER),
            "xuat_le": make_user(tree.xuat_le, Role.OFFICER),
            "cao_lau_leader": make_user(tree.cao_lau, Role.LEADER),
        },
    )


@pytest.fixture
def event_of(plan):
    def get(unit):
        return plan.events.select_related("level", "plan").get(unit=unit)

    return get
