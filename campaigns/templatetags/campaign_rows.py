"""`{% load campaign_rows %}` then `{% campaign_rows campaigns "campaign_detail" %}`: the rows of
the campaign lists (staff and public) built in Python, every value escaped; the template loop
cost most of the campaign list's time."""

from django import template
from django.template.defaultfilters import truncatewords
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from documents.markup import PHONE_LINE, WIDE, url_for_each
from documents.markup import number as _number
from documents.markup import text as _e

register = template.Library()


def _issued(campaign) -> str:
    """The issue date, or the month and year, or the year, as far as the plan gives it."""
    if campaign.issue_date:
        return _e(campaign.short_issue_date)
    if campaign.issue_year:
        month = f"{_number(campaign.issue_month)}/" if campaign.issue_month else ""
        return f"{month}{_number(campaign.issue_year)}"
    return ""


def _row(campaign, detail_url) -> str:
    number = campaign.number_text if campaign.number else campaign.doc_type.abbreviation
    title = f"{campaign.doc_type.title_case}: {truncatewords(campaign.title, 30)}"
    url = detail_url(campaign.pk)
    issuers, kind = _e(campaign.issuers_short), _e(campaign.get_kind_display())
    phone = " · ".join(part for part in (issuers, kind) if part)
    # A phone leaves out the issuer and kind columns (WIDE) and shows them under the title: a
    # plan and the plans implementing it often share their title, and only the issuer tells
    # them apart.
    return (
        f'<tr><td class="text-nowrap small">{_e(number)}<br>'
        f'<span class="text-body-secondary">{_issued(campaign)}</span></td>'
        f'<td><a href="{_e(url)}">{_e(title)}</a>{PHONE_LINE.format(phone)}</td>'
        f'<td class="{WIDE} small">{issuers}</td>'
        f'<td class="{WIDE} small">{kind}</td>'
        f'<td><span class="badge text-bg-{_e(campaign.status_badge)}">'
        f"{_e(campaign.get_status_display())}</span></td></tr>"
    )


@register.simple_tag
def campaign_rows(campaigns, detail_url):
    """<tr> of each campaign linking to `detail_url`, or one row saying none matches."""
    url = url_for_each(detail_url)
    rows = [_row(campaign, url) for campaign in campaigns]
    if not rows:
        rows = [
            '<tr><td colspan="5" class="text-body-secondary">'
            f"{_e(gettext('No campaign matches.'))}</td></tr>"
        ]
    return mark_safe("\n".join(rows))  # every value is escaped by _e
