"""Reads of decisions: staff lists scoped to the user's units, the approved entries a draft
picks from, the public list and the verification look-up."""

from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from accounts.choices import Role
from accounts.selectors import get_visible_or_404, scope_filter
from awards.models import AwardForm
from campaigns.models import Campaign
from campaigns.selectors import campaign_menu, with_issuer_name
from decisions.choices import DecisionStatus
from decisions.models import CertificateLayout, Decision, DecisionAward
from documents.templatetags.vn import clip
from nominations.choices import EntryStatus
from nominations.models import Entry
from nominations.workflow import actor_unit


def _decisions():
    return Decision.objects.select_related("issuer", "campaign", "form", "doc_type").annotate(
        awardee_count=Count("decision_awards")
    )


def decisions_visible_to(user):
    """Decisions whose issuer lies in the user's units."""
    return scope_filter(_decisions(), user, "issuer")


def decision_list(*, user, params):
    """The staff list with its filters: status, campaign, form, year, words of the title."""
    qs = decisions_visible_to(user)
    if params.get("status") in DecisionStatus.values:
        qs = qs.filter(status=params["status"])
    if str(params.get("campaign", "")).isdigit():
        qs = qs.filter(campaign_id=int(params["campaign"]))
    if str(params.get("form", "")).isdigit():
        qs = qs.filter(form_id=int(params["form"]))
    if str(params.get("year", "")).isdigit():
        qs = qs.filter(date__year=int(params["year"]))
    for word in str(params.get("q", "")).split():
        qs = qs.filter(title__icontains=word)
    return qs.order_by("status", "-date", "-number", "-created_at", "-pk")


def decision_visible_or_404(*, user, pk: int) -> Decision:
    return get_visible_or_404(_decisions(), user, "issuer", pk=pk)


def decision_awardees(decision: Decision):
    return decision.decision_awards.select_related("unit", "award", "entry__dossier").order_by(
        "position", "pk"
    )


def approved_entries(*, issuer, campaign, form):
    """Entries approved at `issuer` (the deciding level) for `campaign` and `form`, not yet in
    any decision: what a new draft may pick."""
    return (
        Entry.objects.filter(
            status=EntryStatus.APPROVED,
            campaign=campaign,
            proposed_form=form,
            dossier__current_level=issuer,
            decision_award__isnull=True,
        )
        .select_related("dossier__proposing_unit", "unit", "person")
        .order_by("dossier__date", "dossier_id", "position", "pk")
    )


def pending_choices(*, issuer):
    """(campaign, form, count) for every campaign and form with approved entries waiting at
    `issuer`: the shortcuts of the "new decision" page."""
    rows = (
        Entry.objects.filter(
            status=EntryStatus.APPROVED, dossier__current_level=issuer, decision_award__isnull=True
        )
        .values("campaign_id", "proposed_form_id")
        .annotate(n=Count("pk"))
        .order_by("campaign_id", "proposed_form_id")
    )
    rows = list(rows)
    campaigns = with_issuer_name(Campaign.objects.all()).in_bulk({r["campaign_id"] for r in rows})
    forms = AwardForm.objects.in_bulk({r["proposed_form_id"] for r in rows})
    return [(campaigns[r["campaign_id"]], forms[r["proposed_form_id"]], r["n"]) for r in rows]


def filter_choices(*, user):
    """Campaigns, as (pk, label), and forms that the user's decisions use (the list's filter
    menus)."""
    visible = scope_filter(Decision.objects.all(), user, "issuer")
    campaigns = Campaign.objects.filter(pk__in=visible.values("campaign_id").distinct()).order_by(
        "-pk"
    )
    forms = AwardForm.objects.filter(pk__in=visible.values("form_id").distinct())
    return campaign_menu(campaigns, 60), forms


def public_decisions(*, query: str = ""):
    """Issued decisions, newest first (the public list)."""
    qs = (
        Decision.objects.filter(status=DecisionStatus.ISSUED)
        .select_related("issuer", "doc_type", "form")
        .annotate(awardee_count=Count("decision_awards"))
        .order_by("-date", "-number", "-pk")
    )
    for word in query.split():
        qs = qs.filter(Q(title__icontains=word) | Q(issuer__name__icontains=word))
    return qs


def public_decision_or_404(pk: int) -> Decision:
    try:
        return Decision.objects.select_related("issuer", "doc_type").get(
            pk=pk, status=DecisionStatus.ISSUED
        )
    except Decision.DoesNotExist as exc:
        raise Http404 from exc


_VERIFY_FIELDS = (
    "name",
    "token",
    "unit__name",
    "decision__status",
    "decision__number",
    "decision__date",
    "decision__abbreviation",
    "decision__pdf_status",
    "decision__doc_type__abbreviation",
    "decision__form__name",
    "award__revoked",
    "award__revoking_decision_number",
    "award__revoking_decision_date",
    "award__decision_issuer",
)


def verification_or_none(token: str) -> DecisionAward | None:
    """The awardee a certificate's token names, if its decision is issued."""
    if not token or len(token) > 40:
        return None
    found = (
        DecisionAward.objects.filter(token=token, decision__status=DecisionStatus.ISSUED)
        .select_related("decision__doc_type", "decision__form", "unit", "award")
        # What the page prints, not the decision's pages of text nor the register's details.
        .only(*_VERIFY_FIELDS)
        .order_by()  # the token is unique: no ORDER BY (first() joined for the default one)
    )
    return next(iter(found[:1]), None)


def layout_for(form) -> CertificateLayout:
    """The blank layout of `form`, else the default one, else the built-in offsets."""
    layouts = {
        layout.form_id: layout
        for layout in CertificateLayout.objects.filter(Q(form=form) | Q(form__isnull=True))
    }
    return layouts.get(form.pk) or layouts.get(None) or CertificateLayout(name="default")


# How many drafts the home page lists.
HOME_ROWS = 10


def home_panel(user) -> dict | None:
    """The home page's panel for a leader: the drafts of their unit waiting for their
    signature, oldest first (nominations.views_home.HOME_PANELS)."""
    if not user.has_role(Role.LEADER) or (unit := actor_unit(user)) is None:
        return None
    drafts = list(
        Decision.objects.filter(issuer=unit, status=DecisionStatus.DRAFT)
        .annotate(awardees=Count("decision_awards"))
        .order_by("created_at", "pk")[:HOME_ROWS]
    )
    if not drafts:
        return None
    rows = [
        (
            clip(decision.title, 160),
            decision.get_absolute_url(),
            # A context of its own: the statistics page says "%(n)s awardee(s)" its own way.
            npgettext("draft decision", "%(n)s awardee", "%(n)s awardees", decision.awardees)
            % {"n": decision.awardees},
        )
        for decision in drafts
    ]
    return {
        "title": _("Decisions waiting for your signature"),
        "rows": rows,
        "all_url": f"{reverse('decisions:list')}?status={DecisionStatus.DRAFT}",
        "all_label": _("All draft decisions in your units"),
    }
