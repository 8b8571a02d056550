"""The pathway graph: where a learner starts, the programmes they can take, the jobs they lead to.

Built once from the bundle and frozen (``nx.freeze``), so every session shares one read-only
graph. Node ids:

- ``start:<qualification>[+em]``: where a learner is now (``start:level2+em`` = Level 2 with
  English and maths at grade 4);
- ``prog:<programme_id>``: an apprenticeship standard (incl. foundation and degree
  apprenticeships), T Level, HTQ, Skills Bootcamp, FE course family or supported internship;
- ``occ:<soc>``: a SOC 2020 unit group.

Every node and every edge carries ``why``: the source or rule it comes from, in plain words.
Edge ``kind`` is one of ``entry`` (start -> programme, with the entry rule from the
``entry_rules`` table: age limits are checked at search time), ``qualifies`` (programme -> the
start node of the level it gives), ``trains_for`` (programme -> occupation, with confidence),
``progresses_to`` (programme/occupation -> programme/occupation) and ``direct_entry``
(start -> occupation with no formal entry requirements).

Examples
--------
>>> g = build_graph(bundle)          # doctest: +SKIP
>>> check_graph(g)                   # doctest: +SKIP
[]
"""

from __future__ import annotations

import re

from collections import Counter, defaultdict
from typing import Any

import networkx as nx
import pandas as pd

from pathways.profile import QUALIFICATION_LABELS, QUALIFICATION_LEVEL, QUALIFICATIONS, start_node

__all__ = [
    "build_graph",
    "check_graph",
    "EDGE_KINDS",
    "START_NODES",
    "DIRECT_ENTRY_MIN_AGE",
    "DIRECT_ENTRY_MAJOR_GROUPS",
    "DIRECT_ENTRY_EXCLUDE",
    "DIRECT_ENTRY_EXCLUDE_TITLE",
    "is_direct_entry",
    "gained_qualification",
    "NO_QUALIFICATION_KINDS",
    "programme_kind",
]

EDGE_KINDS = ("entry", "qualifies", "trains_for", "progresses_to", "direct_entry")

#: every start node id, lowest first. English and maths at grade 4 is a separate start from Level 2.
START_NODES: tuple[str, ...] = tuple(
    dict.fromkeys(start_node(q, em) for q in QUALIFICATIONS for em in (False, True))
)

#: full-time work (with part-time education or training until 18) is open from the school
#: leaving age; the one age rule that is not in ``entry_rules`` because it is not a programme.
DIRECT_ENTRY_MIN_AGE = 16
DIRECT_ENTRY_WHY = (
    "ONS SOC 2020 says this job has no formal entry requirements. You can work full-time from 16 "
    "if you also do part-time education or training until 18 "
    "(gov.uk/know-when-you-can-leave-school, checked 2026-11)."
)
#: SOC major groups offered as jobs straight from school when ONS says "no formal academic
#: requirements": not managers (1), professionals (2) or associate professionals (3), which in
#: practice need experience or a qualification, nor skilled trades (5), which are learned through an
#: apprenticeship (those routes are still offered, through the apprenticeship)
DIRECT_ENTRY_MAJOR_GROUPS = ("4", "6", "7", "8", "9")
#: words in the ONS entry-routes text that mean a job is not open straight from school even though
#: it asks for no qualifications: a licence, an age limit or a test (e.g. drivers, security guards)
DIRECT_ENTRY_EXCLUDE = re.compile(r"licen[cs]|age restriction|minimum age|must be aged|must pass|required to hold|must hold",
                                  re.IGNORECASE)
#: job titles that mean experience first: supervisors, senior and lead roles
DIRECT_ENTRY_EXCLUDE_TITLE = re.compile(r"supervisor|\bsenior\b|\bmanager|\bowners?\b|proprietor", re.IGNORECASE)
#: confidence below which a programme -> occupation link is not used
MIN_CONFIDENCE = 0.3


def programme_kind(row: Any) -> str:
    """The ``entry_rules.programme_kind`` of a standards row (foundation or not)."""
    return "foundation_apprenticeship" if bool(getattr(row, "is_foundation", False)) else "apprenticeship"


#: programmes that lead to work but do not give a qualification at their level
NO_QUALIFICATION_KINDS = ("bootcamp", "supported_internship")


def gained_qualification(level: int, kind: str = "") -> str | None:
    """The start qualification a programme of ``level`` and ``kind`` gives.

    None for degree level 6-7 (there is no start node above Level 4-5 without a degree) and for
    Skills Bootcamps and supported internships, which lead to work, not to a qualification.

    >>> gained_qualification(0), gained_qualification(3), gained_qualification(5), gained_qualification(6)
    ('entry', 'level3', 'level4', None)
    >>> gained_qualification(3, "bootcamp") is None
    True
    """
    if level >= 6 or kind in NO_QUALIFICATION_KINDS:
        return None
    return QUALIFICATIONS[min(max(level, 0), 4) + 1]


