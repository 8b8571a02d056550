"""Successors of standards: which standard took over from one the Skills England map no longer lists.

The September 2026 map lists every standard approved for delivery (and keeps a retired one only where its
occupation stays on the map with no apprenticeship). A standard IfATE approved in May 2025 that the map no
longer lists takes no new starts. Its successor is found from what the files hold:

* IfATE's notices (the ``Banners`` column of the all-versions export): a sentence on the old standard that names
  another one and says it replaces it, is its latest agreed version, or is what employers should use instead
  ("The latest agreed version is ST1431 Dental nurse (GDC 2023)"), or a sentence on the new standard that names
  the old one and says it is replaced ("Options 1-4 of ST0233 ... are replaced with this new apprenticeship");
* the map itself: a standard it lists as approved under the same title (brackets dropped: "Dental nurse
  (integrated)" and "Dental nurse"), usually the next version of the occupation (``OCC1431``, version 2.0).

Only a standard the map lists as approved for delivery counts as a successor, which also settles the
direction of a notice (the one still approved is the newer).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from pathways.ingest.programmes.names import norm_name, strip_brackets

__all__ = ["NOTICE", "SAME_TITLE", "notice_successors", "title_successors", "successors_of"]

#: how a successor was found (``checks["standards_status_changed"]``, the links report)
NOTICE, SAME_TITLE = "IfATE notice", "same title on the Skills England map"
_REF = re.compile(r"\b(?:ST|FA)\d{4}\b")
#: a notice sentence that points new starts at another standard (not, e.g., a dispensation naming a plan)
_POINTS_ON = re.compile(
    r"replac|latest agreed version|start new apprentices|consider|instead|alternative|split into", re.IGNORECASE
)
#: a notice sentence on a new standard that says it replaces the one it names
_REPLACES = re.compile(r"replac", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n|;\s")


def _sentences(text: object) -> list[str]:
    """A notice's sentences (its several notices are joined by "; ").

    >>> _sentences("The latest agreed version is&nbsp; ST1433 X. \\nST0543 version 1.1 stays; Paused.")
    ['The latest agreed version is  ST1433 X.', 'ST0543 version 1.1 stays', 'Paused.']
    """
    if not isinstance(text, str):
        return []
    text = text.replace("&nbsp;", " ").replace("\xa0", " ")
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def notice_successors(ifate: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Reference -> {standard its IfATE notices point new starts to: the sentence that says so}.

    Both directions: a sentence on the old standard naming the new one, and a sentence on the new one
    naming the old one as replaced (the caller keeps only successors the map lists as approved).

    >>> df = pd.DataFrame({"Reference": ["ST0113", "ST1488"], "Banners": [
    ...     "The latest agreed version is ST1431 Dental nurse (GDC 2023).",
    ...     "Options 1-4 of ST0233 Hospitality Team Member are replaced with this new apprenticeship."]})
    >>> out = notice_successors(df)
    >>> sorted(out["ST0113"]), sorted(out["ST0233"])
    (['ST1431'], ['ST1488'])
    """
    out: dict[str, dict[str, str]] = defaultdict(dict)
    if "Banners" not in ifate:
        return {}
    for ref, banner in zip(ifate["Reference"].str.strip(), ifate["Banners"]):
        for sentence in _sentences(banner):
            others = sorted(set(_REF.findall(sentence)) - {ref})
            for other in others if _POINTS_ON.search(sentence) else ():
                out[ref].setdefault(other, sentence)
            for other in others if _REPLACES.search(sentence) else ():
                out[other].setdefault(ref, sentence)
    return dict(out)


def _title_key(title: object) -> str:
    return norm_name(strip_brackets(str(title).replace("\u200b", "")))


def title_successors(ifate: pd.DataFrame, map_titles: dict[str, set[str]]) -> dict[str, set[str]]:
    """Reference -> standards the map lists as approved under one of its IfATE names (brackets dropped).

    ``map_titles``: each approved map standard's product and occupation titles.

    >>> ifate = pd.DataFrame({"Reference": ["ST0113"], "Name": ["Dental nurse (integrated)"]})
    >>> title_successors(ifate, {"ST1431": {"Dental nurse"}, "ST0005": {"Adult care worker"}})
    {'ST0113': {'ST1431'}}
    """
    by_title: dict[str, set[str]] = defaultdict(set)
    for ref, titles in map_titles.items():
        for t in titles:
            by_title[_title_key(t)].add(ref)
    out: dict[str, set[str]] = defaultdict(set)
    for ref, name in zip(ifate["Reference"].str.strip(), ifate["Name"]):
        out[ref] |= by_title.get(_title_key(name), set()) - {ref}
    return {k: v for k, v in out.items() if v}


def successors_of(
    ref: str, notices: dict[str, dict[str, str]], titles: dict[str, set[str]], approved: set[str]
) -> dict[str, str]:
    """The successors of ``ref`` that the map lists as approved, each with how it was found.

    >>> successors_of("ST0113", {"ST0113": {"ST1431": "..."}}, {"ST0113": {"ST1431"}}, {"ST1431"})
    {'ST1431': 'IfATE notice'}
    >>> successors_of("ST0286", {}, {}, {"ST1431"})
    {}
    """
    found = {r: NOTICE for r in notices.get(ref, {}) if r in approved}
    for r in sorted(titles.get(ref, set()) & approved):
        found.setdefault(r, SAME_TITLE)
    return dict(sorted(found.items()))
