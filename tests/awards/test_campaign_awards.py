import datetime
import io

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accounts.choices import Role
from awards.choices import SubjectCategory
from awards.models import AwardCriterion, AwardForm, AwardQuota, CampaignAward
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


def _edit_page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_edit_page_query_count_does_not_grow_with_offers_and_quotas(
    client, campaign, catalogue, tree, make_user
):
    # Before: each offer read the catalogue and each quota row the offers and the units again.
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    url = reverse("awards:campaign_awards_edit", args=[campaign.pk])
    forms = list(catalogue.values())
    offer = CampaignAward.objects.create(campaign=campaign, form=forms[0])
    AwardQuota.objects.create(offer=offer, unit=tree.cao_lau, max_count=2)
    few = _edit_page_queries(client, url)
    for form in forms[1:5]:
        offer = CampaignAward.objects.create(campaign=campaign, form=form)
        AwardCriterion.objects.create(offer=offer, subject_category="collective", text="Tốt.")
        AwardQuota.objects.create(offer=offer, unit=tree.cao_lau, max_count=2)
        AwardQuota.objects.create(offer=offer, unit=tree.xuat_le, max_count=1)
    assert _edit_page_queries(client, url) == few


@pytest.fixture
def published(seeded):
    Campaign.objects.filter(pk=seeded.pk).update(status="published")
    return Campaign.objects.get(pk=seeded.pk)


def _offer_rows(campaign, **changes) -> dict:
    offers = list(campaign.award_offers.order_by("order", "pk"))
    data = {**_management("offers", len(offers), len(offers)), **_management("quotas", 0, 0)}
    for i, offer in enumerate(offers):
        data.update(
            {
                f"offers-{i}-id": offer.pk,
                f"offers-{i}-form": offer.form_id,
                f"offers-{i}-order": offer.order,
                f"offers-{i}-intro": offer.intro,
                f"offers-{i}-quota": offer.quota or "",
            }
        )
    data.update(changes)
    return data


