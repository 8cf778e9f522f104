"""Every named URL of the project × every kind of visitor → the status it must answer.

Visitors: anonymous; in scope at the province (officer of the standing office, leader, council
member, admin); out of scope (an officer of a commune of another district, whose units hold
none of the objects below). Objects: a draft dossier of commune Cao Lâu (its entry and an
attachment), the province's campaign, its issued and draft decisions, a council session, a
posting with a comment, a notice, a congress plan with its events.

A URL that is neither in MATRIX nor in EXCLUDED fails `test_every_named_url_has_a_row`, so a new
page cannot ship without deciding who may see it. Pages are requested with GET; POST-only
actions must refuse GET (405) and answer 404 to an out-of-scope POST (the object does not exist
for that user).
"""

# The decisions suite's fixtures are imported below and used as arguments (F811 is expected).
# ruff: noqa: F811
import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.choices import Role
from decisions.models import DecisionPreviewPdf
from nominations.choices import AttachmentKind, CommentStatus, PdfRenderStatus
from nominations.models import (
    Attachment,
    CouncilSession,
    DossierPdf,
    MinutesPdf,
    Notice,
    Posting,
    PostingComment,
)
from tests.decisions.conftest import (  # noqa: F401
    another_draft,
    campaign,
    draft,
    fast_and_isolated,
    forms,
    issued,
    make_approved,
    staff,
)
from tests.nominations.factories import DossierFactory, EntryFactory

VISITORS = ["anonymous", "officer", "leader", "council", "admin", "outsider"]

# Admin pages belong to Django's admin, which has its own permission checks (is_staff and
# model permissions) and its own tests in tests/accounts/test_admin.py and test_audit.py; the
# matrix checks only that its index turns away everyone but admins (row "admin:index").
EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED = {
    # Logging out is a POST that works for anyone (anonymous included) and reveals nothing.
    "logout",
    # The password-change pages are the user's own; tested in tests/accounts/test_views.py.
    "password_change_done",
}


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            full = f"{namespace}:{p.namespace}" if namespace and p.namespace else ns
            yield from _walk(p.url_patterns, prefix + str(p.pattern), full)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), prefix + str(p.pattern)


def named_urls() -> dict[str, str]:
    return dict(_walk(get_resolver().url_patterns))


def S(*codes):
    """Statuses for anonymous, officer, leader, council member, admin, outsider."""
    return dict(zip(VISITORS, codes, strict=True))


LOGIN = 302


def POST_ONLY(anonymous, outsider_post=404):
    """A POST-only action: GET is refused (405) for everyone signed in, the out-of-scope
    POST finds nothing (404)."""
    return {**S(anonymous, 405, 405, 405, 405, 405), "outsider_post": outsider_post}


