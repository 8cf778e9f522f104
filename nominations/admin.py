from django.contrib import admin

from nominations.models import Attachment, Dossier, DossierEvent, Entry, EntryReview


class EntryInline(admin.TabularInline):
    model = Entry
    fk_name = "dossier"
    extra = 0
    fields = ("position", "subject_kind", "nominee_name", "proposed_form", "status")
    readonly_fields = fields
    show_change_link = True
    can_delete = False


class DossierEventInline(admin.TabularInline):
    model = DossierEvent
    extra = 0
    fields = ("at", "action", "from_state", "to_state", "actor", "level_unit", "entry", "comment")
    readonly_fields = fields
    can_delete = False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    # The state changes only through nominations.services (events, checks, mail).
    list_display = ("__str__", "campaign", "current_level", "status", "date", "created_at")
    list_filter = ("status",)
    search_fields = ("summary", "proposing_unit__name_folded")
    list_select_related = ("proposing_unit", "campaign", "current_level")
    readonly_fields = ("status", "number", "current_level", "status_changed_at", "forwarded_from")
    autocomplete_fields = ("campaign", "proposing_unit")
    raw_id_fields = ("created_by",)
    inlines = [EntryInline, DossierEventInline]


class EntryReviewInline(admin.TabularInline):
    model = EntryReview
    extra = 0
    readonly_fields = ("unit", "reviewer", "at", "decision", "form_before", "form_after", "reason")
    can_delete = False


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("nominee_name", "subject_kind", "proposed_form", "status", "dossier")
    list_filter = ("status", "subject_kind", "proposed_form")
    search_fields = ("nominee_name_folded",)
    list_select_related = ("proposed_form", "dossier__proposing_unit")
    readonly_fields = ("status", "forwarded_from", "campaign")
    raw_id_fields = ("dossier", "person", "unit")
    inlines = [EntryReviewInline]


@admin.register(EntryReview)
class EntryReviewAdmin(admin.ModelAdmin):
    list_display = ("entry", "unit", "decision", "reviewer", "at")
    list_filter = ("decision",)
    list_select_related = ("entry", "unit", "reviewer")
    raw_id_fields = ("entry", "unit", "reviewer", "form_before", "form_after")


@admin.register(DossierEvent)
class DossierEventAdmin(admin.ModelAdmin):
    list_display = ("dossier", "action", "from_state", "to_state", "actor", "level_unit", "at")
    list_filter = ("action",)
    list_select_related = ("dossier__proposing_unit", "actor", "level_unit")
    raw_id_fields = ("dossier", "entry", "actor", "level_unit")

    def has_change_permission(self, request, obj=None):
        return False  # the timeline is history


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "kind", "extension", "size", "dossier", "uploaded_at")
    list_filter = ("kind", "extension")
    list_select_related = ("dossier__proposing_unit",)
    raw_id_fields = ("dossier", "entry", "uploaded_by")
    readonly_fields = ("file", "extension", "content_type", "size")
