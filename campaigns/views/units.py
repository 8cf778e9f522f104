import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import DetailView, ListView

from accounts.selectors import get_visible_or_404, unit_ids_visible_to, units_visible_to
from accounts.views import list_params, list_querystring
from campaigns.choices import UnitKind
from campaigns.models import REFORM_DATE, Unit
from documents.collation import Vietnamese


def _parse_date(value: str | None) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(value or "", "%d/%m/%Y").date()
    except ValueError:
        return None


class UnitListView(LoginRequiredMixin, ListView):
    """Units the user may see, searchable without diacritics, by kind and by era."""

    template_name = "units/unit_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = units_visible_to(self.request.user).select_related("parent")
        params = self.request.GET
        if q := params.get("q", "").strip():
            qs = qs.search(q)
        if (kind := params.get("kind")) in UnitKind.values:
            qs = qs.filter(kind=kind)
        era = params.get("era")
        if era == "before":
            qs = qs.in_force(REFORM_DATE - datetime.timedelta(days=1))
        elif era == "after":
            qs = qs.in_force(max(REFORM_DATE, timezone.localdate()))
        return qs.order_by("kind", Vietnamese("name"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kinds"] = UnitKind.choices
        ctx["params"] = list_params(self.request)
        ctx["querystring"] = list_querystring(self.request)
        return ctx


class UnitDetailView(LoginRequiredMixin, DetailView):
    """A unit with its place in the tree on a date and its lineage."""

    template_name = "units/unit_detail.html"
    context_object_name = "unit"

    def get_object(self, queryset=None):
        return get_visible_or_404(
            Unit.objects.select_related("parent", "standing_office_for"),
            self.request.user,
            unit_field="pk",
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        unit = self.object
        on = _parse_date(self.request.GET.get("on"))
        if on is None:
            on = timezone.localdate() if unit.is_in_force() else (unit.valid_to or unit.valid_from)
        ctx["on"] = on
        ctx["ancestors"] = unit.ancestors_on(on)
        ctx["children"] = unit.children_on(on).order_by(Vietnamese("name"))
        ctx["predecessors"] = unit.predecessors.order_by(Vietnamese("name"))
        ctx["direct_successors"] = unit.successors.order_by(Vietnamese("name"))
        ctx["successors_today"] = [] if unit.is_in_force() else unit.successors_on()
        # Units outside the user's scope (the province above a commune, a district's other
        # successors) are named, not linked: their pages answer 404.
        ctx["linked_ids"] = unit_ids_visible_to(self.request.user)
        return ctx
