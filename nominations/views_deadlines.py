"""Staff pages of deadlines: the overdue list, and dismissing a notice of the home page."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View
from django.views.generic import ListView

from accounts.views import list_querystring
from nominations.deadlines import (
    Limits,
    WorkCalendar,
    attach_deadlines,
    dossier_deadline,
    overdue_q,
)
from nominations.models import Notice
from nominations.selectors import _for_list, dossiers_visible_to


def overdue_dossiers(*, user, calendar=None, limits=None):
    """Overdue dossiers in the user's scope, the longest waiting first (SQL, paginable)."""
    q = overdue_q(calendar=calendar, limits=limits)
    return _for_list(dossiers_visible_to(user).filter(q)).order_by("status_changed_at", "pk")


class OverdueListView(LoginRequiredMixin, ListView):
    """Dossiers past the time limit of their stage, in the user's units."""

    template_name = "nominations/overdue_list.html"
    context_object_name = "dossiers"
    paginate_by = 25

    def get_queryset(self):
        self.calendar, self.limits = WorkCalendar.load(), Limits.load()
        return overdue_dossiers(user=self.request.user, calendar=self.calendar, limits=self.limits)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for dossier in ctx["dossiers"]:
            dossier.deadline = dossier_deadline(
                dossier, calendar=self.calendar, limits=self.limits, today=today
            )
        ctx["querystring"] = list_querystring(self.request)
        return ctx


class NoticeDismissView(LoginRequiredMixin, View):
    """POST: mark one of the user's notices read (someone else's answers 404)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        updated = Notice.objects.filter(pk=pk, user=request.user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if not updated and not Notice.objects.filter(pk=pk, user=request.user).exists():
            raise Http404
        return redirect("home")


__all__ = ["NoticeDismissView", "OverdueListView", "attach_deadlines", "overdue_dossiers"]
