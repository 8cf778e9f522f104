"""The rows of the dossier tables, built in Python: the cells the template printed, escaped."""

import datetime

from django.template import Context, Template
from django.utils import timezone, translation

from campaigns.choices import UnitKind
from campaigns.models import Campaign, Unit
from nominations.choices import DossierStatus
from nominations.deadlines import Deadline
from nominations.models import Dossier
from nominations.templatetags.dossier_rows import WIDE


def _dossier(**kwargs):
    values = {
        "pk": 41,
        "status": DossierStatus.RECEIVED,
        "summary": 'Về việc đề nghị khen thưởng <b>"đột xuất"</b>',
        "status_changed_at": timezone.make_aware(datetime.datetime(2026, 11, 9, 23, 30)),
        "proposing_unit": Unit(name="Xã Cao Lâu", kind=UnitKind.COMMUNE),
        "current_level": Unit(name="Huyện Cao Lộc", kind=UnitKind.DISTRICT),
        "campaign": Campaign(title="Phong trào thi đua " + "rất dài " * 12),
    }
    dossier = Dossier(**{**values, **kwargs})
    dossier.entry_count = 3
    return dossier


def render(dossiers, show_due=False):
    template = Template("{% load dossier_rows %}{% dossier_rows dossiers show_due %}")
    with translation.override("vi"):
        return template.render(Context({"dossiers": dossiers, "show_due": show_due}))


def test_a_row_prints_every_cell_escaped():
    html = render([_dossier(number=5)])
    assert html.startswith(
        '<tr><td class="text-nowrap"><a href="/dossiers/41/">05/TTr-UBND</a></td>'
    )
    assert f'<td class="{WIDE}">Xã Cao Lâu</td>' in html
    assert "&lt;b&gt;&quot;đột xuất&quot;&lt;/b&gt;" in html
    assert "<b>" not in html
    assert "rất dài rấ…</div>" in html  # the campaign title cut at 70 characters
    assert f'<td class="{WIDE}">3</td><td class="{WIDE}">Huyện Cao Lộc</td>' in html
    assert '<span class="badge text-bg-info">Đã tiếp nhận</span>' in html
    assert f'<td class="small {WIDE}">09/11/2026</td></tr>' in html  # local date, no due column


def test_a_phone_shows_the_unit_level_and_date_under_the_subject():
    """The columns a phone leaves out are hidden below the md breakpoint, and their values
    stand in one line under the subject, hidden from md up."""
    html = render([_dossier(number=5, proposing_unit=Unit(name="Xã <Cao> Lâu"))])
    assert (
        '<div class="d-md-none text-body-secondary">'
        "Xã &lt;Cao&gt; Lâu · Huyện Cao Lộc · 09/11/2026</div></td>"
    ) in html
    # Always shown: the number, the subject and the status.
    assert html.count(f'class="{WIDE}"') + html.count(f'class="small {WIDE}"') == 4
    draft = render([_dossier(number=None, status=DossierStatus.DRAFT, current_level=None)])
    assert '<div class="d-md-none text-body-secondary">Xã Cao Lâu · 09/11/2026</div>' in draft


def test_a_draft_is_named_by_its_id_and_an_empty_table_says_so():
    html = render([_dossier(number=None, status=DossierStatus.DRAFT, current_level=None)])
    assert '<a href="/dossiers/41/">Dự thảo #41</a>' in html
    assert f'<td class="{WIDE}">—</td>' in html
    assert render([], show_due=True) == (
        '<tr><td colspan="8" class="text-body-secondary">Không có hồ sơ.</td></tr>'
    )


def _due(overdue, days_left):
    day = datetime.date(2026, 12, 7)
    return Deadline(
        started_on=day, working_days=5, due_on=day, overdue=overdue, days_left=days_left
    )


def test_the_due_column_shows_overdue_and_the_last_two_working_days():
    rows = []
    for deadline in (_due(True, 0), _due(False, 1), _due(False, 2), _due(False, 9), None):
        dossier = _dossier(number=5)
        dossier.deadline = deadline
        html = render([dossier], show_due=True)
        due = html.split(f'<td class="small {WIDE}">')[-1].removesuffix("</td></tr>")
        # On a phone the due column is left out and the same due date stands under the status.
        assert f'</span><div class="d-md-none small mt-1">{due}</div></td>' in html
        rows.append(due)
    assert rows == [
        '07/12/2026 <span class="badge text-bg-danger">Quá hạn</span>',
        '07/12/2026 <span class="badge text-bg-warning">còn 1 ngày làm việc</span>',
        '07/12/2026 <span class="badge text-bg-warning">còn 2 ngày làm việc</span>',
        "07/12/2026",
        "—",
    ]