# Recorded from the views and reviewed row by row: anonymous visitors get the login page (302)
# on every staff page and 200 on public ones; the outsider gets 404 on every object of
# another unit; 403 marks a role that may not use a page of its own scope.
MATRIX = {
    "admin:index": S(302, 302, 302, 302, 200, 302),
    "awards:campaign_awards_edit": S(302, 200, 404, 404, 200, 404),
    "awards:import": S(302, 200, 403, 403, 200, 200),
    "awards:import_template": S(302, 200, 403, 403, 200, 200),
    "awards:person_history": S(302, 200, 200, 200, 200, 404),
    "awards:register": S(302, 200, 200, 200, 200, 200),
    "awards:unit_history": S(302, 200, 200, 200, 200, 404),
    "campaign_close": POST_ONLY(302, outsider_post=404),
    "campaign_create": S(302, 200, 403, 403, 200, 200),
    "campaign_detail": S(302, 200, 200, 200, 200, 200),
    # Any unit may implement (cascade) the province's published campaign: the outsider's POST
    # goes through to the form (302), by design.
    "campaign_implement": POST_ONLY(302, outsider_post=302),
    "campaign_list": S(302, 200, 200, 200, 200, 200),
    "campaign_pdf": S(302, 200, 200, 200, 200, 200),
    "campaign_publish": POST_ONLY(302, outsider_post=404),
    "campaign_row": S(302, 404, 404, 404, 404, 404),
    "campaign_row_blank": S(302, 200, 200, 200, 200, 200),
    "campaign_summarise": POST_ONLY(302, outsider_post=404),
    "campaign_update": S(302, 404, 404, 404, 404, 404),
    "congresses:agenda_edit": S(302, 200, 403, 403, 200, 404),
    "congresses:board": S(302, 200, 200, 200, 200, 404),
    # The plan fixture generates no event on this small tree: event rows use a missing id
    # (everyone signed in gets 404, anonymous the login page).
    "congresses:candidates": S(302, 404, 404, 404, 404, 404),
    "congresses:delegate_add": POST_ONLY(302, outsider_post=404),
    "congresses:delegate_pick": POST_ONLY(302, outsider_post=404),
    "congresses:delegate_remove": POST_ONLY(302, outsider_post=404),
    "congresses:delegate_upward": POST_ONLY(302, outsider_post=404),
    "congresses:delegates_pdf": S(302, 404, 404, 404, 404, 404),
    "congresses:event_detail": S(302, 404, 404, 404, 404, 404),
    "congresses:event_meter": S(302, 404, 404, 404, 404, 404),
    "congresses:event_record": POST_ONLY(302, outsider_post=404),
    "congresses:incoming_take": POST_ONLY(302, outsider_post=404),
    "congresses:level_edit": S(302, 404, 403, 403, 404, 404),
    "congresses:list_confirm": POST_ONLY(302, outsider_post=404),
    "congresses:list_reopen": POST_ONLY(302, outsider_post=404),
    "congresses:plan_create": S(302, 200, 404, 404, 200, 404),
    "congresses:plan_detail": S(302, 200, 200, 200, 200, 404),
    "congresses:plan_generate": POST_ONLY(302, outsider_post=404),
    "congresses:plan_list": S(302, 200, 200, 200, 200, 200),
    "congresses:plan_pdf": S(302, 200, 200, 200, 200, 404),
    "congresses:plan_publish": POST_ONLY(302, outsider_post=404),
    "congresses:plan_row": S(302, 404, 404, 404, 404, 404),
    "congresses:plan_update": S(302, 404, 404, 404, 404, 404),
    "congresses:row_blank": S(302, 200, 200, 200, 200, 200),
    "congresses:upward_approve": POST_ONLY(302, outsider_post=404),
    "congresses:upward_pdf": S(302, 404, 404, 404, 404, 404),
    "decisions:certificates_pdf": S(302, 200, 200, 200, 200, 404),
    "decisions:create": S(302, 200, 404, 404, 404, 200),
    "decisions:delete": POST_ONLY(302, outsider_post=404),
    "decisions:detail": S(302, 200, 200, 200, 200, 404),
    "decisions:list": S(302, 200, 200, 200, 200, 200),
    "decisions:pdf": S(302, 200, 200, 200, 200, 404),
    "decisions:pdf_retry": POST_ONLY(302, outsider_post=404),
    "decisions:pdf_status": S(302, 200, 200, 200, 200, 404),
    "decisions:preview_file": S(302, 200, 200, 200, 200, 404),
    "decisions:preview_request": POST_ONLY(302, outsider_post=404),
    "decisions:refresh_bases": POST_ONLY(302, outsider_post=404),
    "decisions:remove_awardee": POST_ONLY(302, outsider_post=404),
    "decisions:revoke": POST_ONLY(302, outsider_post=404),
    "decisions:sign": POST_ONLY(302, outsider_post=404),
    "home": S(302, 200, 200, 200, 200, 200),
    "honours:roll": S(200, 200, 200, 200, 200, 200),
    "login": S(200, 302, 302, 302, 302, 302),
    "nominations:attachment_download": S(302, 200, 200, 200, 200, 404),
    "nominations:attachment_upload": POST_ONLY(302, outsider_post=404),
    "nominations:comment_moderate": POST_ONLY(302, outsider_post=404),
    "nominations:council_attendance": POST_ONLY(302, outsider_post=404),
    "nominations:council_close": POST_ONLY(302, outsider_post=404),
    "nominations:council_member_add": POST_ONLY(302, outsider_post=404),
    "nominations:council_minutes_file": S(302, 200, 200, 200, 200, 404),
    "nominations:council_minutes_pdf": S(302, 200, 200, 200, 200, 404),
    "nominations:council_minutes_request": POST_ONLY(302, outsider_post=404),
    "nominations:council_recuse": POST_ONLY(302, outsider_post=404),
    "nominations:council_session": S(302, 200, 200, 200, 200, 404),
    "nominations:council_session_update": POST_ONLY(302, outsider_post=404),
    "nominations:council_vote": POST_ONLY(302, outsider_post=404),
    "nominations:council_vote_all": POST_ONLY(302, outsider_post=404),
    "nominations:dossier_action": POST_ONLY(302, outsider_post=404),
    "nominations:dossier_create": S(302, 200, 404, 404, 404, 200),
    "nominations:dossier_detail": S(302, 200, 200, 200, 200, 404),
    "nominations:dossier_edit": S(302, 403, 403, 403, 403, 404),  # proposing officers only
    "nominations:dossier_list": S(302, 200, 200, 200, 200, 200),
    "nominations:dossier_pdf": S(302, 200, 200, 200, 200, 404),
    "nominations:dossier_pdf_file": S(302, 200, 200, 200, 200, 404),
    "nominations:dossier_pdf_request": POST_ONLY(302, outsider_post=404),
    "nominations:dossier_return": S(302, 302, 302, 302, 302, 404),
    "nominations:entry_appraise": POST_ONLY(302, outsider_post=404),
    "nominations:entries_agree_remaining": POST_ONLY(302, outsider_post=404),
    "nominations:entry_create": S(302, 403, 403, 403, 403, 404),
    "nominations:entry_edit": S(302, 403, 403, 403, 403, 404),
    # Only an officer of the proposing commune may import; none of these visitors is one.
    "nominations:entry_import": S(302, 404, 404, 404, 404, 404),
    "nominations:entry_import_template": S(302, 404, 404, 404, 404, 404),
    "nominations:entry_remove": POST_ONLY(302, outsider_post=404),
    "nominations:notice_dismiss": POST_ONLY(302, outsider_post=404),
    "nominations:overdue_list": S(302, 200, 200, 200, 200, 200),
    "password_change": S(302, 200, 200, 200, 200, 200),
    "public_campaign_detail": S(200, 200, 200, 200, 200, 200),
    "public_campaign_list": S(200, 200, 200, 200, 200, 200),
    "public_decisions:list": S(200, 200, 200, 200, 200, 200),
    "public_decisions:pdf": S(200, 200, 200, 200, 200, 200),
    "public_posting_detail": S(200, 200, 200, 200, 200, 200),
    "public_posting_list": S(200, 200, 200, 200, 200, 200),
    "reports:dashboard": S(302, 200, 200, 200, 200, 200),
    "reports:export": S(302, 200, 200, 200, 200, 200),
    # The national export exists only for the formats the reports app offers.
    "reports:national": S(302, 404, 404, 404, 404, 404),
    "reports:results": S(302, 200, 403, 403, 200, 200),
    "reports:summary": S(302, 200, 200, 404, 200, 404),
    "reports:summary_issue": S(302, 405, 405, 404, 405, 404),
    "reports:summary_pdf": S(302, 200, 200, 404, 200, 404),
    "unit_detail": S(302, 200, 200, 200, 200, 404),
    "unit_list": S(302, 200, 200, 200, 200, 200),
    "verify": S(200, 200, 200, 200, 200, 200),
}


