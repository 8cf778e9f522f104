from django.contrib import admin

from reports.models import CampaignSummary, TargetResult, WorkerKeyword


@admin.register(WorkerKeyword)
class WorkerKeywordAdmin(admin.ModelAdmin):
    list_display = ["keyword", "category", "active"]
    list_filter = ["category", "active"]
    search_fields = ["keyword"]


@admin.register(TargetResult)
class TargetResultAdmin(admin.ModelAdmin):
    list_display = ["unit", "target", "value", "reported_by", "reported_at"]
    list_select_related = ["unit", "target", "reported_by"]
    raw_id_fields = ["target", "unit", "reported_by"]
    search_fields = ["unit__name", "target__indicator"]


@admin.register(CampaignSummary)
class CampaignSummaryAdmin(admin.ModelAdmin):
    """Issued reports are numbered documents: read them here, change them nowhere."""

    list_display = ["campaign", "issuer", "status", "number", "date"]
    list_select_related = ["campaign", "issuer"]
    list_filter = ["status"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
