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

This module holds the rules a route is checked against (ages, needs) and puts the graph together; the start and
programme nodes (and a standard's status in words) are made in :mod:`pathways.graph_nodes`, the progression edges
and the kinds of evidence they rest on in :mod:`pathways.graph_progressions`, and what a sound graph is in
:mod:`pathways.graph_checks`.

Examples
--------
On the tiny test bundle (see the repository's ``conftest.py``):

>>> g = build_graph(bundle)
>>> check_graph(g)
[]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

import networkx as nx
import pandas as pd

from pathways.graph_checks import edge_problems, node_problems, unreachable_standards
from pathways.graph_nodes import START_NODES, add_programmes, add_standards, add_starts, whole_number
from pathways.graph_progressions import add_in_work_training, add_progressions
from pathways.profile import QUALIFICATION_LEVEL, QUALIFICATIONS, start_node
from pathways.vocab import NO_QUALIFICATION_KINDS, needs_where

__all__ = [
    "build_graph",
    "check_graph",
    "DIRECT_ENTRY_MIN_AGE",
    "DIRECT_ENTRY_MAJOR_GROUPS",
    "AFTER_BOOTCAMP_MAJOR_GROUPS",
    "DIRECT_ENTRY_EXCLUDE",
    "DIRECT_ENTRY_EXCLUDE_TITLE",
    "is_direct_entry",
    "gained_qualification",
    "PLACEHOLDER_LINK_METHODS",
    "job_min_age",
    "BLOCKING_NEEDS",
    "CLOSED_NEEDS",
]

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
#: SOC major groups a route may end at straight after a Skills Bootcamp: the jobs open without a qualification (as
#: for jobs straight from school). A bootcamp ends with a job interview that can lead to a new job, an apprenticeship
#: included (DfE: Skills Bootcamps completions and outcomes), not to a qualification: a skilled trade, a technical or
#: professional job (groups 1, 2, 3 and 5) comes after the apprenticeship it leads on to, never straight at that pay
AFTER_BOOTCAMP_MAJOR_GROUPS = DIRECT_ENTRY_MAJOR_GROUPS
#: words in the ONS entry-routes text that mean a job is not open straight from school even though
#: it asks for no qualifications: a licence, an age limit or a test (e.g. drivers, security guards)
DIRECT_ENTRY_EXCLUDE = re.compile(
    r"licen[cs]|age restriction|minimum age|must be aged|must pass|required to hold|must hold", re.IGNORECASE
)
#: job titles that mean experience first: supervisors, senior and lead roles
DIRECT_ENTRY_EXCLUDE_TITLE = re.compile(r"supervisor|\bsenior\b|\bmanager|\bowners?\b|proprietor", re.IGNORECASE)
#: confidence below which a programme -> occupation link is not used
MIN_CONFIDENCE = 0.3

#: link methods that are placeholders, not evidence: a route ending straight after one scores as derived
PLACEHOLDER_LINK_METHODS = ("route_family",)
#: needs that stop a job being open straight from school (a DBS check alone does not): the vocabulary's
#: :attr:`~pathways.vocab.Need.blocks_start`
BLOCKING_NEEDS = needs_where(blocks_start=True)
#: needs that close a programme to anyone without them (a degree, a professional registration): the vocabulary's
#: :attr:`~pathways.vocab.Need.closes`
CLOSED_NEEDS = needs_where(closes=True)
#: courses whose purpose is a university place: never a step in a route to a job (a degree is only a comparison)
UNIVERSITY_ENTRY = ("FE-access-to-he",)
#: courses for people who do not yet have English and maths at grade 4 (no entry edge from a start that has them)
FOR_WITHOUT_ENGLISH_MATHS = ("FE-functional-skills-entry", "FE-functional-skills-l1", "FE-functional-skills-l2")


def gained_qualification(level: int, kind: str = "", programme_id: str = "") -> str | None:
    """The start qualification a programme of ``level`` and ``kind`` gives.

    None for degree level 6-7 (there is no start node above Level 4-5 without a degree) and for
    Skills Bootcamps and supported internships, which lead to work, not to a qualification.

    >>> gained_qualification(0), gained_qualification(3), gained_qualification(5), gained_qualification(6)
    ('entry', 'level3', 'level4', None)
    >>> gained_qualification(3, "bootcamp") is None
    True

    Functional Skills English and maths give English and maths, not a whole Level 2:

    >>> gained_qualification(2, "fe_course", "FE-functional-skills-l2") is None
    True
    """
    if level >= 6 or kind in NO_QUALIFICATION_KINDS or programme_id in FOR_WITHOUT_ENGLISH_MATHS:
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
    add_starts(g)
    add_standards(g, bundle.standards)
    add_programmes(g, bundle.programmes)
    _add_occupations(g, bundle.occupations)
    _add_restrictions(g, getattr(bundle, "restrictions", None))
    _add_trains_for(g, bundle.programme_occupations)
    _add_entry(g, bundle.entry_rules)
    _add_qualifies(g)
    add_progressions(g, bundle.progressions)
    add_in_work_training(g)
    _add_direct_entry(g)
    _set_occupation_routes(g)
    g.graph["skipped"] = dict(sorted(g.graph["skipped"].items()))
    return nx.freeze(g)


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
    return (
        no_formal_requirements
        and soc[:1] in DIRECT_ENTRY_MAJOR_GROUPS
        and not DIRECT_ENTRY_EXCLUDE.search(entry_routes)
        and not DIRECT_ENTRY_EXCLUDE_TITLE.search(title)
    )


def _add_occupations(g: nx.MultiDiGraph, df: pd.DataFrame) -> None:
    for r in df.itertuples(index=False):
        g.add_node(
            f"occ:{r.soc}",
            kind="occupation",
            id=str(r.soc),
            soc=str(r.soc),
            title=str(r.title),
            major_group=str(r.soc)[0],
            no_formal_requirements=bool(r.no_formal_requirements),
            route=None,
            direct_entry=is_direct_entry(str(r.soc), bool(r.no_formal_requirements), str(r.entry_routes), str(r.title)),
            why=f"ONS SOC 2020 unit group {r.soc}.",
        )


def _add_restrictions(g: nx.MultiDiGraph, df: pd.DataFrame | None) -> None:
    """Legal minimum ages, licences, cards and prior degrees or experience, on job and programme nodes.

    Every node gets ``legal_min_age`` (int or None), ``needs`` (a frozenset of codes) and
    ``adult_setting``; a job that needs a licence, card, medical, registration, degree or experience
    is no longer open straight from school.
    """
    for _, a in g.nodes(data=True):
        a.setdefault("legal_min_age", None)
        a["needs"] = frozenset()
        a["adult_setting"] = False
        a["restriction"] = ""
        a["restriction_source"] = ("", "", "")
    if df is None:
        return
    for r in df.itertuples(index=False):
        node = ("occ:" if r.subject_kind == "occupation" else "prog:") + str(r.subject_id)
        if node not in g:
            g.graph["skipped"]["restrictions: unknown job or programme"] += 1
            continue
        a = g.nodes[node]
        a["legal_min_age"] = whole_number(r.min_age)
        a["needs"] = frozenset(n for n in str(r.needs).split(";") if n and n != "none")
        a["adult_setting"] = bool(r.adult_setting)
        a["restriction"] = f"{r.text} ({r.source}, {r.source_url}, {r.source_date})"
        #: the restriction's own words and its (source, url, date), for a route card
        a["restriction_text"] = str(r.text)
        a["restriction_source"] = (str(r.source), str(r.source_url), str(r.source_date))
        if a["kind"] == "occupation" and a["needs"] & BLOCKING_NEEDS:
            a["direct_entry"] = False


def job_min_age(a: dict) -> int:
    """The youngest age at which someone may do a job: its legal minimum, 18 in adult-only settings, else 16."""
    return max(DIRECT_ENTRY_MIN_AGE, a.get("legal_min_age") or 0, 18 if a.get("adult_setting") else 0)


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
        why = f"Trains for this occupation ({r.method}, confidence {float(r.confidence):.2f}){note}"
        if str(r.method) in PLACEHOLDER_LINK_METHODS:
            why = (
                f"Our own link, written by hand from the course's subject (weaker evidence, confidence "
                f"{float(r.confidence):.2f}){note}"
            )
        g.add_edge(
            u,
            v,
            key="trains_for",
            kind="trains_for",
            confidence=float(r.confidence),
            method=str(r.method),
            rank=int(getattr(r, "rank", 1)),
            why=why,
        )


#: a rule's key: (programme kind, level or None for every level), or ("id", programme id) for a rule about one programme
RuleKey = tuple[str, int | str | None]


def _rules_by_kind(rules: pd.DataFrame) -> dict[RuleKey, list[dict]]:
    """Rules by (kind, level) and, for rules about one programme, by ("id", programme_id)."""
    out: dict[RuleKey, list[dict]] = defaultdict(list)
    for r in rules.sort_values("rule_id").to_dict("records"):
        pid = r.get("programme_id")
        if isinstance(pid, str) and pid:
            out[("id", pid)].append(r)
        else:
            out[(str(r["programme_kind"]), whole_number(r["level"]))].append(r)
    return out


def _add_entry(g: nx.MultiDiGraph, rules: pd.DataFrame) -> None:
    by_kind = _rules_by_kind(rules)
    starts = [(s, g.nodes[s]) for s in START_NODES]
    for node, a in list(g.nodes(data=True)):
        if a["kind"] != "programme" or not a["open"]:
            continue
        matching = (
            by_kind.get(("id", a["id"]))
            or by_kind.get((a["programme_kind"], a["level"]))
            or by_kind.get((a["programme_kind"], None), [])
        )
        if not matching:
            g.graph["skipped"][f"entry: no rule for {a['programme_kind']} level {a['level']}"] += 1
        for rule in matching:
            for s, sa in starts:
                if sa["level"] < int(rule["min_prior_level"]):
                    continue
                if sa["english_maths"] and a["id"] in FOR_WITHOUT_ENGLISH_MATHS or a["id"] in UNIVERSITY_ENTRY:
                    continue
                if bool(rule["needs_english_maths"]) and not sa["english_maths"]:
                    continue
                g.add_edge(
                    s,
                    node,
                    key=f"entry:{rule['rule_id']}",
                    kind="entry",
                    rule_id=str(rule["rule_id"]),
                    min_prior_level=int(rule["min_prior_level"]),
                    needs_english_maths=bool(rule["needs_english_maths"]),
                    min_age=int(rule["min_age"]),
                    max_age=whole_number(rule["max_age"]),
                    exception_max_age=whole_number(rule["exception_max_age"]),
                    exception_text=str(rule["exception_text"] or "") if pd.notna(rule["exception_text"]) else "",
                    requires_ehcp=bool(rule["requires_ehcp"]),
                    evidence="entry_rule",
                    evidence_source=f"{rule['source']}, {rule['source_url']} ({rule['source_date']})",
                    why=f"{rule['text']} ({rule['source']}, {rule['source_url']}, {rule['source_date']})",
                )


def _add_qualifies(g: nx.MultiDiGraph) -> None:
    for node, a in list(g.nodes(data=True)):
        if a["kind"] != "programme":
            continue
        q = gained_qualification(a["level"], a["programme_kind"], a["id"])
        if q is None:
            continue
        target = start_node(q, False)
        g.add_edge(
            node,
            target,
            key="qualifies",
            kind="qualifies",
            level=QUALIFICATION_LEVEL[q],
            why=f"Completing a Level {a['level']} programme gives a Level {a['level']} qualification."
            if a["level"] > 0
            else "Completing an Entry level programme gives an Entry level qualification.",
        )


def _add_direct_entry(g: nx.MultiDiGraph) -> None:
    for node, a in list(g.nodes(data=True)):
        if a["kind"] != "occupation" or not a["direct_entry"]:
            continue
        for s in START_NODES:
            g.add_edge(
                s,
                node,
                key="direct_entry",
                kind="direct_entry",
                min_age=job_min_age(a),
                max_age=None,
                exception_max_age=None,
                requires_ehcp=False,
                why=DIRECT_ENTRY_WHY,
                evidence="no_formal_requirements",
                evidence_source="ONS SOC 2020 Volume 1, typical entry routes",
            )


def _set_occupation_routes(g: nx.MultiDiGraph) -> None:
    """An occupation's route = the most common route of the programmes that train for it."""
    for node, a in g.nodes(data=True):
        if a["kind"] != "occupation":
            continue
        counts = Counter(
            g.nodes[u]["route"] for u, _, k in g.in_edges(node, keys=True) if k == "trains_for" and g.nodes[u]["route"]
        )
        a["routes"] = tuple(sorted(counts))
        a["route"] = min(counts, key=lambda r: (-counts[r], r)) if counts else None


# ---------------------------------------------------------------------------- checks
def check_graph(g: nx.MultiDiGraph) -> list[str]:
    """Problems with the graph, in plain words; an empty list means it is sound.

    Checks: every node and edge has a known kind and a ``why``; no edge points at a node
    that was never described (dangling); every approved standard is reachable from some start;
    no entry or progression edge leads into a programme closed to new starts (paused, retired, replaced);
    no entry edge asks for a level or English and maths its start node does not have; every
    entry edge has a non-empty age window; qualifies edges never give more than the programme's level.
    """
    return node_problems(g) + edge_problems(g) + unreachable_standards(g)
