"""Pages of reports: permissions, query counts, and what they print."""

import zlib

import pytest
from django.urls import reverse

from reports.models import CampaignSummary, TargetResult
from tests.reports.conftest import BIRTH_DATE, CITIZEN_ID


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def test_dashboard_asks_anonymous_to_sign_in(client, known):
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_dashboard_refuses_a_user_without_a_role(signed_in, make_user, tree, known):
    from tests.factories import UserFactory

    response = signed_in(UserFactory(unit=tree.cao_lau)).get(reverse("reports:dashboard"))
    assert response.status_code == 403


def test_dashboard_shows_the_known_figures(signed_in, province_officer, known):
    response = signed_in(province_officer).get(reverse("reports:dashboard"), {"year": "2024"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="total-awards">5<' in html
    assert 'id="total-overdue">1<' in html
    assert "<svg" in html
    assert "<rect" in html
    assert 'style="' not in html


def test_dashboard_out_of_scope_unit_or_campaign_is_404(signed_in, hoang_dong_officer, tree, known):
    client = signed_in(hoang_dong_officer)
    url = reverse("reports:dashboard")
    assert client.get(url, {"unit": tree.cao_lau.pk}).status_code == 404
    assert client.get(url, {"campaign": known.plan.pk}).status_code == 404
    assert client.get(url, {"unit": tree.hoang_dong.pk}).status_code == 200


def test_dashboard_query_count_does_not_grow_with_rows(
    signed_in, province_officer, known, django_assert_num_queries
):
    client = signed_in(province_officer)
    url = reverse("reports:dashboard")
    params = {"year": "2024", "campaign": known.campaign.pk}
    client.get(url, params)  # warm the session, the user's groups and the work calendar
    fresh = {**params, "fresh": "1"}
    with django_assert_num_queries(24):
        client.get(url, fresh)
    # The page kept with its figures (accounts.cache; in memory in the tests): the session, the
    # user, and the campaign of the filters checked against the user's scope.
    with django_assert_num_queries(3):
        client.get(url, params)
    from tests.reports.test_exports import add_more_awards

    add_more_awards(known, 30)
    with django_assert_num_queries(24):
        client.get(url, fresh)
    with django_assert_num_queries(3):
        client.get(url, params)


def test_dashboard_figures_are_kept_until_computed_again(
    signed_in, province_officer, known, settings
):
    from tests.reports.test_exports import add_more_awards

    settings.STATISTICS_CACHE_SECONDS = 60
    client = signed_in(province_officer)
    url = reverse("reports:dashboard")
    html = client.get(url, {"year": "2024"}).content.decode()
    assert 'id="total-awards">5<' in html
    assert 'id="computed-at"' in html
    assert "fresh=1" in html
    add_more_awards(known, 3)
    # Kept: the same figures and the time they were computed ...
    assert 'id="total-awards">5<' in client.get(url, {"year": "2024"}).content.decode()
    # ... and "compute now" reads the register again, for the next requests too.
    assert (
        'id="total-awards">8<' in client.get(url, {"year": "2024", "fresh": "1"}).content.decode()
    )
    assert 'id="total-awards">8<' in client.get(url, {"year": "2024"}).content.decode()


def test_dashboard_figures_are_not_shared_across_scopes(
    signed_in, province_officer, hoang_dong_officer, known, settings
):
    settings.STATISTICS_CACHE_SECONDS = 60
    url = reverse("reports:dashboard")
    province = signed_in(province_officer).get(url).content.decode()
    commune = signed_in(hoang_dong_officer).get(url).content.decode()
    assert 'id="total-awards">' in commune
    total = lambda html: html.split('id="total-awards">')[1].split("<")[0]  # noqa: E731
    assert int(total(commune)) < int(total(province))


def _unit_menu(html: str) -> str:
    start = html.index('<select id="f-unit"')
    return html[start : html.index("</select>", start)]


def test_dashboard_kept_page_holds_the_menus_and_never_skips_the_scope_check(
    signed_in, province_officer, hoang_dong_officer, known, tree, settings
):
    """The content is kept with its figures (menus included), per scope: a kept page of the
    province is never what a commune officer gets, and a filter out of their scope stays a 404."""
    settings.STATISTICS_CACHE_SECONDS = 60
    url = reverse("reports:dashboard")
    params = {"unit": tree.cao_lau.pk}
    province = signed_in(province_officer).get(url, params)
    assert province.status_code == 200
    assert f'<option value="{tree.cao_lau.pk}" selected>' in _unit_menu(province.content.decode())
    every_unit = _unit_menu(signed_in(province_officer).get(url).content.decode())
    assert f'<option value="{tree.cao_lau.pk}">' in every_unit
    assert signed_in(hoang_dong_officer).get(url, params).status_code == 404
    commune = _unit_menu(signed_in(hoang_dong_officer).get(url).content.decode())
    assert f'<option value="{tree.cao_lau.pk}"' not in commune
    assert f'<option value="{tree.hoang_dong.pk}"' in commune


def test_dashboard_keeps_its_page_compressed_under_a_key_of_its_own(
    signed_in, province_officer, known, settings
):
    """What another release kept under the figures' former key is never read as the page."""
    from django.utils import translation

    from accounts.cache import remember, scope_key
    from reports.views import DashboardView, _campaign_links

    settings.STATISTICS_CACHE_SECONDS = 60
    params = {"year": "2024"}
    with translation.override("vi"):
        remember(
            ("dashboard", scope_key(province_officer), sorted(params.items())),
            lambda: {"totals": {"awards": 999}},
        )
    html = signed_in(province_officer).get(reverse("reports:dashboard"), params).content.decode()
    assert 'id="total-awards">5<' in html
    assert "999" not in html
    with translation.override("vi"):
        kept, _at = remember(
            (
                DashboardView.CONTENT_KEY,
                scope_key(province_officer),
                sorted(params.items()),
                _campaign_links(province_officer),
            ),
            lambda: pytest.fail("the page was not kept"),
        )
    assert 'id="total-awards">5<' in zlib.decompress(kept).decode()


def test_dashboard_without_keeping_computes_every_time(
    signed_in, province_officer, known, settings
):
    from tests.reports.test_exports import add_more_awards

    settings.STATISTICS_CACHE_SECONDS = 0
    client = signed_in(province_officer)
    url = reverse("reports:dashboard")
    assert 'id="total-awards">5<' in client.get(url, {"year": "2024"}).content.decode()
    add_more_awards(known, 2)
    assert 'id="total-awards">7<' in client.get(url, {"year": "2024"}).content.decode()


def test_results_page_saves_a_units_results(signed_in, cao_lau_officer, known):
    client = signed_in(cao_lau_officer)
    url = reverse("reports:results", args=[known.campaign.pk])
    t1, t2, t3 = known.targets
    response = client.get(url)
    assert response.status_code == 200
    response = client.post(
        url,
        {
            f"value_{t1.pk}": "99,8",
            f"comment_{t1.pk}": "Vượt chỉ tiêu",
            f"value_{t2.pk}": "",
            f"comment_{t2.pk}": "",
            f"value_{t3.pk}": "93",
            f"comment_{t3.pk}": "",
        },
    )
    assert response.status_code == 302
    rows = dict(
        TargetResult.objects.filter(unit=cao_lau_officer.unit).values_list("target_id", "value")
    )
    assert {k: str(v) for k, v in rows.items()} == {t1.pk: "99.80", t3.pk: "93.00"}


def test_results_page_shows_the_error_at_the_field(signed_in, cao_lau_officer, known):
    client = signed_in(cao_lau_officer)
    url = reverse("reports:results", args=[known.campaign.pk])
    t1, t2, _t3 = known.targets
    response = client.post(
        url, {f"value_{t1.pk}": "nhiều", f"value_{t2.pk}": "", f"comment_{t2.pk}": "Chưa có số"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhập một số." in html
    assert "Hãy nhập kết quả mà nhận xét nói đến." in html
    assert TargetResult.objects.filter(unit=cao_lau_officer.unit, target=t1).get().value == 99.5


def test_results_page_of_a_campaign_out_of_scope_is_404(signed_in, hoang_dong_officer, known):
    url = reverse("reports:results", args=[known.plan.pk])
    assert signed_in(hoang_dong_officer).get(url).status_code == 404


def test_results_page_query_count(signed_in, cao_lau_officer, known, django_assert_num_queries):
    client = signed_in(cao_lau_officer)
    url = reverse("reports:results", args=[known.campaign.pk])
    client.get(url)
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200


def test_summary_page_shows_the_known_figures(signed_in, province_officer, known):
    client = signed_in(province_officer)
    url = reverse("reports:summary", args=[known.campaign.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["awards_total"] == 5
    assert response.context["amount_total"] == 10_780_000
    client.post(url, {"start": "1"})
    assert CampaignSummary.objects.filter(campaign=known.campaign).count() == 1


def test_summary_of_a_province_campaign_is_404_for_a_commune(signed_in, cao_lau_officer, known):
    url = reverse("reports:summary", args=[known.campaign.pk])
    assert signed_in(cao_lau_officer).get(url).status_code == 404


def test_summary_page_query_count(signed_in, province_officer, known, django_assert_num_queries):
    client = signed_in(province_officer)
    url = reverse("reports:summary", args=[known.campaign.pk])
    client.get(url)
    with django_assert_num_queries(13):
        client.get(url)


def test_honour_roll_is_public_and_shows_no_birth_date_or_id(client, known):
    response = client.get("/public/honours/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hoàng Thị An" in html
    assert "Nông dân thôn Nà Lệnh" in html
    assert "Bằng khen của Chủ tịch UBND tỉnh" in html
    assert CITIZEN_ID not in html
    assert CITIZEN_ID[-3:] + "<" not in html
    for shown in (f"{BIRTH_DATE:%d/%m/%Y}", "05/03/1980", "1980", "Tày"):
        assert shown not in html
    assert "Đoàn Thị Revoked" not in html


def test_honour_roll_search_ignores_diacritics(client, known):
    html = client.get("/public/honours/", {"q": "hoang thi an"}).content.decode()
    assert "Hoàng Thị An" in html
    assert "Nguyễn Văn Bình" not in html


def test_honour_roll_filters_by_year_unit_and_campaign(client, known, tree):
    html = client.get("/public/honours/", {"year": "2023"}).content.decode()
    assert "Triệu Thị Cũ" in html
    assert "Hoàng Thị An" not in html
    html = client.get("/public/honours/", {"unit": tree.xuat_le.pk}).content.decode()
    assert "Lăng Văn Cường" in html
    assert "Hoàng Thị An" not in html
    html = client.get("/public/honours/", {"campaign": known.plan.pk}).content.decode()
    assert "Hộ ông Vi Văn Dũng" in html
    assert "Lăng Văn Cường" not in html


def test_honour_roll_query_count(client, known, django_assert_num_queries):
    from django.core.cache import cache

    with django_assert_num_queries(5):
        client.get("/public/honours/")
    with django_assert_num_queries(1):  # menus and total kept (accounts.cache): the page's rows
        client.get("/public/honours/")
    from tests.reports.test_exports import add_more_awards

    add_more_awards(known, 30)
    cache.clear()
    with django_assert_num_queries(5):
        client.get("/public/honours/")
    with django_assert_num_queries(1):
        client.get("/public/honours/")


def test_honour_roll_keeps_only_the_whole_rolls_total(client, known):
    """A search or filter is counted every time: free text never makes a cache entry."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/public/honours/")  # menus and the whole roll's total kept
    for params in ({"q": "nguyen"}, {"q": "x" * 40}, {"year": "2024"}, {"unit": "999999"}):
        with CaptureQueriesContext(connection) as ctx:
            client.get("/public/honours/", params)
        # The total, then the page's rows when there are any (the menus are kept).
        assert "COUNT(*)" in ctx.captured_queries[0]["sql"]
        assert len(ctx.captured_queries) <= 2


def test_honour_rows_print_positions_of_people_only_and_escape_names():
    """The rows built in Python (reports.templatetags.honour_rows): a collective shows no
    position even when a person is recorded with it; text is escaped; no unit prints empty."""
    from reports.templatetags.honour_rows import honour_rows

    form = "Bằng khen <của> Chủ tịch"
    rows = [
        {
            "recipient_name": "Lò Văn <b>",
            "subject_kind": "individual",
            "person__position": "Trưởng thôn & Bí thư",
            "unit__name": "Xã Cao Lâu",
            "form__name": form,
        },
        {
            "recipient_name": "Chi bộ thôn Bản 2",
            "subject_kind": "collective",
            "person__position": "Trưởng thôn & Bí thư",
            "unit__name": None,
            "form__name": form,
        },
        {
            "recipient_name": "Hộ ông Hoàng Văn Páo",
            "subject_kind": "household",
            "person__position": None,
            "unit__name": "Xã Cao Lâu",
            "form__name": form,
        },
    ]
    html = honour_rows(rows)
    wide = '<td class="d-none d-md-table-cell">'
    phone = '<div class="d-md-none small text-body-secondary">'
    assert html.splitlines() == [
        f"<tr><td>Lò Văn &lt;b&gt;{phone}Trưởng thôn &amp; Bí thư · Xã Cao Lâu</div></td>"
        f"{wide}Trưởng thôn &amp; Bí thư</td>{wide}Xã Cao Lâu</td>"
        "<td>Bằng khen &lt;của&gt; Chủ tịch</td></tr>",
        f"<tr><td>Chi bộ thôn Bản 2</td>{wide}</td>{wide}</td>"
        "<td>Bằng khen &lt;của&gt; Chủ tịch</td></tr>",
        f"<tr><td>Hộ ông Hoàng Văn Páo{phone}Xã Cao Lâu</div></td>{wide}</td>{wide}Xã Cao Lâu</td>"
        "<td>Bằng khen &lt;của&gt; Chủ tịch</td></tr>",
    ]
    assert "Không có" in honour_rows([])


def test_bar_chart_prints_localised_numbers_escaped_labels_and_an_empty_state():
    """The dashboard's charts built in Python (reports.templatetags.bar_chart): numbers as
    the template printed them in Vietnamese, coordinates with a dot for SVG, labels escaped."""
    from django.utils import translation

    from reports.selectors import chart
    from reports.templatetags.bar_chart import bar_chart

    with translation.override("vi"):
        html = bar_chart(chart("units", "Theo <đơn vị>", [("Xã <A>", 1234), ("Xã B", 1)]))
        empty = bar_chart(chart("months", "Theo tháng", []))
    assert "Theo &lt;đơn vị&gt;" in html
    assert "<đơn vị>" not in html
    # Vietnamese: a decimal comma, no grouping of thousands (Django's vi formats).
    row = '<td>Xã &lt;A&gt;</td><td class="text-end">1234</td><td class="text-end">99,9</td>'
    assert row in html
    assert 'width="80.0%"' in html  # SVG coordinates keep the dot
    assert '<th class="text-end">1235</th>' in html  # the total
    assert '<p class="text-body-secondary mb-0">' in empty
    assert "<svg" not in empty
