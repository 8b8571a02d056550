"""The start and programme nodes of the pathway graph (:mod:`pathways.graph`).

A start node is where a learner is now (their highest qualification, with or without English and maths at
grade 4); a programme node is an apprenticeship standard or one of the other programmes (T Level, HTQ, Skills
Bootcamp, college course family, supported internship). Each node says ``why`` it exists.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from pathways.profile import QUALIFICATION_LABELS, QUALIFICATION_LEVEL, QUALIFICATIONS, start_node
from pathways.vocab import KINDS, apprenticeship_kind

__all__ = ["START_NODES", "programme_kind", "whole_number", "add_starts", "add_standards", "add_programmes"]

#: every start node id, lowest first. English and maths at grade 4 is a separate start from Level 2.
START_NODES: tuple[str, ...] = tuple(
    dict.fromkeys(start_node(q, em) for q in QUALIFICATIONS for em in (False, True))
)


def programme_kind(row: Any) -> str:
    """The ``entry_rules.programme_kind`` of a standards row (foundation or not)."""
    return apprenticeship_kind(getattr(row, "is_foundation", False))


def whole_number(value: Any, default: int | None = None) -> int | None:
    """A table cell as an int, ``default`` when it is missing.

    >>> whole_number(3.0), whole_number(None), whole_number(float("nan"), 12)
    (3, None, 12)
    """
    return default if value is None or pd.isna(value) else int(value)


def add_starts(g: nx.MultiDiGraph) -> None:
    """One node per start (:data:`START_NODES`)."""
    for node in START_NODES:
        q, _, em = node.removeprefix("start:").partition("+")
        label = QUALIFICATION_LABELS[q] + (", including English and maths at grade 4" if em else "")
        g.add_node(node, kind="start", qualification=q, level=QUALIFICATION_LEVEL[q], english_maths=bool(em),
                   title=label, why="A starting point: the learner's highest qualification so far.")


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
            f"prog:{r.programme_id}", kind="programme", programme_kind=kind, id=str(r.programme_id),
            title=str(r.title), level=int(r.level), route=str(r.route) if pd.notna(r.route) else None,
            months=months if months else 12, months_estimated=not months, paid=KINDS[kind].paid, open=r.status == "approved",
            is_degree=bool(r.is_degree), status=str(r.status), starts=whole_number(getattr(r, "starts_latest", None)),
            why=f"Apprenticeship standard {r.programme_id} ({status}: {source}{', ' + date if date else ''}).",
        )


def add_programmes(g: nx.MultiDiGraph, df: pd.DataFrame) -> None:
    """The programmes that are not apprenticeship standards, each open to new starts."""
    for r in df.itertuples(index=False):
        g.add_node(
            f"prog:{r.programme_id}", kind="programme", programme_kind=str(r.kind), id=str(r.programme_id),
            title=str(r.title), level=int(r.level), route=str(r.route) if pd.notna(r.route) else None,
            months=int(r.duration_months), months_estimated=False, paid=bool(r.paid), open=True, is_degree=False,
            status="available", starts=None, min_age=whole_number(r.min_age), max_age=whole_number(r.max_age),
            why=f"{r.source} ({r.source_url}, {r.source_date})",
        )
