"""documents.kept: what the process keeps per language is forgotten, all of it, when a test
changes the settings the translation catalogues are read from."""

from django.utils import translation

from documents import kept


def test_per_language_computes_once_per_language_and_forgets_with_the_catalogues(settings):
    calls = []

    @kept.per_language
    def greeting(language):
        calls.append(language)
        return translation.gettext("Dossiers")

    with translation.override("vi"):
        assert greeting("vi") == greeting("vi") == "Hồ sơ đề nghị"
    with translation.override("en"):
        assert greeting("en") == "Dossiers"
    assert calls == ["vi", "en"]
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS]
    with translation.override("vi"):
        greeting("vi")
    assert calls == ["vi", "en", "vi"]
    settings.DEBUG = not settings.DEBUG  # another setting: nothing forgotten
    with translation.override("vi"):
        greeting("vi")
    assert calls == ["vi", "en", "vi"]


def test_the_kept_menus_links_and_words_are_registered():
    from documents.templatetags import menus, nav
    from nominations.templatetags import entry_rows

    registered = set(kept._forgetters)
    for cache in (menus._options, nav._links, entry_rows._words):
        assert cache.cache_clear in registered


def test_the_entry_tables_words_follow_the_language():
    from nominations.templatetags import entry_rows

    with translation.override("en"):
        assert entry_rows._words(translation.get_language()).nominee == "Nominee"
    with translation.override("vi"):
        assert entry_rows._words(translation.get_language()).nominee != "Nominee"
