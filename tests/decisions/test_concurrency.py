"""Two leaders signing at once: never the same number, never a gap (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections

from campaigns.models import DocumentType, RegisterEntry
from decisions import services
from decisions.models import Decision
from decisions.models.decision import DecisionLocked
from tests.decisions.conftest import SIGNED_ON

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def document_types(transactional_db):
    """A transactional test elsewhere may have flushed the rows the migrations created."""
    for abbreviation, name in (("KH", "KẾ HOẠCH"), ("TTr", "TỜ TRÌNH"), ("QĐ", "QUYẾT ĐỊNH")):
        DocumentType.objects.get_or_create(abbreviation=abbreviation, defaults={"name": name})


def _run_at_once(jobs):
    barrier = threading.Barrier(len(jobs))
    outcomes = []

    def run(job):
        try:
            barrier.wait(timeout=10)
            outcomes.append(job())
        except Exception as error:
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_leaders_signing_two_decisions_at_once_get_consecutive_numbers(
    staff, campaign, forms, make_approved
):
    drafts = [
        services.decision_create(
            actor=staff.province_officer,
            campaign=campaign,
            form=forms["bang-khen-chu-tich-tinh"],
            entries=make_approved(individuals=[f"Vi Văn Thử {i}"], number=70 + i),
            on=SIGNED_ON,
        )
        for i in range(4)
    ]
    leaders = [staff.province_leader, staff.province_leader_2] * 2
    outcomes = _run_at_once(
        [
            (lambda d=d, u=u: services.decision_sign(decision=d, actor=u, on=SIGNED_ON).number)
            for d, u in zip(drafts, leaders, strict=True)
        ]
    )
    assert sorted(outcomes) == [1, 2, 3, 4]
    numbers = RegisterEntry.objects.filter(object_type="decisions.decision").values_list(
        "number", flat=True
    )
    assert sorted(numbers) == [1, 2, 3, 4]
    assert sorted(Decision.objects.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_two_leaders_signing_the_same_decision_one_wins(draft, staff):
    outcomes = _run_at_once(
        [
            lambda: (
                services.decision_sign(
                    decision=draft, actor=staff.province_leader, on=SIGNED_ON
                ).number
            ),
            lambda: (
                services.decision_sign(
                    decision=draft, actor=staff.province_leader_2, on=SIGNED_ON
                ).number
            ),
        ]
    )
    assert 1 in outcomes
    refused = [o for o in outcomes if o != 1]
    assert len(refused) == 1
    assert isinstance(refused[0], DecisionLocked)
    assert RegisterEntry.objects.filter(object_type="decisions.decision").count() == 1
