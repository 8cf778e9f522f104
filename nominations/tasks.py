"""Background work of nominations (django.tasks; see decisions.tasks for the backends)."""

from django.tasks import task


@task()
def render_dossier_pdf(render_id: int) -> None:
    """Render and keep the tờ trình of a dossier of many entries (a DossierPdf)."""
    from nominations.pdf import dossier_pdf_render

    dossier_pdf_render(render_id=render_id)
