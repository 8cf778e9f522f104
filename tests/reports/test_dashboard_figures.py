"""The dashboard's figures against the known fixture (tests/reports/conftest.py)."""

import pytest
from django.http import Http404

from awards.choices import AuthorityLevel
from nominations.choices import DossierStatus, EntryStatus
from reports.selectors import dashboard, fairness, filters_from


def figures_for(user, **params):
    return dashboard(user=user, filters=filters_from(user=user, params=params))


def chart(figures, key):
    found = next(c for c in figures["charts"] if c.key == key)
    return {bar.label: bar.value for bar in found.bars}


def test_province_sees_the_known_totals_of_2024(known, province_officer):
    figures = figures_for(province_officer, year="2024")
    assert figures["totals"] == {
        "dossiers": 3,
        "entries": 5,
        "overdue": 1,
        "decisions_issued": 1,
        "decisions_draft": 0,
        "awardees_issued": 2,
        "awards": 5,
    }


def test_stages_of_dossiers_and_entries(known, province_officer):
    figures = figures_for(province_officer, year="2024")
    assert chart(figures, "dossiers") == {
        str(DossierStatus.DRAFT.label): 1,
        str(DossierStatus.RECEIVED.label): 1,
        str(DossierStatus.APPROVED.label): 1,
    }
    assert chart(figures, "entries") == {
        str(EntryStatus.PROPOSED.label): 3,
        str(EntryStatus.APPROVED.label): 2,
    }


def test_awards_by_form_level_unit_and_month(known, province_officer):
    figures = figures_for(province_officer, year="2024")
    assert chart(figures, "forms") == {
        "Giấy khen của Chủ tịch UBND xã": 1,
        "Giấy khen của Chủ tịch UBND huyện": 1,
        "Bằng khen của Chủ tịch UBND tỉnh": 3,
    }
    assert chart(figures, "levels") == {
        str(AuthorityLevel.PROVINCE.label): 3,
        str(AuthorityLevel.DISTRICT.label): 1,
        str(AuthorityLevel.COMMUNE.label): 1,
    }
    assert chart(figures, "units") == {"Xã Cao Lâu": 3, "Xã Xuất Lễ": 2}
    assert chart(figures, "months") == {"09/2024": 3, "10/2024": 2}


def test_fairness_figures(known, province_officer):
    filters = filters_from(user=province_officer, params={"year": "2024"})
    fair = fairness(filters=filters)
    assert (fair.awards, fair.individuals, fair.collectives, fair.households) == (5, 3, 1, 1)
    assert (fair.women, fair.minorities, fair.workers) == (1, 2, 2)
    assert (fair.communes_reached, fair.communes_total) == (2, 3)
    assert [row["percent"] for row in fair.rows] == [33.3, 66.7, 66.7, 20.0, 66.7]


def test_all_years_count_the_older_award_and_the_draft_decision(known, province_officer):
    figures = figures_for(province_officer)
    assert figures["totals"]["awards"] == 6
    assert figures["totals"]["decisions_draft"] == 1
    assert figures["totals"]["dossiers"] == 4


def test_entries_of_the_whole_province_are_counted_without_matching_each_dossier(
    known, province_officer, cao_loc_officer, hoang_dong_officer
):
    from nominations.models import Entry
    from reports.selectors import entries_for

    everything = filters_from(user=province_officer, params={})
    assert "nominations_dossier" not in str(
        entries_for(user=province_officer, filters=everything).order_by().query
    )
    assert figures_for(province_officer)["totals"]["entries"] == Entry.objects.count()
    district = figures_for(cao_loc_officer)["totals"]["entries"]
    commune = figures_for(hoang_dong_officer)["totals"]["entries"]
    assert 0 < district < Entry.objects.count()
    assert commune < Entry.objects.count()


def test_campaign_filter_lists_who_did_not_propose_and_quota(known, province_officer):
    figures = figures_for(province_officer, campaign=str(known.campaign.pk))
    (row,) = figures["campaigns"]
    assert (row.participants, row.proposed, row.not_proposed, row.awards) == (3, 1, 2, 4)
    assert [u.name for u in figures["not_proposed"]] == ["Xã Hoàng Đồng", "Xã Xuất Lễ"]
    quotas = {q.form.code: (q.quota, q.proposed, q.awarded, q.over) for q in figures["quotas"]}
    assert quotas["bang-khen-chu-tich-tinh"] == (3, 4, 3, True)
    assert quotas["giay-khen-chu-tich-huyen"] == (None, 0, 1, False)


def test_level_and_unit_filters_narrow_the_awards(known, province_officer):
    assert figures_for(province_officer, year="2024", level="province")["totals"]["awards"] == 3
    by_unit = figures_for(province_officer, year="2024", unit=str(known_unit(known, "cao_lau")))
    assert by_unit["totals"]["awards"] == 3
    assert by_unit["totals"]["dossiers"] == 1


def known_unit(known, name):
    from campaigns.models import Unit

    names = {"cao_lau": "Xã Cao Lâu"}
    return Unit.objects.get(name=names[name]).pk


def test_district_sees_its_communes_only(known, cao_loc_officer):
    figures = figures_for(cao_loc_officer, year="2024")
    assert figures["totals"]["awards"] == 5
    assert figures["fairness"].communes_total == 2
    # Decisions are the province's: out of the district's scope.
    assert figures["totals"]["decisions_issued"] == 0


def test_commune_out_of_scope_filter_is_404(known, hoang_dong_officer, tree):
    with pytest.raises(Http404):
        filters_from(user=hoang_dong_officer, params={"unit": str(tree.cao_lau.pk)})
    figures = figures_for(hoang_dong_officer, year="2024")
    assert figures["totals"]["awards"] == 0
