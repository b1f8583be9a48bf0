"""Every message of the interface has its Chinese translation, compiled."""

import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parent.parent / "locale/zh_Hans/LC_MESSAGES/django.po"


def entries() -> list[str]:
    return PO.read_text(encoding="utf-8").split("\n\n")[1:]  # the first is the header


def test_no_message_is_left_untranslated_or_fuzzy():
    missing = [
        entry
        for entry in entries()
        if "#, fuzzy" in entry or re.search(r'^msgstr(\[\d\])? ""$(?!\n")', entry, re.MULTILINE)
    ]
    assert not missing, "\n\n".join(missing)


def test_the_compiled_catalogue_matches_the_source():
    # A message only in the .po (compilemessages not run) would show in English.
    with translation.override("zh-hans"):
        for entry in entries():
            single = re.search(r'^msgid "(.+)"\nmsgstr "(.+)"$', entry, re.MULTILINE)
            if single and "\\" not in single.group(1):
                assert translation.gettext(single.group(1)) == single.group(2)
