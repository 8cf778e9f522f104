"""Labels of choices, looked up in a dictionary built once per field.

Django's `get_FOO_display()` builds a dictionary of the field's choices on every call and
hashes every label to do so; a label is a lazy translation, so each call translates every
choice (a dossier status has a dozen). A list of 20 dossiers paid for about 300 translations.
`ChoiceLabels` keeps the dictionary on the field (its keys are the stored values; the lazy
labels are translated only when the one shown is printed) and answers the same thing.
"""

from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


class ChoiceLabels:
    """Mixin for models: the same `get_FOO_display()`, without rebuilding the choices."""

    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_choice_labels")
        if labels is None:
            labels = {make_hashable(value): label for value, label in field.flatchoices}
            # Choices given by a callable may change: read them again on every call.
            if not isinstance(field.choices, CallableChoiceIterator):
                field._choice_labels = labels
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
