"""Campaigns in menus: by title and lead issuer, because the plans of a cascade share titles."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.choices import Role
from campaigns.choices import CampaignStatus
from campaigns.models import Campaign
from campaigns.selectors import campaign_menu, menu_label
from tests.campaigns.test_campaign_views import make_campaign
from tests.nominations.factories import DossierFactory

pytestmark = pytest.mark.django_db

TITLE = (
    "Phát động phong trào thi đua đặc biệt lập thành tích chào mừng Kỷ niệm 90 năm Ngày truyền "
    "thống Đảng bộ tỉnh Lạng Sơn (15/6/1933 - 15/6/2023)"
)


@pytest.fixture
def cascade(tree):
    """The province's plan, the district's and the commune's, all of the same title."""
    return [
        make_campaign(unit, title=TITLE, status=CampaignStatus.PUBLISHED, issue_year=2023)
        for unit in (tree.province, tree.cao_loc, tree.cao_lau)
    ]


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]* name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", select)


def test_a_menu_names_each_campaign_by_its_lead_issuer_in_one_query(cascade):
    with CaptureQueriesContext(connection) as queries:
        menu = campaign_menu(Campaign.objects.filter(pk__in=[c.pk for c in cascade]).order_by("pk"))
    assert len(queries) == 1
    assert [label.split(" – ")[-1] for _pk, label in menu] == [
        "UBND tỉnh Lạng Sơn",
        "UBND huyện Cao Lộc",
        "UBND xã Cao Lâu",
    ]
    assert menu[0] == (cascade[0].pk, f"{TITLE[:89]}… – UBND tỉnh Lạng Sơn")


def test_a_campaign_without_issuer_is_its_title(tree):
    campaign = make_campaign(tree.province, title="Kế hoạch thi đua năm 2026")
    campaign.issuer_rows.all().delete()
    assert campaign_menu(Campaign.objects.all()) == [(campaign.pk, "Kế hoạch thi đua năm 2026")]


def test_the_commune_tells_the_three_plans_apart_when_it_opens_a_dossier(
    client, tree, make_user, cascade
):
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    html = client.get("/dossiers/new/").content.decode()
    # A form's menu cuts the title at 120 characters, before the issuer.
    assert sorted(_options(html, "campaign")) == sorted(
        f"{TITLE[:119]}… – {issuer}"
        for issuer in ("UBND tỉnh Lạng Sơn", "UBND huyện Cao Lộc", "UBND xã Cao Lâu")
    )


def test_the_commune_chooses_the_plan_it_implements_by_its_issuer(client, tree, make_user, cascade):
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    html = client.get("/campaigns/new/").content.decode()
    options = _options(html, "parent")
    assert menu_label(TITLE, "UBND huyện Cao Lộc", 120) in options
    assert menu_label(TITLE, "UBND tỉnh Lạng Sơn", 120) in options


def test_the_statistics_page_names_each_plan_by_its_issuer(client, tree, make_user, cascade):
    client.force_login(make_user(tree.ban_tdkt, Role.OFFICER))
    html = client.get("/reports/").content.decode()
    for issuer in ("UBND tỉnh Lạng Sơn", "UBND huyện Cao Lộc", "UBND xã Cao Lâu"):
        assert menu_label(TITLE, issuer, 90) in _options(html, "campaign")
        assert f'<span class="small text-body-secondary">– {issuer}</span>' in html
    # One campaign chosen in the filter: its row keeps its issuer.
    html = client.get("/reports/", {"campaign": cascade[1].pk}).content.decode()
    assert '<span class="small text-body-secondary">– UBND huyện Cao Lộc</span>' in html


def test_the_dossier_list_names_the_campaigns_of_the_dossiers_in_scope(
    client, tree, make_user, cascade
):
    """Through its kept statements: every dossier's campaigns for the province, those of its
    units' dossiers for a commune."""
    DossierFactory(campaign=cascade[1], proposing_unit=tree.cao_lau)
    DossierFactory(campaign=cascade[0], proposing_unit=tree.xuat_le)
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    html = client.get("/dossiers/").content.decode()
    assert _options(html, "campaign") == [menu_label(TITLE, "UBND huyện Cao Lộc", 60)]
    client.force_login(make_user(tree.ban_tdkt, Role.OFFICER))
    html = client.get("/dossiers/").content.decode()
    assert sorted(_options(html, "campaign")) == [
        menu_label(TITLE, "UBND huyện Cao Lộc", 60),
        menu_label(TITLE, "UBND tỉnh Lạng Sơn", 60),
    ]
