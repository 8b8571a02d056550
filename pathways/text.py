"""One text normaliser for names people type and names in the data, used by the ingest and at run time
alike, so that what a person types matches what the data was built with.

>>> fold("King’s Lynn")  # a phone's curly apostrophe
'kings lynn'
>>> fold("  Stoke‐on–Trent & Ynys Môn\\x00 ")
'stoke on trent and ynys mon'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "APOSTROPHES"]

#: straight and curly apostrophes, backtick, modifier letter and prime: all dropped ("King’s" -> "kings")
APOSTROPHES = "'\u2019\u2018`\u02bc\u2032\u00b4"
_APOSTROPHE = re.compile("[" + re.escape(APOSTROPHES) + "]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: object, limit: int | None = None) -> str:
    """Lower case, accents folded, control characters removed, ``&`` as "and", apostrophes dropped, any
    other punctuation as a space, single spaces; at most ``limit`` characters of input are read."""
    s = str(text)
    if limit is not None:
        s = s[: limit * 4]
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch) and unicodedata.category(ch)[0] != "C")
    s = _APOSTROPHE.sub("", s.lower().replace("&", " and "))
    return _NON_ALNUM.sub(" ", s).strip()  # any other character, dashes of every kind included, is a space
