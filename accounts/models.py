from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from documents.statements import statement


class User(AbstractUser):
    """A person who signs in; belongs to one unit, holds roles through groups."""

    unit = models.ForeignKey(
        "campaigns.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        """Vietnamese order: family and middle names (last_name) before the given name."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """The roles held, from the user's groups (one query, cached on the instance; the
        signed-in user's are read with the user, accounts.backends)."""
        if not self.pk:
            return frozenset()
        return role_codes_from(_group_names.list(user_id=self.pk))

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.role_codes

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(code).label) for code in Role.values if code in self.role_codes]

    @property
    def scope_root(self):
        """The unit whose subtree this user works on: an office works for the unit it serves."""
        if self.unit is None:
            return None
        return self.unit.standing_office_for or self.unit


# Between the group names that accounts.backends reads in one text with the user.
GROUP_NAMES_SEPARATOR = "\x1f"


def role_codes_from(names) -> frozenset[str]:
    """The roles among group names: a list, or one text joined by GROUP_NAMES_SEPARATOR (None:
    no group)."""
    if isinstance(names, str):
        names = names.split(GROUP_NAMES_SEPARATOR)
    valid = set(Role.values)
    return frozenset(name for name in names or () if name in valid)


class LoginFailure(models.Model):
    """One failed sign-in, kept for a short while to throttle password guessing."""

    # Folded (casefold) so "CaoLau.CanBo" and "caolau.canbo" count together; the name need
    # not belong to an existing user, so that a lock reveals nothing about which accounts exist.
    username = models.CharField(_("username"), max_length=150)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["username", "at"], name="loginfailure_username_at"),
            models.Index(fields=["ip_address", "at"], name="loginfailure_ip_at"),
            models.Index(fields=["at"], name="loginfailure_at"),
        ]

    def __str__(self):
        return f"{self.username} · {self.ip_address or '-'} · {self.at:%Y-%m-%d %H:%M:%S}"


@statement
def _group_names(user_id: int):
    """The names of a user's groups (every signed-in page asks for the user's roles)."""
    from django.contrib.auth.models import Group

    return Group.objects.filter(user=user_id).values_list("name", flat=True)
