"""`{% load bar_chart %}` then `{% bar_chart chart %}`: a chart of the dashboard (an SVG of
horizontal bars and the table beside it) built in Python, every value escaped. The dashboard
prints six of them; their template loops were half of the page's time."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from documents.markup import number as _number
from documents.markup import text as _e

register = template.Library()


@register.simple_tag
def bar_chart(chart):
    key, title = _e(chart.key), _e(chart.title)
    head = (
        f'<section class="card mb-3" aria-labelledby="chart-{key}">\n'
        f'  <div class="card-body">\n'
        f'    <h2 class="h6 card-title" id="chart-{key}">{title}</h2>\n'
    )
    if not chart.bars:
        nothing = _e(gettext("Nothing to show for these filters."))
        return mark_safe(  # every value is escaped by _e
            f'{head}    <p class="text-body-secondary mb-0">{nothing}</p>\n  </div>\n</section>'
        )
    svg = "".join(
        f'<text x="0" y="{row["text_y"]}" font-size="13" fill="#212529">{_e(row["label"])}</text>'
        f'<rect x="0" y="{row["bar_y"]}" width="{row["width"]}" height="16" rx="2" '
        f'fill="#b02a37"></rect>'
        f'<text x="{row["value_x"]}" y="{row["value_y"]}" font-size="13" font-weight="bold" '
        f'fill="#212529">{_number(row["bar"].value)}</text>'
        for row in chart.rows
    )
    table = "".join(
        f'<tr><td>{_e(bar.label)}</td><td class="text-end">{_number(bar.value)}</td>'
        f'<td class="text-end">{_number(bar.percent)}</td></tr>'
        for bar in chart.bars
    )
    total = _e(gettext("Total"))
    return mark_safe(  # every value is escaped by _e
        f'{head}    <div class="row g-3 align-items-start">\n'
        f'      <div class="col-12 col-md-6">\n'
        f'        <svg viewBox="0 0 300 {_e(chart.height)}" width="100%" role="img" '
        f'aria-label="{title}" class="d-block" font-family="system-ui, sans-serif">'
        f"{svg}</svg>\n"
        f"      </div>\n"
        f'      <div class="col-12 col-md-6">\n'
        f'        <table class="table table-sm mb-0">\n'
        f'          <thead><tr><th scope="col">{title}</th><th scope="col" class="text-end">'
        f'{_e(chart.value_label)}</th><th scope="col" class="text-end">%</th></tr></thead>\n'
        f"          <tbody>{table}</tbody>\n"
        f'          <tfoot><tr><th scope="row">{total}</th><th class="text-end">'
        f"{_number(chart.total)}</th><td></td></tr></tfoot>\n"
        f"        </table>\n"
        f"      </div>\n"
        f"    </div>\n"
        f"  </div>\n"
        f"</section>"
    )