def test_a_published_campaigns_printed_awards_cannot_change_but_quotas_can(
    client, published, catalogue, tree, make_user
):
    # Before: the forms and criteria of a published (fixed) document could be rewritten.
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    url = reverse("awards:campaign_awards_edit", args=[published.pk])
    page = client.get(url)
    assert "không thể thay đổi nữa" in page.content.decode()
    assert len(page.context["offers"].forms) == 3  # no blank row to add a form
    intro = published.award_offers.get(order=2).intro
    data = _offer_rows(
        published,
        **{
            "offers-1-intro": "Đoạn giới thiệu khác",
            "offers-1-quota": "7",
            "offers-2-DELETE": "on",
            "offers-1-criteria_collective": "",
        },
    )
    data.update(
        {
            **_management("quotas", 1, 0),
            "quotas-0-offer": published.award_offers.get(order=2).pk,
            "quotas-0-unit": tree.cao_lau.pk,
            "quotas-0-max_count": "3",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    offer = published.award_offers.get(order=2)
    assert offer.intro == intro
    assert offer.quota == 7
    assert offer.criteria.count() == 3
    assert published.award_offers.count() == 3
    assert AwardQuota.objects.get().max_count == 3


def test_a_published_campaigns_panel_offers_to_edit_quotas(published, tree, make_user):
    request = RequestFactory().get("/")
    request.user = make_user(tree.cao_lau, Role.OFFICER)
    html = render_to_string(
        "awards/includes/campaign_awards_panel.html", {"campaign": published}, request=request
    )
    assert "Sửa số lượng tối đa" in html


def test_the_pdf_section_opens_with_the_standards_heading(seeded):
    html = render_to_string(
        "awards/includes/campaign_awards_pdf.html", {"campaign": seeded, "award_prefix": "1"}
    )
    text = " ".join(html.split())
    assert text.index("1. Tiêu chuẩn và hình thức khen thưởng") < text.index("1.1. Giấy khen")


def test_implementing_a_campaign_copies_its_awards_and_criteria(
    client, catalogue, make_campaign, tree, make_user
):
    # Before: "implement at my unit" copied items and period but dropped the award tiers.
    # Seed 003's period: its awards are given before the reform, the district's Giấy khen too.
    parent = seed_campaign_awards(
        make_campaign(
            tree.cao_loc,
            status="published",
            period_start=datetime.date(2023, 3, 9),
            period_end=datetime.date(2023, 5, 31),
        )
    )
    AwardQuota.objects.create(offer=parent.award_offers.first(), unit=tree.cao_lau, max_count=1)
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    response = client.post(f"/campaigns/{parent.pk}/implement/")
    assert response.status_code == 302
    child = Campaign.objects.get(parent=parent)
    offers = list(child.award_offers.order_by("order"))
    assert [o.form.code for o in offers] == [
        "giay-khen-chu-tich-xa",
        "giay-khen-chu-tich-huyen",
        "bang-khen-chu-tich-tinh",
    ]
    assert offers[1].intro == parent.award_offers.get(order=2).intro
    assert AwardCriterion.objects.filter(offer__campaign=child).count() == 6
    assert not AwardQuota.objects.filter(offer__campaign=child).exists()


def test_implementing_leaves_out_the_forms_the_child_could_not_offer(
    client, catalogue, make_campaign, tree, make_user
):
    # A plan of 2023 without a period: the commune's plan drafted today gives its awards
    # after the reform, without the district chairman's Giấy khen.
    parent = seed_campaign_awards(
        make_campaign(tree.cao_loc, status="published", issue_year=2023, issue_month=3)
    )
    assert parent.award_offers.filter(form__code="giay-khen-chu-tich-huyen").exists()
    client.force_login(make_user(tree.ba_son, Role.OFFICER))
    assert client.post(f"/campaigns/{parent.pk}/implement/").status_code == 302
    child = Campaign.objects.get(parent=parent)
    codes = [o.form.code for o in child.award_offers.order_by("order")]
    assert codes == ["giay-khen-chu-tich-xa", "bang-khen-chu-tich-tinh"]


# -- forms that fit the campaign's period ---------------------------------------------------------


def _offer_form(client, campaign, form, **extra):
    url = reverse("awards:campaign_awards_edit", args=[campaign.pk])
    data = {
        **_management("offers", 1, 0),
        "offers-0-form": form.pk,
        "offers-0-order": "1",
        **_management("quotas", 0, 0),
        **extra,
    }
    return client.post(url, data)


def _period(start: str, end: str) -> dict:
    """A campaign's period from dd/mm/yyyy dates."""
    return {
        "period_start": datetime.datetime.strptime(start, "%d/%m/%Y").date(),
        "period_end": datetime.datetime.strptime(end, "%d/%m/%Y").date(),
    }


def _menu_labels(client, campaign) -> list[str]:
    response = client.get(reverse("awards:campaign_awards_edit", args=[campaign.pk]))
    return [label for _value, label in response.context["offers"].forms[-1].fields["form"].choices]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        # After the reform: the district level ended on 30/6/2025, and with it the district
        # chairman's Giấy khen.
        (datetime.date(2027, 1, 1), datetime.date(2030, 12, 31)),
        # The best are rewarded at the end: a campaign of 2025 ends after the district level.
        (datetime.date(2025, 3, 1), datetime.date(2025, 12, 31)),
    ],
)
def test_a_campaign_ending_after_the_reform_cannot_offer_the_district_chairmans_giay_khen(
    client, tree, catalogue, make_campaign, make_user, start, end
):
    campaign = make_campaign(tree.cao_lau, period_start=start, period_end=end)
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    district = catalogue["giay-khen-chu-tich-huyen"]
    labels = _menu_labels(client, campaign)
    assert district.name not in labels
    assert catalogue["giay-khen-chu-tich-xa"].name in labels
    response = _offer_form(client, campaign, district)
    assert response.status_code == 200
    assert response.context["offers"].forms[0].errors["form"] == [
        "Giấy khen của Chủ tịch UBND huyện đã hết hiệu lực ngày 30/06/2025, trước ngày "
        f"{end:%d/%m/%Y}, nên không còn được xét tặng."
    ]
    assert not CampaignAward.objects.exists()


def test_a_campaign_of_2023_offers_it(client, tree, catalogue, make_campaign, make_user):
    campaign = make_campaign(tree.cao_lau, **_period("01/03/2023", "31/05/2023"))
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    district = catalogue["giay-khen-chu-tich-huyen"]
    assert district.name in _menu_labels(client, campaign)
    assert _offer_form(client, campaign, district).status_code == 302
    assert CampaignAward.objects.get().form == district


def test_a_period_moved_past_an_offered_form_is_refused_at_its_row(
    client, tree, catalogue, make_campaign, make_user
):
    campaign = make_campaign(tree.cao_lau, **_period("01/03/2025", "31/12/2025"))
    district = catalogue["giay-khen-chu-tich-huyen"]
    offer = CampaignAward.objects.create(campaign=campaign, form=district, order=1)
    Campaign.objects.filter(pk=campaign.pk).update(
        period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 12, 31)
    )
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    # The row still shows its form (not an empty menu), and says why it cannot stay.
    assert district.name in _menu_labels(client, campaign)
    response = _offer_form(
        client, campaign, district, **{"offers-INITIAL_FORMS": "1"}, **{"offers-0-id": offer.pk}
    )
    assert response.status_code == 200
    assert "trước ngày 31/12/2026" in response.context["offers"].forms[0].errors["form"][0]


