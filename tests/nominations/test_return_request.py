"""A dossier returned for completion says at its top what the level asked, and each entry says
what it must complete: before, the comments were only in the timeline at the foot of the page.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nominations import services
from nominations.choices import Action, DossierStatus
from tests.nominations.test_workflow import _put_in_state

pytestmark = pytest.mark.django_db

ASKED = "Thiếu biên bản họp xét của Hội đồng Thi đua - Khen thưởng xã."


def _returned(make_dossier, tree, people, codes, comments):
    dossier = make_dossier(tree.cao_lau, *codes)
    dossier = _put_in_state(dossier, DossierStatus.SUBMITTED, tree.cao_loc)
    dossier = services.ACTION_SERVICES[Action.RECEIVE](
        dossier=dossier, actor=people.cao_loc_officer
    )
    entries = list(dossier.entries.order_by("position", "pk"))
    asked = {None: ASKED} | {entries[i].pk: text for i, text in comments.items()}
    services.dossier_return_for_completion(
        dossier=dossier, actor=people.cao_loc_officer, comments=asked
    )
    return dossier, entries


def _top(html: str) -> str:
    start = html.index('id="to-complete"')
    return html[start : html.index("</div>", start)]


def test_the_commune_sees_what_to_complete_at_the_top_and_on_the_entry(
    client, tree, people, make_dossier
):
    dossier, entries = _returned(
        make_dossier,
        tree,
        people,
        ["giay-khen-chu-tich-xa", "giay-khen-chu-tich-xa"],
        {1: "Bổ sung diện tích đất hiến <b>và</b> số hộ được hưởng lợi."},
    )
    client.force_login(people.cao_lau_officer)
    html = client.get(dossier.get_absolute_url()).content.decode()
    top = _top(html)
    assert "Huyện Cao Lộc trả lại hồ sơ để bổ sung ngày" in top
    assert ASKED in top
    second = entries[1]
    assert f'<a class="alert-link" href="#entry-{second.pk}">{second.nominee_name}</a>' in top
    # Escaped, at the top and on the entry's row.
    said = "Bổ sung diện tích đất hiến &lt;b&gt;và&lt;/b&gt; số hộ được hưởng lợi."
    assert said in top
    assert "Bổ sung theo yêu cầu, rồi bấm “Trình lại”." in top
    row = html[html.index(f'id="entry-{second.pk}"') :]
    assert f"<strong>Cần bổ sung:</strong> {said}" in row[: row.index("</tr>")]
    first = html[html.index(f'id="entry-{entries[0].pk}"') :]
    assert "Cần bổ sung" not in first[: first.index("</tr>")]


def test_the_district_sees_it_without_the_instruction_and_it_ends_on_resubmitting(
    client, tree, people, make_dossier
):
    dossier, _entries = _returned(make_dossier, tree, people, ["giay-khen-chu-tich-xa"], {})
    client.force_login(people.cao_loc_officer)
    top = _top(client.get(dossier.get_absolute_url()).content.decode())
    assert ASKED in top
    assert "Các đề nghị cần bổ sung" not in top  # no entry was commented
    assert "Trình lại" not in top  # the district does not resubmit

    services.dossier_resubmit(dossier=dossier, actor=people.cao_lau_officer)
    client.force_login(people.cao_lau_officer)
    html = client.get(dossier.get_absolute_url()).content.decode()
    assert 'id="to-complete"' not in html
    assert "Cần bổ sung:" not in html
    assert ASKED in html  # still in the timeline


def _paged(make_dossier, tree, people, client, monkeypatch, comments):
    """Three entries, two a page, returned with `comments`; the commune officer signed in."""
    monkeypatch.setattr("nominations.views.ENTRIES_PER_PAGE", 2)
    dossier, entries = _returned(
        make_dossier, tree, people, ["giay-khen-chu-tich-xa"] * 3, comments
    )
    client.force_login(people.cao_lau_officer)
    return dossier.get_absolute_url(), entries


def test_an_entry_on_another_page_is_listed_without_a_link(
    client, tree, people, make_dossier, monkeypatch
):
    url, entries = _paged(make_dossier, tree, people, client, monkeypatch, {2: "Bổ sung ảnh."})
    top = _top(client.get(url).content.decode())
    assert f"<li>{entries[2].nominee_name}: Bổ sung ảnh.</li>" in top
    page_2 = client.get(f"{url}?page=2").content.decode()
    assert f'href="#entry-{entries[2].pk}"' in _top(page_2)


def test_an_entry_of_an_earlier_page_is_not_linked_from_a_later_one(
    client, tree, people, make_dossier, monkeypatch
):
    comments = {0: "Dòng một.\nDòng hai."}
    url, entries = _paged(make_dossier, tree, people, client, monkeypatch, comments)
    page_2 = client.get(f"{url}?page=2").content.decode()
    assert f"<li>{entries[0].nominee_name}: Dòng một.<br>Dòng hai.</li>" in _top(page_2)


def test_the_page_reads_what_was_asked_in_one_query(client, tree, people, make_dossier):
    def queries(count: int) -> int:
        dossier, _entries = _returned(
            make_dossier,
            tree,
            people,
            ["giay-khen-chu-tich-xa"] * 3,
            dict.fromkeys(range(count), "Bổ sung."),
        )
        client.force_login(people.cao_lau_officer)
        client.get(dossier.get_absolute_url())  # what a process keeps (calendar, catalogue)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(dossier.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    assert queries(1) == queries(3)
