"""The ``programme_occupations`` table: which SOC 2020 unit groups each programme trains for.

Link rules (``programme_occupations``), strongest first:

1. Skills England occupational maps: the occupation a product belongs to carries a SOC 2020
   unit group (confidence 1.0). A standard with several option occupations gets one link per
   SOC code; the best of them (1.0, the others 0.9) is the code most of its options share plus
   the best text fit, and a code the curated crosswalk also gives is preferred outright
   (two independent sources agree).
2. Curated crosswalk (0.8), for standards the map does not reach or as an extra link. When the
   map and the crosswalk share no code, a crosswalk code that names the standard's own job takes
   rank 1 (confidence unchanged) only if the standard's title and job titles fit the job titles
   ONS codes to it (ONS "related job titles") and fit none of the map's codes; otherwise the map
   keeps rank 1.
3. Matching, for the rest only: the standard's title and typical job titles against ONS related
   job titles, unit-group titles, and the job titles of Skills England occupations with a SOC
   code. Exact title match 0.75, exact job-title match 0.6-0.7, word overlap 0.35-0.55; the
   route's usual SOC minor groups break ties.
4. Reviewed corrections (``handwritten/link_reviews.csv``), applied last: ``primary`` puts a unit
   group first (confidence 1.0) where a review of the ONS descriptions found the map's code does
   not fit, and keeps the map's code as a lower link; ``extra`` adds a second link (0.7); ``remove``
   takes out a link that does not fit at all (Piling attendant coded as driving instructors). Every
   row carries its reason, which becomes the link's note.
5. The National Careers Service (0.65): an apprenticeship a job profile names is linked to the
   profile's unit group (:mod:`pathways.ingest.ncs`), as an extra link unless nothing else links it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from pathways.ingest.ncs import ncs_links
from pathways.ingest.programmes.link_text import affinity, match_one, names_own_job, ons_title_index, route_prior, text_index
from pathways.ingest.programmes.names import norm_name
from pathways.ingest.programmes.other_programmes import TLEVEL_SUCCESSORS
from pathways.schema import source_files

__all__ = ["REVIEW_ACTIONS", "build_links", "record_link_checks"]

#: what a row of ``handwritten/link_reviews.csv`` does
REVIEW_ACTIONS = ("primary", "extra", "remove", "keep")


def _se_links(se: pd.DataFrame, ids: set[str], types: tuple[str, ...]) -> pd.DataFrame:
    """Skills England map links for the given product types, one row per (product, SOC)."""
    part = se[se["product_type"].isin(types) & se["soc2020_code"].notna() & se["product_id"].isin(ids)]
    rows = []
    for pid, grp in part.groupby("product_id", sort=True):
        counts = Counter(str(c).split(".")[0].zfill(4) for c in grp["soc2020_code"])
        titles = defaultdict(list)
        for c, occ in zip(grp["soc2020_code"], grp["occupation_title"]):
            titles[str(c).split(".")[0].zfill(4)].append(occ)
        for soc, n in counts.items():
            rows.append(
                {
                    "programme_id": pid,
                    "soc": soc,
                    "confidence": 1.0,
                    "method": "skills_england_map",
                    "_weight": n,
                    "note": f"Skills England occupational map: {sorted(titles[soc])[0]}"
                    + (f" (and {n - 1} more options)" if n > 1 else ""),
                }
            )
    return pd.DataFrame(rows, columns=["programme_id", "soc", "confidence", "method", "_weight", "note"])


def _order_official(
    links: pd.DataFrame, standards: pd.DataFrame, phrases: dict, inverted: dict, curated_socs: dict[str, set[str]] | None = None
) -> pd.DataFrame:
    """Among a standard's several map codes, put first the one most of its options share plus
    the best text fit (share of options + text fit / best text fit); the others get 0.9.

    A map code the curated crosswalk also gives for the standard comes first whatever its share
    (``curated_socs``: programme -> crosswalk codes): two independent sources agreeing is
    stronger evidence than how many options the map lists under a code.
    """
    if links.empty:
        return links
    info = standards.set_index("programme_id")[["title", "job_titles"]]
    curated_socs = curated_socs or {}
    out = []
    for pid, grp in links.groupby("programme_id", sort=True):
        grp = grp.copy()
        if len(grp) > 1 and pid in info.index:
            fit = affinity(info.at[pid, "title"], info.at[pid, "job_titles"], phrases, inverted)
            top = max((fit.get(s, 0.0) for s in grp["soc"]), default=0.0) or 1.0
            share = grp["_weight"] / grp["_weight"].sum()
            agreed = grp["soc"].isin(curated_socs.get(pid, set())).astype(float) * 10.0
            grp["_weight"] = share + grp["soc"].map(lambda s: fit.get(s, 0.0) / top) + agreed
            best = grp.sort_values(["_weight", "soc"], ascending=[False, True]).index[0]
            grp["confidence"] = [1.0 if i == best else 0.9 for i in grp.index]
        out.append(grp)
    return pd.concat(out, ignore_index=True)


def _prefer_by_title_evidence(links: pd.DataFrame, standards: pd.DataFrame, ons_index: tuple[dict, dict]) -> pd.DataFrame:
    """Settle disagreements between the map and the curated crosswalk by ONS job-title evidence.

    For a standard whose map codes and crosswalk codes share nothing, a crosswalk code is put
    first (``_first`` = 1) when all of these hold:

    * its crosswalk occupation names the standard's own job (:func:`names_own_job`);
    * the standard's title and job titles fit the job titles ONS codes to it (:func:`affinity`
      against ONS related job titles only) -- the best such code is taken;
    * they fit none of the map's codes at all (a tie-breaker: any ONS support keeps the map first).

    Confidences are not changed (map 1.0, crosswalk 0.8); only the rank moves.
    """
    links = links.copy()
    links["_first"] = 0
    info = standards.set_index("programme_id")[["title", "job_titles"]]
    phrases, inverted = ons_index
    for pid, grp in links.groupby("programme_id", sort=True):
        mapped = set(grp.loc[grp["method"] == "skills_england_map", "soc"])
        cur = grp[grp["method"] == "curated_crosswalk"]
        if not mapped or cur.empty or mapped & set(cur["soc"]) or pid not in info.index:
            continue
        title, jobs = info.at[pid, "title"], info.at[pid, "job_titles"]
        crossed = {s for s, occ in zip(cur["soc"], cur["_xtitle"]) if names_own_job(str(occ), title, jobs)}
        if not crossed:
            continue
        fit = affinity(title, jobs, phrases, inverted)
        best = min(crossed, key=lambda s: (-fit.get(s, 0.0), s))
        if fit.get(best, 0.0) > 0 and not any(fit.get(s, 0.0) for s in mapped):
            hit = grp.index[(grp["soc"] == best) & (grp["method"] == "curated_crosswalk")]
            links.loc[hit, "_first"] = 1
            links.loc[hit, "note"] = (
                links.loc[hit, "note"]
                + " (ranked first: ONS job titles of this unit group fit the standard, those of the map's code do not)"
            )
    return links


def _matched_links(standards: pd.DataFrame, linked: set[str], phrases: dict, inverted: dict, prior: dict) -> pd.DataFrame:
    rows = []
    for pid, title, jts, route in zip(standards["programme_id"], standards["title"], standards["job_titles"], standards["route"]):
        if pid in linked:
            continue
        jobs = [j.strip() for j in str(jts).split(";") if j.strip()]
        for r in match_one(title, jobs, route, phrases, inverted, prior):
            r["programme_id"] = pid
            rows.append(r)
    return pd.DataFrame(rows, columns=["programme_id", "soc", "confidence", "method", "_weight", "note"])


def _tlevel_links(tlevels: pd.DataFrame, se: pd.DataFrame) -> pd.DataFrame:
    """T Level pathway -> SOC, through the Skills England T Level specialism products."""
    tl = se[(se["product_type"] == "TLevel") & se["soc2020_code"].notna()].copy()
    tl["base"] = tl["product_id"].str.extract(r"^(TL\d+)")[0]
    tl["name"] = tl["product_title"].map(lambda t: norm_name(str(t).split(" - ")[0]))
    base_of_name = dict(zip(tl["name"], tl["base"]))
    rows = []
    for pid, title, pathway in zip(tlevels["pathway_id"], tlevels["tlevel_title"], tlevels["pathway_name"]):
        base = TLEVEL_SUCCESSORS.get(pathway) or base_of_name.get(norm_name(str(title).replace("T Level in ", "")))
        if base is None:
            continue
        grp = tl[tl["base"] == base]
        counts = Counter(str(c).split(".")[0].zfill(4) for c in grp["soc2020_code"])
        succ = " (via its successor T Level)" if pathway in TLEVEL_SUCCESSORS else ""
        for soc, n in counts.items():
            example = sorted(
                grp.loc[grp["soc2020_code"].astype(str).str.split(".").str[0].str.zfill(4) == soc, "occupation_title"]
            )[0]
            rows.append(
                {
                    "programme_id": f"TL-{pid}",
                    "soc": soc,
                    "confidence": 1.0,
                    "method": "skills_england_map",
                    "_weight": n,
                    "note": f"Skills England occupational map{succ}: {example}",
                }
            )
    return pd.DataFrame(rows, columns=["programme_id", "soc", "confidence", "method", "_weight", "note"])


def _rank(links: pd.DataFrame) -> pd.DataFrame:
    """Keep the best row per (programme, SOC) and number each programme's links from 1."""
    if "_first" not in links:
        links = links.assign(_first=0)
    links["_first"] = links["_first"].fillna(0)
    links = links.sort_values(
        ["programme_id", "_first", "confidence", "_weight", "soc"], ascending=[True, False, False, False, True]
    )
    links = links.drop_duplicates(["programme_id", "soc"], keep="first").copy()
    links["rank"] = links.groupby("programme_id").cumcount() + 1
    links["confidence"] = links["confidence"].astype(float).round(3)
    cols = ["programme_id", "soc", "confidence", "method", "rank", "note"]
    return links[cols].sort_values(["programme_id", "rank"]).reset_index(drop=True)


