"""Background work of nominations (django.tasks; see decisions.tasks for the backends)."""

from django.tasks import task


@task()
def render_dossier_pdf(render_id: int) -> None:
    """Render and keep the tờ trình of a dossier of many entries (a DossierPdf)."""
    from nominations.pdf import dossier_pdf_render

    dossier_pdf_render(render_id=render_id)


@task()
def render_minutes_pdf(render_id: int) -> None:
    """Render and keep the minutes of a council session of many entries (a MinutesPdf)."""
    from nominations.council import MINUTES_RENDERING
    from nominations.renderings import rendering_run

    rendering_run(MINUTES_RENDERING, render_id=render_id)
