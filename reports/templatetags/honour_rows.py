"""`{% load honour_rows %}` then `{% honour_rows awards %}`: the rows of the public honour roll
built in Python (fifty a page), every value escaped: the template loop was a third of the
page's time. Name, position (individuals and households), unit and form only, from the rows
of `reports.selectors.honour_roll` (dictionaries)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from awards.choices import SubjectKind
from documents.markup import PHONE_LINE, WIDE
from documents.markup import text as _e

register = template.Library()


def _row(award: dict) -> str:
    position = award["person__position"]
    if award["subject_kind"] == SubjectKind.COLLECTIVE or position is None:
        position = ""
    position, unit = _e(position), _e(award["unit__name"] or "")
    # A phone shows name and form: the position and unit go in a grey line under the name.
    phone = " · ".join(part for part in (position, unit) if part)
    return (
        f"<tr><td>{_e(award['recipient_name'])}{PHONE_LINE.format(phone) if phone else ''}</td>"
        f'<td class="{WIDE}">{position}</td><td class="{WIDE}">{unit}</td>'
        f"<td>{_e(award['form__name'])}</td></tr>"
    )


@register.simple_tag
def honour_rows(awards):
    """<tr> of each award (a dictionary of the printed values), or one row saying none
    matches."""
    rows = [_row(award) for award in awards]
    if not rows:
        rows = [
            '<tr><td colspan="4" class="text-body-secondary">'
            f"{_e(gettext('No award matches.'))}</td></tr>"
        ]
    return mark_safe("\n".join(rows))  # every value is escaped by _e
