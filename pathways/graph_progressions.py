"""Progression edges of the pathway graph (:mod:`pathways.graph`): one programme or job to the next, the kinds of
evidence a step can rest on (:data:`EVIDENCE`) and which one each step rests on, from how its row was made; and the
Job page's questions of the same links: a job's ways in, and the next steps an adviser would name after them.

Only a Skills England progression map row is official, and the hand-written college course ladders say what they
are; every other step is our own link, and says so. Jobs with no formal entry requirements also lead to the
apprenticeships that train for that same job (in-work training).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from pathways.figures import as_int
from pathways.graph_nodes import status_words, successor_words
from pathways.schema.programmes import LINK_BASIS
from pathways.vocab import APPRENTICESHIP, APPRENTICESHIP_KINDS, FOUNDATION_APPRENTICESHIP, apprenticeship_kind, kind_label
from pathways.words import plain_title

__all__ = [
    "EvidenceKind",
    "EVIDENCE",
    "IN_WORK_EVIDENCE",
    "main_link",
    "in_work_evidence",
    "progression_evidence",
    "add_progressions",
    "add_in_work_training",
    "JobWay",
    "JobLead",
    "LEAD_FROM_CONFIDENCE",
    "LEAD_FROM_RANK",
    "LEAD_MAX_LEVEL",
    "LEAD_WHY",
    "ways_in",
    "leads_to",
]


@dataclass(frozen=True)
class EvidenceKind:
    """What kind of evidence says one step leads to the next: the words shown, how strong it is (0-1, the route's
    weakest step sets its evidence score) and whether the link is our own inference (at most
    :data:`~pathways.routes.settings.MAX_DERIVED` of those in a route, and never into Level 6-7)."""

    label: str
    strength: float
    derived: bool


#: every kind of evidence, by key. A link is "derived" when no source states it as a step from one to the
#: other, whatever official facts it rests on: its words then start "our own link" and it scores lower
#: (0.6 when both ends rest on official or checked links to the same job, else 0.4). Official links name their source.
EVIDENCE: dict[str, EvidenceKind] = {
    "entry_rule": EvidenceKind("its entry rules let you start it", 1.0, False),
    "no_formal_requirements": EvidenceKind("ONS says it has no formal entry requirements", 1.0, False),
    "official_progression": EvidenceKind(
        "the official progression map shows this next step (Skills England occupational maps)", 1.0, False
    ),
    "next_level_same_course": EvidenceKind("the next level of the same college course", 0.9, False),
    "general_course_next_level": EvidenceKind(
        "what the course before gives (a level, or English and maths) meets its entry rules", 0.7, False
    ),
    "after_supported_internship": EvidenceKind(
        "supported internships aim at a paid job or an apprenticeship (GOV.UK: Supported internships)", 0.8, False
    ),
    "derived_same_job": EvidenceKind(
        "our own link: training for the same job, one level up (the Skills England map links both to that job; weaker evidence)",
        0.6,
        True,
    ),
    "derived_same_job_matched": EvidenceKind(
        "our own link: training for the same job, one level up (we matched both to that job; weaker evidence)", 0.4, True
    ),
    "after_foundation": EvidenceKind(
        "our own link: a foundation apprenticeship is a first step towards a full "
        "apprenticeship (GOV.UK: Foundation apprenticeships), and this one trains for the "
        "same job",
        0.8,
        True,
    ),
    "in_work_training": EvidenceKind(
        "our own link: training for the job you are doing (the Skills England map links "
        "this apprenticeship to the job; weaker evidence)",
        0.6,
        True,
    ),
    "in_work_ncs": EvidenceKind(
        "our own link: training for the job you are doing (the National Careers Service names "
        "this apprenticeship for the job; weaker evidence)",
        0.6,
        True,
    ),
    "in_work_reviewed": EvidenceKind(
        "our own link: training for the job you are doing (we checked the apprenticeship "
        "against ONS's description of the job; weaker evidence)",
        0.6,
        True,
    ),
    "derived_in_work": EvidenceKind(
        "our own link: training matched to the job you are doing by its title or a published list (weaker evidence)", 0.4, True
    ),
    "derived_same_route": EvidenceKind(
        "our own link: same subject and the same kind of job, one level up (weaker evidence)", 0.4, True
    ),
    "derived_similar_title": EvidenceKind("our own link: a similar job title, one level up (weaker evidence)", 0.4, True),
    "derived_same_soc_group": EvidenceKind("our own link: the same group of jobs, one level up (weaker evidence)", 0.4, True),
    "after_bootcamp": EvidenceKind(
        "our own link: a Skills Bootcamp ends with a job interview, which can lead to an "
        "apprenticeship (GOV.UK: Skills Bootcamps); this one trains for the job the "
        "bootcamp teaches skills for (weaker evidence)",
        0.4,
        True,
    ),
    "after_college_course": EvidenceKind(
        "our own link: a college course prepares you for an apprenticeship in its "
        "subject (as GOV.UK says of study programmes), and this is one of the most "
        "started in that subject, a level up (weaker evidence)",
        0.6,
        True,
    ),
    "placeholder_job_link": EvidenceKind(
        "our own link: the kind of job this course teaches skills for, written by hand from its subject (weaker evidence)",
        0.4,
        True,
    ),
}


#: how a programme -> job link was made (``programme_occupations.method``) -> the evidence kind of "training for
#: the job you are doing" built on it; any other method gives ``derived_in_work``
IN_WORK_EVIDENCE: dict[str, str] = {
    "skills_england_map": "in_work_training",
    "ncs_named": "in_work_ncs",
    "reviewed": "in_work_reviewed",
}


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
        g.add_edge(
            u,
            v,
            key="progresses_to",
            kind="progresses_to",
            rule=str(r.rule),
            strength=r.strength,
            evidence=evidence,
            evidence_source=str(r.source),
            why=f"{r.rule} ({r.source})",
        )


def main_link(g: nx.MultiDiGraph, prog: str) -> tuple[str, str] | None:
    """A programme's main job and how that link was made (``programme_occupations.method``)."""
    links = [
        (e.get("rank", 1), -e["confidence"], v, str(e.get("method", "")))
        for _, v, e in g.out_edges(prog, data=True)
        if e["kind"] == "trains_for"
    ]
    return (min(links)[2], min(links)[3]) if links else None


