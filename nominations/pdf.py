"""The tờ trình of a dossier as an official document (Nghị định 30/2020), at
`/dossiers/<id>/pdf/`: the proposing unit's header, "Số: N/TTr-UBND", place and date, the
trích yếu with the forms and counts, "Kính gửi", a body citing the campaign's plan, Nơi nhận
and the signer; then, on a new page, the attached list (DANH SÁCH) with collectives,
individuals and households in separate tables.

The signer is the unit's chairman as the portal knows him: an active user of the proposing
unit with the leader role whose position reads "Chủ tịch" (a "Phó Chủ tịch" signs "KT. CHỦ
TỊCH" when there is no chairman). With no such user the block keeps its title and leaves the
name blank, to be signed by hand. A dossier stores no signer of its own: the leader's account
is where the portal already keeps who leads a unit, and the name printed follows the person
in office.
"""

import logging
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from accounts.choices import Role
from awards.choices import Gender, SubjectKind
from campaigns.services import default_place, issuer_defaults
from documents.layout import Issuer, OfficialDocument, Signer
from documents.text import fold, name_sort_key
from documents.vietnamese import count_with_zero, doc_number, place_date, short_date
from nominations import routing
from nominations.models import Dossier, DossierPdf, Entry
from nominations.renderings import (
    Rendered,
    RenderingKind,
    in_background,
    rendered_file_response,
    rendering_request,
    rendering_run,
    renders_page,
)
from nominations.selectors import dossier_alone_or_404, dossiers_visible_to
from nominations.tasks import render_dossier_pdf

logger = logging.getLogger(__name__)

KIND_WORDS = {
    SubjectKind.COLLECTIVE: "tập thể",
    SubjectKind.INDIVIDUAL: "cá nhân",
    SubjectKind.HOUSEHOLD: "hộ gia đình",
}
# The order of the trích yếu and of the attached list (the decision's order: I. TẬP THỂ …).
KIND_ORDER = (SubjectKind.COLLECTIVE, SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD)
SECTION_TITLES = {
    SubjectKind.COLLECTIVE: "TẬP THỂ",
    SubjectKind.INDIVIDUAL: "CÁ NHÂN",
    SubjectKind.HOUSEHOLD: "HỘ GIA ĐÌNH",
}
ROMAN = ("I", "II", "III")
GENDER_WORDS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}


def dossier_for_pdf_or_404(*, user, pk: int) -> Dossier:
    """The dossier with what its tờ trình prints, in the user's scope (404 otherwise)."""
    dossier = _for_pdf(dossiers_visible_to(user)).filter(pk=pk).first()
    if dossier is None:
        raise Http404
    return dossier


def _for_pdf(dossiers):
    return dossiers.select_related(
        "campaign", "campaign__doc_type", "proposing_unit__parent"
    ).prefetch_related(
        "campaign__issuer_rows__unit",
        Prefetch(
            "entries",
            queryset=Entry.objects.select_related(
                "person__unit", "unit", "requested_form", "forwarded_from__proposed_form"
            ).order_by("position", "pk"),
        ),
    )


def proposed_form(entry: Entry):
    """The form this dossier asks for: the requested one, or for a forwarded copy the form
    the level below agreed to (later levels may change `proposed_form`, not this document)."""
    if entry.forwarded_from_id:
        return entry.forwarded_from.proposed_form
    return entry.requested_form


def _committee(unit) -> str:
    """ "Ủy ban nhân dân xã Cao Lâu"; a department by its name."""
    return unit.committee_name


def _unit_words(unit) -> str:
    """A unit inside a sentence: "xã Cao Lâu" (administrative), else its name."""
    if unit.is_administrative and unit.kind_word:
        return f"{unit.kind_word} {unit.proper_name}"
    return unit.name


def dossier_signer(dossier: Dossier) -> Signer:
    """The chairman of the proposing unit (see the module's docstring)."""
    from accounts.models import User

    unit = dossier.proposing_unit
    leaders = list(
        User.objects.filter(unit=unit, is_active=True, groups__name=Role.LEADER).order_by("pk")
    )

    def position(user) -> str:
        return fold(user.position)

    chairman = next(
        (u for u in leaders if "chu tich" in position(u) and "pho" not in position(u)), None
    )
    vice = next((u for u in leaders if "pho chu tich" in position(u)), None)
    if not unit.is_administrative:
        head = chairman or vice or (leaders[0] if leaders else None)
        title = (head.position if head and head.position else "Thủ trưởng đơn vị").upper()
        return Signer(mode_lines=[title], name=head.get_full_name() if head else "")
    if chairman is None and vice is not None:
        return Signer.vice_chairman(vice.get_full_name(), on_behalf_of="ỦY BAN NHÂN DÂN")
    return Signer(
        mode_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        name=chairman.get_full_name() if chairman else "",
    )


def addressee(dossier: Dossier, entries) -> str:
    """The dossier's addressee; while it is a draft, the one it would have on submit."""
    if dossier.addressee:
        return dossier.addressee
    return routing.addressee(routing.first_level(dossier, entries)) if entries else ""


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " và " + words[-1]


