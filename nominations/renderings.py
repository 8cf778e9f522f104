"""Long documents rendered in the background and kept (`models.pdfs.PdfRendering`): a
dossier's tờ trình, a council session's minutes. WeasyPrint takes about 1 s per 100 rows, so
a document of more than NOMINATION_PDF_BACKGROUND_ENTRIES rows would outlast a request.

A request queues one rendering at a time per document (it locks the owner's row); the task
claims a waiting rendering with a conditional UPDATE, so two workers never render the same
one; one left waiting or running for STALE_AFTER is marked failed at the next request and is
never rendered after it; the RENDERS_KEPT latest are kept, with their files.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from nominations.choices import PdfRenderStatus
from nominations.models.pdfs import STALE_AFTER, PdfRendering, delete_file

logger = logging.getLogger(__name__)

RENDERS_KEPT = 5


@dataclass(frozen=True)
class Rendered:
    """What a task made: the file's content, the rows it printed, and fields of the rendering
    to set with them (MinutesPdf.draft)."""

    content: bytes
    entry_count: int
    fields: dict


@dataclass(frozen=True)
class RenderingKind:
    """One kind of kept document: its rendering model, how to render it from the owner's
    primary key (in the task), and the task that does it (`task.enqueue(render_id)`)."""

    model: type[PdfRendering]
    render: Callable[[int], Rendered]
    task: object
    # Refuses a rendering of the owner as locked, raising (a signed decision has no preview).
    check: Callable[[object], None] | None = None

    @property
    def owner_model(self):
        return self.model._meta.get_field(self.model.OWNER).related_model

    def renders_of(self, owner):
        return self.model.objects.filter(**{self.model.OWNER: owner})


def in_background(rows: int) -> bool:
    """A document of this many rows is rendered by a task, not in the request."""
    return rows > settings.NOMINATION_PDF_BACKGROUND_ENTRIES


def rendering_request(
    kind: RenderingKind, *, owner, actor, supersede: bool = False
) -> PdfRendering:
    """Queue the rendering of the owner's document as it stands now; a rendering of it that
    waits or runs already is the one returned (one at a time per document), unless
    `supersede`: then it is marked failed and a new one queued (the session just closed: a
    draft still rendering is not its minutes). One left waiting or running for STALE_AFTER
    (no worker, or a worker that died) is marked failed: it will not be rendered later
    beside the new one."""
    with transaction.atomic():
        locked = kind.owner_model.objects.select_for_update().filter(pk=owner.pk).first()
        if kind.check is not None:
            kind.check(locked)
        pending = kind.renders_of(owner).filter(
            status__in=(PdfRenderStatus.QUEUED, PdfRenderStatus.RENDERING)
        )
        fresh = pending.filter(requested_at__gt=timezone.now() - STALE_AFTER).first()
        if fresh is not None and not supersede:
            return fresh
        pending.filter(requested_at__gt=timezone.now() - STALE_AFTER).update(
            status=PdfRenderStatus.FAILED,
            error=_("Superseded by a newer request."),
        )
        pending.update(
            status=PdfRenderStatus.FAILED,
            error=_("Not rendered within an hour; rendered again on request."),
        )
        job = kind.model.objects.create(**{kind.model.OWNER: owner}, requested_by=actor)
        transaction.on_commit(lambda: kind.task.enqueue(job.pk))
    return job


def rendering_run(kind: RenderingKind, *, render_id: int) -> PdfRendering | None:
    """Render and keep one requested document (the background task's work). A failure is
    kept in `error` with the status "failed"; the user may ask again. A rendering no longer
    waiting (taken by another worker, marked failed as stale, or its owner deleted) is left
    alone."""
    model = kind.model
    claimed = model.objects.filter(pk=render_id, status=PdfRenderStatus.QUEUED).update(
        status=PdfRenderStatus.RENDERING
    )
    job = model.objects.filter(pk=render_id).first() if claimed else None
    if job is None:
        return None
    try:
        made = kind.render(job.owner_id)
        job.file.save(f"{job.pk}.pdf", ContentFile(made.content), save=False)
        done = {
            "file": job.file.name,
            "status": PdfRenderStatus.READY,
            "rendered_at": timezone.now(),
            "entry_count": made.entry_count,
            "error": "",
            **made.fields,
        }
        # Still this worker's: not deleted with its owner, nor marked failed meanwhile (stale,
        # or superseded). Otherwise the file goes and the rendering stays as it was made.
        if not model.objects.filter(pk=job.pk, status=PdfRenderStatus.RENDERING).update(**done):
            delete_file(job.file.name)
            return None
        for name, value in done.items():
            if name != "file":
                setattr(job, name, value)
    except Exception as error:
        logger.exception("rendering %s %s failed", model._meta.model_name, render_id)
        if job.file.name:
            delete_file(job.file.name)
        model.objects.filter(pk=job.pk, status=PdfRenderStatus.RENDERING).update(
            status=PdfRenderStatus.FAILED, file="", error=str(error)[:2000]
        )
        raise
    _forget_older(kind, job.owner_id)
    return job


def _forget_older(kind: RenderingKind, owner_id: int) -> None:
    """Keep the RENDERS_KEPT latest renderings of the document, and delete the others (their
    files with them: `models.pdfs.delete_rendered_file`)."""
    older = kind.renders_of(owner_id).order_by("-requested_at", "-pk")[RENDERS_KEPT:]
    for old in older:
        if not old.in_progress:
            old.delete()


def renders_page(request, kind: RenderingKind, owner, **context):
    """The page of a document's renderings, or its list alone when htmx polls it while a
    rendering runs. `context` gives the page its title, owner link, text and URLs (see
    nominations/pdf_renders.html)."""
    renders = list(kind.renders_of(owner).select_related("requested_by")[:RENDERS_KEPT])
    template = "nominations/pdf_renders.html"
    if getattr(request, "htmx", False):
        template += "#renders"
    response = render(
        request,
        template,
        {"renders": renders, "in_progress": any(r.in_progress for r in renders), **context},
    )
    # The full page or the polled list, never one for the other from a cache.
    patch_vary_headers(response, ["HX-Request"])
    patch_cache_control(response, no_cache=True, private=True)
    return response


def rendered_file_response(kind: RenderingKind, owner, render_id: int, name: Callable):
    """A ready rendering's file, found under its own owner only (404 otherwise); `name`
    gives the download's file name from the rendering."""
    from documents.pdf import content_disposition

    found = kind.renders_of(owner).filter(pk=render_id, status=PdfRenderStatus.READY).first()
    if found is None or not found.file:
        raise Http404
    try:
        opened = found.file.open("rb")
    except OSError as error:  # deleted meanwhile, or a restore without its files
        raise Http404 from error
    response = FileResponse(opened, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(name(found))
    response["Cache-Control"] = "private"
    return response


def orphans_clear(*, older_than: datetime.timedelta, now: datetime.datetime | None = None) -> int:
    """Delete kept files no rendering names any more, last written more than `older_than`
    ago: a worker killed between writing its file and recording it, or a rendering that
    finished while its owner was being deleted. Younger files are left to the worker that
    may still be recording them. Returns how many went."""
    from django.core.files.storage import default_storage

    now = now or timezone.now()
    removed = 0
    for model in PdfRendering.__subclasses__():
        named = set(model.objects.exclude(file="").values_list("file", flat=True))
        try:
            owners, _files = default_storage.listdir(model.FOLDER)
        except FileNotFoundError:
            continue
        for owner in owners:
            _dirs, files = default_storage.listdir(f"{model.FOLDER}/{owner}")
            for name in files:
                path = f"{model.FOLDER}/{owner}/{name}"
                if path in named or now - default_storage.get_modified_time(path) <= older_than:
                    continue
                default_storage.delete(path)
                removed += 1
    return removed
