"""Check the programme -> occupation links of the BUILT bundle: the links report.

``python -m pathways.ingest.check_links`` prints

* the share of approved apprenticeship standards with at least one SOC 2020 link;
* the accuracy on the hand-check of the 60 most-started standards
  (``tests/fixtures/standard_soc_handcheck.csv``): a standard counts as right when its best link
  (highest confidence, then rank 1) is the unit group judged correct by hand from the ONS
  descriptions;
* NCS recall: of the apprenticeships the National Careers Service names on its job profiles, the
  share that are in that job's ways in without the links built from the NCS names themselves (the
  headline: how well the other sources agree with NCS), and with them;
* the share of links by basis, and the reviewed corrections;
* paused and retired standards, and where they are shown;
* each standard whose status changed with the newer Skills England map (old -> new, successor);
* the sanity check (:func:`suspect_links`) and what review said of each flagged link;
* the 100 jobs with most employee jobs (ASHE 2023, UK) that have no way in;
* approved standards that no provider delivered in the latest full year.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pandas as pd

from pathways.bundle import DATA_DIR, Bundle, load_bundle
from pathways.ingest.programmes.names import tokens
from pathways.ingest.readers import HANDWRITTEN
from pathways.schema import source_files
from pathways.schema.programmes import LINK_BASIS

__all__ = [
    "HANDCHECK",
    "best_links",
    "handcheck_accuracy",
    "linked_share",
    "ncs_recall",
    "suspect_links",
    "top_jobs_without_way_in",
    "undelivered_standards",
    "main",
]

HANDCHECK = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "standard_soc_handcheck.csv"


def best_links(links: pd.DataFrame) -> pd.Series:
    """Each programme's best SOC code: the rank-1 link (the ingest's documented choice of best)."""
    ordered = links.sort_values(["programme_id", "rank", "confidence"], ascending=[True, True, False])
    return ordered.drop_duplicates("programme_id").set_index("programme_id")["soc"]


def linked_share(standards: pd.DataFrame, links: pd.DataFrame) -> float:
    """Share of approved (not paused) standards with at least one link."""
    approved = standards.loc[standards["status"] == "approved", "programme_id"]
    return float(approved.isin(set(links["programme_id"])).mean()) if len(approved) else 0.0


def handcheck_accuracy(links: pd.DataFrame, handcheck: pd.DataFrame) -> tuple[float, pd.DataFrame]:
    """Accuracy of the best links against the hand-check, and the rows that disagree."""
    best = best_links(links)
    hc = handcheck.assign(got=handcheck["programme_id"].map(best))
    hc["ok"] = hc["got"] == hc["expected_soc"]
    return float(hc["ok"].mean()) if len(hc) else 0.0, hc[~hc["ok"]]


def ncs_recall(ncs_named: pd.DataFrame, links: pd.DataFrame) -> dict[str, Any]:
    """How many NCS-named apprenticeships are in the named job's ways in: ``recall`` without the links built
    from the NCS names themselves (method ``ncs_named``), ``recall_with_ncs`` with them.

    Names that are no standard (cut off on the page, an employer, a subject) are counted apart; a
    name matched to two standards (one since split in two) counts once, found when either is linked.
    """
    names = ncs_named.drop_duplicates(["slug", "name_on_ncs"])
    matched = ncs_named[ncs_named["programme_id"].notna()]
    pairs = set(zip(links["programme_id"], links["soc"]))
    other = set(zip(links.loc[links["method"] != "ncs_named", "programme_id"], links.loc[links["method"] != "ncs_named", "soc"]))
    found = matched.assign(
        on=[(p, s) in pairs for p, s in zip(matched["programme_id"], matched["soc"])],
        on_other=[(p, s) in other for p, s in zip(matched["programme_id"], matched["soc"])],
    )
    per_name = found.groupby(["slug", "name_on_ncs"])[["on", "on_other"]].any()
    standards_named = len(per_name)
    return {
        "profiles": int(names["slug"].nunique()),
        "names": len(names),
        "not_a_standard": len(names) - standards_named,
        "standards_named": standards_named,
        "on_ways_in": int(per_name["on"].sum()),
        "on_ways_in_without_ncs": int(per_name["on_other"].sum()),
        #: the headline: the share found without the links built from the NCS names, then the share with them
        "recall": float(per_name["on_other"].mean()) if standards_named else 0.0,
        "recall_with_ncs": float(per_name["on"].mean()) if standards_named else 0.0,
        "missed": per_name[~per_name["on"]].reset_index()[["slug", "name_on_ncs"]],
        "unmatched": names[names["programme_id"].isna()][["slug", "name_on_ncs", "match"]],
    }


def _words(text: object) -> frozenset[str]:
    out: frozenset[str] = frozenset()
    for part in str(text).split(";"):
        out |= tokens(part, drop_roles=True)
    return out


def suspect_links(links: pd.DataFrame, standards: pd.DataFrame, occupations: pd.DataFrame) -> pd.DataFrame:
    """Links to check by hand: ``reason`` says which test they fail.

    * "level 2-3 to a manager or professional job": a Level 2 or 3 standard linked to SOC major
      group 1 or 2;
    * "unrelated job group": no other standard of the same route has its first link in the same
      SOC minor group, *and* no content word of the standard's title or job titles is in the unit
      group's title or ONS related job titles (the Piling attendant coded as Driving instructors).
    """
    occ = occupations.set_index("soc")
    x = links.merge(standards[["programme_id", "title", "level", "route", "job_titles"]], on="programme_id")
    x["minor"] = x["soc"].str[:3]
    firsts = x[x["rank"] == 1].groupby(["route", "minor"]).size()
    rows = []
    for r in x.itertuples(index=False):
        reasons = []
        if r.level <= 3 and r.soc[0] in "12":
            reasons.append("level 2-3 to a manager or professional job")
        others = int(firsts.get((r.route, r.minor), 0)) - (1 if r.rank == 1 else 0)
        if others < 1 and not (_words(r.title) | _words(r.job_titles)) & (
            _words(occ.at[r.soc, "title"]) | _words(occ.at[r.soc, "related_job_titles"])
        ):
            reasons.append("unrelated job group")
        if reasons:
            rows.append(
                {
                    "programme_id": r.programme_id,
                    "title": r.title,
                    "level": int(r.level),
                    "soc": r.soc,
                    "job": occ.at[r.soc, "title"],
                    "method": r.method,
                    "rank": int(r.rank),
                    "reason": "; ".join(reasons),
                }
            )
    return pd.DataFrame(rows, columns=["programme_id", "title", "level", "soc", "job", "method", "rank", "reason"])


def top_jobs_without_way_in(bundle: Bundle, n: int = 100) -> pd.DataFrame:
    """Of the ``n`` jobs with most employee jobs (ASHE 2023), those with no open programme linked.

    ``start_without_qualifications`` says whether ONS gives the job no formal entry requirements, so
    the job itself is a way in.
    """
    occ = bundle.occupations
    top = occ.dropna(subset=["employee_jobs_thousand"]).nlargest(n, "employee_jobs_thousand")
    std_open = set(bundle.standards.loc[bundle.standards["status"] == "approved", "programme_id"])
    open_ids = std_open | set(bundle.programmes["programme_id"])
    linked = set(bundle.programme_occupations.loc[bundle.programme_occupations["programme_id"].isin(open_ids), "soc"])
    out = top[~top["soc"].isin(linked)]
    return (
        out[["soc", "title", "employee_jobs_thousand", "no_formal_requirements"]]
        .rename(columns={"no_formal_requirements": "start_without_qualifications"})
        .reset_index(drop=True)
    )


def undelivered_standards(bundle: Bundle) -> pd.DataFrame:
    """Approved standards with no starts at any provider in the latest full year (DfE provider files);
    ``since`` is True for those with starts in the part of the year after it (new, or started again)."""
    ps = bundle.provider_standards
    full = ps[~ps["partial_year"]]
    year = str(full["year"].max())
    delivered = set(full.loc[(full["year"] == year) & (full["starts"] > 0), "programme_id"])
    later = set(ps.loc[ps["partial_year"] & (ps["starts"] > 0), "programme_id"])
    st = bundle.standards
    out = st[(st["status"] == "approved") & ~st["programme_id"].isin(delivered)]
    linked = bundle.programme_occupations.groupby("programme_id").size()
    return out.assign(
        year=year, linked_jobs=out["programme_id"].map(linked).fillna(0).astype(int), since=out["programme_id"].isin(later)
    )[["programme_id", "title", "level", "year", "linked_jobs", "since"]].reset_index(drop=True)


def _reviews() -> pd.DataFrame:
    return pd.read_csv(HANDWRITTEN / source_files.LINK_REVIEWS, dtype=str, keep_default_na=False)


def report(bundle: Bundle, handcheck: pd.DataFrame) -> list[str]:
    """The links report, as lines of text."""
    titles = bundle.occupations.set_index("soc")["title"]
    reviews = _reviews()
    return (
        _accuracy_lines(bundle, handcheck, titles)
        + _ncs_lines(bundle)
        + _basis_lines(bundle)
        + _review_lines(reviews, titles)
        + _closed_lines(bundle)
        + _status_change_lines(bundle)
        + _flagged_lines(bundle, reviews)
        + _no_way_in_lines(bundle)
        + _undelivered_lines(bundle)
    )


def _accuracy_lines(bundle: Bundle, handcheck: pd.DataFrame, titles: pd.Series) -> list[str]:
    links, standards = bundle.programme_occupations, bundle.standards
    out = [f"approved standards linked to an occupation: {linked_share(standards, links):.1%}"]
    accuracy, wrong = handcheck_accuracy(links, handcheck)
    out.append(f"hand-check accuracy (best link == expected unit group): {accuracy:.1%} of {len(handcheck)}")
    out += [
        f"  {r.programme_id} {r.title}: expected {r.expected_soc} {r.expected_title}; got {r.got} {titles.get(r.got, '')}"
        for r in wrong.itertuples()
    ]
    return out


def _ncs_lines(bundle: Bundle) -> list[str]:
    rec = ncs_recall(bundle.ncs_named, bundle.programme_occupations)
    k = rec["standards_named"]
    out = [
        "",
        "## NCS recall",
        f"{rec['names']} apprenticeship names on {rec['profiles']} National Careers Service job profiles; "
        f"{rec['not_a_standard']} are no standard (cut off, an employer or a subject: listed below with why)",
        f"NCS recall (headline): of the {k} that name a standard, in that job's ways in from the other sources, without "
        f"the links built from the NCS names: {rec['on_ways_in_without_ncs']} ({rec['on_ways_in_without_ncs'] / k:.1%})",
        f"with the links built from the NCS names (method ncs_named): {rec['on_ways_in']} ({rec['on_ways_in'] / k:.1%})",
    ]
    out += [f"  missed even with the NCS links: {r.slug}: {r.name_on_ncs}" for r in rec["missed"].itertuples()]
    out += [f"  no standard: {r.slug}: {r.name_on_ncs} ({r.match})" for r in rec["unmatched"].itertuples()]
    return out


def _basis_lines(bundle: Bundle) -> list[str]:
    links = bundle.programme_occupations
    counts = links["method"].value_counts()
    return ["", "## Links by basis"] + [f"  {m}: {c} ({c / len(links):.1%}) - {LINK_BASIS.get(m, m)}" for m, c in counts.items()]


def _review_lines(reviews: pd.DataFrame, titles: pd.Series) -> list[str]:
    ncs_reviews = pd.read_csv(HANDWRITTEN / source_files.NCS_NAME_REVIEWS, dtype=str, keep_default_na=False)
    actions = ", ".join(f"{a} {c}" for a, c in reviews["action"].value_counts().items())
    out = [
        "",
        "## Reviewed corrections",
        f"{source_files.LINK_REVIEWS}: {len(reviews)} rows ({actions}); "
        f"{source_files.NCS_NAME_REVIEWS}: {len(ncs_reviews)} names checked by hand",
    ]
    return out + [f"  {r.programme_id} -> {r.soc} {titles.get(r.soc, '')}: {r.action}" for r in reviews.itertuples()]


def _closed_lines(bundle: Bundle) -> list[str]:
    links, standards = bundle.programme_occupations, bundle.standards
    closed = standards[standards["status"] != "approved"]
    shown = links[links["programme_id"].isin(set(closed["programme_id"]))]
    statuses = ", ".join(f"{s} {c}" for s, c in closed["status"].value_counts().items())
    return [
        "",
        "## Paused and retired standards",
        f"{len(closed)} standards not open to new starts ({statuses}); "
        f"{shown['programme_id'].nunique()} are listed on {shown['soc'].nunique()} job pages' ways in, each labelled "
        "(for example 'replaced: no new starts'), and in `python -m pathways programme`; never a route step "
        "(the route graph leaves out every standard not open to new starts)",
    ]


def _status_change_lines(bundle: Bundle) -> list[str]:
    """Each standard whose status the Skills England map (September 2026) changed from IfATE's (May 2025), as the
    ingest recorded it (manifest checks ``standards_status_changed``), with its successors and why."""
    changed = list(bundle.manifest.get("checks", {}).get("standards_status_changed") or [])
    titles = bundle.standards.set_index("programme_id")["title"]
    moves = pd.Series([f"{c['old']} -> {c['new']}" for c in changed if isinstance(c, dict)], dtype=str).value_counts()
    out = [
        "",
        "## Status changes (IfATE register, May 2025 -> Skills England occupational map, September 2026)",
        f"{len(changed)} standards changed status ({', '.join(f'{m}: {n}' for m, n in moves.items())}); each: "
        "reference, title, old status -> new status (source, date), successor",
    ]
    for c in changed:
        if not isinstance(c, dict):  # a bundle built before the changes were recorded in full
            out.append(f"  {c}")
            continue
        succ = "; ".join(f"{r} {titles.get(r, '')}".strip() for r in c.get("replaced_by") or [])
        out.append(
            f"  {c['programme_id']} {c['title']}: {c['old']} -> {c['new']} ({c['source']}, {c['date']})"
            + (f"; successor: {succ}" if succ else "")
        )
        out += [f"      found by: {e}" for e in c.get("evidence") or []]
    return out


def _flagged_lines(bundle: Bundle, reviews: pd.DataFrame) -> list[str]:
    flagged = suspect_links(bundle.programme_occupations, bundle.standards, bundle.occupations)
    decided = {(p, s): a for p, s, a in zip(reviews["programme_id"], reviews["soc"], reviews["action"])}
    flagged["review"] = [decided.get((p, s), "not yet reviewed") for p, s in zip(flagged["programme_id"], flagged["soc"])]
    out = [
        "",
        "## Sanity check (links flagged for review)",
        f"{len(flagged)} links flagged; reviewed: {int((flagged['review'] != 'not yet reviewed').sum())}",
    ]
    return out + [
        f"  {r.programme_id} {r.title} (L{r.level}) -> {r.soc} {r.job} [{r.method}, rank {r.rank}]: {r.reason}; "
        f"review: {r.review}"
        for r in flagged.itertuples()
    ]


def _no_way_in_lines(bundle: Bundle) -> list[str]:
    top = top_jobs_without_way_in(bundle)
    why = pd.read_csv(HANDWRITTEN / source_files.NO_WAY_IN, dtype=str).set_index("soc")["reason"]
    out = [
        "",
        "## The 100 jobs with most employee jobs (ASHE 2023, UK) that have no linked programme",
        "(APS employment by 4-digit SOC is not in our sources; ASHE's count of employee jobs is used instead)",
        f"{len(top)} jobs; of these {int(top['start_without_qualifications'].sum())} can be started without "
        "qualifications (ONS); "
        f"not yet explained in {source_files.NO_WAY_IN}: {int((~top['soc'].isin(why.index)).sum())}",
    ]
    return out + [
        f"  {r.soc} {r.title}: {r.employee_jobs_thousand:,.0f} thousand jobs"
        + ("; start without qualifications" if r.start_without_qualifications else "; no way in")
        + f". Why: {why.get(r.soc, 'not yet explained')}"
        for r in top.itertuples()
    ]


def _undelivered_lines(bundle: Bundle) -> list[str]:
    und = undelivered_standards(bundle)
    year = und["year"].iloc[0] if len(und) else "the latest year"
    out = [
        "",
        f"## Approved standards no provider delivered in {year} (DfE provider files)",
        f"{len(und)} standards; {int((und['linked_jobs'] > 0).sum())} are linked to a job and listed as a way in on its page",
    ]
    partial = sorted(set(bundle.provider_standards.loc[bundle.provider_standards["partial_year"], "year"]))
    out.append(
        f"{int(und['since'].sum())} of them have starts in {', '.join(partial) or 'the year since'} so far (new, or "
        "started again); the others have none recorded since either"
    )
    return out + [
        f"  {r.programme_id} {r.title} (L{r.level})" + (f": starts in {', '.join(partial)}" if r.since else ": no starts since")
        for r in und.itertuples()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pathways.ingest.check_links", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="bundle folder")
    parser.add_argument("--handcheck", type=Path, default=HANDCHECK)
    args = parser.parse_args(argv)
    bundle = load_bundle(args.data)
    print("\n".join(report(bundle, pd.read_csv(args.handcheck, dtype=str))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
