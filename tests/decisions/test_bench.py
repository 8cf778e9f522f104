from io import StringIO

from django.core.management import call_command

from awards.models import Award
from campaigns.models import Unit
from decisions.models import Decision


def test_bench_prints_time_and_memory_and_leaves_nothing_behind(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    call_command("bench_pdf", awardees=4, stdout=out)
    text = out.getvalue()
    assert "decision: 4 awardees" in text
    assert "certificates: 4 awardees, 4 pages" in text
    assert "peak RSS" in text
    assert not Decision.objects.exists()
    assert not Award.objects.exists()
    assert not Unit.objects.filter(code="B20").exists()
