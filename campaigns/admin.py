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
