"""A campaign's page links to the reports: its unit's results against the targets (for the
officers who report them) and the summary report (for those who write it). Before, both were
reached only from the statistics page."""

import pytest
from django.urls import reverse

from accounts.choices import Role
from campaigns.models import ItemTarget
from tests.nominations.factories import CampaignFactory

pytestmark = pytest.mark.django_db

RESULTS = "Kết quả thực hiện chỉ tiêu"
SUMMARY = "Báo cáo tổng kết phong trào"


def _links(client, user, campaign) -> dict[str, str]:
    client.force_login(user)
    html = client.get(reverse("campaign_detail", args=[campaign.pk])).content.decode()
    found = {}
    for label, name in [(RESULTS, "reports:results"), (SUMMARY, "reports:summary")]:
        url = reverse(name, args=[campaign.pk])
        if f'href="{url}">{label}</a>' in html:
            found[label] = url
    return found


def test_the_province_officer_gets_both_and_a_communes_officer_its_results(
    client, known, tree, make_user
):
    province = make_user(tree.ban_tdkt, Role.OFFICER)
    assert set(_links(client, province, known.campaign)) == {RESULTS, SUMMARY}
    commune = make_user(tree.cao_lau, Role.OFFICER)
    assert set(_links(client, commune, known.campaign)) == {RESULTS}
    # The links lead to pages the user may open.
    for url in _links(client, commune, known.campaign).values():
        assert client.get(url).status_code == 200


def test_a_leader_writes_the_summary_but_reports_no_results(client, known, tree, make_user):
    leader = make_user(tree.province, Role.LEADER)
    assert set(_links(client, leader, known.campaign)) == {SUMMARY}


def test_no_results_link_without_targets_and_no_link_on_a_draft(client, known, tree, make_user):
    province = make_user(tree.ban_tdkt, Role.OFFICER)
    ItemTarget.objects.filter(item__campaign=known.campaign).delete()
    assert set(_links(client, province, known.campaign)) == {SUMMARY}
    draft = CampaignFactory(issuer=tree.province, status="draft")
    assert _links(client, province, draft) == {}
