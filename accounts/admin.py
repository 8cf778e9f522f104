from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from documents.text import fold


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Unit and position"), {"fields": ("unit", "position", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Unit and position"), {"fields": ("unit", "position")}),
    )
    list_display = ("username", "get_full_name", "unit", "position", "is_active", "is_staff")
    list_filter = ("groups", "is_active", "is_staff", "unit__kind")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    search_fields = ("username", "first_name", "last_name", "email", "unit__name_folded")

    def get_search_results(self, request, queryset, search_term):
        # Unit names are searched folded, so "cao lau" finds users of "Cao Lâu".
        qs, dup = super().get_search_results(request, queryset, search_term)
        if search_term:
            qs = qs | queryset.filter(unit__name_folded__contains=fold(search_term))
        return qs, dup
