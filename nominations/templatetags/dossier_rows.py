"""`{% load dossier_rows %}` then `{% dossier_rows dossiers show_due %}`: the rows of a dossier
table (home queue, dossier list, overdue list) built in Python.

The same cells as a template loop would print, at a fraction of the cost: a row of eight
cells with a date, a badge and a due date cost the template engine about 0.2 ms, a tenth of
the home page. Every value is escaped.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from documents.markup import WIDE, url_for_each
from documents.markup import text as _e
from documents.templatetags.vn import clip
from documents.vietnamese import form_date

register = template.Library()


def due_cell(deadline) -> str:
    """The due date and its badge: overdue, or the working days left when two or fewer."""
    if not deadline:
        return "—"
    text = form_date(deadline.due_on)
    if deadline.overdue:
        return f'{text} <span class="badge text-bg-danger">{_e(gettext("Overdue"))}</span>'
    if deadline.days_left <= 2:
        left = ngettext("%(n)s working day left", "%(n)s working days left", deadline.days_left) % {
            "n": deadline.days_left
        }
        return f'{text} <span class="badge text-bg-warning">{_e(left)}</span>'
    return text


def _row(dossier, show_due: bool, url) -> str:
    # A phone leaves out the unit, entries, level, date and due columns (WIDE): the unit, level
    # and date go in one grey line under the subject and the due date under the status, so
    # that the number, subject and status stay readable in three columns.
    draft = f"{_e(gettext('Draft'))} #{dossier.pk}"
    number = _e(dossier.number_text) if dossier.number else draft
    level = dossier.current_level
    level_name = _e(level.name) if level is not None and level.name else ""
    unit = _e(dossier.proposing_unit.name)
    since = form_date(dossier.status_changed_at)
    phone_line = " · ".join(part for part in (unit, level_name, since) if part)
    due = due_cell(getattr(dossier, "deadline", None)) if show_due else ""
    phone_due = f'<div class="d-md-none small mt-1">{due}</div>' if show_due else ""
    cells = [
        f'<td class="text-nowrap"><a href="{_e(url(dossier.pk))}">{number}</a></td>',
        f'<td class="{WIDE}">{unit}</td>',
        f'<td class="small">{_e(clip(dossier.summary, 90))}'
        f'<div class="text-body-secondary">{_e(clip(dossier.campaign.title, 70))}</div>'
        f'<div class="d-md-none text-body-secondary">{phone_line}</div></td>',
        f'<td class="{WIDE}">{_e(dossier.entry_count)}</td>',
        f'<td class="{WIDE}">{level_name or "—"}</td>',
        f'<td><span class="badge text-bg-{_e(dossier.status_badge)}">'
        f"{_e(dossier.get_status_display())}</span>{phone_due}</td>",
        f'<td class="small {WIDE}">{since}</td>',
    ]
    if show_due:
        cells.append(f'<td class="small {WIDE}">{due}</td>')
    return "<tr>" + "".join(cells) + "</tr>"


@register.simple_tag
def dossier_rows(dossiers, show_due=False):
    """<tr> of each dossier, or one row saying there is none."""
    url = url_for_each("nominations:dossier_detail")  # Dossier.get_absolute_url
    rows = [_row(dossier, bool(show_due), url) for dossier in dossiers]
    if not rows:
        rows = [
            f'<tr><td colspan="{8 if show_due else 7}" class="text-body-secondary">'
            f"{_e(gettext('No dossier.'))}</td></tr>"
        ]
    return mark_safe("\n".join(rows))  # every value is escaped by _e


@register.simple_tag
def due_badge(deadline):
    """The due date of a stage with its badge (the dossier page)."""
    return mark_safe(due_cell(deadline))  # the date is digits, the badge text escaped
