from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import throttle


class ThrottledLoginMixin:
    """Refuses sign-in while the username or the client address is locked (accounts.throttle).

    A locked attempt is refused before the password is checked, so the right password does
    not get through either; a wrong password is recorded; a right one clears the username.
    """

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not (username and password):
            return super().clean()
        ip_address = throttle.client_ip(self.request)
        lock = throttle.login_lock_for(username=username, ip_address=ip_address)
        if lock:
            raise self.locked_error(lock)
        try:
            cleaned_data = super().clean()
        except ValidationError:
            # Only a wrong password counts, not a right one refused for another reason
            # (an inactive account, a non-staff user at the admin).
            if self.user_cache is None:
                throttle.login_failure_record(username=username, ip_address=ip_address)
                lock = throttle.login_lock_for(username=username, ip_address=ip_address)
                if lock:
                    raise self.locked_error(lock) from None
            raise
        throttle.login_failures_clear(username=username)
        return cleaned_data

    @staticmethod
    def locked_error(lock: throttle.LoginLock) -> ValidationError:
        minutes = lock.minutes_left()
        if lock.scope == throttle.USERNAME:
            message = ngettext(
                "This account is locked after too many failed sign-ins. "
                "Please try again in %(minutes)d minute.",
                "This account is locked after too many failed sign-ins. "
                "Please try again in %(minutes)d minutes.",
                minutes,
            )
        else:
            message = ngettext(
                "Too many failed sign-ins from this network. "
                "Please try again in %(minutes)d minute.",
                "Too many failed sign-ins from this network. "
                "Please try again in %(minutes)d minutes.",
                minutes,
            )
        return ValidationError(message, code="locked", params={"minutes": minutes})


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    """Django's login form with Bootstrap classes and phone-friendly inputs."""

    error_messages = {
        "invalid_login": _(
            "The username or password is wrong. Both are case-sensitive; check the "
            "keyboard language and Caps Lock."
        ),
        "inactive": _("This account is locked. Ask the administrator of your unit."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"class": "form-control", "autocapitalize": "none", "autocomplete": "username"}
        )
        self.fields["password"].widget.attrs.update(
            {"class": "form-control", "autocomplete": "current-password"}
        )


class BootstrapFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = (
                "form-check-input"
                if isinstance(field.widget, forms.CheckboxInput)
                else ("form-select" if isinstance(field.widget, forms.Select) else "form-control")
            )
            field.widget.attrs.setdefault("class", css)


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The admin's login form under the same throttle as the portal's."""
