"""The rows of the campaign lists, built in Python: the cells the template printed, escaped."""

import pytest
from django.template import Context, Template
from django.utils import translation

from campaigns.choices import CampaignKind, CampaignStatus
from campaigns.models import Campaign, CampaignIssuer, DocumentType


def render(campaigns, detail_url="campaign_detail"):
    template = Template("{% load campaign_rows %}{% campaign_rows campaigns url %}")
    with translation.override("vi"):
        return template.render(Context({"campaigns": campaigns, "url": detail_url}))


@pytest.fixture
def plan(db):
    doc_type = DocumentType.objects.get(abbreviation="KH")

    def make(**kwargs):
        values = {
            "pk": 7,
            "doc_type": doc_type,
            "title": 'Phong trào thi đua "Dân vận khéo" <2026>',
            "kind": CampaignKind.REGULAR,
            "status": CampaignStatus.PUBLISHED,
        }
        return Campaign(**{**values, **kwargs})

    return make


def test_a_row_links_to_the_page_asked_and_escapes_the_title(plan):
    html = render([plan(issue_year=2026, issue_month=3, issue_day=9)], "public_campaign_detail")
    assert html.startswith('<tr><td class="text-nowrap small">KH<br>')
    assert '<span class="text-body-secondary">09/3/2026</span>' in html
    assert (
        '<a href="/public/campaigns/7/">Kế hoạch: Phong trào thi đua &quot;Dân vận khéo&quot;'
        in html
    )
    assert "&lt;2026&gt;</a>" in html
    assert '<span class="badge text-bg-success">Đã ban hành</span></td></tr>' in html


@pytest.mark.parametrize(
    ("year", "month", "printed"), [(2019, 12, "12/2019"), (2023, None, "2023"), (None, None, "")]
)
def test_a_partial_date_prints_what_the_plan_gives(plan, year, month, printed):
    html = render([plan(issue_year=year, issue_month=month)])
    assert f'<span class="text-body-secondary">{printed}</span>' in html


def test_an_empty_list_says_so():
    assert render([]) == (
        '<tr><td colspan="5" class="text-body-secondary">Không có phong trào nào phù hợp.</td></tr>'
    )


def test_on_a_phone_the_issuer_and_kind_go_under_the_title(plan, tree):
    """The plans of a cascade often share their title: on a phone, where the issuer column is
    left out, the issuer under the title tells them apart."""
    campaign = plan(pk=None)
    campaign.save()
    CampaignIssuer.objects.create(
        campaign=campaign, unit=tree.cao_loc, short_name="UBND huyện Cao Lộc"
    )
    html = render([Campaign.objects.get(pk=campaign.pk)])
    assert (
        '</a><div class="d-md-none small text-body-secondary">'
        "UBND huyện Cao Lộc · Thường xuyên (hằng năm)</div></td>"
        '<td class="d-none d-md-table-cell small">UBND huyện Cao Lộc</td>'
        '<td class="d-none d-md-table-cell small">Thường xuyên (hằng năm)</td>'
    ) in html
