"""The participating units of a campaign: checkboxes grouped by kind, those in force on the
campaign's date first. Before, a multiple select of some 300 units of both eras, picked with
Ctrl-click, with the abolished districts among the others."""

import datetime
import re

import pytest

from campaigns.choices import UnitKind
from campaigns.models import Campaign
from tests.campaigns.test_campaign_forms import post_data, with_issuer
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _groups(html: str) -> dict[str, list[str]]:
    """The checklist's groups: legend -> the units' names, in order."""
    found = re.findall(
        r'<fieldset class="my-1">\s*<legend[^>]*>([^<]*)</legend>(.*?)</fieldset>', html, re.S
    )
    return {
        legend.strip(): re.findall(r'<label class="form-check-label" for="[^"]+">([^<]*)', body)
        for legend, body in found
    }


@pytest.fixture
def province_officer(client, tree, make_user):
    user = make_user(tree.ban_tdkt)
    client.force_login(user)
    return user


def test_a_new_campaign_offers_todays_units_first_and_the_abolished_last(
    client, tree, province_officer
):
    groups = _groups(client.get("/campaigns/new/").content.decode())
    today = datetime.date.today().strftime("%d/%m/%Y")
    assert list(groups) == [
        "Sở, ban, ngành, cơ quan, đoàn thể",
        "Xã, phường, thị trấn",
        f"Không còn hoặc chưa có vào ngày {today}",
    ]
    assert "Xã Ba Sơn" in groups["Xã, phường, thị trấn"]
    assert "Ban Thi đua - Khen thưởng" in groups["Sở, ban, ngành, cơ quan, đoàn thể"]
    gone = groups[f"Không còn hoặc chưa có vào ngày {today}"]
    assert {"Huyện Cao Lộc", "Xã Cao Lâu"} <= set(gone)


def test_a_campaign_of_2023_offers_the_units_of_its_time(client, tree, province_officer):
    client.post("/campaigns/new/", with_issuer(post_data(), tree.province))
    campaign = Campaign.objects.get()  # its period: 01/03/2023 - 31/05/2023
    groups = _groups(client.get(f"/campaigns/{campaign.pk}/edit/").content.decode())
    assert "Huyện Cao Lộc" in groups["Huyện, thành phố"]
    assert "Xã Cao Lâu" in groups["Xã, phường, thị trấn"]
    assert "Xã Ba Sơn" in groups["Không còn hoặc chưa có vào ngày 01/03/2023"]


def test_the_checked_units_are_saved_and_shown_checked(client, tree, province_officer):
    data = with_issuer(post_data(), tree.province)
    data["participating_units"] = [tree.cao_loc.pk, tree.cao_lau.pk]
    assert client.post("/campaigns/new/", data).status_code == 302
    campaign = Campaign.objects.get()
    assert set(campaign.participating_units.all()) == {tree.cao_loc, tree.cao_lau}
    html = client.get(f"/campaigns/{campaign.pk}/edit/").content.decode()
    checked = re.findall(r'value="(\d+)" id="id_participating_units_\d+_\d+" checked', html)
    assert sorted(map(int, checked)) == sorted([tree.cao_loc.pk, tree.cao_lau.pk])


def test_a_unit_outside_the_officers_units_is_refused_at_the_field(client, tree, make_user):
    client.force_login(make_user(tree.cao_loc))
    data = with_issuer(post_data(), tree.cao_loc)
    data["participating_units"] = [tree.hoang_dong.pk]  # a commune of another district
    response = client.post("/campaigns/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["participating_units"]
    # The summary's link leads to the first checkbox (of the first group).
    html = response.content.decode()
    assert 'href="#id_participating_units_0_0"' in html
    assert 'id="id_participating_units_0_0"' in html
    assert not Campaign.objects.exists()


def test_a_page_refused_groups_the_units_by_the_period_it_was_sent_with(
    client, tree, province_officer
):
    data = with_issuer(post_data(title=""), tree.province)  # 01/03/2023 - 31/05/2023, refused
    groups = _groups(client.post("/campaigns/new/", data).content.decode())
    assert "Xã Cao Lâu" in groups["Xã, phường, thị trấn"]
    assert "Xã Ba Sơn" in groups["Không còn hoặc chưa có vào ngày 01/03/2023"]


def test_units_come_in_vietnamese_alphabetical_order(client, tree, province_officer):
    """Đ after D and Ủ among the U, not after Z as the database's collation puts them."""
    for name in ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Đài Phát thanh - Truyền hình tỉnh"):
        UnitFactory(name=name, kind=UnitKind.ORGANISATION, parent=tree.province)
    response = client.get("/campaigns/new/")
    assert _groups(response.content.decode())["Sở, ban, ngành, cơ quan, đoàn thể"] == [
        "Ban Thi đua - Khen thưởng",
        "Đài Phát thanh - Truyền hình tỉnh",
        "Tỉnh Lạng Sơn",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    ]
    issuers = next(fs for name, fs, _t in response.context["formset_list"] if name == "issuers")
    names = [label for _value, label in issuers.forms[0].fields["unit"].choices][1:]
    assert names.index("Đài Phát thanh - Truyền hình tỉnh") < names.index("Huyện Cao Lộc")
    assert names.index("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh") < names.index("Xã Ba Sơn")
