"""A long form that fails to save says so at its top, with every error and a link to it.

The campaign and congress plan pages are several screens long; the page comes back at its top.
Before the summary, an error only in a row at the bottom (a missing issuer, a bad target) left
the top of the page as it was: nothing said that nothing had been saved.
"""

import re
from html.parser import HTMLParser

import pytest

from campaigns.models import Campaign
from tests.campaigns.test_campaign_forms import post_data, with_issuer

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    """The ids of the page's elements, and the summary's links with their text."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self._in_summary = 0
        self._link: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if attrs.get("id") == "error-summary":
            self._in_summary = 1
        elif self._in_summary and tag == "div":
            self._in_summary += 1
        if self._in_summary and tag == "a":
            self._link = [attrs["href"], ""]

    def handle_endtag(self, tag):
        if self._in_summary and tag == "div":
            self._in_summary -= 1
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], self._link[1].strip()))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data


def summary_of(response) -> dict[str, str]:
    """The summary's links, text -> anchor; each anchor names an element of the page."""
    html = response.content.decode()
    page = _Page(html)
    for href, _text in page.links:
        assert href.startswith("#")
        assert href[1:] in page.ids, href
    return {text: href[1:] for href, text in page.links}


def summary_heading(response) -> str:
    match = re.search(r'id="error-summary".*?<p[^>]*>(.*?)</p>', response.content.decode(), re.S)
    return match.group(1).strip() if match else ""


@pytest.fixture
def officer(client, tree, make_user):
    user = make_user(tree.cao_lau)
    client.force_login(user)
    return user


def test_a_campaign_without_issuer_says_at_the_top_that_nothing_was_saved(client, officer):
    # The document's own fields are right: the error is only in the issuers' section.
    response = client.post("/campaigns/new/", post_data())
    assert summary_heading(response) == "Chưa lưu được. Xin sửa 1 lỗi sau:"
    assert summary_of(response) == {"Cơ quan ban hành": "errors-issuers"}
    assert "Cơ quan ban hành</a>: Nhập ít nhất 1 dòng." in response.content.decode()
    assert not Campaign.objects.exists()


def test_errors_in_rows_and_nested_targets_link_to_their_fields(client, tree, officer):
    data = with_issuer(post_data(title=""), tree.cao_lau)
    data["items-0-targets-0-value_max"] = ""  # a range without its upper value
    data["recipients-0-text"] = "x" * 5000
    response = client.post("/campaigns/new/", data)
    links = summary_of(response)
    assert links["Trích yếu"] == "id_title"
    target = "Nội dung thi đua, dòng 1 › Chỉ tiêu đo lường được, dòng 1 › Giá trị trên"
    assert links[target] == "id_items-0-targets-0-value_max"
    assert links["Nơi nhận, dòng 1 › Dòng"] == "id_recipients-0-text"
    # The line too long was written: no second message saying to write it.
    html = response.content.decode()
    assert "Giá trị này chỉ có tối đa 300 kí tự (hiện có 5000)" in html
    assert "Hãy chọn đơn vị hoặc ghi nội dung dòng." not in html
    assert summary_heading(response) == f"Chưa lưu được. Xin sửa {len(links)} lỗi sau:"
    assert not Campaign.objects.exists()


def test_a_valid_page_and_a_new_page_show_no_summary(client, tree, officer):
    assert 'id="error-summary"' not in client.get("/campaigns/new/").content.decode()
    response = client.post("/campaigns/new/", with_issuer(post_data(), tree.cao_lau))
    assert response.status_code == 302


def test_rows_after_a_nested_formset_keep_their_section(client, tree, officer):
    data = with_issuer(post_data(), tree.cao_lau)
    data.update(
        {
            "items-1-targets-TOTAL_FORMS": 1,
            "items-1-targets-0-comparator": "range",
            "items-1-targets-0-value": "90",
            "items-1-targets-0-indicator": "hồ sơ đúng hạn",
        }
    )
    links = summary_of(client.post("/campaigns/new/", data))
    target = "Nội dung thi đua, dòng 2 › Chỉ tiêu đo lường được, dòng 1 › Giá trị trên"
    assert links == {target: "id_items-1-targets-0-value_max"}


def test_rows_removed_on_saving_are_not_listed_and_a_stale_row_points_at_itself(
    client, tree, officer
):
    client.post("/campaigns/new/", with_issuer(post_data(), tree.cao_lau))
    campaign = Campaign.objects.get()
    recipient = campaign.recipients.get()
    data = with_issuer(post_data(title=""), tree.cao_lau)
    data.update(
        {
            "issuers-0-id": campaign.issuer_list[0].pk,
            "issuers-INITIAL_FORMS": 1,
            "recipients-INITIAL_FORMS": 1,
            "recipients-0-id": recipient.pk,
            "recipients-0-text": "",  # emptied, but removed on saving: not an error
            "recipients-0-DELETE": "on",
            "items-TOTAL_FORMS": 0,
        }
    )
    url = f"/campaigns/{campaign.pk}/edit/"
    assert summary_of(client.post(url, data)) == {"Trích yếu": "id_title"}
    # Another officer removed the row meanwhile: the row's hidden id is refused.
    recipient.delete()
    data.pop("recipients-0-DELETE")
    data["recipients-0-text"] = "Lưu: VT"
    links = summary_of(client.post(url, data))
    assert links["Nơi nhận, dòng 1"] == "row-recipients-0"


def test_a_row_removed_on_saving_does_not_block_with_its_targets(client, tree, officer):
    """A removed content item's bad target: not listed, and not refusing the save either."""
    data = with_issuer(post_data(), tree.cao_lau)
    data.update(
        {
            "items-1-DELETE": "on",
            "items-1-targets-TOTAL_FORMS": 1,
            "items-1-targets-0-comparator": "range",
            "items-1-targets-0-value": "90",
            "items-1-targets-0-indicator": "hồ sơ đúng hạn",
        }
    )
    assert client.post("/campaigns/new/", data).status_code == 302
    assert Campaign.objects.get().items.count() == 1
