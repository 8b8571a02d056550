"""What a sound pathway graph is (:func:`pathways.graph.check_graph` runs these): every node and edge of a known
kind and saying why it exists, no entry edge asking for more than its start has, no step into a programme closed to
new starts, and every approved standard reachable from some start.
"""

from __future__ import annotations

import networkx as nx

from pathways.vocab import APPRENTICESHIP_KINDS

__all__ = ["EDGE_KINDS", "node_problems", "edge_problems", "unreachable_standards"]

EDGE_KINDS = ("entry", "qualifies", "trains_for", "progresses_to", "direct_entry")


def node_problems(g: nx.MultiDiGraph) -> list[str]:
    """Nodes of no known kind (an edge pointing at a node never described makes one), or not saying why they exist."""
    problems: list[str] = []
    for n, a in g.nodes(data=True):
        if a.get("kind") not in ("start", "programme", "occupation"):
            problems.append(f"dangling or unknown node {n}")
        elif not a.get("why"):
            problems.append(f"node {n} does not say why it exists")
    return problems


def edge_problems(g: nx.MultiDiGraph) -> list[str]:
    """Edges of no known kind or not saying why, entry edges their start cannot take, qualifications above the
    programme's level, and steps into a programme closed to new starts."""
    problems: list[str] = []
    for u, v, k, e in g.edges(keys=True, data=True):
        if e.get("kind") not in EDGE_KINDS:
            problems.append(f"edge {u}->{v} ({k}) has unknown kind {e.get('kind')!r}")
        if not e.get("why"):
            problems.append(f"edge {u}->{v} ({k}) does not say why it exists")
        if e.get("kind") == "entry":
            problems.extend(_check_entry(g, u, v, e))
        if e.get("kind") == "qualifies" and g.nodes[v].get("level", 99) > max(g.nodes[u].get("level", 0), 0) + 1:
            problems.append(f"{u} claims to give {v}, above its own level")
        if e.get("kind") in ("entry", "progresses_to") and g.nodes[v].get("open") is False:
            problems.append(f"{v} is closed to new starts ({g.nodes[v].get('status')}) but {u} leads into it")
    return problems


def unreachable_standards(g: nx.MultiDiGraph) -> list[str]:
    """Approved standards no start leads to."""
    problems: list[str] = []
    starts = [n for n, a in g.nodes(data=True) if a.get("kind") == "start"]
    reachable = set(starts)
    for s in starts:
        reachable |= nx.descendants(g, s)
    for n, a in g.nodes(data=True):
        if (
            a.get("kind") == "programme"
            and a.get("programme_kind", "") in APPRENTICESHIP_KINDS
            and a.get("status") == "approved"
            and n not in reachable
        ):
            problems.append(f"approved standard {n} ({a.get('title')}) cannot be reached from any start")
    return problems


def _check_entry(g: nx.MultiDiGraph, u: str, v: str, e: dict) -> list[str]:
    """What is wrong with one entry edge: not from a start to a programme, asking for more than the start has, or
    with an empty age window."""
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