def _counts(entries) -> str:
    """ "02 tập thể, 05 cá nhân" in the order of KIND_ORDER, without the kinds absent."""
    parts = []
    for kind in KIND_ORDER:
        n = sum(1 for e in entries if e.subject_kind == kind)
        if n:
            parts.append(f"{count_with_zero(n)} {KIND_WORDS[kind]}")
    return ", ".join(parts)


def proposal_title(forms, entries) -> str:
    """ "Về việc đề nghị tặng Bằng khen … cho 01 tập thể, 02 cá nhân": the trích yếu of a
    tờ trình from the forms it asks for (one per entry) and its entries."""
    names = list(dict.fromkeys(form.name for form in forms))
    return f"Về việc đề nghị tặng {_join(names)} cho {_counts(entries)}"


def _campaign_subject(campaign) -> str:
    """What the plan is about, inside a sentence: "về việc phát động phong trào …"."""
    title = campaign.title.strip().rstrip(".")
    if not title:
        return ""
    lowered = title[0].lower() + title[1:]
    if fold(title).startswith(("ve viec", "v/v")):
        return lowered
    if fold(title).startswith(("phat dong", "to chuc", "thuc hien", "trien khai")):
        return f"về việc {lowered}"
    return f"về {lowered}"


@dataclass(frozen=True)
class ListRow:
    """One row of the attached list."""

    name: str
    position_unit: str
    birth_year: str
    gender: str
    achievement: str
    form: str


def _position_unit(entry: Entry) -> str:
    person, unit = entry.person, entry.unit
    if entry.subject_kind == SubjectKind.INDIVIDUAL and person is not None:
        position, unit = person.position.strip().rstrip(",;"), person.unit
        where = _unit_words(unit)
        if not position:
            return where[0].upper() + where[1:]
        if fold(where) in fold(position):
            return position
        return f"{position}, {where}"
    if entry.subject_kind == SubjectKind.COLLECTIVE and not entry.group_name:
        parent = unit.parent if unit is not None else None
        return _unit_words(parent) if parent is not None else ""
    if unit is None:
        return ""
    where = _unit_words(unit)
    if entry.subject_kind == SubjectKind.HOUSEHOLD and entry.head_name:
        return f"{entry.head_name}, {where}"
    return where[0].upper() + where[1:]


def _list_row(entry: Entry) -> ListRow:
    person = entry.person if entry.subject_kind == SubjectKind.INDIVIDUAL else None
    return ListRow(
        name=entry.nominee_name,
        position_unit=_position_unit(entry),
        birth_year=str(person.birth_year) if person and person.birth_year else "",
        gender=GENDER_WORDS.get(person.gender, "") if person else "",
        achievement=entry.achievement,
        form=proposed_form(entry).name,
    )


def dossier_pdf_context(dossier: Dossier) -> dict:
    """The document frame and the data of the body and of the attached list."""
    unit = dossier.proposing_unit
    entries = list(dossier.entries.all())
    for entry in entries:
        entry.dossier = dossier
    header = issuer_defaults(unit)
    forms = list(dict.fromkeys(proposed_form(e).name for e in entries))
    counts = _counts(entries)
    title = (
        proposal_title([proposed_form(e) for e in entries], entries) if entries else dossier.summary
    )
    to = addressee(dossier, entries)
    # Whether the addressee's level decides every entry itself ("xem xét, tặng …") or some go
    # on to a higher level ("xem xét, trình cấp có thẩm quyền tặng …").
    level = dossier.current_level or (routing.first_level(dossier, entries) if entries else None)
    decides_all = level is not None and all(
        routing.deciding_unit(
            proposing_unit=unit, form=proposed_form(e), on=routing.routing_date(dossier)
        )
        == level
        for e in entries
    )
    doc = OfficialDocument(
        issuers=[Issuer(name=header["header_name"], parent_name=header["header_parent"])],
        number_line=doc_number(dossier.number, "TTr", header["abbreviation"]),
        place_date_line=place_date(default_place(unit), dossier.date),
        type_name="TỜ TRÌNH",
        title_lines=[title],
        recipients=["Như trên;", "Lưu: VT."],
        signer=dossier_signer(dossier),
        draft=dossier.number is None,
    )
    by_form = []
    for form in forms:
        mine = [e for e in entries if proposed_form(e).name == form]
        by_form.append({"form": form, "counts": _counts(mine)})
    sections = []
    for kind in KIND_ORDER:
        rows = [e for e in entries if e.subject_kind == kind]
        if kind == SubjectKind.INDIVIDUAL:
            rows.sort(key=lambda e: name_sort_key(e.nominee_name))
        if rows:
            sections.append(
                {
                    "kind": str(kind),
                    "numeral": ROMAN[len(sections)],
                    "title": SECTION_TITLES[kind],
                    "rows": [_list_row(e) for e in rows],
                }
            )
    campaign = dossier.campaign
    reference = campaign.reference_line if campaign.number or campaign.issue_date else ""
    number_words = dossier.number_text.strip() if dossier.number else "…/TTr"
    date_words = f" ngày {short_date(dossier.date)}" if dossier.number and dossier.date else ""
    return {
        "doc": doc,
        "dossier": dossier,
        "addressee": to,
        "committee": _committee(unit),
        "unit_words": _unit_words(unit),
        "campaign_reference": reference,
        "campaign_subject": _campaign_subject(campaign),
        "campaign_title": campaign.title,
        "counts": counts,
        "forms": forms,
        "by_form": by_form,
        "decides_all": decides_all,
        "sections": sections,
        "annex_reference": f"(Kèm theo Tờ trình số {number_words}{date_words} "
        f"của {_committee(unit)})",
    }


