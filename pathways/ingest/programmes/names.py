"""Names and words: names folded with the one text normaliser (:func:`pathways.text.fold`) and the word sets the
link and progression rules compare."""

from __future__ import annotations

import re

from pathways.text import fold

__all__ = ["ROLE_WORDS", "norm_name", "strip_brackets", "tokens", "similarity", "weighted_similarity"]

_STOP = {"and", "of", "the", "in", "for", "a", "an", "to", "with", "or", "on", "at", "by", "nec"}
#: words that say how senior a role is rather than what it is (ignored by title similarity)
ROLE_WORDS = {
    "worker",
    "lead",
    "leader",
    "senior",
    "manager",
    "management",
    "team",
    "assistant",
    "associate",
    "practitioner",
    "technician",
    "professional",
    "specialist",
    "officer",
    "operative",
    "advanced",
    "principal",
    "supervisor",
    "junior",
    "trainee",
    "level",
    "apprentice",
    "integrated",
    "degree",
    "coordinator",
    "director",
    "executive",
    "head",
    "chief",
    "deputy",
    "higher",
    "foundation",
    "apprenticeship",
    "operator",
    "engineer",
    "adviser",
    "advisor",
    "consultant",
    "expert",
}


def norm_name(text: object) -> str:
    """A name as :func:`pathways.text.fold` folds it, so DfE, IfATE, ONS and Skills England spellings compare
    equal ("Ship’s master" and "Ships Master", "Façade installer" and "Facade installer").

    It differs from ``fold`` in one way only: a missing value (NaN, None: an empty cell) gives ``""``, not
    ``"nan"`` or ``"none"``, so an empty cell never matches a name or adds a word.

    >>> norm_name("Children, Young People & Families Practitioner ")
    'children young people and families practitioner'
    >>> norm_name(float("nan"))
    ''
    """
    if not isinstance(text, str):
        return ""
    return fold(text)


def strip_brackets(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text).strip()


def tokens(text: str, drop_roles: bool = False) -> frozenset[str]:
    """Content words of a name, lightly stemmed (``retailer`` -> ``retail``)."""
    out = set()
    for w in norm_name(text).split():
        if w in _STOP or len(w) < 2:
            continue
        if drop_roles and w in ROLE_WORDS:
            continue
        if len(w) > 5 and w.endswith("er") and w not in ROLE_WORDS:
            w = w[:-2]
        elif len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.add(w)
    return frozenset(out)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two word sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def weighted_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient where role words (``leader``, ``technician``) count half.

    >>> round(weighted_similarity(tokens("Retail team leader"), tokens("Team leader (retail trade)")), 2)
    0.8
    """

    def w(words: frozenset[str]) -> float:
        return sum(0.5 if x in ROLE_WORDS else 1.0 for x in words)

    total = w(a) + w(b)
    return 2 * w(a & b) / total if total else 0.0
