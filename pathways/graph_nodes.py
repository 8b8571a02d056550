"""The start and programme nodes of the pathway graph (:mod:`pathways.graph`).

A start node is where a learner is now (their highest qualification, with or without English and maths at
grade 4); a programme node is an apprenticeship standard or one of the other programmes (T Level, HTQ, Skills
Bootcamp, college course family, supported internship). Each node says ``why`` it exists. A standard closed to new
starts says so in plain words (:func:`status_words`) wherever it is shown.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from pathways.profile import QUALIFICATION_LABELS, QUALIFICATION_LEVEL, QUALIFICATIONS, start_node
from pathways.vocab import KINDS, apprenticeship_kind

__all__ = [
    "START_NODES",
    "STATUS_WORDS",
    "programme_kind",
    "whole_number",
    "status_words",
    "successor_words",
    "add_starts",
    "add_standards",
    "add_programmes",
]

#: every start node id, lowest first. English and maths at grade 4 is a separate start from Level 2.
START_NODES: tuple[str, ...] = tuple(dict.fromkeys(start_node(q, em) for q in QUALIFICATIONS for em in (False, True)))
#: plain words for a standard that is not open to new starts (see :func:`status_words`); every status but
#: "approved" closes a standard: it is never a route step (no entry or progression edge leads into it)
STATUS_WORDS: dict[str, str] = {
    "paused": "paused for new starts",
    "retired": "retired: no new starts",
    "withdrawn": "withdrawn: no new starts",
    "replaced": "replaced: no new starts",
}


def programme_kind(row: Any) -> str:
    """The ``entry_rules.programme_kind`` of a standards row (foundation or not)."""
    return apprenticeship_kind(getattr(row, "is_foundation", False))


def whole_number(value: Any, default: int | None = None) -> int | None:
    """A table cell as an int, ``default`` when it is missing.

    >>> whole_number(3.0), whole_number(None), whole_number(float("nan"), 12)
    (3, None, 12)
    """
    return default if value is None or pd.isna(value) else int(value)


def status_words(status: str, successors: str = "") -> str:
    """A standard's status in plain words, for anyone it is shown to ("" when open to new starts).

    ``successors``: for a replaced standard, what took over from it, in words (:func:`successor_words`).

    >>> status_words("paused"), status_words("approved")
    ('paused for new starts', '')
    >>> status_words("replaced"), status_words("replaced", "ST1431 Dental nurse")
    ('replaced: no new starts', 'replaced by ST1431 Dental nurse: no new starts')
    """
    if status == "replaced" and successors:
        return f"replaced by {successors}: no new starts"
    return STATUS_WORDS.get(status, "")


def successor_words(replaced_by: object, titles: Any) -> str:
    """A replaced standard's successors in words, from its ``replaced_by`` cell and a reference -> title lookup.

    >>> successor_words("ST1420; ST1488", {"ST1420": "Hospitality accommodation team member",
    ...                                    "ST1488": "Food and beverage team member"})
    'Hospitality accommodation team member or Food and beverage team member'
    >>> successor_words(None, {})
    ''
    """
    refs = [r for r in str(replaced_by).split("; ") if r] if isinstance(replaced_by, str) else []
    named = [str(titles.get(r, r)) for r in refs]
    return ", ".join(named[:-1]) + " or " + named[-1] if len(named) > 1 else "".join(named)


def add_starts(g: nx.MultiDiGraph) -> None:
    """One node per start (:data:`START_NODES`)."""
    for node in START_NODES:
        q, _, em = node.removeprefix("start:").partition("+")
        label = QUALIFICATION_LABELS[q] + (", including English and maths at grade 4" if em else "")
        g.add_node(
            node,
            kind="start",
            qualification=q,
            level=QUALIFICATION_LEVEL[q],
            english_maths=bool(em),
            title=label,
            why="A starting point: the learner's highest qualification so far.",
        )


def _replaced_by(row: Any) -> str:
    """A standards row's successors ("; "-separated references), "" when none (or no such column)."""
    value = getattr(row, "replaced_by", None)
    return value if isinstance(value, str) else ""


def add_standards(g: nx.MultiDiGraph, df: pd.DataFrame) -> None:
    """Standards; only an approved one is ``open`` (paused, retired, withdrawn and replaced ones take no new starts)."""
    for r in df.itertuples(index=False):
        months = whole_number(r.duration_months)
        kind = programme_kind(r)
        source = getattr(r, "status_source", "Skills England / IfATE")
        date = getattr(r, "status_date", "")
        successors = _replaced_by(r)
        status = f"{r.status} by {successors}" if successors else str(r.status)
        g.add_node(
            f"prog:{r.programme_id}",
            kind="programme",
            programme_kind=kind,
            id=str(r.programme_id),
            title=str(r.title),
            level=int(r.level),
            route=str(r.route) if pd.notna(r.route) else None,
            months=months if months else 12,
            months_estimated=not months,
            paid=KINDS[kind].paid,
            open=r.status == "approved",
            is_degree=bool(r.is_degree),
            status=str(r.status),
            starts=whole_number(getattr(r, "starts_latest", None)),
            why=f"Apprenticeship standard {r.programme_id} ({status}: {source}{', ' + date if date else ''}).",
        )


def add_programmes(g: nx.MultiDiGraph, df: pd.DataFrame) -> None:
    """The programmes that are not apprenticeship standards, each open to new starts."""
    for r in df.itertuples(index=False):
        g.add_node(
            f"prog:{r.programme_id}",
            kind="programme",
            programme_kind=str(r.kind),
            id=str(r.programme_id),
            title=str(r.title),
            level=int(r.level),
            route=str(r.route) if pd.notna(r.route) else None,
            months=int(r.duration_months),
            months_estimated=False,
            paid=bool(r.paid),
            open=True,
            is_degree=False,
            status="available",
            starts=None,
            min_age=whole_number(r.min_age),
            max_age=whole_number(r.max_age),
            why=f"{r.source} ({r.source_url}, {r.source_date})",
        )
