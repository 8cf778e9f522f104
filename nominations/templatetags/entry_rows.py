"""`{% load entry_rows %}` then `{% entry_rows rows %}`: the rows of an entry table on the dossier
page (individuals, collectives, households) built in Python.

The same cells as the template loop they replace printed, at about a quarter of the cost: each
entry carried some forty tags and lookups (its nominee, forms, files, checks, reviews, and the
officer's buttons). Every value is escaped; the appraisal form's fields are Django's own
widgets.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext

from documents.kept import per_language
from documents.markup import text as _e
from nominations.forms import APPRAISE_PREFIX, appraise_prefix

register = template.Library()


def _csrf_input(token) -> str:
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(token)}">'


class _Words:
    """The table's words, translated once per language (`_words`)."""

    def __init__(self):
        self.no = _e(gettext("No."))
        self.nominee = _e(gettext("Nominee"))
        self.form = _e(gettext("Form"))
        self.summary = _e(gettext("Summary of achievements"))
        self.checks = _e(gettext("Checks"))
        self.status = _e(gettext("Status"))
        self.head = _e(gettext("Head of household"))
        self.forwarded_from = _e(gettext("Forwarded from"))
        self.requested = _e(gettext("requested"))
        self.decided_by = _e(gettext("decided by"))
        self.blocking = _e(gettext("Blocking"))
        self.warning = _e(gettext("Warning"))
        self.no_problem = _e(gettext("No problem found"))
        self.edit = _e(gettext("Edit"))
        self.remove = _e(gettext("Remove"))
        self.report = _e(gettext("Achievement report"))
        self.attach_report = _e(gettext("Attach the achievement report"))
        self.record = _e(gettext("Record"))
        self.to_complete = _e(gettext("To complete"))


@per_language
def _words(language: str) -> _Words:
    return _Words()


def _nominee(e, w: _Words) -> str:
    parts = [f'<div class="fw-semibold">{_e(e.nominee_name)}</div>']
    person = e.person
    if person:
        unit = person.unit
        born = f"{person.birth_year:d} · " if person.birth_year else ""
        dash = " – " if person.position else ""
        parts.append(
            f'<div class="small text-body-secondary">{born}{_e(person.position)}{dash}'
            f"{_e(unit.name) if unit is not None else ''}</div>"
        )
    if e.head_name:
        parts.append(f'<div class="small">{w.head}: {_e(e.head_name)}</div>')
    if e.unit and not person:
        parts.append(f'<div class="small text-body-secondary">{_e(e.unit.name)}</div>')
    if source := e.forwarded_from:
        text = f"{w.forwarded_from} {_e(source.dossier.number_text)}"
        if getattr(source.dossier, "in_scope", True):
            text = f'<a href="{_e(source.dossier.get_absolute_url())}">{text}</a>'
        parts.append(f'<div class="small">{text}</div>')
    return "".join(parts)


def _form(e, deciding, w: _Words) -> str:
    parts = [_e(e.proposed_form.name)]
    if e.form_changed:
        parts.append(
            f'<div class="small text-body-secondary">{w.requested}: '
            f"{_e(e.requested_form.name)}</div>"
        )
    if deciding:
        parts.append(
            f'<div class="small text-body-secondary">{w.decided_by}: {_e(deciding.name)}</div>'
        )
    return "".join(parts)


def _summary(e, to_complete: str, w: _Words) -> str:
    parts = [linebreaksbr(e.achievement, autoescape=True)]
    if to_complete:  # what the level that returned the dossier asked of this entry
        parts.append(
            f'<div class="mt-1 p-1 border-start border-3 border-warning text-warning-emphasis">'
            f"<strong>{w.to_complete}:</strong> {linebreaksbr(to_complete, autoescape=True)}</div>"
        )
    for a in e.attachment_list:
        parts.append(
            f'<div><a href="{_e(a.get_absolute_url())}">{_e(a.original_name)}</a> '
            f'<span class="text-body-secondary">({_e(a.get_kind_display())})</span></div>'
        )
    return "".join(parts)


def _checks(e, checks, w: _Words) -> str:
    if not checks:
        return f'<span class="text-success">{w.no_problem}</span>' if e.is_active else ""
    parts = []
    for c in checks:
        colour, word = ("danger", w.blocking) if c.is_blocking else ("warning", w.warning)
        parts.append(
            f'<div class="mb-1"><span class="badge text-bg-{colour}">{word}</span> '
            f"<code>{_e(c.code)}</code> {_e(c.reason)}</div>"
        )
    return "".join(parts)


