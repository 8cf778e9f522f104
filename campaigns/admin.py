import datetime

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from campaigns.models import REFORM_DATE, Cluster, Unit, UnitSuccession
from documents.text import fold


class EraFilter(admin.SimpleListFilter):
    title = _("era")
    parameter_name = "era"

    def lookups(self, request, model_admin):
        return [("before", _("Before the 2025 reform")), ("after", _("After the 2025 reform"))]

    def queryset(self, request, queryset):
        if self.value() == "before":
            return queryset.in_force(REFORM_DATE - datetime.timedelta(days=1))
        if self.value() == "after":
            return queryset.in_force(REFORM_DATE)
        return queryset


class FoldedSearchMixin:
    """Admin search that ignores diacritics, on the folded name column."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.search(search_term), False


class PredecessorInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ("predecessor",)
    verbose_name = _("replaced unit")
    verbose_name_plural = _("replaced units")


@admin.register(Unit)
class UnitAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "code", "valid_from", "valid_to")
    list_filter = ("kind", EraFilter)
    list_select_related = ("parent",)
    search_fields = ("name_folded",)
    autocomplete_fields = ("parent", "standing_office_for")
    inlines = [PredecessorInline]
    list_per_page = 50


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "year", "leading_unit")
    list_filter = ("kind", "year")
    autocomplete_fields = ("members", "leading_unit")
    list_select_related = ("leading_unit",)
    search_fields = ("name",)

    def get_search_results(self, request, queryset, search_term):
        qs, dup = super().get_search_results(request, queryset, search_term)
        if search_term:
            folded = fold(search_term)
            ids = [c.pk for c in queryset if folded in fold(c.name)]
            qs = qs | queryset.filter(pk__in=ids)
        return qs, dup


# -- document registers and campaigns ---------------------------------------------------------

from campaigns.models import (  # noqa: E402
    Campaign,
    CampaignIssuer,
    CampaignItem,
    CampaignOccasion,
    CampaignRecipient,
    CampaignSection,
    CampaignTask,
    DocumentRegister,
    DocumentType,
    ItemTarget,
    RegisterEntry,
)


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ("abbreviation", "name", "for_campaigns", "position")
    list_editable = ("for_campaigns", "position")
    search_fields = ("abbreviation", "name")


class RegisterEntryInline(admin.TabularInline):
    model = RegisterEntry
    extra = 0
    fields = ("number", "issued_on", "object_type", "object_id", "summary")
    readonly_fields = ("object_type", "object_id")


@admin.register(DocumentRegister)
class DocumentRegisterAdmin(admin.ModelAdmin):
    list_display = ("unit", "doc_type", "year", "last_number")
    list_filter = ("year", "doc_type")
    list_select_related = ("unit", "doc_type")
    search_fields = ("unit__name_folded",)
    autocomplete_fields = ("unit",)
    # The counter moves only through register_allocate / register_record.
    readonly_fields = ("last_number",)
    inlines = [RegisterEntryInline]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    list_display = ("number", "register", "issued_on", "object_type", "object_id", "summary")
    list_filter = ("register__year", "register__doc_type")
    list_select_related = ("register__unit", "register__doc_type")
    search_fields = ("summary", "register__unit__name_folded")


class CampaignIssuerInline(admin.TabularInline):
    model = CampaignIssuer
    extra = 0
    autocomplete_fields = ("unit",)


class CampaignOccasionInline(admin.TabularInline):
    model = CampaignOccasion
    extra = 0


class CampaignSectionInline(admin.TabularInline):
    model = CampaignSection
    extra = 0


class CampaignItemInline(admin.StackedInline):
    model = CampaignItem
    extra = 0
    show_change_link = True


class CampaignTaskInline(admin.StackedInline):
    model = CampaignTask
    extra = 0
    autocomplete_fields = ("unit",)


class CampaignRecipientInline(admin.TabularInline):
    model = CampaignRecipient
    extra = 0
    autocomplete_fields = ("unit",)


class FoldedTitleSearchMixin:
    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.search(search_term), False


@admin.register(Campaign)
class CampaignAdmin(FoldedTitleSearchMixin, admin.ModelAdmin):
    list_display = ("title", "doc_type", "number", "issue_year", "kind", "status")
    list_filter = ("status", "kind", "doc_type", "issue_year")
    list_select_related = ("doc_type",)
    search_fields = ("title_folded",)
    autocomplete_fields = ("parent", "participating_units")
    # The status moves only through the services (publish, close, summarise).
    readonly_fields = ("status", "published_at", "created_by", "created_at", "updated_at")
    inlines = [
        CampaignIssuerInline,
        CampaignOccasionInline,
        CampaignSectionInline,
        CampaignItemInline,
        CampaignTaskInline,
        CampaignRecipientInline,
    ]
    list_per_page = 50


class ItemTargetInline(admin.TabularInline):
    model = ItemTarget
    extra = 0


@admin.register(CampaignItem)
class CampaignItemAdmin(admin.ModelAdmin):
    list_display = ("__str__", "campaign", "position")
    list_select_related = ("campaign",)
    search_fields = ("heading", "text")
    inlines = [ItemTargetInline]