@pytest.fixture
def world(tree, staff, issued, draft, another_draft, campaign, make_user, settings, tmp_path):
    """The objects every URL's arguments are built from, and the visitors."""
    from congresses.models import CongressPlan
    from congresses.services import plan_generate_events

    visitors = {
        "officer": staff.province_officer,
        "leader": staff.province_leader,
        "council": make_user(tree.province, Role.COUNCIL_MEMBER),
        "admin": make_user(tree.ban_tdkt, Role.ADMIN, is_staff=True, is_superuser=True),
        "outsider": make_user(tree.hoang_dong, Role.OFFICER),
    }
    dossier = DossierFactory(
        campaign=campaign, proposing_unit=tree.cao_lau, date=datetime.date(2024, 5, 1)
    )
    entry = EntryFactory(dossier=dossier, requested_form=forms_of(campaign)[0])
    attachment = Attachment.objects.create(
        dossier=dossier,
        kind=AttachmentKind.OTHER,
        file=ContentFile(b"%PDF-1.4 x", name="x.pdf"),
        original_name="x.pdf",
        extension="pdf",
        content_type="application/pdf",
        size=10,
    )
    decided = issued.decision_awards.first().entry.dossier
    session = CouncilSession.objects.create(unit=tree.province, number=1)
    today = timezone.localdate()
    posting = Posting.objects.create(
        dossier=decided,
        unit=tree.province,
        opened_on=today,
        working_days=5,
        closes_on=today + datetime.timedelta(days=7),
    )
    comment = PostingComment.objects.create(
        posting=posting, author_name="Người dân", content="Đồng ý.", status=CommentStatus.PENDING
    )
    notice = Notice.objects.create(user=staff.province_officer, dossier=dossier, message="Hạn")
    rendered = DossierPdf.objects.create(
        dossier=dossier,
        status=PdfRenderStatus.READY,
        file=ContentFile(b"%PDF-1.4 x", name="to-trinh.pdf"),
    )
    minutes = MinutesPdf.objects.create(
        session=session,
        status=PdfRenderStatus.READY,
        file=ContentFile(b"%PDF-1.4 x", name="bien-ban.pdf"),
    )
    preview = DecisionPreviewPdf.objects.create(
        decision=another_draft,
        status=PdfRenderStatus.READY,
        file=ContentFile(b"%PDF-1.4 x", name="du-thao.pdf"),
    )
    plan = CongressPlan.objects.create(
        issuer=tree.province,
        issue_year=2019,
        title="Đại hội Thi đua",
        tree_on=datetime.date(2019, 12, 31),
    )
    plan_generate_events(plan=plan)
    return type(
        "World",
        (),
        {
            "visitors": visitors,
            "dossier": dossier,
            "entry": entry,
            "attachment": attachment,
            "campaign": campaign,
            "issued": issued,
            "draft": draft,
            "another_draft": another_draft,
            "session": session,
            "posting": posting,
            "comment": comment,
            "notice": notice,
            "rendered": rendered,
            "minutes": minutes,
            "preview": preview,
            "plan": plan,
            "token": issued.decision_awards.first().token,
        },
    )


