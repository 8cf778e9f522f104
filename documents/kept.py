"""What the process keeps per language (translated words, labels, rendered menus): forgotten
together when a test changes the settings the translation catalogues are read from."""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver

CATALOGUE_SETTINGS = frozenset({"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"})

_forgetters = []


def forget_with_catalogues(forget):
    """Register `forget()` to run when a catalogue setting changes; returns it."""
    _forgetters.append(forget)
    return forget


def per_language(function):
    """`function(language)` computed once per language (it reads the active translation)."""
    kept = functools.lru_cache(maxsize=32)(function)
    forget_with_catalogues(kept.cache_clear)
    return kept


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in CATALOGUE_SETTINGS:
        for forget in _forgetters:
            forget()
