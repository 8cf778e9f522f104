from collections import defaultdict

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.generic import TemplateView

from accounts.forms import BootstrapFormMixin, LoginForm


class KeptPageMixin:
    """A ListView whose page of rows is read by id: the filtered, ordered queryset gives the
    page's ids alone (a narrow query), and `page_rows(ids)` reads their rows, with what the
    table shows, through kept statements (documents.statements), in the ids' order."""

    def page_rows(self, ids: list[int]) -> list:
        raise NotImplementedError

    def paginate_queryset(self, queryset, page_size):
        paginator, page, _rows, is_paginated = super().paginate_queryset(queryset, page_size)
        ids = list(page.object_list.values_list("pk", flat=True))
        by_pk = {row.pk: row for row in self.page_rows(ids)}
        page.object_list = [by_pk[pk] for pk in ids if pk in by_pk]
        return paginator, page, page.object_list, is_paginated


def list_params(request) -> defaultdict:
    """The list's filters for its template: each name's last value, "" when absent.

    A QueryDict answers a missing name with an exception, which the template engine turns
    into "" only after three more failed lookups; filter menus ask for every option."""
    return defaultdict(str, request.GET.dict())


def list_querystring(request) -> str:
    """The list's filters as a query string without the page, for pagination and exports."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class StyledPasswordChangeForm(BootstrapFormMixin, PasswordChangeForm):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class HomeView(LoginRequiredMixin, TemplateView):
    """The signed-in user's start page: their unit and roles (the work queue grows here)."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["unit"] = user.unit
        ctx["scope_root"] = user.scope_root
        return ctx


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: a form refused for its CSRF token, in Vietnamese (templates/
    403_csrf.html), saying when the browser refuses the site's cookies (Django gives a
    custom template nothing but the request)."""
    return render(
        request, "403_csrf.html", {"no_cookie": reason == REASON_NO_CSRF_COOKIE}, status=403
    )
