"""Entries imported from Excel into a draft or returned dossier: the template to download, the
upload with its dry-run preview, and the confirmation that saves every row or none.

Between preview and confirmation the uploaded file waits in Django storage under a random
token kept in the user's session; the confirmation form carries only that token, and the file
is read and checked again before anything is saved.
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.choices import Role
from accounts.forms import BootstrapFormMixin
from nominations import services
from nominations.importing import COLUMNS, PREVIEW_DIR, max_rows, template_workbook
from nominations.selectors import dossiers_visible_to
from nominations.workflow import EDITABLE_STATES, WorkflowError, actor_unit

SESSION_KEY = "nominations_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 200  # rows shown in the preview; every row is checked
SHOWN_ERRORS = 300


class EntryImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        help_text=gettext_lazy("Fill in the template; a file with one wrong row saves nothing."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an Excel file ending in .xlsx."))
        limit = settings.NOMINATION_UPLOAD_MAX_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB; split it.") % {"mb": limit}
            )
        return upload


class ImportDossierMixin(LoginRequiredMixin):
    """The dossier, for an officer of its proposing unit only (404 for anyone else); outside
    draft and returned, the import is refused with a message."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        self.dossier = (
            dossiers_visible_to(user)
            .select_related("campaign", "proposing_unit")
            .filter(pk=kwargs["pk"])
            .first()
        )
        if (
            self.dossier is None
            or not user.has_role(Role.OFFICER)
            or actor_unit(user) != self.dossier.proposing_unit
        ):
            raise Http404
        if self.dossier.status not in EDITABLE_STATES:
            messages.error(
                request,
                _("Entries can be changed only while the dossier is a draft or returned."),
            )
            return redirect(self.dossier)
        return super().dispatch(request, *args, **kwargs)


class EntryImportTemplateView(ImportDossierMixin, View):
    """The .xlsx template of this dossier: headers, drop-down lists, the campaign's forms."""

    def get(self, request, pk):
        response = HttpResponse(template_workbook(self.dossier), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="mau-danh-sach-ho-so-{pk}.xlsx"'
        return response


def _forget(request) -> dict | None:
    """Drop the waiting upload of this session (its file too); returns what was kept."""
    kept = request.session.pop(SESSION_KEY, None)
    if kept and default_storage.exists(kept["path"]):
        default_storage.delete(kept["path"])
    return kept


class EntryImportView(ImportDossierMixin, View):
    """Upload and preview (dry run: nothing saved), then confirm to save every row or none."""

    template_name = "nominations/import/entries.html"

    def get(self, request, pk):
        return self._render(EntryImportForm())

    def post(self, request, pk):
        if "token" in request.POST:
            return self._confirm(request)
        form = EntryImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(form)
        data = form.cleaned_data["file"].read()
        try:
            report = services.entries_import(
                dossier=self.dossier, actor=request.user, data=data, dry_run=True
            )
        except WorkflowError as error:
            messages.error(request, str(error))
            return redirect(self.dossier)
        token = ""
        if report.ok:
            _forget(request)
            token = secrets.token_urlsafe(24)
            path = default_storage.save(f"{PREVIEW_DIR}/{token}.xlsx", ContentFile(data))
            request.session[SESSION_KEY] = {
                "token": token,
                "dossier": self.dossier.pk,
                "path": path,
            }
        return self._render(form, report=report, token=token)

    def _confirm(self, request):
        kept = request.session.get(SESSION_KEY)
        if (
            not kept
            or kept["dossier"] != self.dossier.pk
            or not secrets.compare_digest(kept["token"], request.POST.get("token", ""))
            or not default_storage.exists(kept["path"])
        ):
            messages.error(request, _("Upload the file again: the preview has expired."))
            return redirect("nominations:entry_import", pk=self.dossier.pk)
        with default_storage.open(kept["path"], "rb") as stored:
            data = stored.read()
        try:
            report = services.entries_import(
                dossier=self.dossier, actor=request.user, data=data, dry_run=False
            )
        except WorkflowError as error:
            _forget(request)
            messages.error(request, str(error))
            return redirect(self.dossier)
        _forget(request)
        if not report.ok:
            return self._render(EntryImportForm(), report=report)
        messages.success(
            request,
            _("%(count)d entries were added to the dossier (%(new)d new people in the register).")
            % {"count": report.imported, "new": report.new_people},
        )
        return redirect(self.dossier)

    def _render(self, form, report=None, token=""):
        return render(
            self.request,
            self.template_name,
            {
                "dossier": self.dossier,
                "form": form,
                "report": report,
                "token": token,
                "headers": list(COLUMNS.values()),
                "max_rows": max_rows(),
                "preview_rows": report.rows[:PREVIEW_ROWS] if report else [],
                "hidden_rows": max(0, len(report.rows) - PREVIEW_ROWS) if report else 0,
                "shown_errors": report.errors[:SHOWN_ERRORS] if report else [],
                "hidden_errors": max(0, len(report.errors) - SHOWN_ERRORS) if report else 0,
            },
        )
