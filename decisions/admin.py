from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from decisions.models import CertificateLayout, Decision, DecisionAward, DecisionPreviewPdf
from decisions.models.decision import locked_message
from nominations.admin import PdfRenderingAdmin


class DecisionAwardInline(admin.TabularInline):
    model = DecisionAward
    extra = 0
    fields = ("position", "subject_kind", "name", "description", "unit", "amount", "award", "token")
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        # Awardees come from approved entries through the staff pages, never typed here.
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Drafts may be corrected here; an issued decision is read-only and cannot be deleted."""

    list_display = ("__str__", "issuer", "form", "status", "date", "pdf_status")
    list_filter = ("status", "pdf_status", "form")
    search_fields = ("title",)
    list_select_related = ("issuer", "form", "doc_type")
    date_hierarchy = "created_at"
    inlines = [DecisionAwardInline]
    readonly_fields = (
        "status",
        "number",
        "date",
        "individual_amount",
        "collective_amount",
        "household_amount",
        "pdf",
        "pdf_sha256",
        "pdf_status",
        "pdf_error",
        "created_by",
        "created_at",
        "signed_by",
        "signed_at",
    )
    autocomplete_fields = ("issuer", "campaign")

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_issued:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_issued:
            return False
        return super().has_delete_permission(request, obj)

    def has_add_permission(self, request):
        # A decision is drafted from approved entries on /decisions/new/.
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.is_issued:
            self.message_user(request, locked_message(), messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_queryset(self, request, queryset):
        # The bulk action must not reach issued decisions either.
        super().delete_queryset(request, queryset.filter(status="draft"))


@admin.register(DecisionAward)
class DecisionAwardAdmin(admin.ModelAdmin):
    list_display = ("name", "decision", "subject_kind", "amount", "award")
    list_select_related = ("decision__doc_type", "award")
    search_fields = ("name", "token")
    readonly_fields = (
        "decision",
        "entry",
        "position",
        "subject_kind",
        "name",
        "description",
        "unit",
        "amount",
        "award",
        "token",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return (
            False
            if obj is not None and obj.decision.is_issued
            else super().has_change_permission(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DecisionPreviewPdf)
class DecisionPreviewPdfAdmin(PdfRenderingAdmin):
    """Previews of long draft decisions."""

    list_display = ("decision", "status", "requested_by", "requested_at", "rendered_at")
    list_select_related = ("decision", "requested_by")
    raw_id_fields = ("decision", "requested_by")


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(admin.ModelAdmin):
    list_display = ("name", "form", "font_size_pt")
    fieldsets = (
        (None, {"fields": ("name", "form", "font_size_pt", "text_width_mm")}),
        (
            _("Positions (millimetres from the top-left corner of the blank)"),
            {
                "fields": (
                    ("recipient_x_mm", "recipient_y_mm"),
                    ("unit_x_mm", "unit_y_mm"),
                    ("achievement_x_mm", "achievement_y_mm"),
                    ("decision_x_mm", "decision_y_mm"),
                    ("date_x_mm", "date_y_mm"),
                    ("signer_x_mm", "signer_y_mm"),
                    ("qr_x_mm", "qr_y_mm", "qr_size_mm"),
                )
            },
        ),
    )
