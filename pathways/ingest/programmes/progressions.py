"""The ``progressions`` table: official progression maps, derived next-level links, FE ladders, in-work training."""

from __future__ import annotations

import re

import pandas as pd

from pathways.ingest.programmes.names import similarity, strip_brackets, tokens

__all__ = ["build_progressions"]


def _official_edges(prog: pd.DataFrame, se: pd.DataFrame, ids: set[str]) -> pd.DataFrame:
    """Skills England progression-map edges, translated to the standards on each occupation."""
    products = se[se["product_type"].isin(["Apprenticeship", "Foundation Apprenticeship"])]
    by_occ = products.groupby("occupation_id")["product_id"].agg(lambda s: sorted(set(s) & ids))
    rows = []
    for f, t, seed in zip(prog["from_occupation_id"], prog["to_occupation_id"], prog["progression_map_of"]):
        for a in by_occ.get(f, []):
            for b in by_occ.get(t, []):
                if a != b:
                    rows.append({"from_id": a, "to_id": b, "rule": "skills_england_progression_map", "strength": 1.0, "source": f"Skills England occupational maps: progression map of {seed}"})
    return pd.DataFrame(rows, columns=["from_id", "to_id", "rule", "strength", "source"])


def _nodes(standards: pd.DataFrame, programmes: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Programmes that take part in derived next-level edges, with their SOC codes and words."""
    socs = links[(links["rank"] == 1) | (links["confidence"] >= 0.8)].groupby("programme_id")["soc"].agg(frozenset)
    st = standards[["programme_id", "title", "level", "route", "job_titles"]].assign(starts=standards["starts_latest"].fillna(0).astype(int))
    other = programmes[programmes["kind"].isin(["t_level", "htq"])][["programme_id", "title", "level", "route"]].assign(job_titles="", starts=0)
    nodes = pd.concat([st, other], ignore_index=True)
    nodes = nodes[nodes["route"].notna()].copy()
    nodes["socs"] = nodes["programme_id"].map(socs).map(lambda s: s if isinstance(s, frozenset) else frozenset())
    nodes["words"] = nodes["title"].map(lambda t: tokens(re.sub(r"^T Level in ", "", strip_brackets(t)), drop_roles=True))
    nodes["jobs"] = nodes["job_titles"].map(lambda j: frozenset().union(*[tokens(x, drop_roles=True) for x in str(j).split(";")]) if j else frozenset())
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
                rows.append({"from_id": a["programme_id"], "to_id": bid, "rule": rule, "strength": strength, "source": f"derived: same route ({route}), next level up"})
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
    part = links[links["soc"].isin(open_socs) & links["programme_id"].isin(low) & ((links["rank"] == 1) | (links["confidence"] >= 0.8))]
    return pd.DataFrame(
        {
            "from_kind": "occupation",
            "from_id": part["soc"],
            "to_kind": "programme",
            "to_id": part["programme_id"],
            "rule": "in_work_training",
            "strength": part["confidence"].astype(float),
            "source": "derived: ONS says this job has no formal entry requirements; the apprenticeship trains for it (" + part["method"] + ")",
        }
    )


def build_progressions(
    standards: pd.DataFrame,
    programmes: pd.DataFrame,
    links: pd.DataFrame,
    occupations: pd.DataFrame,
    se: pd.DataFrame | None = None,
    se_prog: pd.DataFrame | None = None,
    hand: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``progressions`` table: official, derived next-level, FE ladders and in-work training."""
    parts = []
    if se is not None and se_prog is not None:
        parts.append(_official_edges(se_prog, se, set(standards["programme_id"])))
    parts.append(_derived_edges(_nodes(standards, programmes, links)))
    if hand is not None:
        ladder = hand[hand["progresses_to"].str.strip() != ""]
        parts.append(pd.DataFrame({"from_id": ladder["programme_id"], "to_id": ladder["progresses_to"], "rule": "fe_next_level", "strength": 0.8, "source": "hand-written: the next level of the same college course family"}))
    pp = pd.concat([p for p in parts if len(p)], ignore_index=True)
    pp = pp.assign(from_kind="programme", to_kind="programme")
    edges = pd.concat([pp, _in_work_edges(occupations, standards, links)], ignore_index=True)
    edges = edges.sort_values(["from_kind", "from_id", "to_kind", "to_id", "strength"], ascending=[True, True, True, True, False])
    edges = edges.drop_duplicates(["from_kind", "from_id", "to_kind", "to_id"], keep="first")
    edges["strength"] = edges["strength"].astype(float)
    cols = ["from_kind", "from_id", "to_kind", "to_id", "rule", "strength", "source"]
    return edges[cols].reset_index(drop=True)
