"""A campaign's page links to the reports: its unit's results against the targets (for the
officers who report them) and the summary report (for those who write it). Before, both were
reached only from the statistics page."""

import pytest
from django.urls import reverse

from accounts.choices import Role
from campaigns.models import Campaign, ItemTarget
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


# -- the statistics page's rows of campaigns link the same way ----------------------------------


def _dashboard_links(client, user) -> dict[int, set[str]]:
    """Per campaign row of the statistics page: which of "summary" and "results" it links."""
    client.force_login(user)
    html = client.get(reverse("reports:dashboard")).content.decode()
    found = {}
    for campaign_id in Campaign.objects.values_list("pk", flat=True):
        found[campaign_id] = {
            name
            for name in ("summary", "results")
            if f'href="{reverse(f"reports:{name}", args=[campaign_id])}"' in html
        }
    return found


def test_the_statistics_page_links_only_what_each_user_may_open(
    client, known, tree, make_user, settings
):
    """Each link of the page opens for its user (before, a leader's "Results" answered 403, a
    council member's links both failed, and a district's officer was offered the province's
    summaries, 404). The page is kept per scope: users of one scope and other roles share
    none of its links."""
    settings.STATISTICS_CACHE_SECONDS = 60  # kept, as in service
    officer = make_user(tree.ban_tdkt, Role.OFFICER)
    leader = make_user(tree.province, Role.LEADER)
    member = make_user(tree.province, Role.COUNCIL_MEMBER)
    commune = make_user(tree.cao_lau, Role.OFFICER)
    province_campaigns = {known.campaign.pk, known.other.pk}
    by_officer = _dashboard_links(client, officer)
    assert {by_officer[pk] == {"summary", "results"} for pk in province_campaigns} == {True}
    by_leader = _dashboard_links(client, leader)
    assert {by_leader[pk] == {"summary"} for pk in province_campaigns} == {True}
    assert set().union(*_dashboard_links(client, member).values()) == set()
    by_commune = _dashboard_links(client, commune)
    assert by_commune[known.plan.pk] == {"summary", "results"}  # its own plan
    assert by_commune[known.campaign.pk] == {"results"}  # the province's campaign
    for user, links in [(officer, by_officer), (leader, by_leader), (commune, by_commune)]:
        client.force_login(user)
        for campaign_id, names in links.items():
            for name in names:
                url = reverse(f"reports:{name}", args=[campaign_id])
                assert client.get(url).status_code == 200, (user.username, url)


def test_the_summary_page_offers_results_only_to_who_enters_them(client, known, tree, make_user):
    leader = make_user(tree.province, Role.LEADER)
    officer = make_user(tree.ban_tdkt, Role.OFFICER)
    url = reverse("reports:summary", args=[known.campaign.pk])
    results = reverse("reports:results", args=[known.campaign.pk])
    client.force_login(leader)
    assert results not in client.get(url).content.decode()
    client.force_login(officer)
    assert results in client.get(url).content.decode()
