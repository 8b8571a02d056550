"""The ``progressions`` table: official progression maps, derived next-level links, FE ladders, in-work training and
the apprenticeships a Skills Bootcamp leads on to.

Every row's ``source`` says how it was made: a Skills England progression map ("Skills England occupational maps:
..."), a hand-written college course ladder ("hand-written: ..."), or our own link ("derived: ..."). The graph labels
each step from these (:func:`pathways.graph_progressions.progression_evidence`): only the first is shown as official."""

from __future__ import annotations

import re

import pandas as pd

from pathways.ingest.programmes.names import similarity, strip_brackets, tokens
from pathways.schema import source_files

__all__ = [
    "build_progressions",
    "bootcamp_edges",
    "college_course_edges",
    "BOOTCAMP_LEADS_TO",
    "BOOTCAMP_NEXT_CAP",
    "COLLEGE_NEXT_CAP",
    "STUDY_PROGRAMME_SOURCE",
]

#: what a row of ``handwritten/bootcamp_leads_to.csv`` says the bootcamp leads to: the job itself ("job": an
#: entry-level job in the field, open without a qualification, or with the licence the bootcamp trains for) or an
#: apprenticeship for that job ("apprenticeship": a skilled, technical or professional job, which a 16-week course
#: does not qualify anyone for)
BOOTCAMP_LEADS_TO = ("job", "apprenticeship")
#: at most this many apprenticeships a bootcamp leads on to for each job (the most started first)
BOOTCAMP_NEXT_CAP = 3
#: a college course leads on to this many of the most started open apprenticeships in its subject, a level up
COLLEGE_NEXT_CAP = 4
#: what a 16 to 19 study programme is for (written by hand; checked December 2026)
STUDY_PROGRAMME_SOURCE = (
    "GOV.UK: 16 to 19 study programmes (a study programme prepares you for further study, an "
    "apprenticeship or work), https://www.gov.uk/government/publications/16-to-19-study-programmes-"
    "guide-for-providers, 2026-12"
)


def _official_edges(prog: pd.DataFrame, se: pd.DataFrame, ids: set[str]) -> pd.DataFrame:
    """Skills England progression-map edges, translated to the standards on each occupation."""
    products = se[se["product_type"].isin(["Apprenticeship", "Foundation Apprenticeship"])]
    by_occ = products.groupby("occupation_id")["product_id"].agg(lambda s: sorted(set(s) & ids))
    rows = []
    for f, t, seed in zip(prog["from_occupation_id"], prog["to_occupation_id"], prog["progression_map_of"]):
        for a in by_occ.get(f, []):
            for b in by_occ.get(t, []):
                if a != b:
                    rows.append(
                        {
                            "from_id": a,
                            "to_id": b,
                            "rule": "skills_england_progression_map",
                            "strength": 1.0,
                            "source": f"Skills England occupational maps: progression map of {seed}",
                        }
                    )
    return pd.DataFrame(rows, columns=["from_id", "to_id", "rule", "strength", "source"])


