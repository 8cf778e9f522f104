from django.contrib import admin

from nominations.models import (
    Attachment,
    Dossier,
    DossierEvent,
    DossierPdf,
    Entry,
    EntryReview,
    MinutesPdf,
    recount_entries,
)


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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        recount_entries([obj.pk])  # the count the form's object held may be stale by now


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

    # Dossier.entry_count follows what the admin adds, moves or deletes.
    def save_model(self, request, obj, form, change):
        before = form.initial.get("dossier") if change else None
        super().save_model(request, obj, form, change)
        recount_entries({obj.dossier_id, before} - {None})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        recount_entries([obj.dossier_id])

    def delete_queryset(self, request, queryset):
        dossier_ids = set(queryset.values_list("dossier_id", flat=True))
        super().delete_queryset(request, queryset)
        recount_entries(dossier_ids)


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


class PdfRenderingAdmin(admin.ModelAdmin):
    """Renderings of long documents (`models.pdfs.PdfRendering`): made by the portal's task,
    not by hand; a subclass lists them with their owner."""

    list_filter = ("status",)
    readonly_fields = ("file", "status", "rendered_at", "entry_count", "error")


@admin.register(DossierPdf)
class DossierPdfAdmin(PdfRenderingAdmin):
    """The tờ trình of large dossiers."""

    list_display = ("dossier", "status", "requested_by", "requested_at", "rendered_at")
    list_select_related = ("dossier__proposing_unit", "requested_by")
    raw_id_fields = ("dossier", "requested_by")


@admin.register(MinutesPdf)
class MinutesPdfAdmin(PdfRenderingAdmin):
    """The minutes of long council sessions, drafts marked."""

    list_display = ("session", "draft", "status", "requested_by", "requested_at", "rendered_at")
    list_filter = ("status", "draft")
    list_select_related = ("session__unit", "requested_by")
    raw_id_fields = ("session", "requested_by")
    readonly_fields = (*PdfRenderingAdmin.readonly_fields, "draft")


# -- council sessions, public posting, deadlines (issue 5, items 4-6) -------------------------

from nominations.models import (  # noqa: E402 - kept apart from the core admin above
    CouncilAgendaItem,
    CouncilMember,
    CouncilOutcome,
    CouncilRecusal,
    CouncilSession,
    CouncilVote,
    Holiday,
    Notice,
    Posting,
    PostingComment,
    PostingItem,
    Reminder,
    StageTimeLimit,
)


class CouncilAgendaInline(admin.TabularInline):
    model = CouncilAgendaItem
    extra = 0
    raw_id_fields = ("dossier",)


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    fields = ("order", "full_name", "position", "user", "unit", "person", "birth_year", "present")
    raw_id_fields = ("user", "unit", "person")


class CouncilOutcomeInline(admin.TabularInline):
    model = CouncilOutcome
    extra = 0
    fields = ("entry", "members_present", "members_total", "in_favour", "voters", "passed")
    readonly_fields = fields
    can_delete = False


@admin.register(CouncilSession)
class CouncilSessionAdmin(admin.ModelAdmin):
    # Votes, closing and numbering go through nominations.council (quorum, recusal, register).
    list_display = ("__str__", "unit", "date", "status", "number")
    list_filter = ("status",)
    search_fields = ("unit__name_folded", "chair", "place")
    list_select_related = ("unit",)
    readonly_fields = ("status", "number", "closed_at", "created_by")
    raw_id_fields = ("unit",)
    inlines = [CouncilAgendaInline, CouncilMemberInline, CouncilOutcomeInline]


@admin.register(CouncilMember)
class CouncilMemberAdmin(admin.ModelAdmin):
    list_display = ("full_name", "session", "position", "unit", "present")
    list_filter = ("present",)
    search_fields = ("full_name",)
    list_select_related = ("session__unit", "unit")
    raw_id_fields = ("session", "user", "unit", "person")


@admin.register(CouncilVote)
class CouncilVoteAdmin(admin.ModelAdmin):
    list_display = ("session", "entry", "member", "choice", "at")
    list_filter = ("choice",)
    list_select_related = ("session__unit", "entry", "member")
    raw_id_fields = ("session", "entry", "member", "recorded_by")


@admin.register(CouncilRecusal)
class CouncilRecusalAdmin(admin.ModelAdmin):
    list_display = ("session", "entry", "member", "reason")
    list_select_related = ("session__unit", "entry", "member")
    raw_id_fields = ("session", "entry", "member")


@admin.register(CouncilOutcome)
class CouncilOutcomeAdmin(admin.ModelAdmin):
    list_display = ("session", "entry", "in_favour", "voters", "passed")
    list_filter = ("passed",)
    list_select_related = ("session__unit", "entry")
    raw_id_fields = ("session", "entry")

    def has_change_permission(self, request, obj=None):
        return False  # fixed when the session closed; the minutes cite it


@admin.register(CouncilAgendaItem)
class CouncilAgendaItemAdmin(admin.ModelAdmin):
    list_display = ("session", "dossier", "position")
    list_select_related = ("session__unit", "dossier__proposing_unit")
    raw_id_fields = ("session", "dossier")


class PostingItemInline(admin.TabularInline):
    model = PostingItem
    extra = 0
    fields = ("position", "name", "unit_name", "form_name")
    readonly_fields = fields
    can_delete = False


@admin.register(Posting)
class PostingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "unit", "opened_on", "closes_on", "working_days")
    list_select_related = ("dossier__proposing_unit", "unit")
    raw_id_fields = ("dossier", "unit", "created_by")
    inlines = [PostingItemInline]


@admin.register(PostingItem)
class PostingItemAdmin(admin.ModelAdmin):
    list_display = ("name", "form_name", "unit_name", "posting")
    search_fields = ("name",)
    list_select_related = ("posting",)
    raw_id_fields = ("posting", "entry")


@admin.register(PostingComment)
class PostingCommentAdmin(admin.ModelAdmin):
    list_display = ("posting", "item", "status", "created_at", "moderated_by")
    list_filter = ("status",)
    list_select_related = ("posting", "item", "moderated_by")
    raw_id_fields = ("posting", "item", "moderated_by")
    readonly_fields = ("created_at", "moderated_at")


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name", "kind", "confirmed", "note")
    list_filter = ("kind", "confirmed")
    list_editable = ("confirmed",)
    search_fields = ("name",)
    date_hierarchy = "date"


@admin.register(StageTimeLimit)
class StageTimeLimitAdmin(admin.ModelAdmin):
    list_display = ("status", "level", "working_days", "note")
    list_editable = ("working_days",)
    list_filter = ("status", "level")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("on", "dossier", "kind", "status", "due_on", "unit")
    list_filter = ("kind", "status")
    list_select_related = ("dossier__proposing_unit", "unit")
    raw_id_fields = ("dossier", "unit")
    date_hierarchy = "on"


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("user", "message", "created_at", "read_at")
    list_select_related = ("user",)
    raw_id_fields = ("user", "dossier")
