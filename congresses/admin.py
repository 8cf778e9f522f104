from django.contrib import admin

from congresses.models import (
    AgendaItem,
    CongressEvent,
    CongressLevel,
    CongressPlan,
    Delegate,
    ImplementationDuty,
    PilotUnit,
    PlanSection,
)


class CongressLevelInline(admin.StackedInline):
    model = CongressLevel
    extra = 0


class PlanSectionInline(admin.StackedInline):
    model = PlanSection
    extra = 0


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class PilotUnitInline(admin.TabularInline):
    model = PilotUnit
    extra = 0
    autocomplete_fields = ["unit", "follower_unit"]
    raw_id_fields = ["follower"]


class ImplementationDutyInline(admin.StackedInline):
    model = ImplementationDuty
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(CongressPlan)
class CongressPlanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issuer", "issue_year", "number"]
    list_filter = ["issue_year"]
    search_fields = ["title"]
    autocomplete_fields = ["issuer"]
    inlines = [
        CongressLevelInline,
        PlanSectionInline,
        AgendaItemInline,
        PilotUnitInline,
        ImplementationDutyInline,
    ]


@admin.register(CongressLevel)
class CongressLevelAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "plan",
        "deadline",
        "max_delegates",
        "min_core_share",
        "max_guest_share",
    ]
    list_filter = ["kind"]
    list_select_related = ["plan"]


@admin.register(PlanSection)
class PlanSectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "position", "part"]
    list_select_related = ["plan"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "position"]
    list_select_related = ["plan"]


@admin.register(PilotUnit)
class PilotUnitAdmin(admin.ModelAdmin):
    list_display = ["unit", "cluster", "follower_title", "plan"]
    list_select_related = ["unit", "cluster", "plan"]
    autocomplete_fields = ["unit", "follower_unit"]
    raw_id_fields = ["follower"]


@admin.register(ImplementationDuty)
class ImplementationDutyAdmin(admin.ModelAdmin):
    list_display = ["heading", "plan", "due_by"]
    list_select_related = ["plan"]


class DelegateInline(admin.TabularInline):
    model = Delegate
    extra = 0
    raw_id_fields = ["person", "entry"]


@admin.register(CongressEvent)
class CongressEventAdmin(admin.ModelAdmin):
    list_display = ["unit", "level", "deadline", "held_on", "form", "attendance"]
    list_filter = ["level__kind", "form"]
    list_select_related = ["unit", "level__plan"]
    search_fields = ["unit__name"]
    raw_id_fields = ["unit", "parent"]
    readonly_fields = [
        "recorded_by",
        "recorded_at",
        "list_confirmed_by",
        "list_confirmed_at",
        "upward_approved_by",
        "upward_approved_at",
    ]
    inlines = [DelegateInline]


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
    list_display = ["full_name", "category", "gender", "ethnicity", "birth_year", "event"]
    list_filter = ["category", "gender", "sent_upward"]
    list_select_related = ["event__unit", "event__level"]
    search_fields = ["name_folded", "full_name"]
    raw_id_fields = ["event", "person", "entry"]