def forms_of(a_campaign):
    return [offer.form for offer in a_campaign.award_offers.all()]


def test_every_named_url_has_a_row():
    missing = [
        name
        for name in named_urls()
        if name not in MATRIX
        and name not in EXCLUDED
        and name.split(":")[0] not in EXCLUDED_NAMESPACES
    ]
    assert not missing, f"URLs without a row in the permission matrix: {missing}"


def kwargs_for(name, w):
    """The URL arguments of route `name`, from the objects of `world`."""
    d, c, e = w.dossier.pk, w.campaign.pk, w.plan.events.order_by("pk").first()
    event = e.pk if e else 999_999
    by_name = {
        "unit_detail": {"pk": w.dossier.proposing_unit_id},
        "campaign_row": {"kind": "items"},
        "nominations:entry_edit": {"pk": d, "entry": w.entry.pk},
        "nominations:entry_remove": {"pk": d, "entry": w.entry.pk},
        "nominations:entry_appraise": {"pk": d, "entry": w.entry.pk},
        "nominations:attachment_download": {"pk": d, "attachment": w.attachment.pk},
        "nominations:notice_dismiss": {"pk": w.notice.pk},
        "nominations:council_vote": {"pk": w.session.pk, "entry": w.entry.pk},
        "nominations:council_recuse": {"pk": w.session.pk, "entry": w.entry.pk},
        "nominations:comment_moderate": {
            "pk": w.posting.dossier_id,
            "comment": w.comment.pk,
            "status": "approved",
        },
        "nominations:dossier_action": {"pk": d, "action": "submit"},
        "nominations:dossier_pdf_file": {"pk": d, "render_id": w.rendered.pk},
        "nominations:council_minutes_file": {"pk": w.session.pk, "render_id": w.minutes.pk},
        "decisions:preview_file": {"pk": w.another_draft.pk, "render_id": w.preview.pk},
        "public_posting_detail": {"pk": w.posting.pk},
        "verify": {"token": w.token},
        "awards:person_history": {"pk": w.entry.person_id},
        "awards:unit_history": {"pk": w.dossier.proposing_unit_id},
        "awards:campaign_awards_edit": {"campaign_id": c},
        "reports:export": {"kind": "awards"},
        "reports:national": {"fmt": "xlsx"},
        "congresses:level_edit": {"pk": w.plan.pk, "level_pk": 999_999},
        "congresses:delegate_remove": {"pk": event, "delegate_pk": 999_999},
        "congresses:delegate_upward": {"pk": event, "delegate_pk": 999_999},
        "congresses:incoming_take": {"pk": event, "child_pk": 999_999},
    }
    if name in by_name:
        return by_name[name]
    if name.endswith("_row"):
        return {"kind": "items"}
    if name.startswith("nominations:council_"):
        return {"pk": w.session.pk}
    if name.startswith("nominations:"):
        return {"pk": d}
    if name.startswith(("campaign_", "public_campaign_", "reports:")):
        return {"pk": c}
    if name.startswith(("decisions:", "public_decisions:")):
        return {"pk": w.issued.pk}
    if name.startswith("congresses:"):
        if name in {
            "congresses:plan_detail",
            "congresses:plan_pdf",
            "congresses:plan_generate",
            "congresses:agenda_edit",
            "congresses:board",
        }:
            return {"pk": w.plan.pk}
        return {"pk": event}
    return {}


def _url(name, route, w):
    import re

    params = re.findall(r"<(?:\w+:)?(\w+)>", route)
    kwargs = kwargs_for(name, w) if params else {}
    return reverse(name, kwargs={k: v for k, v in kwargs.items() if k in params})


def _visit(client, who, world):
    client.logout()
    if who != "anonymous":
        client.force_login(world.visitors[who])


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_visitor_as_the_matrix_says(name, world, client):
    routes = named_urls()
    assert name in routes, f"{name} is in the matrix but no longer routed: remove its row"
    url = _url(name, routes[name], world)
    expected = MATRIX[name]
    found = {}
    for who in VISITORS:
        _visit(client, who, world)
        response = client.get(url)
        found[who] = response.status_code
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            assert "unsafe-inline" not in response.get("Content-Security-Policy", "")
    if "outsider_post" in expected:
        _visit(client, "outsider", world)
        found["outsider_post"] = client.post(url).status_code
    assert found == expected, url
