"""The public page of a posted nominee list with its comment form, and moderation by officers."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView

from accounts.forms import BootstrapFormMixin
from nominations import posting as postings
from nominations.choices import CommentStatus
from nominations.models import PostingComment
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

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", _("The whole list")), *[(i.pk, i.name) for i in items]]


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

    def get_form(self, form_class=None):
        return CommentForm(**self.get_form_kwargs(), items=self.get_posting().items.all())

    def get_context_data(self, **kwargs):
        posting = self.get_posting()
        items = list(posting.items.all())
        return super().get_context_data(
            posting=posting,
            items=items,
            individuals=[i for i in items if i.subject_kind == "individual"],
            others=[i for i in items if i.subject_kind != "individual"],
            is_open=posting.is_open_on(timezone.localdate()),
            comments=posting.public_comments,
            **kwargs,
        )

    def form_valid(self, form):
        posting = self.get_posting()
        data = form.cleaned_data
        if data.get("website"):  # a robot filled the trap: say thanks, keep nothing
            messages.success(self.request, _("Thank you. Your comment was sent."))
            return redirect(posting)
        item = next((i for i in posting.items.all() if i.pk == data.get("item")), None)
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
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Thank you. Your comment was sent; it is published after moderation, without "
                "your name or contact."
            ),
        )
        return redirect(posting)


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