def _status(e, ctx: dict, w: _Words) -> str:
    parts = [
        f'<span class="badge text-bg-{_e(e.status_badge)}">{_e(e.get_status_display())}</span>'
    ]
    for r in e.reviews.all():
        changed = ""
        if r.form_after_id != r.form_before_id:
            changed = f" → {_e(r.form_after.name) if r.form_after is not None else ''}"
        reason = f" – {_e(r.reason)}" if r.reason else ""
        parts.append(
            f'<div class="small mt-1">{_e(r.unit.name)}: {_e(r.get_decision_display())}'
            f"{changed}{reason}</div>"
        )
    dossier, csrf = ctx["dossier"], ctx["csrf"]
    if ctx["editable"]:
        edit = reverse("nominations:entry_edit", args=[dossier.pk, e.pk])
        remove = reverse("nominations:entry_remove", args=[dossier.pk, e.pk])
        parts.append(
            f'<div class="mt-1 d-flex gap-1"><a class="btn btn-outline-secondary btn-sm" '
            f'href="{_e(edit)}">{w.edit}</a><form method="post" action="{_e(remove)}">{csrf}'
            f'<button class="btn btn-outline-danger btn-sm" type="submit">{w.remove}</button>'
            f"</form></div>"
        )
    if ctx["may_attach"]:
        parts.append(
            f'<form method="post" enctype="multipart/form-data" action="{_e(ctx["upload"])}" '
            f'class="mt-1">{csrf}<input type="hidden" name="entry" value="{_e(e.pk)}">'
            f'<input type="hidden" name="kind" value="achievement_report">'
            f'<input type="file" name="file" class="form-control form-control-sm" '
            f'aria-label="{w.report}" required>'
            f'<button class="btn btn-outline-secondary btn-sm mt-1" type="submit">'
            f"{w.attach_report}</button></form>"
        )
    return "".join(parts)


def _appraisal(e, form, ctx: dict, w: _Words) -> str:
    """The appraisal row of entry `e`: `form` (unbound, prefix APPRAISE_PREFIX, the same for
    every entry) is rendered once and printed under the entry's own prefix."""
    action = reverse("nominations:entry_appraise", args=[ctx["dossier"].pk, e.pk])
    cells = _kept_appraisal_cells(form, w).replace(APPRAISE_PREFIX, appraise_prefix(e.pk))
    return (
        f'<tr class="entry-appraise"><td></td><td colspan="5"><form method="post" '
        f'action="{_e(action)}" class="row g-2 align-items-end">{ctx["csrf"]}'
        f"{cells}</form></td></tr>"
    )


# The unbound appraisal form prints the same HTML for the same menu of forms in the same
# language: the process keeps what it rendered (a few campaigns' menus).
_KEPT_CELLS: dict[tuple, str] = {}
_KEPT_CELLS_MAX = 256


def _kept_appraisal_cells(form, w: _Words) -> str:
    if form.is_bound:
        return _appraisal_cells(form, w)
    key = (
        get_language(),
        tuple((str(value), str(label)) for value, label in form.fields["form"].choices),
    )
    cells = _KEPT_CELLS.get(key)
    if cells is None:
        if len(_KEPT_CELLS) >= _KEPT_CELLS_MAX:
            _KEPT_CELLS.clear()
        cells = _KEPT_CELLS[key] = _appraisal_cells(form, w)
    return cells


def _appraisal_cells(form, w: _Words) -> str:
    cells = []
    for name, width in (("decision", "col-6 col-md-2"), ("form", "col-6 col-md-3")):
        field = form[name]
        cells.append(
            f'<div class="{width}"><label class="form-label small" '
            f'for="{_e(field.id_for_label)}">{_e(capfirst(field.label))}</label>{_e(field)}</div>'
        )
    field = form["reason"]
    cells.append(
        f'<div class="col-12 col-md-5"><label class="form-label small" '
        f'for="{_e(field.id_for_label)}">{_e(capfirst(field.label))}</label>{_e(field)}</div>'
    )
    cells.append(
        f'<div class="col-12 col-md-2"><button class="btn btn-outline-primary btn-sm w-100" '
        f'type="submit">{w.record}</button></div>'
    )
    return "".join(cells)


@register.simple_tag(takes_context=True)
def entry_rows(context, rows):
    """The <tr> of each entry of `rows` (the dossier page's rows: entry, deciding unit, checks,
    appraisal form), with the buttons the page's flags allow."""
    w = _words(get_language())
    dossier = context["dossier"]
    ctx = {
        "dossier": dossier,
        "editable": context.get("editable"),
        "may_attach": context.get("may_attach"),
        "csrf": _csrf_input(context.get("csrf_token")),
    }
    if ctx["may_attach"]:
        ctx["upload"] = reverse("nominations:attachment_upload", args=[dossier.pk])
    out = []
    for index, row in enumerate(rows, start=1):
        e = row["entry"]
        number = row.get("number") or index  # within its kind over the whole dossier
        summary = _summary(e, row.get("to_complete"), w)
        out.append(
            f'<tr id="entry-{e.pk:d}"><td data-label="{w.no}">{number:d}</td>'
            f'<td data-label="{w.nominee}">{_nominee(e, w)}</td>'
            f'<td data-label="{w.form}">{_form(e, row["deciding"], w)}</td>'
            f'<td class="small" data-label="{w.summary}">{summary}</td>'
            f'<td class="small" data-label="{w.checks}">{_checks(e, row.get("checks"), w)}</td>'
            f'<td data-label="{w.status}">{_status(e, ctx, w)}</td></tr>'
        )
        if row.get("appraise_form"):
            out.append(_appraisal(e, row["appraise_form"], ctx, w))
    return mark_safe("\n".join(out))  # every value is escaped by _e