def test_a_form_not_yet_awarded_when_the_campaign_ends_is_refused(
    client, tree, catalogue, make_campaign, make_user
):
    campaign = make_campaign(tree.cao_lau, **_period("01/03/2023", "31/05/2023"))
    new_form = catalogue["giay-khen-chu-tich-xa"]
    AwardForm.objects.filter(pk=new_form.pk).update(valid_from=datetime.date(2025, 7, 1))
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    assert new_form.name not in _menu_labels(client, campaign)
    response = _offer_form(client, campaign, new_form)
    assert response.context["offers"].forms[0].errors["form"] == [
        "Giấy khen của Chủ tịch UBND xã chỉ được xét tặng từ ngày 01/07/2025, sau ngày 31/05/2023."
    ]


# -- the award section of a campaign without sections of its own ---------------------------------


def test_a_campaign_offering_awards_prints_its_award_section(
    client, tree, catalogue, make_campaign, make_user
):
    """A plan drafted on the page (no sections of its own) printed "KHEN THƯỞNG" never: the
    default layout left the section out even when the campaign offered forms."""
    from campaigns.models import CampaignItem

    campaign = make_campaign(tree.cao_lau)
    CampaignItem.objects.create(campaign=campaign, text="Thi đua phát triển sản xuất.")
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    headings = [s["heading"] for s in campaign.layout]
    assert headings == ["NỘI DUNG THI ĐUA", "TỔ CHỨC THỰC HIỆN"]

    offer = CampaignAward.objects.create(
        campaign=campaign, form=catalogue["bang-khen-chu-tich-tinh"], order=1
    )
    AwardCriterion.objects.create(
        offer=offer, subject_category=SubjectCategory.OFFICIAL, text="Hoàn thành xuất sắc."
    )
    campaign = Campaign.objects.get(pk=campaign.pk)
    layout = [(s["numeral"], s["heading"]) for s in campaign.layout]
    assert layout == [
        ("I", "NỘI DUNG THI ĐUA"),
        ("II", "KHEN THƯỞNG"),
        ("III", "TỔ CHỨC THỰC HIỆN"),
    ]
    page = " ".join(client.get(f"/campaigns/{campaign.pk}/").content.decode().split())
    assert "II. KHEN THƯỞNG</h2>" in page
    assert "1.1. Bằng khen của Chủ tịch UBND tỉnh" in page
    pdf = client.get(f"/campaigns/{campaign.pk}/pdf/")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    assert "II. KHEN THƯỞNG 1. Tiêu chuẩn và hình thức khen thưởng" in text
    assert "1.1. Bằng khen của Chủ tịch UBND tỉnh" in text
    assert "Hoàn thành xuất sắc." in text


def test_a_campaign_dated_by_month_only_is_judged_by_that_month(
    client, tree, catalogue, make_campaign, make_user
):
    """Seed 003 as typed: issued 3/2023 (no day), no period: its awards are not judged by today."""
    campaign = make_campaign(tree.cao_lau, issue_year=2023, issue_month=3)
    assert campaign.awards_window == (datetime.date(2023, 3, 1), None)
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    district = catalogue["giay-khen-chu-tich-huyen"]
    assert district.name in _menu_labels(client, campaign)
    assert _offer_form(client, campaign, district).status_code == 302


def test_publishing_refuses_a_form_its_moved_period_no_longer_allows(
    client, tree, catalogue, make_campaign, make_user
):
    campaign = make_campaign(tree.cao_lau, **_period("01/03/2023", "31/05/2023"))
    CampaignAward.objects.create(
        campaign=campaign, form=catalogue["giay-khen-chu-tich-huyen"], order=1
    )
    Campaign.objects.filter(pk=campaign.pk).update(period_end=datetime.date(2026, 5, 31))
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    response = client.post(f"/campaigns/{campaign.pk}/publish/", follow=True)
    assert (
        "Giấy khen của Chủ tịch UBND huyện đã hết hiệu lực ngày 30/06/2025, trước ngày "
        "31/05/2026, nên không còn được xét tặng." in response.content.decode()
    )
    campaign.refresh_from_db()
    assert campaign.status == "draft"
    assert not campaign.number


def test_a_campaign_ending_with_an_event_may_offer_any_form_awarded_from_its_start_on(
    client, tree, catalogue, make_campaign, make_user
):
    """Its awards come when the event ends, at a date not known: neither the district's Giấy
    khen (until 30/6/2025) nor a form awarded from 1/7/2025 on is refused."""
    campaign = make_campaign(
        tree.cao_lau,
        period_start=datetime.date(2025, 3, 1),
        period_end_event="khi kết thúc Đại hội Đảng toàn quốc lần thứ XIV",
    )
    new_form = catalogue["giay-khen-chu-tich-xa"]
    AwardForm.objects.filter(pk=new_form.pk).update(valid_from=datetime.date(2025, 7, 1))
    client.force_login(make_user(tree.cao_lau, Role.OFFICER))
    labels = _menu_labels(client, campaign)
    assert catalogue["giay-khen-chu-tich-huyen"].name in labels
    assert new_form.name in labels
    assert _offer_form(client, campaign, new_form).status_code == 302
    response = client.post(f"/campaigns/{campaign.pk}/publish/")
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "published"
