"""Progression edges of the pathway graph (:mod:`pathways.graph`): one programme or job to the next, and the
kind of evidence (a key of :data:`pathways.graph.EVIDENCE`) each step rests on, from how its row was made.

Only a Skills England progression map row is official, and the hand-written college course ladders say what they
are; every other step is our own link, and says so. Jobs with no formal entry requirements also lead to the
apprenticeships that train for that same job (in-work training).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from pathways.vocab import APPRENTICESHIP_KINDS

__all__ = [
    "IN_WORK_EVIDENCE", "main_occupation", "main_link", "in_work_evidence", "progression_evidence", "add_progressions",
    "add_in_work_training",
]

#: how a programme -> job link was made (``programme_occupations.method``) -> the evidence kind of "training for
#: the job you are doing" built on it; any other method gives ``derived_in_work``
IN_WORK_EVIDENCE: dict[str, str] = {"skills_england_map": "in_work_training", "ncs_named": "in_work_ncs",
                                    "reviewed": "in_work_reviewed"}


def _node_id(kind: str, ident: str) -> str:
    return f"prog:{ident}" if kind == "programme" else f"occ:{ident}"


def add_progressions(g: nx.MultiDiGraph, df: pd.DataFrame) -> None:
    """An edge for each ``progressions`` row between two known nodes, never into a programme closed to new starts."""
    for r in df.sort_values(["from_kind", "from_id", "to_kind", "to_id"]).itertuples(index=False):
        u, v = _node_id(str(r.from_kind), str(r.from_id)), _node_id(str(r.to_kind), str(r.to_id))
        if u not in g or v not in g or u == v:
            g.graph["skipped"]["progresses_to: unknown node"] += 1
            continue
        if g.has_edge(u, v, key="progresses_to"):
            continue
        if g.nodes[v].get("open") is False:
            g.graph["skipped"]["progresses_to: closed to new starts"] += 1
            continue
        evidence = progression_evidence(g, u, v, str(r.rule), str(r.source))
        g.add_edge(u, v, key="progresses_to", kind="progresses_to", rule=str(r.rule), strength=r.strength,
                   evidence=evidence, evidence_source=str(r.source), why=f"{r.rule} ({r.source})")


def main_occupation(g: nx.MultiDiGraph, prog: str) -> str | None:
    """A programme's main job: its official first link (lowest rank, then highest confidence)."""
    link = main_link(g, prog)
    return link[0] if link else None


def main_link(g: nx.MultiDiGraph, prog: str) -> tuple[str, str] | None:
    """A programme's main job and how that link was made (``programme_occupations.method``)."""
    links = [(e.get("rank", 1), -e["confidence"], v, str(e.get("method", ""))) for _, v, e in g.out_edges(prog, data=True)
             if e["kind"] == "trains_for"]
    return (min(links)[2], min(links)[3]) if links else None


def in_work_evidence(g: nx.MultiDiGraph, occ: str, prog: str) -> str:
    """The evidence kind of "training for the job you are doing" (job ``occ`` -> apprenticeship ``prog``): named by
    how the apprenticeship's link to the job was made, and always our own link (no source states the step)."""
    e = g.get_edge_data(prog, occ, key="trains_for") or {}
    return IN_WORK_EVIDENCE.get(str(e.get("method", "")), "derived_in_work")


def progression_evidence(g: nx.MultiDiGraph, u: str, v: str, rule: str, source: str) -> str:
    """The :data:`~pathways.graph.EVIDENCE` kind of a ``progressions`` row, from how the row was made (its rule and source).

    Only a Skills England progression map row is official, and the hand-written college course ladders say what they
    are; every other row is our own link, whatever its rule. "Same job, next level" is labelled as resting on the
    Skills England map only when both programmes' *main* jobs are the same and both links to it are the map's
    (from a foundation apprenticeship to a full one for the same job, it names GOV.UK's word on what foundation
    apprenticeships are for);
    when their main jobs differ (e.g. a bus driver standard whose tram option is coded as train driving) it is a
    link between the same group of jobs.

    >>> g = nx.MultiDiGraph()
    >>> progression_evidence(g, "prog:A", "prog:B", "skills_england_progression_map", "Skills England occupational maps")
    'official_progression'
    >>> progression_evidence(g, "prog:A", "prog:B", "skills_england_progression_map", "derived: same route")
    'derived_same_soc_group'
    """
    said_derived = source.strip().lower().startswith("derived")
    if rule == "skills_england_progression_map" and not said_derived:
        return "official_progression"
    if rule == "fe_next_level" and not said_derived:
        return "next_level_same_course"
    if rule == "after_bootcamp":
        return "after_bootcamp"
    if rule == "after_college_course":
        return "after_college_course"
    if rule == "in_work_training" and g.nodes.get(u, {}).get("kind") == "occupation":
        return in_work_evidence(g, u, v)
    if rule == "same_occupation_next_level":
        mu, mv = main_link(g, u), main_link(g, v)
        if mu is None or mv is None or mu[0] != mv[0]:
            return "derived_same_soc_group"
        if g.nodes[u].get("programme_kind") == "foundation_apprenticeship" \
                and g.nodes[v].get("programme_kind") == "apprenticeship":
            return "after_foundation"
        official = mu[1] == mv[1] == "skills_england_map"
        return "derived_same_job" if official else "derived_same_job_matched"
    if rule == "similar_title_next_level":
        return "derived_similar_title"
    return "derived_same_soc_group"


def add_in_work_training(g: nx.MultiDiGraph) -> None:
    """Jobs with no formal requirements -> the apprenticeships that train for that same job (our own link)."""
    for node, a in list(g.nodes(data=True)):
        if a["kind"] != "occupation" or not a["no_formal_requirements"]:
            continue
        for prog, _, e in list(g.in_edges(node, data=True)):
            pa = g.nodes[prog]
            if e["kind"] != "trains_for" or not pa["open"] or pa["programme_kind"] not in APPRENTICESHIP_KINDS or pa["level"] > 3:
                continue
            if g.has_edge(node, prog, key="progresses_to"):
                continue
            g.add_edge(node, prog, key="progresses_to", kind="progresses_to", rule="in-work training", strength=None,
                       evidence=in_work_evidence(g, node, prog),
                       evidence_source=f"link between the apprenticeship and the job: {e.get('method')}",
                       why="Derived: an apprenticeship that trains for this same job, which an employer can offer "
                           "to someone already doing it.")