def _nodes(standards: pd.DataFrame, programmes: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Programmes that take part in derived next-level edges, with their SOC codes and words."""
    socs = links[(links["rank"] == 1) | (links["confidence"] >= 0.8)].groupby("programme_id")["soc"].agg(frozenset)
    st = standards[["programme_id", "title", "level", "route", "job_titles"]].assign(
        starts=standards["starts_latest"].fillna(0).astype(int)
    )
    other = programmes[programmes["kind"].isin(["t_level", "htq"])][["programme_id", "title", "level", "route"]].assign(
        job_titles="", starts=0
    )
    nodes = pd.concat([st, other], ignore_index=True)
    nodes = nodes[nodes["route"].notna()].copy()
    nodes["socs"] = nodes["programme_id"].map(socs).map(lambda s: s if isinstance(s, frozenset) else frozenset())
    nodes["words"] = nodes["title"].map(lambda t: tokens(re.sub(r"^T Level in ", "", strip_brackets(t)), drop_roles=True))
    nodes["jobs"] = nodes["job_titles"].map(
        lambda j: frozenset().union(*[tokens(x, drop_roles=True) for x in str(j).split(";")]) if j else frozenset()
    )
    return nodes


def _derived_edges(nodes: pd.DataFrame, cap: int = 5) -> pd.DataFrame:
    """Next level up (one or two levels) in the same route, by shared SOC, minor group or words."""
    rows = []
    for route, grp in nodes.groupby("route"):
        recs = grp.to_dict("records")
        for a in recs:
            cands = []
            for b in recs:
                step = b["level"] - a["level"]
                if step not in (1, 2) or a["programme_id"] == b["programme_id"]:
                    continue
                rule, strength = _edge_rule(a, b)
                if rule:
                    strength = round(strength * (1.0 if step == 1 else 0.9), 3)
                    cands.append((strength, b["level"], b["starts"], b["programme_id"], rule))
            # strongest first, then the nearer level, then the more started, then by id
            cands.sort(key=lambda c: (-c[0], c[1], -c[2], c[3]))
            for strength, _, _, bid, rule in cands[:cap]:
                rows.append(
                    {
                        "from_id": a["programme_id"],
                        "to_id": bid,
                        "rule": rule,
                        "strength": strength,
                        "source": f"derived: same route ({route}), next level up",
                    }
                )
    return pd.DataFrame(rows, columns=["from_id", "to_id", "rule", "strength", "source"])


def _edge_rule(a: dict, b: dict) -> tuple[str | None, float]:
    title_sim = similarity(a["words"], b["words"])
    job_sim = similarity(a["words"] | a["jobs"], b["words"] | b["jobs"])
    if a["socs"] & b["socs"]:
        return "same_occupation_next_level", 0.9 if title_sim > 0 else 0.8
    if {s[:3] for s in a["socs"]} & {s[:3] for s in b["socs"]} and (title_sim > 0 or job_sim >= 0.2):
        return "same_soc_minor_group_next_level", 0.7
    if title_sim >= 0.6 or (title_sim >= 0.4 and job_sim >= 0.3):
        return "similar_title_next_level", round(0.4 + 0.3 * title_sim, 3)
    return None, 0.0


def _in_work_edges(occupations: pd.DataFrame, standards: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Jobs with no formal entry requirements -> the level 2/3 standards that train for them."""
    open_socs = set(occupations.loc[occupations["no_formal_requirements"], "soc"])
    low = set(standards.loc[standards["level"] <= 3, "programme_id"])
    part = links[
        links["soc"].isin(open_socs) & links["programme_id"].isin(low) & ((links["rank"] == 1) | (links["confidence"] >= 0.8))
    ]
    return pd.DataFrame(
        {
            "from_kind": "occupation",
            "from_id": part["soc"],
            "to_kind": "programme",
            "to_id": part["programme_id"],
            "rule": "in_work_training",
            "strength": part["confidence"].astype(float),
            "source": "derived: ONS says this job has no formal entry requirements; the apprenticeship trains for it ("
            + part["method"]
            + ")",
        }
    )


def bootcamp_edges(
    bootcamps: pd.DataFrame | None,
    standards: pd.DataFrame,
    links: pd.DataFrame,
    programmes: pd.DataFrame | None = None,
    cap: int = BOOTCAMP_NEXT_CAP,
) -> pd.DataFrame:
    """Skills Bootcamp -> the apprenticeships for the jobs it teaches skills for but does not lead to straight away.

    A bootcamp ends with a job interview, and DfE counts a new job, an apprenticeship included, a new role or new
    responsibilities as its outcome (Skills Bootcamps completions and outcomes, definitions). For each row of
    ``bootcamps`` whose ``leads_to`` is "apprenticeship", the bootcamp leads on to the ``cap`` most started open
    apprenticeships (levels 2 to 4) whose main job (rank-1 link) is that job, in the bootcamp's own subject route
    (from ``programmes``; a land-based engineering apprenticeship does not follow a manufacturing bootcamp). Our own
    link: its source says "derived". A ``leads_to`` other than :data:`BOOTCAMP_LEADS_TO` is an error.
    """
    cols = ["from_id", "to_id", "rule", "strength", "source"]
    if bootcamps is None or not len(bootcamps) or "leads_to" not in bootcamps:
        return pd.DataFrame(columns=cols)
    bad = sorted(set(bootcamps["leads_to"]) - set(BOOTCAMP_LEADS_TO))
    if bad:
        raise ValueError(f"{source_files.BOOTCAMP_LEADS_TO}: leads_to must be one of {BOOTCAMP_LEADS_TO}, not {bad}")
    status = standards["status"] if "status" in standards else pd.Series("approved", index=standards.index)
    open_ = standards[(status == "approved") & standards["level"].between(2, 4)]
    starts = dict(zip(open_["programme_id"], open_["starts_latest"].fillna(0).astype(int)))
    main = links[(links["rank"] == 1) & links["programme_id"].isin(set(starts))]
    by_soc = main.groupby("soc")["programme_id"].agg(sorted).to_dict()
    route_of = dict(zip(standards["programme_id"], standards["route"]))
    if programmes is not None:
        route_of.update(zip(programmes["programme_id"], programmes["route"]))
    rows = []
    for r in bootcamps[bootcamps["leads_to"] == "apprenticeship"].to_dict("records"):
        own = route_of.get(r["programme_id"])
        fits = [p for p in by_soc.get(str(r["soc"]).zfill(4), []) if own is None or route_of.get(p) == own]
        for to in sorted(fits, key=lambda p: (-starts[p], p))[:cap]:
            rows.append(
                {
                    "from_id": r["programme_id"],
                    "to_id": to,
                    "rule": "after_bootcamp",
                    "strength": 0.4,
                    "source": f"derived: a Skills Bootcamp ends with a job interview, and a new job, an apprenticeship "
                    f"included, counts as its outcome ({r.get('leads_to_source', '')}, "
                    f"{r.get('leads_to_url', '')}, {r.get('leads_to_date', '')}); this apprenticeship "
                    f"trains for a job the bootcamp teaches skills for ({r['note']}: hand-written)",
                }
            )
    return pd.DataFrame(rows, columns=cols)


def college_course_edges(programmes: pd.DataFrame, standards: pd.DataFrame, cap: int = COLLEGE_NEXT_CAP) -> pd.DataFrame:
    """A college course (a study programme) -> the ``cap`` most started open apprenticeships of its subject route one
    level up (a Level 1 course leads on to a Level 2 apprenticeship; Level 2 to Level 3; Level 3 to Level 4): a study
    programme prepares you for an apprenticeship (:data:`STUDY_PROGRAMME_SOURCE`). Our own link: its source says
    "derived". Foundation apprenticeships are left out (they are for people not yet ready for a full one)."""
    cols = ["from_id", "to_id", "rule", "strength", "source"]
    if "kind" not in programmes:
        return pd.DataFrame(columns=cols)
    status = standards["status"] if "status" in standards else pd.Series("approved", index=standards.index)
    found = standards["is_foundation"].astype(bool) if "is_foundation" in standards else False
    open_ = standards[(status == "approved") & ~found]
    courses = programmes[(programmes["kind"] == "fe_course") & programmes["route"].notna()]
    rows = []
    for c in courses.to_dict("records"):
        level = int(c["level"]) + 1
        fits = open_[(open_["route"] == c["route"]) & (open_["level"] == level)]
        fits = fits.assign(n=fits["starts_latest"].fillna(0).astype(int)).sort_values(
            ["n", "programme_id"], ascending=[False, True]
        )
        for to in fits["programme_id"].head(cap):
            rows.append(
                {
                    "from_id": c["programme_id"],
                    "to_id": to,
                    "rule": "after_college_course",
                    "strength": 0.6,
                    "source": f"derived: {STUDY_PROGRAMME_SOURCE}; one of the most started apprenticeships in the "
                    f"same subject ({c['route']}), a level up",
                }
            )
    return pd.DataFrame(rows, columns=cols)


def build_progressions(
    standards: pd.DataFrame,
    programmes: pd.DataFrame,
    links: pd.DataFrame,
    occupations: pd.DataFrame,
    se: pd.DataFrame | None = None,
    se_prog: pd.DataFrame | None = None,
    hand: pd.DataFrame | None = None,
    bootcamps: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``progressions`` table: official, derived next-level, FE ladders, in-work training and the apprenticeships
    Skills Bootcamps lead on to (``bootcamps``: ``handwritten/bootcamp_leads_to.csv``, see :func:`bootcamp_edges`)."""
    parts = []
    if se is not None and se_prog is not None:
        parts.append(_official_edges(se_prog, se, set(standards["programme_id"])))
    parts.append(_derived_edges(_nodes(standards, programmes, links)))
    if hand is not None:
        ladder = hand[hand["progresses_to"].str.strip() != ""]
        parts.append(
            pd.DataFrame(
                {
                    "from_id": ladder["programme_id"],
                    "to_id": ladder["progresses_to"],
                    "rule": "fe_next_level",
                    "strength": 0.8,
                    "source": "hand-written: the next level of the same college course family",
                }
            )
        )
    parts.append(bootcamp_edges(bootcamps, standards, links, programmes))
    parts.append(college_course_edges(programmes, standards))
    pp = pd.concat([p for p in parts if len(p)], ignore_index=True)
    pp = pp.assign(from_kind="programme", to_kind="programme")
    edges = pd.concat([pp, _in_work_edges(occupations, standards, links)], ignore_index=True)
    edges = edges.sort_values(["from_kind", "from_id", "to_kind", "to_id", "strength"], ascending=[True, True, True, True, False])
    edges = edges.drop_duplicates(["from_kind", "from_id", "to_kind", "to_id"], keep="first")
    edges["strength"] = edges["strength"].astype(float)
    cols = ["from_kind", "from_id", "to_kind", "to_id", "rule", "strength", "source"]
    return edges[cols].reset_index(drop=True)