def build_graph(bundle: Any) -> nx.MultiDiGraph:
    """Build and freeze the pathway graph from a bundle (anything with the tables as attributes).

    Returns
    -------
    networkx.MultiDiGraph
        frozen; ``g.graph`` holds ``skipped`` (counts of links that named unknown nodes).
    """
    g = nx.MultiDiGraph()
    g.graph["skipped"] = Counter()
    _add_starts(g)
    _add_standards(g, bundle.standards)
    _add_programmes(g, bundle.programmes)
    _add_occupations(g, bundle.occupations)
    _add_trains_for(g, bundle.programme_occupations)
    _add_entry(g, bundle.entry_rules)
    _add_qualifies(g)
    _add_progressions(g, bundle.progressions)
    _add_in_work_training(g)
    _add_direct_entry(g)
    _set_occupation_routes(g)
    g.graph["skipped"] = dict(sorted(g.graph["skipped"].items()))
    return nx.freeze(g)


# ---------------------------------------------------------------------------- nodes
def _add_starts(g: nx.MultiDiGraph) -> None:
    for node in START_NODES:
        q, _, em = node.removeprefix("start:").partition("+")
        label = QUALIFICATION_LABELS[q] + (", including English and maths at grade 4" if em else "")
        g.add_node(node, kind="start", qualification=q, level=QUALIFICATION_LEVEL[q], english_maths=bool(em),
                   title=label, why="A starting point: the learner's highest qualification so far.")


def _int(value: Any, default: int | None = None) -> int | None:
    return default if value is None or pd.isna(value) else int(value)


def _add_standards(g: nx.MultiDiGraph, df: pd.DataFrame) -> None:
    for r in df.itertuples(index=False):
        months = _int(r.duration_months)
        kind = programme_kind(r)
        g.add_node(
            f"prog:{r.programme_id}", kind="programme", programme_kind=kind, id=str(r.programme_id),
            title=str(r.title), level=int(r.level), route=str(r.route) if pd.notna(r.route) else None,
            months=months if months else 12, months_estimated=not months, paid=True, open=r.status == "approved",
            is_degree=bool(r.is_degree), status=str(r.status), starts=_int(getattr(r, "starts_2024_25", None)),
            why=f"Apprenticeship standard {r.programme_id} ({r.status}), Skills England / IfATE.",
        )


def _add_programmes(g: nx.MultiDiGraph, df: pd.DataFrame) -> None:
    for r in df.itertuples(index=False):
        g.add_node(
            f"prog:{r.programme_id}", kind="programme", programme_kind=str(r.kind), id=str(r.programme_id),
            title=str(r.title), level=int(r.level), route=str(r.route) if pd.notna(r.route) else None,
            months=int(r.duration_months), months_estimated=False, paid=bool(r.paid), open=True, is_degree=False,
            status="available", starts=None, min_age=_int(r.min_age), max_age=_int(r.max_age),
            why=f"{r.source} ({r.source_url}, {r.source_date})",
        )


def is_direct_entry(soc: str, no_formal_requirements: bool, entry_routes: str, title: str = "") -> bool:
    """Whether a job is open straight from school, with no qualifications.

    >>> is_direct_entry("9251", True, "There are no formal academic entry requirements.")
    True
    >>> is_direct_entry("8211", True, "No formal academic requirements. A licence is required.")
    False
    >>> is_direct_entry("5241", True, "Entry is possible without academic qualifications.")
    False
    >>> is_direct_entry("4162", True, "There are no formal academic entry requirements.", "Office supervisors")
    False
    """
    return (no_formal_requirements and soc[:1] in DIRECT_ENTRY_MAJOR_GROUPS
            and not DIRECT_ENTRY_EXCLUDE.search(entry_routes) and not DIRECT_ENTRY_EXCLUDE_TITLE.search(title))


def _add_occupations(g: nx.MultiDiGraph, df: pd.DataFrame) -> None:
    for r in df.itertuples(index=False):
        g.add_node(
            f"occ:{r.soc}", kind="occupation", id=str(r.soc), soc=str(r.soc), title=str(r.title),
            major_group=str(r.soc)[0], no_formal_requirements=bool(r.no_formal_requirements), route=None,
            direct_entry=is_direct_entry(str(r.soc), bool(r.no_formal_requirements), str(r.entry_routes), str(r.title)),
            why=f"ONS SOC 2020 unit group {r.soc}.",
        )