def in_work_evidence(g: nx.MultiDiGraph, occ: str, prog: str) -> str:
    """The evidence kind of "training for the job you are doing" (job ``occ`` -> apprenticeship ``prog``): named by
    how the apprenticeship's link to the job was made, and always our own link (no source states the step)."""
    e = g.get_edge_data(prog, occ, key="trains_for") or {}
    return IN_WORK_EVIDENCE.get(str(e.get("method", "")), "derived_in_work")


def progression_evidence(g: nx.MultiDiGraph, u: str, v: str, rule: str, source: str) -> str:
    """The :data:`EVIDENCE` kind of a ``progressions`` row, from how the row was made (its rule and source).

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
        if g.nodes[u].get("programme_kind") == FOUNDATION_APPRENTICESHIP and g.nodes[v].get("programme_kind") == APPRENTICESHIP:
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
            g.add_edge(
                node,
                prog,
                key="progresses_to",
                kind="progresses_to",
                rule="in-work training",
                strength=None,
                evidence=in_work_evidence(g, node, prog),
                evidence_source=f"link between the apprenticeship and the job: {e.get('method')}",
                why="Derived: an apprenticeship that trains for this same job, which an employer can offer "
                "to someone already doing it.",
            )


# -- a job's ways in, and where they lead (the Job page) ---------------------------------------------------------
@dataclass(frozen=True)
class JobWay:
    """One way into a job: an apprenticeship or course linked to it."""

    id: str
    title: str
    level: int
    kind: str
    #: plain words for ``kind`` ("Apprenticeship", "T Level", ...)
    kind_label: str
    months: int | None
    status: str
    #: "paused for new starts" or "retired" when it takes no new starts, else ""
    status_text: str
    confidence: float
    method: str
    #: why we list it (the link's basis in words)
    basis: str
    #: starts in England in the bundle's latest full year (apprenticeships only)
    starts: int | None

    @property
    def label(self) -> str:
        """The title, with "(paused for new starts)" (or retired) when it takes no new starts."""
        return f"{self.title} ({self.status_text})" if self.status_text else self.title

    @property
    def level_words(self) -> str:
        return "Entry level" if self.level == 0 else f"Level {self.level}"

    @property
    def is_apprenticeship(self) -> bool:
        return self.kind in APPRENTICESHIP_KINDS


@dataclass(frozen=True)
class JobLead:
    """A programme a job's ways in lead on to."""

    id: str
    title: str
    level: int | None
    rule: str
    status_text: str
    #: the job it mainly trains for ("" when none is linked)
    leads_to: str
    #: why an adviser would name it, in words ("the next level for the same job")
    why: str = ""


