import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import Role
from awards.choices import SubjectCategory
from awards.models import AwardCriterion, AwardQuota, CampaignAward
from awards.seed import seed_award_catalogue, seed_campaign_awards
from campaigns.models import Campaign


@pytest.fixture
def campaign(tree, catalogue, make_campaign):
    return make_campaign(tree.cao_lau)


@pytest.fixture
def seeded(campaign):
    return seed_campaign_awards(campaign)


def test_seed_003_tiers_and_criteria(seeded):
    offers = list(seeded.award_offers.order_by("order"))
    assert [o.form.code for o in offers] == [
        "giay-khen-chu-tich-xa",
        "giay-khen-chu-tich-huyen",
        "bang-khen-chu-tich-tinh",
    ]
    assert offers[0].criteria.count() == 0
    assert offers[1].criteria.count() == 3
    official = offers[2].criteria.get(subject_category=SubjectCategory.OFFICIAL)
    assert official.text.startswith(
        "Cán bộ, công chức: có nhiều nỗ lực bám sát cơ sở, có sáng kiến"
    )


def test_seeds_are_idempotent(seeded):
    seed_award_catalogue()
    seed_campaign_awards(seeded)
    assert CampaignAward.objects.filter(campaign=seeded).count() == 3
    assert AwardCriterion.objects.filter(offer__campaign=seeded).count() == 6


def test_seed_finds_seed_003_by_its_key(campaign):
    Campaign.objects.filter(pk=campaign.pk).update(seed_key="seed-003")
    assert seed_campaign_awards() == campaign
    assert campaign.award_offers.count() == 3


def test_pdf_section_reads_as_seed_003_prints_it(seeded):
    html = render_to_string("awards/includes/campaign_awards_pdf.html", {"campaign": seeded})
    text = " ".join(html.split())
    expected_order = [
        "2.1. Giấy khen",
        "2.1.1. Giấy khen của Chủ tịch UBND xã",
        "Giấy khen của Chủ tịch UBND xã, thị trấn do Chủ tịch UBND xã quy định",
        "2.1.2. Giấy khen của Chủ tịch UBND huyện",
        "đề nghị Chủ tịch UBND huyện tặng Giấy khen đạt các tiêu chuẩn sau:",
        "a) Đối với tập thể",
        "b) Đối với cá nhân",
        "Cán bộ, công chức: có nhiều nỗ lực",
        "c) Đối với gia đình, nông dân, người lao động",
        "2.2. Bằng khen của Chủ tịch UBND tỉnh",
        "a) Đối với tập thể",
    ]
    position = 0
    for phrase in expected_order:
        found = text.find(phrase, position)
        assert found >= 0, phrase
        position = found + len(phrase)


def test_pdf_section_costs_a_fixed_number_of_queries(seeded):
    campaign = Campaign.objects.get(pk=seeded.pk)
    with CaptureQueriesContext(connection) as ctx:
        render_to_string("awards/includes/campaign_awards_pdf.html", {"campaign": campaign})
    assert len(ctx.captured_queries) == 3  # offers with forms, criteria, quotas with units


def test_panel_shows_edit_link_only_to_editors(seeded, tree, make_user):
    factory = RequestFactory()
    request = factory.get("/")
    request.user = make_user(tree.cao_lau, Role.OFFICER)
    html = render_to_string(
        "awards/includes/campaign_awards_panel.html", {"campaign": seeded}, request=request
    )
    assert reverse("awards:campaign_awards_edit", args=[seeded.pk]) in html
    assert "Bằng khen của Chủ tịch UBND tỉnh" in html
    request.user = make_user(tree.cao_lau, Role.LEADER)
    html = render_to_string(
        "awards/includes/campaign_awards_panel.html", {"campaign": seeded}, request=request
    )
    assert reverse("awards:campaign_awards_edit", args=[seeded.pk]) not in html


def test_edit_page_permissions(client, seeded, tree, make_user):
    url = reverse("awards:campaign_awards_edit", args=[seeded.pk])
    assert client.get(url).status_code == 302
    client.force_login(make_user(tree.hoang_dong, Role.OFFICER))
    assert client.get(url).status_code == 404
    client.force_login(make_user(tree.cao_lau, Role.LEADER))
    assert client.get(url).status_code == 404
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    assert client.get(url).status_code == 200


def _management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_officer_adds_a_form_with_criteria_and_a_quota(
    client, campaign, catalogue, tree, make_user
):
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    url = reverse("awards:campaign_awards_edit", args=[campaign.pk])
    data = {
        **_management("offers", 1, 0),
        "offers-0-form": catalogue["giay-khen-chu-tich-xa"].pk,
        "offers-0-order": "1",
        "offers-0-intro": "Giới thiệu",
        "offers-0-quota": "5",
        "offers-0-criteria_collective": "Hoàn thành xuất sắc nhiệm vụ.",
        **_management("quotas", 0, 0),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["offers"].errors
    offer = CampaignAward.objects.get(campaign=campaign)
    assert offer.quota == 5
    assert offer.criteria.get().text == "Hoàn thành xuất sắc nhiệm vụ."
    data = {
        **_management("offers", 1, 1),
        "offers-0-id": offer.pk,
        "offers-0-form": offer.form_id,
        "offers-0-order": "1",
        "offers-0-intro": "Giới thiệu",
        "offers-0-quota": "5",
        "offers-0-criteria_collective": "",
        **_management("quotas", 1, 0),
        "quotas-0-offer": offer.pk,
        "quotas-0-unit": tree.cao_lau.pk,
        "quotas-0-max_count": "2",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert AwardQuota.objects.get().max_count == 2
    assert offer.criteria.count() == 0


def test_the_same_form_twice_is_refused_at_the_field(client, campaign, catalogue, tree, make_user):
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    url = reverse("awards:campaign_awards_edit", args=[campaign.pk])
    form_id = catalogue["giay-khen-chu-tich-xa"].pk
    data = {
        **_management("offers", 2, 0),
        "offers-0-form": form_id,
        "offers-0-order": "1",
        "offers-1-form": form_id,
        "offers-1-order": "2",
        **_management("quotas", 0, 0),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["offers"].forms[1].errors["form"]
    assert not CampaignAward.objects.exists()