# ---------------------------------------------------------------------------- edges
def _has(g: nx.MultiDiGraph, node: str, kind: str) -> bool:
    return node in g and g.nodes[node].get("kind") == kind


def _add_trains_for(g: nx.MultiDiGraph, df: pd.DataFrame) -> None:
    for r in df.itertuples(index=False):
        u, v = f"prog:{r.programme_id}", f"occ:{r.soc}"
        if not (_has(g, u, "programme") and _has(g, v, "occupation")):
            g.graph["skipped"]["trains_for: unknown programme or occupation"] += 1
            continue
        if float(r.confidence) < MIN_CONFIDENCE:
            g.graph["skipped"]["trains_for: confidence too low"] += 1
            continue
        note = f": {r.note}" if isinstance(r.note, str) and r.note else ""
        g.add_edge(u, v, key="trains_for", kind="trains_for", confidence=float(r.confidence), method=str(r.method),
                   why=f"Trains for this occupation ({r.method}, confidence {float(r.confidence):.2f}){note}")


def _rules_by_kind(rules: pd.DataFrame) -> dict[tuple[str, int | None], list[dict]]:
    """Rules by (kind, level) and, for rules about one programme, by ("id", programme_id)."""
    out: dict[tuple[str, int | None], list[dict]] = defaultdict(list)
    for r in rules.sort_values("rule_id").to_dict("records"):
        pid = r.get("programme_id")
        if isinstance(pid, str) and pid:
            out[("id", pid)].append(r)  # type: ignore[index]
        else:
            out[(str(r["programme_kind"]), _int(r["level"]))].append(r)
    return out


def _add_entry(g: nx.MultiDiGraph, rules: pd.DataFrame) -> None:
    by_kind = _rules_by_kind(rules)
    starts = [(s, g.nodes[s]) for s in START_NODES]
    for node, a in list(g.nodes(data=True)):
        if a["kind"] != "programme" or not a["open"]:
            continue
        matching = (by_kind.get(("id", a["id"])) or by_kind.get((a["programme_kind"], a["level"]))
                    or by_kind.get((a["programme_kind"], None), []))
        if not matching:
            g.graph["skipped"][f"entry: no rule for {a['programme_kind']} level {a['level']}"] += 1
        for rule in matching:
            for s, sa in starts:
                if sa["level"] < int(rule["min_prior_level"]):
                    continue
                if bool(rule["needs_english_maths"]) and not sa["english_maths"]:
                    continue
                g.add_edge(
                    s, node, key=f"entry:{rule['rule_id']}", kind="entry", rule_id=str(rule["rule_id"]),
                    min_prior_level=int(rule["min_prior_level"]), needs_english_maths=bool(rule["needs_english_maths"]),
                    min_age=int(rule["min_age"]), max_age=_int(rule["max_age"]),
                    exception_max_age=_int(rule["exception_max_age"]),
                    exception_text=str(rule["exception_text"] or "") if pd.notna(rule["exception_text"]) else "",
                    requires_ehcp=bool(rule["requires_ehcp"]),
                    why=f"{rule['text']} ({rule['source']}, {rule['source_url']}, {rule['source_date']})",
                )


def _add_qualifies(g: nx.MultiDiGraph) -> None:
    for node, a in list(g.nodes(data=True)):
        if a["kind"] != "programme":
            continue
        q = gained_qualification(a["level"], a["programme_kind"])
        if q is None:
            continue
        target = start_node(q, False)
        g.add_edge(node, target, key="qualifies", kind="qualifies", level=QUALIFICATION_LEVEL[q],
                   why=f"Completing a Level {a['level']} programme gives a Level {a['level']} qualification."
                   if a["level"] > 0 else "Completing an Entry level programme gives an Entry level qualification.")


def _node_id(kind: str, ident: str) -> str:
    return f"prog:{ident}" if kind == "programme" else f"occ:{ident}"


def _add_progressions(g: nx.MultiDiGraph, df: pd.DataFrame) -> None:
    for r in df.sort_values(["from_kind", "from_id", "to_kind", "to_id"]).itertuples(index=False):
        u, v = _node_id(str(r.from_kind), str(r.from_id)), _node_id(str(r.to_kind), str(r.to_id))
        if u not in g or v not in g or u == v:
            g.graph["skipped"]["progresses_to: unknown node"] += 1
            continue
        if g.has_edge(u, v, key="progresses_to"):
            continue
        g.add_edge(u, v, key="progresses_to", kind="progresses_to", rule=str(r.rule), strength=r.strength,
                   why=f"{r.rule} ({r.source})")


