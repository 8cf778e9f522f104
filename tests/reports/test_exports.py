"""Excel exports hold the filtered rows only; the national export has no citizen ID."""

import csv
import io
import json

import openpyxl
import pytest
from django.urls import reverse

from awards.choices import SubjectKind
from awards.models import Award
from tests.reports.conftest import BIRTH_DATE, CITIZEN_ID


def add_more_awards(known, n):
    a1 = known.awards["a1"]
    Award.objects.bulk_create(
        [
            Award(
                subject_kind=SubjectKind.COLLECTIVE,
                unit=a1.unit,
                recipient_name=f"Tổ dân phố số {i}",
                recipient_name_folded=f"to dan pho so {i}",
                form=a1.form,
                campaign=known.campaign,
                decision_date=a1.decision_date,
            )
            for i in range(n)
        ]
    )


def sheet(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    return rows[0], rows[1:]


@pytest.fixture
def officer_client(client, province_officer):
    client.force_login(province_officer)
    return client


def test_awards_export_holds_the_filtered_rows_with_vietnamese_headers(officer_client, known):
    url = reverse("reports:export", args=["awards"])
    response = officer_client.get(url, {"year": "2024", "revoked": "0", "subject": "individual"})
    assert response.status_code == 200
    headers, rows = sheet(response)
    assert headers[:3] == ("Người được khen", "Đối tượng", "Chức vụ")
    assert sorted(r[0] for r in rows) == ["Hoàng Thị An", "Lăng Văn Cường", "Nguyễn Văn Bình"]


def test_every_list_exports(officer_client, known):
    expected = {"campaigns": 2, "dossiers": 3, "entries": 5, "decisions": 1, "awards": 6}
    for kind, count in expected.items():
        response = officer_client.get(reverse("reports:export", args=[kind]), {"year": "2024"})
        _headers, rows = sheet(response)
        assert len(rows) == count, kind


def test_dossier_export_applies_the_list_filters(officer_client, known):
    url = reverse("reports:export", args=["dossiers"])
    response = officer_client.get(url, {"year": "2024", "status": "received"})
    headers, rows = sheet(response)
    assert headers[0] == "Số"
    assert [r[2] for r in rows] == ["Xã Cao Lâu"]


def test_export_out_of_scope_is_404_and_scoped(client, hoang_dong_officer, tree, known):
    client.force_login(hoang_dong_officer)
    url = reverse("reports:export", args=["awards"])
    assert client.get(url, {"unit": tree.cao_lau.pk}).status_code == 404
    _headers, rows = sheet(client.get(url))
    assert [r[0] for r in rows] == ["Triệu Thị Cũ"]


def test_export_asks_anonymous_to_sign_in(client, known):
    assert client.get(reverse("reports:export", args=["awards"])).status_code == 302
    assert client.get(reverse("reports:national", args=["csv"])).status_code == 302


def test_national_json_follows_the_schema_and_has_no_citizen_id(officer_client, known):
    response = officer_client.get(reverse("reports:national", args=["json"]), {"year": "2024"})
    data = json.loads(response.content)
    assert data["schema_version"] == "1.0"
    assert data["count"] == 5
    an = next(r for r in data["awards"] if r["recipient_name"] == "Hoàng Thị An")
    assert an["gender"] == "female"
    assert an["birth_year"] == 1980
    assert an["award_form_code"] == "bang-khen-chu-tich-tinh"
    assert an["decision_date"] == "2024-09-12"
    assert CITIZEN_ID not in response.content.decode()
    assert BIRTH_DATE.isoformat() not in response.content.decode()
    from reports.exports import NATIONAL_FIELDS

    assert list(an) == NATIONAL_FIELDS


def test_national_csv_lists_standing_awards(officer_client, known):
    response = officer_client.get(reverse("reports:national", args=["csv"]), {"year": "2024"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5
    assert CITIZEN_ID not in text
    with_revoked = officer_client.get(
        reverse("reports:national", args=["csv"]), {"year": "2024", "revoked": "1"}
    )
    text = b"".join(with_revoked.streaming_content).decode("utf-8-sig")
    revoked = [r for r in csv.DictReader(io.StringIO(text)) if r["revoked"] == "true"]
    assert [r["recipient_name"] for r in revoked] == ["Đoàn Thị Revoked"]


def test_export_query_count_does_not_grow(officer_client, known, django_assert_num_queries):
    url = reverse("reports:export", args=["awards"])
    officer_client.get(url)
    with django_assert_num_queries(3):
        officer_client.get(url)
    add_more_awards(known, 40)
    with django_assert_num_queries(3):
        officer_client.get(url)