DOSSIER_TEMPLATE = "nominations/pdf/dossier.html"


def file_name(dossier: Dossier, rendered_at=None) -> str:
    """ "To trinh 05-TTr-UBND (12).pdf"; a kept rendering adds when it was rendered."""
    name = dossier.number_text.strip().replace("/", "-") if dossier.number else "du-thao"
    at = f" {timezone.localtime(rendered_at):%Y%m%d-%H%M}" if rendered_at else ""
    return f"To trinh {name} ({dossier.pk}){at}.pdf"


def background_entries(dossier: Dossier) -> int | None:
    """The dossier's number of entries when it has more than a request may render
    (NOMINATION_PDF_BACKGROUND_ENTRIES), else None."""
    n = dossier.entries.count()
    return n if in_background(n) else None


def _render_dossier(dossier_id: int) -> Rendered:
    from documents.pdf import render_pdf

    dossier = _for_pdf(Dossier.objects.all()).get(pk=dossier_id)
    content = render_pdf(DOSSIER_TEMPLATE, dossier_pdf_context(dossier))
    return Rendered(content, len(dossier.entries.all()), {})


DOSSIER_RENDERING = RenderingKind(DossierPdf, _render_dossier, render_dossier_pdf)


def dossier_pdf_request(*, dossier: Dossier, actor) -> DossierPdf:
    """Queue the rendering of the dossier's tờ trình as it stands now (`renderings`)."""
    return rendering_request(DOSSIER_RENDERING, owner=dossier, actor=actor)


def dossier_pdf_render(*, render_id: int) -> DossierPdf | None:
    """Render and keep one requested tờ trình (the background task's work)."""
    return rendering_run(DOSSIER_RENDERING, render_id=render_id)


class DossierPdfView(LoginRequiredMixin, View):
    """The tờ trình with its attached list, for anyone who may see the dossier (404 else).
    A dossier of many entries shows instead its renderings and a button to render it anew."""

    def get(self, request, pk):
        from documents.pdf import pdf_response, render_pdf

        dossier = dossier_alone_or_404(user=request.user, pk=pk)
        if (entry_count := background_entries(dossier)) is not None:
            return renders_page(
                request,
                DOSSIER_RENDERING,
                dossier,
                title=_("Proposal (PDF)"),
                owner_url=dossier.get_absolute_url(),
                owner_text=dossier.number_text if dossier.number else _("Draft dossier"),
                owner_unit=dossier.proposing_unit.name,
                intro=ngettext(
                    "This dossier has %(n)s entry: its proposal is rendered in the background, "
                    "in a few minutes, and kept here. Each copy shows the dossier as it stood "
                    "when it was rendered.",
                    "This dossier has %(n)s entries: its proposal is rendered in the "
                    "background, in a few minutes, and kept here. Each copy shows the dossier "
                    "as it stood when it was rendered.",
                    entry_count,
                )
                % {"n": entry_count},
                button=_("Render the proposal now"),
                poll_url=reverse("nominations:dossier_pdf", args=[dossier.pk]),
                request_url=reverse("nominations:dossier_pdf_request", args=[dossier.pk]),
            )
        dossier = dossier_for_pdf_or_404(user=request.user, pk=pk)
        pdf = render_pdf(DOSSIER_TEMPLATE, dossier_pdf_context(dossier), request=request)
        return pdf_response(pdf, file_name(dossier))


class DossierPdfRequestView(LoginRequiredMixin, View):
    """Render the tờ trình of a dossier of many entries anew, in the background."""

    http_method_names = ["post"]

    def post(self, request, pk):
        dossier = dossier_alone_or_404(user=request.user, pk=pk)
        dossier_pdf_request(dossier=dossier, actor=request.user)
        messages.success(
            request, _("The proposal is being rendered; this page shows when it is ready.")
        )
        return redirect("nominations:dossier_pdf", pk=dossier.pk)


class DossierPdfFileView(LoginRequiredMixin, View):
    """A rendered tờ trình, for anyone who may see the dossier (404 otherwise)."""

    def get(self, request, pk, render_id):
        dossier = dossier_alone_or_404(user=request.user, pk=pk)
        return rendered_file_response(
            DOSSIER_RENDERING,
            dossier,
            render_id,
            lambda found: file_name(dossier, found.rendered_at),
        )
