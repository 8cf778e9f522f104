from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.forms import ThrottledAdminAuthenticationForm
from accounts.models import LoginFailure, User
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


# The admin's own login page is throttled like the portal's, or it would be the way around it.
admin.site.login_form = ThrottledAdminAuthenticationForm


# Django's own Vietnamese catalogue calls a log entry "đăng nhập" (a sign-in), which misleads
# on the audit pages. Marking the msgids here keeps them in the project catalogue, which
# LOCALE_PATHS puts before Django's, with a correct translation.
RETRANSLATED_DJANGO_MSGIDS = (_("log entry"), _("log entries"), _("action flag"))


class ReadOnlyForSuperusersAdmin(admin.ModelAdmin):
    """A record nobody may write through the admin; only superusers may read it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyForSuperusersAdmin):
    """The audit trail of changes made through the admin (Django writes the entries)."""

    list_display = (
        "action_time",
        "user",
        "content_type",
        "object_link",
        "action_flag",
        "change_message_text",
    )
    list_filter = ("action_flag", ("content_type", admin.RelatedOnlyFieldListFilter))
    search_fields = ("user__username", "user__last_name", "user__first_name", "object_repr")
    list_select_related = ("user", "content_type")
    date_hierarchy = "action_time"
    ordering = ("-action_time",)
    list_per_page = 50
    fields = (
        "action_time",
        "user",
        "content_type",
        "object_id",
        "object_repr",
        "action_flag",
        "change_message_text",
    )
    readonly_fields = fields

    @admin.display(description=_("object"), ordering="object_repr")
    def object_link(self, entry):
        url = entry.get_admin_url() if not entry.is_deletion() else None
        if url:
            return format_html('<a href="{}">{}</a>', url, entry.object_repr)
        return entry.object_repr

    @admin.display(description=_("change message"))
    def change_message_text(self, entry):
        # The stored message is JSON; this is the translated sentence it stands for.
        return entry.get_change_message()


@admin.register(LoginFailure)
class LoginFailureAdmin(ReadOnlyForSuperusersAdmin):
    """Recent failed sign-ins, to see who is being guessed at and from where."""

    list_display = ("at", "username", "ip_address")
    search_fields = ("username", "ip_address")
    date_hierarchy = "at"
    list_per_page = 100
    readonly_fields = ("username", "ip_address", "at")
