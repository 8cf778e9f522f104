"""Labels of choices, looked up in a dictionary built once per field.

Django's `get_FOO_display()` builds a dictionary of the field's choices on every call and
hashes every label to do so; a label is a lazy translation, so each call translates every
choice (a dossier status has a dozen). A list of 20 dossiers paid for about 300 translations.
`ChoiceLabels` keeps the dictionary on the field, one per language (its keys are the stored
values, its labels translated once), and answers the same thing.
"""

from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

from documents.kept import forget_with_catalogues


class ChoiceLabels:
    """Mixin for models: the same `get_FOO_display()`, without rebuilding the choices."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        key = value if type(value) in (str, int) else make_hashable(value)
        if isinstance(field.choices, CallableChoiceIterator):
            # Choices given by a callable may change: read them again on every call.
            labels = {make_hashable(v): label for v, label in field.flatchoices}
            return force_str(labels.get(key, value), strings_only=True)
        # {language: {stored value: label as printed}}, kept on the field.
        by_language = field.__dict__.get("_choice_labels")
        if by_language is None:
            by_language = field._choice_labels = {}
            _fields_with_labels.append(field)
        language = get_language()
        labels = by_language.get(language)
        if labels is None:
            labels = by_language[language] = {
                make_hashable(v): force_str(label, strings_only=True)
                for v, label in field.flatchoices
            }
        return labels[key] if key in labels else force_str(value, strings_only=True)


# Fields holding kept labels: forgotten when a test changes the catalogues' settings.
_fields_with_labels = []


@forget_with_catalogues
def _forget():
    for field in _fields_with_labels:
        field.__dict__.pop("_choice_labels", None)
    _fields_with_labels.clear()