def ways_in(bundle: Any, soc: str) -> list[JobWay]:
    """Apprenticeships and courses linked to a job (``programme_occupations``), by level, open ones first within a
    level."""
    links = bundle.programme_occupations[bundle.programme_occupations.soc == soc]
    std = bundle.standards.set_index("programme_id")
    other = bundle.programmes.set_index("programme_id")
    ways = []
    for r in links.sort_values(["confidence", "programme_id"], ascending=[False, True]).itertuples(index=False):
        link = {"confidence": float(r.confidence), "method": r.method, "basis": LINK_BASIS.get(r.method, r.method)}
        if r.programme_id in std.index:
            s = std.loc[r.programme_id]
            kind = apprenticeship_kind(s.is_foundation)
            ways.append(
                JobWay(
                    r.programme_id,
                    str(s.title),
                    int(s.level),
                    kind,
                    kind_label(kind),
                    as_int(s.duration_months),
                    str(s.status),
                    status_words(s.status, successor_words(s.get("replaced_by"), std["title"])),
                    starts=as_int(s.starts_latest),
                    **link,
                )
            )
        elif r.programme_id in other.index:
            s = other.loc[r.programme_id]
            ways.append(
                JobWay(
                    r.programme_id,
                    str(s.title),
                    int(s.level),
                    str(s.kind),
                    kind_label(str(s.kind)),
                    int(s.duration_months),
                    "",
                    "",
                    starts=None,
                    **link,
                )
            )
    # open ones first within a level: a paused standard is still listed, and says so
    ways.sort(key=lambda w: (w.level, bool(w.status_text), -w.confidence, w.title))
    return ways


#: "Where it can lead" names only the steps an adviser would: from a programme that mainly trains for the job (its
#: first or second job on the official map, at this confidence or more) ...
LEAD_FROM_CONFIDENCE = 0.9
LEAD_FROM_RANK = 2
#: ... one level up at most, and no higher than this (Level 6-7 are degree-level: not the next step from a job)
LEAD_MAX_LEVEL = 5
#: why a step is named, best first (the rule behind each, in words)
LEAD_WHY = {
    "same job": "the next level for the same job",
    "close job": "the next level, for a job close to this one",
    "progression map": "the next step on Skills England's map for this work",
}


def _lead_why(soc: str, dests: list[str], rule: str) -> str:
    """Which of :data:`LEAD_WHY` a step one level up is named for ("" when none: a step to other work, such as an HNC
    in quantity surveying from an electrician's T Level, is not named)."""
    if soc in dests[:2]:
        return "same job"
    if rule == "skills_england_progression_map":
        return "progression map"
    if any(d[:3] == soc[:3] for d in dests[:2]):  # the same SOC minor group: senior care workers from care workers
        return "close job"
    return ""


def leads_to(bundle: Any, soc: str, ways: list[JobWay], limit: int = 6) -> list[JobLead]:
    """The steps an adviser would name after a job's main ways in (``ways``, from :func:`ways_in`): one level up (at
    most Level :data:`LEAD_MAX_LEVEL`), for the same job, on Skills England's progression map, or for a job in the
    same close family of jobs (SOC minor group); the same job first, then by level and strength."""
    std = bundle.standards.set_index("programme_id")
    other = bundle.programmes.set_index("programme_id")
    occ_titles = dict(zip(bundle.occupations.soc, bundle.occupations.title))
    links = bundle.programme_occupations
    main_ids = set(
        links[(links.soc == soc) & (links["rank"] <= LEAD_FROM_RANK) & (links.confidence >= LEAD_FROM_CONFIDENCE)].programme_id
    )
    levels = {w.id: w.level for w in ways if w.id in main_ids}
    way_ids = {w.id for w in ways}
    prog = bundle.progressions
    nxt = prog[(prog.from_kind == "programme") & prog.from_id.isin(set(levels)) & (prog.to_kind == "programme")]
    found: dict[str, tuple[int, int, float, JobLead]] = {}
    order = list(LEAD_WHY)
    for r in nxt.itertuples(index=False):
        if r.to_id in way_ids:
            continue
        level = std.level.get(r.to_id) if r.to_id in std.index else other.level.get(r.to_id)
        if level is None or int(level) > min(levels[r.from_id] + 1, LEAD_MAX_LEVEL):
            continue
        dests = [str(d) for d in links[links.programme_id == r.to_id].sort_values("rank").soc]
        why = _lead_why(soc, dests, str(r.rule))
        if not why:
            continue
        key = (order.index(why), int(level), -float(r.strength))
        if r.to_id in found and found[r.to_id][:3] <= key:
            continue
        title = std.title.get(r.to_id) or other.title.get(r.to_id) or r.to_id
        status = std.status.get(r.to_id, "") if r.to_id in std.index else ""
        words = status_words(
            status, successor_words(std["replaced_by"].get(r.to_id), std["title"]) if "replaced_by" in std else ""
        )
        dest = plain_title(str(occ_titles.get(dests[0], ""))) if dests else ""
        found[r.to_id] = (*key, JobLead(r.to_id, str(title), int(level), str(r.rule), words, dest, LEAD_WHY[why]))
    best = sorted(found.values(), key=lambda t: (t[0], t[1], t[2], t[3].title))
    return [t[3] for t in best[:limit]]
