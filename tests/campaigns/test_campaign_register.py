"""Document registers: numbers without gaps or duplicates, also under concurrent publishing."""

import threading

import pytest
from django.db import connection, connections

from campaigns.choices import CampaignStatus
from campaigns.models import Campaign, DocumentRegister, DocumentType, RegisterEntry
from campaigns.services import campaign_publish, register_allocate
from tests.campaigns.test_campaign_views import make_campaign


def test_numbers_follow_each_other_per_issuer_type_and_year(tree):
    kh = DocumentType.objects.get(abbreviation="KH")
    qd = DocumentType.objects.get(abbreviation="QĐ")
    assert [register_allocate(unit=tree.cao_lau, doc_type=kh, year=2023) for _ in range(3)] == [
        1,
        2,
        3,
    ]
    assert register_allocate(unit=tree.cao_lau, doc_type=qd, year=2023) == 1
    assert register_allocate(unit=tree.cao_lau, doc_type=kh, year=2024) == 1
    assert register_allocate(unit=tree.xuat_le, doc_type=kh, year=2023) == 1
    assert RegisterEntry.objects.count() == 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_publishes_at_once_get_two_different_numbers(tree, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    officer = make_user(tree.cao_lau)
    drafts = [make_campaign(tree.cao_lau, title=f"Kế hoạch {n}") for n in range(6)]
    barrier = threading.Barrier(len(drafts))
    errors = []

    def publish(campaign):
        try:
            barrier.wait()
            campaign_publish(campaign=campaign, actor=officer)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(c,)) for c in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(
        Campaign.objects.filter(pk__in=[c.pk for c in drafts]).values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert DocumentRegister.objects.get().last_number == 6
    assert set(Campaign.objects.values_list("status", flat=True)) == {CampaignStatus.PUBLISHED}
