"""The home page's queue (nominations.selectors.dossier_queue): the dossiers waiting longest
for the user's unit and roles, read branch by branch from the indexes and merged. It must
list exactly what `waiting_q` finds, oldest first, ties by id."""

import datetime
import random

import pytest
from django.utils import timezone

from accounts.choices import Role
from nominations.choices import DossierStatus
from nominations.models import Dossier
from nominations.selectors import dossier_queue, waiting_count, waiting_q

START = timezone.make_aware(datetime.datetime(2025, 3, 1, 8, 0))


def _reference(user, limit: int) -> list[int]:
    wanted = Dossier.objects.filter(waiting_q(user)).order_by("status_changed_at", "pk")
    return list(wanted.values_list("pk", flat=True)[:limit])


@pytest.fixture
def scattered(tree, make_dossier):
    """Dossiers of Cao Lộc's communes, and of Cao Lộc itself, in every status, held at Cao Lộc
    or elsewhere, with times that repeat (ties are broken by id)."""
    rng = random.Random(20261122)
    units = [tree.cao_lau, tree.xuat_le, tree.cao_loc]
    levels = [tree.cao_loc, tree.cao_lau, tree.province]
    for n in range(60):
        dossier = make_dossier(rng.choice(units))
        status = rng.choice(DossierStatus.values)
        Dossier.objects.filter(pk=dossier.pk).update(
            status=status,
            number=None if status == DossierStatus.DRAFT else n + 1,
            current_level=rng.choice(levels),
            status_changed_at=START + datetime.timedelta(hours=rng.randrange(12)),
        )


@pytest.mark.parametrize(
    "roles",
    [(Role.OFFICER,), (Role.LEADER,), (Role.OFFICER, Role.LEADER)],
    ids=["officer", "leader", "officer and leader"],
)
@pytest.mark.parametrize("unit", ["cao_loc", "cao_lau"])
def test_queue_is_what_waits_for_the_user_oldest_first(tree, make_user, scattered, roles, unit):
    user = make_user(getattr(tree, unit), *roles)
    waiting = _reference(user, 1000)
    assert waiting, "the data set leaves nothing waiting: the test would prove nothing"
    assert waiting_count(user) == len(waiting)
    for limit in (1, 3, 20, 1000):
        queue = dossier_queue(user=user, limit=limit)
        assert [d.pk for d in queue] == _reference(user, limit)


def test_queue_is_empty_for_a_role_that_nothing_waits_for(tree, make_user, scattered):
    assert dossier_queue(user=make_user(tree.cao_loc, Role.COUNCIL_MEMBER)) == []