def _add_in_work_training(g: nx.MultiDiGraph) -> None:
    """Jobs with no formal requirements -> the apprenticeships that train for that same job."""
    for node, a in list(g.nodes(data=True)):
        if a["kind"] != "occupation" or not a["no_formal_requirements"]:
            continue
        for prog, _, e in list(g.in_edges(node, data=True)):
            pa = g.nodes[prog]
            if e["kind"] != "trains_for" or not pa["open"] or pa["programme_kind"] not in (
                    "apprenticeship", "foundation_apprenticeship") or pa["level"] > 3:
                continue
            if g.has_edge(node, prog, key="progresses_to"):
                continue
            g.add_edge(node, prog, key="progresses_to", kind="progresses_to", rule="in-work training", strength=None,
                       why="Derived: an apprenticeship that trains for this same job, which an employer can offer "
                           "to someone already doing it.")


def _add_direct_entry(g: nx.MultiDiGraph) -> None:
    for node, a in list(g.nodes(data=True)):
        if a["kind"] != "occupation" or not a["direct_entry"]:
            continue
        for s in START_NODES:
            g.add_edge(s, node, key="direct_entry", kind="direct_entry", min_age=DIRECT_ENTRY_MIN_AGE,
                       max_age=None, exception_max_age=None, requires_ehcp=False, why=DIRECT_ENTRY_WHY)


def _set_occupation_routes(g: nx.MultiDiGraph) -> None:
    """An occupation's route = the most common route of the programmes that train for it."""
    for node, a in g.nodes(data=True):
        if a["kind"] != "occupation":
            continue
        counts = Counter(g.nodes[u]["route"] for u, _, k in g.in_edges(node, keys=True)
                         if k == "trains_for" and g.nodes[u]["route"])
        a["routes"] = tuple(sorted(counts))
        a["route"] = min(counts, key=lambda r: (-counts[r], r)) if counts else None


# ---------------------------------------------------------------------------- checks
def check_graph(g: nx.MultiDiGraph) -> list[str]:
    """Problems with the graph, in plain words; an empty list means it is sound.

    Checks: every node and edge has a known kind and a ``why``; no edge points at a node
    that was never described (dangling); every approved standard is reachable from some start;
    no entry edge asks for a level or English and maths its start node does not have; every
    entry edge has a non-empty age window; qualifies edges never give more than the programme's level.
    """
    problems: list[str] = []
    for n, a in g.nodes(data=True):
        if a.get("kind") not in ("start", "programme", "occupation"):
            problems.append(f"dangling or unknown node {n}")
        elif not a.get("why"):
            problems.append(f"node {n} does not say why it exists")
    for u, v, k, e in g.edges(keys=True, data=True):
        if e.get("kind") not in EDGE_KINDS:
            problems.append(f"edge {u}->{v} ({k}) has unknown kind {e.get('kind')!r}")
        if not e.get("why"):
            problems.append(f"edge {u}->{v} ({k}) does not say why it exists")
        if e.get("kind") == "entry":
            problems.extend(_check_entry(g, u, v, e))
        if e.get("kind") == "qualifies" and g.nodes[v].get("level", 99) > max(g.nodes[u].get("level", 0), 0) + 1:
            problems.append(f"{u} claims to give {v}, above its own level")
    starts = [n for n, a in g.nodes(data=True) if a.get("kind") == "start"]
    reachable = set(starts)
    for s in starts:
        reachable |= nx.descendants(g, s)
    for n, a in g.nodes(data=True):
        if a.get("kind") == "programme" and a.get("programme_kind", "").endswith("apprenticeship") \
                and a.get("status") == "approved" and n not in reachable:
            problems.append(f"approved standard {n} ({a.get('title')}) cannot be reached from any start")
    return problems


def _check_entry(g: nx.MultiDiGraph, u: str, v: str, e: dict) -> list[str]:
    out = []
    s = g.nodes[u]
    if s.get("kind") != "start" or g.nodes[v].get("kind") != "programme":
        out.append(f"entry edge {u}->{v} does not go from a start to a programme")
        return out
    if e["min_prior_level"] > s["level"]:
        out.append(f"entry edge {u}->{v} needs Level {e['min_prior_level']} but the start has {s['level']}")
    if e["needs_english_maths"] and not s["english_maths"]:
        out.append(f"entry edge {u}->{v} needs English and maths but the start has not")
    top = 200 if e["max_age"] is None else e["max_age"]
    if e["exception_max_age"] is not None:
        top = max(top, e["exception_max_age"])
    if e["min_age"] > top:
        out.append(f"entry edge {u}->{v} has an empty age window")
    return out
