"""Background work of decisions (django.tasks).

Development and tests use the ImmediateBackend (settings.TASKS), so a task runs when it is
enqueued. Production sets DJANGO_TASKS_BACKEND=django_tasks_db.DatabaseBackend and runs
`python manage.py db_worker` (from django-tasks-db) as a separate process.
"""

from django.tasks import task


@task()
def render_decision_pdf(decision_id: int) -> None:
    """Render and store the PDF of an issued decision, marking progress on the decision."""
    from decisions.services import decision_render_pdf

    decision_render_pdf(decision_id=decision_id)


@task()
def render_decision_preview(render_id: int) -> None:
    """Render and keep the preview of a draft decision of many awardees (a
    DecisionPreviewPdf)."""
    from decisions.previews import PREVIEW_RENDERING
    from nominations.renderings import rendering_run

    rendering_run(PREVIEW_RENDERING, render_id=render_id)