def build_links(
    standards: pd.DataFrame,
    occupations: pd.DataFrame,
    se: pd.DataFrame | None = None,
    se_json: dict | None = None,
    curated: pd.DataFrame | None = None,
    tlevels: pd.DataFrame | None = None,
    htq_ids: set[str] | None = None,
    bootcamp_links: pd.DataFrame | None = None,
    reviews: pd.DataFrame | None = None,
    ncs_named: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``programme_occupations`` table (see the module docstring for the rules)."""
    ids = set(standards["programme_id"])
    phrases, inverted = text_index(occupations, se_json)
    cur = curated[curated["standard_reference"].isin(ids)] if curated is not None else None
    parts = _map_and_crosswalk_links(standards, occupations, se, cur, (phrases, inverted))
    official = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["programme_id", "soc"])
    prior = route_prior(official, standards)
    parts.append(_matched_links(standards, set(official["programme_id"]), phrases, inverted, prior))
    parts += _other_programme_links(se, tlevels, htq_ids, bootcamp_links)
    if reviews is not None and len(reviews):
        parts.append(_reviewed_links(reviews, ids, set(occupations["soc"])))
    parts.append(ncs_links(ncs_named, ids))
    links = pd.concat([p for p in parts if len(p)], ignore_index=True)
    links = _drop_removed(links[links["soc"].isin(set(occupations["soc"]))], reviews)
    return _rank(links)


def _map_and_crosswalk_links(
    standards: pd.DataFrame,
    occupations: pd.DataFrame,
    se: pd.DataFrame | None,
    cur: pd.DataFrame | None,
    index: tuple[dict, dict],
) -> list[pd.DataFrame]:
    """Rules 1 and 2: the Skills England map's links (best code first) and the curated crosswalk's, with their
    disagreements settled by ONS job-title evidence (:func:`_prefer_by_title_evidence`)."""
    parts = []
    if se is not None:
        official = _se_links(se, set(standards["programme_id"]), ("Apprenticeship", "Foundation Apprenticeship"))
        parts.append(_order_official(official, standards, *index, _crosswalk_socs(cur)))
    if cur is not None:
        parts.append(_crosswalk_links(cur))
    if len(parts) > 1:
        parts = [_prefer_by_title_evidence(pd.concat(parts, ignore_index=True), standards, ons_title_index(occupations))]
    return parts


def _crosswalk_socs(cur: pd.DataFrame | None) -> dict[str, set[str]]:
    """Programme -> the SOC codes the curated crosswalk gives it."""
    agreed: dict[str, set[str]] = defaultdict(set)
    if cur is not None:
        for pid, soc in zip(cur["standard_reference"], cur["soc2020_unit_group"]):
            agreed[pid].add(str(soc).split(".")[0].zfill(4))
    return agreed


def _crosswalk_links(cur: pd.DataFrame) -> pd.DataFrame:
    """The curated crosswalk's links (0.8); ``_xtitle`` keeps its occupation title for the evidence rule."""
    return pd.DataFrame(
        {
            "programme_id": cur["standard_reference"],
            "soc": cur["soc2020_unit_group"].astype(str).str.split(".").str[0].str.zfill(4),
            "confidence": 0.8,
            "method": "curated_crosswalk",
            "_weight": 0,
            "note": "curated crosswalk: " + cur["occupation_title"].astype(str),
            "_xtitle": cur["occupation_title"].astype(str),
        }
    )


def _other_programme_links(
    se: pd.DataFrame | None, tlevels: pd.DataFrame | None, htq_ids: set[str] | None, bootcamp_links: pd.DataFrame | None
) -> list[pd.DataFrame]:
    """Links of T Levels and HTQs (Skills England map) and of Skills Bootcamps (hand-written route family, 0.4).

    A bootcamp is linked only to the jobs it can lead to straight away (``leads_to`` "job": an entry-level job in
    the field); a job it teaches skills for but that needs training after it (``leads_to`` "apprenticeship") is
    reached through an apprenticeship (:func:`pathways.ingest.programmes.progressions.bootcamp_edges`)."""
    parts = []
    if tlevels is not None and se is not None:
        parts.append(_tlevel_links(tlevels, se))
    if htq_ids and se is not None:
        parts.append(_se_links(se, htq_ids, ("HTQ",)))
    if bootcamp_links is not None and "leads_to" in bootcamp_links:
        bootcamp_links = bootcamp_links[bootcamp_links["leads_to"] == "job"]
    if bootcamp_links is not None and len(bootcamp_links):
        parts.append(
            pd.DataFrame(
                {
                    "programme_id": bootcamp_links["programme_id"],
                    "soc": bootcamp_links["soc"].str.zfill(4),
                    "confidence": 0.4,
                    "method": "route_family",
                    "_weight": 0,
                    "note": bootcamp_links["note"],
                }
            )
        )
    return parts


def _reviewed_links(reviews: pd.DataFrame, ids: set[str], socs: set[str]) -> pd.DataFrame:
    """Links from the reviewed corrections; a review naming an unknown standard or code is an error.
    ``remove`` rows are left out here (see :func:`_drop_removed`)."""
    bad = reviews[~reviews["programme_id"].isin(ids) | ~reviews["soc"].isin(socs) | ~reviews["action"].isin(REVIEW_ACTIONS)]
    if len(bad):
        raise ValueError(
            f"{source_files.LINK_REVIEWS} rows that do not match the bundle: "
            f"{bad[['programme_id', 'soc', 'action']].to_dict('records')}"
        )
    reviews = reviews[reviews["action"].isin(("primary", "extra"))]
    primary = reviews["action"] == "primary"
    return pd.DataFrame(
        {
            "programme_id": reviews["programme_id"],
            "soc": reviews["soc"],
            "confidence": primary.map({True: 1.0, False: 0.7}),
            "method": "reviewed",
            "_weight": 0,
            "_first": primary.astype(int) * 2,
            "note": "reviewed " + reviews["reviewed_on"] + ": " + reviews["reason"],
        }
    )


def _drop_removed(links: pd.DataFrame, reviews: pd.DataFrame | None) -> pd.DataFrame:
    """Links a review found wrong (action ``remove``), whatever source gave them."""
    if reviews is None or reviews.empty:
        return links
    gone = set(zip(*[reviews.loc[reviews["action"] == "remove", c] for c in ("programme_id", "soc")]))
    keep = [(p, s) not in gone for p, s in zip(links["programme_id"], links["soc"])]
    return links[keep]


def record_link_checks(standards: pd.DataFrame, links: pd.DataFrame, checks: dict) -> None:
    linked = set(links["programme_id"])
    unlinked = sorted(set(standards["programme_id"]) - linked)
    best = links[links["rank"] == 1]
    checks["standards_linked_share"] = round(1 - len(unlinked) / max(len(standards), 1), 4)
    checks["standards_unlinked"] = unlinked
    checks["standard_link_methods"] = dict(Counter(best[best["programme_id"].isin(set(standards["programme_id"]))]["method"]))
    print(f"standards linked to an occupation: {checks['standards_linked_share']:.1%} ({len(unlinked)} unlinked)")
