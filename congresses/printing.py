"""The Nghị định 30 frame of the plan and of the delegate lists (documents.layout)."""

from congresses.choices import EventForm
from congresses.models import CongressEvent, CongressPlan
from documents.layout import Issuer, OfficialDocument, Signer
from documents.vietnamese import place_date


def plan_document(*, plan: CongressPlan) -> OfficialDocument:
    """Header, number, date, title, Nơi nhận and signer of the plan (KẾ HOẠCH)."""
    return OfficialDocument(
        issuers=[Issuer(name=plan.issuer_header)],
        number_line=f"Số: {plan.number_text}",
        place_date_line=place_date(
            plan.place, plan.issue_date, month=plan.issue_month, year=plan.issue_year
        ),
        type_name="KẾ HOẠCH",
        title_lines=plan.title_lines,
        recipients=plan.recipient_lines,
        signer=Signer(mode_lines=plan.signer_lines, name=plan.signer_name),
    )


def _event_name(event: CongressEvent) -> str:
    """ "Đại hội Thi đua yêu nước huyện Chi Lăng": the form chosen, else the level's first."""
    form = EventForm(event.form or event.level.allowed_forms[0])
    unit = event.unit
    where = f"{unit.kind_word} {unit.proper_name}" if unit.is_administrative else unit.name
    return f"{form.label} {where}"


def delegate_list_document(*, event: CongressEvent, upward: bool = False) -> OfficialDocument:
    """A landscape DANH SÁCH of the event's delegates, or of those it sends upward."""
    unit = event.unit
    if upward and event.parent_id:
        title = f"Đại biểu {unit.name} đi dự {_event_name(event.parent)}"
    else:
        title = f"Đại biểu dự {_event_name(event)}"
    if unit.is_administrative:
        issuer = Issuer(name=f"ỦY BAN NHÂN DÂN\n{unit.kind_word} {unit.proper_name}")
        signer = Signer(mode_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name="")
    else:
        parent = unit.parent
        issuer = Issuer(
            name=unit.name,
            parent_name=parent.committee_name if parent is not None else "",
        )
        signer = Signer(mode_lines=["THỦ TRƯỞNG ĐƠN VỊ"], name="")
    return OfficialDocument(
        issuers=[issuer],
        number_line="",
        place_date_line=place_date(
            unit.place_name or unit.proper_name, event.held_on, year=event.reference_year
        ),
        type_name="DANH SÁCH",
        title_lines=[title],
        recipients=[],
        signer=signer,
        landscape=True,
    )
