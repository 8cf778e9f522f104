"""The public page of a posted nominee list with its comment form, and moderation by officers."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView

from accounts.forms import BootstrapFormMixin
from awards.choices import SubjectKind
from documents.forms import errors_to_form
from documents.paging import page_context
from nominations import posting as postings
from nominations.choices import CommentStatus
from nominations.models import PostingComment, PostingItem
from nominations.models.posting import COMMENT_MAX_LENGTH
from nominations.selectors import dossiers_visible_to
from nominations.views import _show_error
from nominations.workflow import WorkflowError


class CommentForm(BootstrapFormMixin, forms.Form):
    author_name = forms.CharField(label=gettext_lazy("Your name"), max_length=200)
    author_contact = forms.CharField(
        label=gettext_lazy("Phone or email"),
        max_length=200,
        help_text=gettext_lazy("Only the appraising office sees your name and contact."),
    )
    item = forms.TypedChoiceField(
        label=gettext_lazy("About"), coerce=int, required=False, empty_value=None
    )
    content = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": COMMENT_MAX_LENGTH}),
    )
    # A trap for robots: hidden from people (class d-none), left empty by them.
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, items=(), posting=None, **kwargs):
        """`items`: the nominees of the menu (a page of the list); any nominee of `posting`
        is accepted, as a form sent from another page of the list names one."""
        super().__init__(*args, **kwargs)
        self.posting = posting
        self.fields["item"].choices = [("", _("The whole list")), *[(i.pk, i.name) for i in items]]
        self.fields["item"].valid_value = self._posted_item

    def _posted_item(self, value) -> bool:
        if value in (None, ""):
            return True
        if self.posting is None:
            return False
        return self.posting.items.filter(pk=value).exists()


# The public list shows this many nominees a page.
ITEMS_PER_PAGE = 100


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


class PublicPostingListView(ListView):
    """`/public/postings/`: the lists posted for comments now, closing first first."""

    template_name = "nominations/posting_public_list.html"
    context_object_name = "postings"
    paginate_by = 25

    def get_queryset(self):
        return postings.open_postings(timezone.localdate())


class PublicPostingView(FormView):
    """`/public/postings/<id>/`: the posted list (no birth date, ID or phone), the approved
    comments without their authors, and the comment form while the window is open."""

    template_name = "nominations/posting_public.html"

    def get_posting(self):
        if not hasattr(self, "_posting"):
            self._posting = postings.public_posting_or_404(self.kwargs["pk"])
        return self._posting

    def get_item_page(self):
        """The posted list ITEMS_PER_PAGE at a time (a commune's list may hold thousands):
        individuals first, then collectives and households, each numbered within its group
        over the whole list, as the printed list numbers them."""
        if not hasattr(self, "_item_page"):
            rows = self.get_posting().items.values_list("pk", "subject_kind", "position")
            order = sorted(rows, key=lambda r: (r[1] != SubjectKind.INDIVIDUAL, r[2], r[0]))
            numbers, counted = {}, {}
            for pk, kind, _position in order:
                group = kind == SubjectKind.INDIVIDUAL
                counted[group] = counted.get(group, 0) + 1
                numbers[pk] = counted[group]
            page = Paginator([pk for pk, _k, _p in order], ITEMS_PER_PAGE).get_page(
                self.request.GET.get("page")
            )
            found = PostingItem.objects.in_bulk(list(page))
            page.items = [found[pk] for pk in page if pk in found]
            for item in page.items:
                item.number = numbers[item.pk]
            self._item_page = page
        return self._item_page

    def get_form(self, form_class=None):
        # A comment is about the whole list or one of the nominees on this page.
        return CommentForm(
            **self.get_form_kwargs(), items=self.get_item_page().items, posting=self.get_posting()
        )

    def get_context_data(self, **kwargs):
        posting = self.get_posting()
        page = self.get_item_page()
        return super().get_context_data(
            posting=posting,
            individuals=[i for i in page.items if i.subject_kind == SubjectKind.INDIVIDUAL],
            others=[i for i in page.items if i.subject_kind != SubjectKind.INDIVIDUAL],
            is_open=posting.is_open_on(timezone.localdate()),
            comments=posting.public_comments,
            **page_context(page),
            **kwargs,
        )

    def form_valid(self, form):
        posting = self.get_posting()
        data = form.cleaned_data
        back = posting.get_absolute_url()
        if self.get_item_page().number > 1:  # the page of the list the visitor was on
            back += f"?page={self.get_item_page().number}"
        if data.get("website"):  # a robot filled the trap: say thanks, keep nothing
            messages.success(self.request, _("Thank you. Your comment was sent."))
            return redirect(back)
        item = posting.items.filter(pk=data["item"]).first() if data.get("item") else None
        try:
            postings.comment_add(
                posting=posting,
                author_name=data["author_name"],
                author_contact=data["author_contact"],
                content=data["content"],
                item=item,
                client=_client(self.request),
            )
        except ValidationError as error:
            errors_to_form(error, form)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Thank you. Your comment was sent; it is published after moderation, without "
                "your name or contact."
            ),
        )
        return redirect(back)


class CommentModerateView(LoginRequiredMixin, View):
    """POST: approve or hide a comment (officers of the posting level; others 404)."""

    http_method_names = ["post"]

    def post(self, request, pk, comment, status):
        if status not in (CommentStatus.APPROVED, CommentStatus.HIDDEN):
            raise Http404
        found = (
            PostingComment.objects.select_related("posting__dossier")
            .filter(pk=comment, posting__dossier__in=dossiers_visible_to(request.user))
            .filter(posting__dossier_id=pk)
            .first()
        )
        if found is None:
            raise Http404
        try:
            postings.comment_moderate(comment=found, actor=request.user, status=status)
        except (WorkflowError, ValidationError) as error:
            _show_error(request, error)
        else:
            messages.success(request, _("The comment was moderated."))
        return redirect(found.posting.dossier)
