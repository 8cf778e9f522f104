"""Public posting: the page shows no personal data, comments stay private, the window closes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardForm, Person
from nominations import posting as postings
from nominations import services
from nominations.choices import CommentStatus, DossierStatus, ReviewDecision
from nominations.models import Posting, PostingComment
from nominations.workflow import WorkflowError
from tests.nominations.conftest import AFTER
from tests.nominations.council_helpers import end_posting
from tests.nominations.factories import EntryFactory, PersonFactory

BIRTH = datetime.date(1987, 3, 14)
CITIZEN_ID = "020087004321"
FORM = "bang-khen-chu-tich-tinh"


@pytest.fixture
def posted(tree, people, make_dossier):
    AwardForm.objects.filter(code=FORM).update(posting_days=5)
    dossier = make_dossier(tree.ba_son, date=AFTER)
    person = Person.objects.create(
        full_name="Hoàng Thị Nhung",
        birth_date=BIRTH,
        citizen_id=CITIZEN_ID,
        position="Trưởng thôn Nà Lệnh",
        unit=tree.ba_son,
    )
    EntryFactory(
        dossier=dossier,
        person=person,
        requested_form=AwardForm.objects.get(code=FORM),
        achievement="Vận động nhân dân hiến đất làm đường.",
    )
    p = people
    services.dossier_submit(dossier=dossier, actor=p.ba_son_officer)
    services.dossier_receive(dossier=dossier, actor=p.province_officer)
    for entry in dossier.entries.all():
        services.entry_appraise(
            entry=entry, actor=p.province_officer, decision=ReviewDecision.AGREE
        )
    services.dossier_appraise_done(dossier=dossier, actor=p.province_officer)
    services.dossier_post(dossier=dossier, actor=p.province_officer)
    dossier.refresh_from_db()
    return type(
        "P",
        (),
        {
            "dossier": dossier,
            "posting": Posting.objects.get(dossier=dossier),
            "person": person,
            "people": p,
        },
    )


def _url(posting):
    return reverse("public_posting_detail", args=[posting.pk])


def test_posting_publishes_the_list_for_the_forms_working_days(posted):
    posting = posted.posting
    assert posted.dossier.status == DossierStatus.POSTED
    assert posting.working_days == 5
    assert posting.opened_on == timezone.localdate()
    assert posting.closes_on > posting.opened_on
    assert _url(posting) == f"/public/postings/{posting.pk}/"


def test_public_page_shows_names_but_no_personal_data(posted, client):
    response = client.get(_url(posted.posting))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hoàng Thị Nhung" in html
    assert "Trưởng thôn Nà Lệnh" in html
    assert "Bằng khen" in html
    assert "hiến đất làm đường" in html
    assert CITIZEN_ID not in html
    assert "1987" not in html
    assert "14/03" not in html
    assert "14/3" not in html
    for user in posted.people.__dict__.values():
        if getattr(user, "phone", ""):
            assert user.phone not in html


def test_unknown_posting_is_404(client, db):
    assert client.get("/public/postings/999999/").status_code == 404


def test_the_public_finds_the_lists_open_for_comments(
    posted, tree, client, django_assert_num_queries
):
    """`/public/postings/` (linked from the public navigation bar): open postings only, those
    closing first first, with the level, the proposing unit and how many nominees; a fixed
    number of queries whatever it lists."""
    today = timezone.localdate()
    url = reverse("public_posting_list")
    with django_assert_num_queries(2):  # the page's postings and their count
        html = client.get(url).content.decode()
    assert f'href="{_url(posted.posting)}"' in html
    assert "Tỉnh Lạng Sơn" in html
    assert "Đơn vị đề nghị: Xã Ba Sơn · 1 đối tượng" in html
    assert f"Nhận ý kiến đến hết ngày {posted.posting.closes_on:%d/%m/%Y}" in html
    assert f'<a class="nav-link" href="{url}">Lấy ý kiến nhân dân</a>' in html
    # Two more: one closing sooner comes first; a closed one and a future one are not listed.
    sooner = Posting.objects.create(
        dossier=posted.dossier,
        unit=posted.dossier.proposing_unit,
        opened_on=today,
        working_days=1,
        closes_on=today,
    )
    day = datetime.timedelta(days=1)
    for unit, opened, closes in [
        (tree.cao_lau, today - 9 * day, today - day),  # closed yesterday
        (tree.cao_loc, today + day, today + 9 * day),  # opens tomorrow
    ]:
        Posting.objects.create(
            dossier=posted.dossier, unit=unit, opened_on=opened, working_days=5, closes_on=closes
        )
    with django_assert_num_queries(2):
        response = client.get(url)
    assert [p.pk for p in response.context["postings"]] == [sooner.pk, posted.posting.pk]
    Posting.objects.all().delete()
    assert "Hiện không có danh sách nào đang lấy ý kiến." in client.get(url).content.decode()


def _comment(client, posting, **extra):
    data = {
        "author_name": "Lương Văn Bình",
        "author_contact": "0912345678",
        "content": "Ông bà ấy đã đóng góp nhiều cho thôn.",
        "item": "",
        "website": "",
    } | extra
    return client.post(_url(posting), data)


def test_comment_waits_for_moderation_and_its_author_is_never_shown(posted, client):
    response = _comment(client, posted.posting)
    assert response.status_code == 302
    comment = PostingComment.objects.get()
    assert comment.status == CommentStatus.PENDING
    html = client.get(_url(posted.posting)).content.decode()
    assert "đóng góp nhiều" not in html  # pending: not public
    postings.comment_moderate(
        comment=comment, actor=posted.people.province_officer, status=CommentStatus.APPROVED
    )
    html = client.get(_url(posted.posting)).content.decode()
    assert "đóng góp nhiều" in html
    assert "Lương Văn Bình" not in html
    assert "0912345678" not in html
    postings.comment_moderate(
        comment=comment, actor=posted.people.province_officer, status=CommentStatus.HIDDEN
    )
    assert "đóng góp nhiều" not in client.get(_url(posted.posting)).content.decode()


def test_appraisers_see_comments_and_authors_on_the_dossier_page(posted, client):
    _comment(client, posted.posting)
    url = reverse("nominations:dossier_detail", args=[posted.dossier.pk])
    client.force_login(posted.people.province_officer)
    html = client.get(url).content.decode()
    assert "Lương Văn Bình" in html
    assert "0912345678" in html
    assert "đóng góp nhiều" in html
    client.force_login(posted.people.ba_son_officer)  # the proposing commune does not
    html = client.get(url).content.decode()
    assert "Lương Văn Bình" not in html
    assert "0912345678" not in html


def test_comment_after_the_window_closes_is_refused(posted, client):
    end_posting(posted.dossier)
    response = _comment(client, posted.posting)
    assert response.status_code == 200
    assert "không còn nhận" in response.content.decode()
    assert not PostingComment.objects.exists()
    posting = Posting.objects.get(pk=posted.posting.pk)
    with pytest.raises(ValidationError) as error:
        postings.comment_add(posting=posting, author_name="A", author_contact="B", content="C")
    assert "không còn nhận" in str(error.value)


def test_window_closes_by_itself_from_the_dates(posted):
    posting = posted.posting
    assert posting.is_open_on(posting.closes_on)
    assert not posting.is_open_on(posting.closes_on + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        postings.comment_add(
            posting=posting,
            author_name="A",
            author_contact="B",
            content="C",
            today=posting.closes_on + datetime.timedelta(days=1),
        )


def test_spam_trap_and_length_limit(posted, client):
    _comment(client, posted.posting, website="http://spam.example")
    assert not PostingComment.objects.exists()
    response = _comment(client, posted.posting, content="x" * 2001)
    assert response.status_code == 200
    assert not PostingComment.objects.exists()


def test_council_waits_for_the_posting_window(posted):
    with pytest.raises(WorkflowError) as error:
        services.dossier_to_council(dossier=posted.dossier, actor=posted.people.province_officer)
    assert "niêm yết" in str(error.value).lower()
    end_posting(posted.dossier)
    services.dossier_to_council(dossier=posted.dossier, actor=posted.people.province_officer)


def test_moderation_permissions(posted, client):
    _comment(client, posted.posting)
    comment = PostingComment.objects.get()
    url = reverse("nominations:comment_moderate", args=[posted.dossier.pk, comment.pk, "approved"])
    assert client.post(url).status_code == 302
    assert "login" in client.post(url)["Location"]
    client.force_login(posted.people.xuat_le_officer)
    assert client.post(url).status_code == 404
    client.force_login(posted.people.ba_son_officer)  # sees the dossier, may not moderate
    client.post(url)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    client.force_login(posted.people.province_officer)
    assert client.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED


def _appraise_at_the_province(dossier, p):
    """Ba Sơn submits; the province receives, agrees to every entry and ends the appraisal."""
    services.dossier_submit(dossier=dossier, actor=p.ba_son_officer)
    services.dossier_receive(dossier=dossier, actor=p.province_officer)
    for entry in dossier.entries.all():
        services.entry_appraise(entry=entry, actor=p.province_officer, decision="agree")
    services.dossier_appraise_done(dossier=dossier, actor=p.province_officer)


def test_form_without_posting_days_is_not_posted(tree, people, make_dossier):
    dossier = make_dossier(tree.ba_son, FORM, date=AFTER)
    p = people
    _appraise_at_the_province(dossier, p)
    with pytest.raises(WorkflowError):
        services.dossier_post(dossier=dossier, actor=p.province_officer)
    assert not Posting.objects.exists()


def test_closing_date_is_counted_on_the_holidays_in_the_table_not_a_kept_calendar(
    tree, people, make_dossier, settings
):
    """The closing date is stored and decides how long the public may comment: it is counted
    on the holidays as they are in the database, even when a process keeps an older list."""
    from nominations.deadlines import WorkCalendar
    from nominations.models import Holiday

    settings.WORK_CALENDAR_CACHE_SECONDS = 60
    kept = WorkCalendar.load()  # this process keeps the list as it is now
    today = timezone.localdate()
    day = kept.add_working_days(today, 1)
    # Changed without a signal (as SQL or another process would): the kept list is stale.
    Holiday.objects.bulk_create([Holiday(date=day, name="Ngày nghỉ bù thử")])
    assert WorkCalendar.load() is kept
    AwardForm.objects.filter(code=FORM).update(posting_days=5)
    dossier = make_dossier(tree.ba_son, FORM, date=AFTER)
    p = people
    _appraise_at_the_province(dossier, p)
    services.dossier_post(dossier=dossier, actor=p.province_officer)
    posting = Posting.objects.get(dossier=dossier)
    assert posting.closes_on == WorkCalendar.read().add_working_days(today, 5)
    assert posting.closes_on != kept.add_working_days(today, 5)


def test_a_long_list_is_posted_a_page_at_a_time(tree, people, make_dossier, client, monkeypatch):
    """Each group numbered over the whole list; the comment's nominee menu holds the page's."""
    from awards.choices import SubjectKind
    from nominations import views_posting

    monkeypatch.setattr(views_posting, "ITEMS_PER_PAGE", 2)
    AwardForm.objects.filter(code=FORM).update(posting_days=5)
    form = AwardForm.objects.get(code=FORM)
    dossier = make_dossier(tree.ba_son, date=AFTER)
    for name in ("Chi bộ thôn Nà Lệnh", "Hội Phụ nữ thôn Khòn Pá"):
        EntryFactory(
            dossier=dossier,
            requested_form=form,
            subject_kind=SubjectKind.COLLECTIVE,
            person=None,
            unit=tree.ba_son,
            group_name=name,
        )
    for name in ("Hoàng Thị Nhung", "Lương Văn Bình", "Vi Thị Hoa"):
        person = PersonFactory(full_name=name, unit=tree.ba_son)
        EntryFactory(dossier=dossier, requested_form=form, person=person)
    p = people
    services.dossier_submit(dossier=dossier, actor=p.ba_son_officer)
    services.dossier_receive(dossier=dossier, actor=p.province_officer)
    services.entries_agree_remaining(dossier=dossier, actor=p.province_officer)
    services.dossier_appraise_done(dossier=dossier, actor=p.province_officer)
    services.dossier_post(dossier=dossier, actor=p.province_officer)
    posting = Posting.objects.get(dossier=dossier)

    def rows(page):
        response = client.get(_url(posting), {"page": page})
        table = response.content.decode().split("<tbody>")[1:]
        names = [
            (cells[0], cells[1])
            for part in table
            for cells in [
                [c.split(">", 1)[1].split("<")[0] for c in row.split("<td")[1:3]]
                for row in part.split("</tbody>")[0].split("<tr>")[1:]
            ]
        ]
        return names, response.context["form"].fields["item"].choices

    page1, menu1 = rows(1)
    assert page1 == [("1", "Hoàng Thị Nhung"), ("2", "Lương Văn Bình")]
    assert [label for _pk, label in menu1] == ["Cả danh sách", "Hoàng Thị Nhung", "Lương Văn Bình"]
    page2, _ = rows(2)
    assert page2 == [("3", "Vi Thị Hoa"), ("1", "Chi bộ thôn Nà Lệnh")]
    page3, _ = rows(3)
    assert page3 == [("2", "Hội Phụ nữ thôn Khòn Pá")]
    # Its queries do not grow with the list: page 1 of 2 rows reads as many as the last.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for page in (1, 3):
        with CaptureQueriesContext(connection) as ctx:
            client.get(_url(posting), {"page": page})
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 6
    # A comment about a nominee of page 3, sent from page 3.
    item = posting.items.get(name="Hội Phụ nữ thôn Khòn Pá")
    data = {
        "author_name": "Lương Văn Bình",
        "author_contact": "0912345678",
        "content": "Hội đã vận động nhiều hộ làm đường.",
        "item": item.pk,
        "website": "",
    }
    response = client.post(f"{_url(posting)}?page=3", data)
    assert response["Location"] == f"{_url(posting)}?page=3"  # back where the visitor was
    assert posting.comments.get().item == item
    # A form sent from another page of the list (or with none named) about this nominee.
    data["content"] = "Hội đã vận động nhiều hộ hiến đất."
    assert client.post(_url(posting), data).status_code == 302
    assert posting.comments.filter(item=item).count() == 2
    data["item"] = 999_999  # no nominee of this list
    response = client.post(_url(posting), data)
    assert response.status_code == 200
    assert posting.comments.count() == 2
    # The page reads its nominees, not the whole list.
    cached = client.get(_url(posting)).context["posting"]._prefetched_objects_cache
    assert "items" not in cached
