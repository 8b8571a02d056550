"""The ``standards`` table: IfATE's register, the Skills England map's newer statuses and standards, DfE starts."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd

from pathways.ingest.programmes.names import norm_name, strip_brackets
from pathways.ingest.programmes.successors import NOTICE, notice_successors, successors_of, title_successors
from pathways.ingest.readers import int_or_na
from pathways.profile import ROUTES
from pathways.schema.programmes import STATUS_SOURCES
from pathways.schema.source_files import IFATE_STANDARDS

__all__ = [
    "STARTS_YEARS",
    "STARTS_COLUMNS",
    "DFE_NAME_MAP",
    "STATUS_IFATE",
    "STATUS_SKILLS_ENGLAND",
    "STATUS_NOT_LISTED",
    "dfe_name_refs",
    "build_standards",
]

#: the DfE academic years the standards' starts columns hold: (latest full year, the year before); the
#: manifest's checks record them (``standards_starts_years``) so pages name the year without code changes
STARTS_YEARS = ("2024/25", "2023/24")
STARTS_COLUMNS = ("starts_latest", "starts_previous", "achievements_latest")
#: DfE standard names that do not match an IfATE name after normalisation -> IfATE reference.
#: Reviewed by hand against the IfATE register (May 2025).
DFE_NAME_MAP: dict[str, str] = {
    # DfE drops "(GDC 2023)"; the bare name first appears in 2024/25, after ST1431 was approved
    "Dental Nurse": "ST1431",
    "Orthodontic Therapist": "ST1434",
    # IfATE: "Assistant buyer and assistant merchandiser"
    "Assistant Buyer and Merchandiser": "ST0668",
}
#: DfE apprenticeship level band -> IfATE levels it covers.
_DFE_BANDS = {"Intermediate Apprenticeship": {2}, "Advanced Apprenticeship": {3}, "Higher Apprenticeship": {4, 5, 6, 7}}
#: where a standard's status comes from (``standards.status_source``): the register, the map's own status, or
#: the map no longer listing the standard (closed to new starts: replaced or retired)
STATUS_IFATE, STATUS_SKILLS_ENGLAND, STATUS_NOT_LISTED = STATUS_SOURCES
#: Skills England map product types that are apprenticeship standards in our sense
_SE_STANDARD_TYPES = ("Apprenticeship", "Foundation Apprenticeship")
#: Skills England map product status -> ours (None: not a status we record, e.g. "Development stage")
_SE_STATUS = {"Approved for delivery": "approved", "Retired": "retired", "Withdrawn": "withdrawn"}


def _version_key(v: object) -> tuple[int, ...]:
    """``"1.10"`` -> ``(1, 10)``; a draft with no number sorts after every numbered version."""
    parts = tuple(int(p) for p in re.findall(r"\d+", str(v))) if isinstance(v, str) else ()
    return parts or (999,)


def _select_versions(ifate: pd.DataFrame) -> pd.DataFrame:
    """One row per reference: its latest version approved for delivery (paused counts)."""
    df = ifate.copy()
    df["_vkey"] = df["Version Number"].map(_version_key)
    approved = df[df["Status"].str.startswith("Approved for delivery", na=False)]
    approved = approved.sort_values(["Reference", "_vkey"])
    return approved.groupby("Reference", sort=True).tail(1).reset_index(drop=True)


def _first_approved(ifate: pd.DataFrame) -> dict[str, str]:
    """Each reference's first date approved for delivery (ISO), from the earliest of its versions' dates
    (IfATE writes them day-month-year). A standard open long enough with no starts is known to have none
    (see :class:`pathways.delivery.DeliveryIndex`)."""
    if "Approved for Delivery Date" not in ifate:
        return {}
    when = pd.to_datetime(ifate["Approved for Delivery Date"], format="%d-%m-%Y", errors="coerce")
    first = when.groupby(ifate["Reference"].str.strip()).min().dropna()
    return {str(k): v.strftime("%Y-%m-%d") for k, v in first.items()}


def _route_of(text: object) -> str:
    """First listed route (IfATE lists two for one foundation apprenticeship)."""
    for part in str(text).split(";"):
        part = part.strip()
        if part in ROUTES:
            return part
    raise ValueError(f"unknown route {text!r}")


def dfe_name_refs(pairs: pd.DataFrame, ifate: pd.DataFrame, in_bundle: set[str]) -> dict[tuple[str, str], str | None]:
    """The IfATE reference of each DfE standard name and level band (``None`` when none matches).

    ``pairs`` has the DfE columns ``std_fwk_name`` and ``apps_Level``. Used for the national
    starts here and for the provider files (:mod:`pathways.ingest.providers`), so both match alike.
    """
    names: dict[str, set[str]] = defaultdict(set)
    level_of: dict[str, int] = {}
    for ref, name, level in zip(ifate["Reference"], ifate["Name"], ifate["Level"]):
        for key in {norm_name(name), norm_name(strip_brackets(name))}:
            names[key].add(ref)
        if str(level).isdigit():
            level_of[ref] = int(level)
    return {(n, b): _match_dfe_name(n, b, names, level_of, in_bundle) for n, b in zip(pairs["std_fwk_name"], pairs["apps_Level"])}


def _dfe_starts(dfe: pd.DataFrame, ifate: pd.DataFrame, in_bundle: set[str]) -> tuple[pd.DataFrame, list[str]]:
    """Starts/achievements per IfATE reference (:data:`STARTS_YEARS`), and DfE names with starts in the
    latest year that were not matched."""
    std = dfe[dfe["std_fwk_flag"] == "Standard"].copy()
    refs = dfe_name_refs(std[["std_fwk_name", "apps_Level"]].drop_duplicates(), ifate, in_bundle)
    std["ref"] = [refs[(n, b)] for n, b in zip(std["std_fwk_name"], std["apps_Level"])]
    unmatched = sorted(set(std.loc[std["ref"].isna() & (std["year"] == STARTS_YEARS[0]) & (std["starts"] > 0), "std_fwk_name"]))
    wide = std.dropna(subset=["ref"]).pivot_table(index="ref", columns="year", values=["starts", "achievements"], aggfunc="sum")
    out = pd.DataFrame(index=wide.index)
    latest, previous = STARTS_YEARS
    out["starts_latest"] = wide.get(("starts", latest))
    out["starts_previous"] = wide.get(("starts", previous))
    out["achievements_latest"] = wide.get(("achievements", latest))
    names_by_ref = std.dropna(subset=["ref"]).groupby("ref")["std_fwk_name"].agg(lambda s: sorted(set(s))[0])
    out["dfe_name"] = names_by_ref
    return out, unmatched


def _match_dfe_name(
    name: str, band: str, names: dict[str, set[str]], level_of: dict[str, int], in_bundle: set[str]
) -> str | None:
    if name in DFE_NAME_MAP:
        return DFE_NAME_MAP[name]
    cands = names.get(norm_name(name)) or names.get(norm_name(strip_brackets(name))) or set()
    if len(cands) > 1:
        levels = _DFE_BANDS.get(band, set())
        cands = {c for c in cands if level_of.get(c) in levels} or cands
    if len(cands) > 1:
        cands = {c for c in cands if c in in_bundle} or cands
    return next(iter(cands)) if len(cands) == 1 else None


def build_standards(
    ifate: pd.DataFrame, dfe: pd.DataFrame | None = None, checks: dict | None = None, se_json: dict | None = None
) -> pd.DataFrame:
    """The ``standards`` table from the IfATE all-versions export, the Skills England map and DfE starts.

    A standard is in when ANY IfATE version is approved for delivery (including paused for starts);
    its facts come from the latest approved version. The newer Skills England map (``se_json``)
    then gives each standard its status (a standard it no longer lists is replaced or retired, with its
    successors in ``replaced_by``) and adds the standards approved since the IfATE export
    (see :func:`_apply_skills_england`).
    """
    checks = checks if checks is not None else {}
    sel = _select_versions(ifate)
    out = pd.DataFrame(
        {
            "programme_id": sel["Reference"].str.strip(),
            "title": sel["Name"].str.strip(),
            "level": sel["Level"].astype(int),
            "route": sel["Route"].map(_route_of),
            "duration_months": pd.array([int_or_na(v) for v in sel["Typical Duration"]], dtype="Int64"),
            "funding_cap_gbp": pd.array([int_or_na(v) for v in sel["Maximum Funding (£)"]], dtype="Int64"),
            "ssa": sel["SSA2 code"].where(sel["SSA2 code"].notna(), None).astype("str"),
            "job_titles": sel["Job Titles"]
            .fillna("")
            .map(lambda s: "; ".join(j.strip() for j in str(s).split(";") if j.strip())),
            "overview": sel["Overview of role"].fillna("").str.strip(),
            "status": sel["Status"].map(lambda s: "paused" if "paused" in s else "approved"),
            "version": sel["Version Number"].map(lambda v: ".".join(str(p) for p in _version_key(v))),
            "is_foundation": sel["Apprenticeship Type"].eq("Foundation apprenticeship") | sel["Reference"].str.startswith("FA"),
            "is_degree": sel["Integrated Degree"].fillna("").str.lower().eq("integrated degree"),
            "link": sel["Link"].fillna("").str.strip(),
            # the code GOV.UK's "Find apprenticeship training" uses for the course
            "lars_code": pd.array(
                [int_or_na(v) for v in sel.get("LARS code for providers only", pd.Series([None] * len(sel)))], dtype="Int64"
            ),
        }
    )
    out["ssa"] = out["ssa"].where(sel["SSA2 code"].notna().to_numpy(), None)
    out.insert(out.columns.get_loc("link") + 1, "first_approved", out["programme_id"].map(_first_approved(ifate)).astype("str"))
    out["first_approved"] = out["first_approved"].where(out["first_approved"] != "nan", None)
    out.insert(out.columns.get_loc("status") + 1, "status_source", STATUS_IFATE)
    out.insert(out.columns.get_loc("status_source") + 1, "status_date", _ifate_date())
    out.insert(out.columns.get_loc("status_date") + 1, "replaced_by", pd.Series([None] * len(out), dtype="object"))
    if se_json is not None:
        out = _apply_skills_england(out, se_json, checks, ifate)
    for col in STARTS_COLUMNS:
        out[col] = pd.array([pd.NA] * len(out), dtype="Int64")
    checks["standards_starts_years"] = {"latest": STARTS_YEARS[0], "previous": STARTS_YEARS[1]}
    out["dfe_name"] = pd.Series([None] * len(out), dtype="str")
    if dfe is not None:
        starts, unmatched = _dfe_starts(dfe, ifate, set(out["programme_id"]))
        idx = out["programme_id"]
        for col in STARTS_COLUMNS:
            out[col] = pd.array(idx.map(starts[col]).astype("Float64").round(), dtype="Int64")
        out["dfe_name"] = idx.map(starts["dfe_name"]).astype("str")
        _record_starts_checks(starts, unmatched, set(out["programme_id"]), ifate, checks)
    return out.sort_values("programme_id").reset_index(drop=True)


def _ifate_date() -> str:
    """The month of the IfATE export, from its file name (``..._2025-05.csv`` -> ``2025-05``)."""
    m = re.search(r"(\d{4}-\d{2})\.csv$", IFATE_STANDARDS)
    if m is None:
        raise ValueError(f"no date in the IfATE file name {IFATE_STANDARDS}")
    return m.group(1)


def _se_standards(se_json: dict) -> dict[str, dict]:
    """Apprenticeship and foundation apprenticeship products of the Skills England map, by reference."""
    out: dict[str, dict] = {}
    for occ in sorted(se_json["occupations"], key=lambda o: o["id"]):
        for p in occ["products"]:
            if p["type"] not in _SE_STANDARD_TYPES:
                continue
            rec = out.setdefault(
                p["id"], {"type": p["type"], "titles": [], "levels": set(), "statuses": set(), "occupations": []}
            )
            rec["titles"].append(str(p["title"]).replace("\u200b", "").strip())
            rec["levels"].add(int(p["level"]))
            rec["statuses"].add(p["status"])
            rec["occupations"].append(occ)
    return out


def _common_title(titles: list[str]) -> str:
    """A standard's title from its option titles: the parts before " - " that all options share."""
    # "X - X" (an option named like its standard) counts once
    parts = [[x for i, x in enumerate(t.split(" - ")) if i == 0 or x != t.split(" - ")[i - 1]] for t in sorted(set(titles))]
    shared: list[str] = []
    for group in zip(*parts):
        if len(set(group)) > 1:
            break
        shared.append(group[0])
    return " - ".join(shared) if shared else parts[0][0]


def _se_status(rec: dict) -> str | None:
    """Our status for a map product: None when the map gives none (or the standard is still in development)."""
    statuses = {_SE_STATUS.get(s) for s in rec["statuses"]} - {None}
    if len(statuses) > 1:
        raise ValueError(f"Skills England map gives one standard several statuses: {rec['statuses']}")
    return next(iter(statuses), None)


def _new_standard(ref: str, rec: dict, status_date: str) -> dict:
    """A standard approved after the IfATE export, from the map: no duration, funding band or LARS code."""
    occs = rec["occupations"]
    route = Counter(o["routeName"] for o in occs).most_common(1)[0][0]
    jobs = sorted({j.strip() for o in occs for j in o.get("typicalJobTitles") or [] if j.strip()})
    return {
        "programme_id": ref,
        "title": _common_title(rec["titles"]),
        "level": max(rec["levels"]),
        "route": _route_of(route),
        "duration_months": pd.NA,
        "funding_cap_gbp": pd.NA,
        "ssa": None,
        "job_titles": "; ".join(jobs),
        "overview": str(occs[0].get("overview") or "").strip(),
        "status": "approved",
        "status_source": STATUS_SKILLS_ENGLAND,
        "status_date": status_date,
        "replaced_by": None,
        "version": "",
        "is_foundation": rec["type"] == "Foundation Apprenticeship" or ref.startswith("FA"),
        "is_degree": "integrated degree" in " ".join(rec["titles"]).lower(),
        "link": str(occs[0].get("sourceUrl") or ""),
        "first_approved": None,
        "lars_code": pd.NA,
    }


def _apply_skills_england(out: pd.DataFrame, se_json: dict, checks: dict, ifate: pd.DataFrame) -> pd.DataFrame:
    """Status from the newer Skills England map, and the standards approved since the IfATE export.

    The map (September 2026) decides a standard's status where it has one ("Approved for delivery", "Retired",
    "Withdrawn"), a pause IfATE recorded in May 2025 included: the map has no pause status, and a standard it
    lists as approved is taken as open. An apprenticeship standard the map no longer lists is closed to new
    starts (see :func:`_not_listed`): "replaced" when a successor is found, else "retired". The map gives
    foundation apprenticeships no status: a foundation apprenticeship keeps IfATE's, and one the map lists that
    IfATE did not have is taken as approved. Standards the map lists as approved (or foundation
    apprenticeships it lists) that IfATE did not have as approved are added, with title and level from the map
    and no duration or funding band.
    """
    date = str(se_json["retrievedAt"])[:10]
    products = _se_standards(se_json)
    before = Counter(out["status"])
    out = out.copy()
    changed = _map_statuses(out, products, date)
    known = set(out["programme_id"])
    added = [
        _new_standard(ref, rec, date)
        for ref, rec in sorted(products.items())
        if ref not in known
        and (_se_status(rec) == "approved" or (rec["type"] == "Foundation Apprenticeship" and _se_status(rec) is None))
    ]
    if added:
        out = pd.concat([out, pd.DataFrame(added)], ignore_index=True)
    for col in ("duration_months", "funding_cap_gbp", "lars_code"):
        out[col] = pd.array(out[col], dtype="Int64")
    out["ssa"] = out["ssa"].astype("str").where(out["ssa"].notna(), None)
    changed += _not_listed(out, products, ifate, date)
    out["replaced_by"] = out["replaced_by"].astype("object").where(out["replaced_by"].notna(), None)
    _record_status_checks(before, Counter(out["status"]), changed, added, out, date, checks)
    return out


def _change(out: pd.DataFrame, i: int, new: str, source: str, date: str, **more: object) -> dict:
    """One status change, as the manifest and the links report record it."""
    rec: dict[str, object] = {
        "programme_id": str(out.at[i, "programme_id"]),
        "title": str(out.at[i, "title"]),
        "old": str(out.at[i, "status"]),
        "old_source": f"{out.at[i, 'status_source']}, {out.at[i, 'status_date']}",
        "new": new,
        "source": source,
        "date": date,
        "replaced_by": [],
        "evidence": [],
    }
    rec.update(more)
    out.at[i, "status"], out.at[i, "status_source"], out.at[i, "status_date"] = new, source, date
    return rec


def _map_statuses(out: pd.DataFrame, products: dict[str, dict], date: str) -> list[dict]:
    """Each standard's status from the map where the map gives one (in place); the changes."""
    changed = []
    for i, ref in enumerate(out["programme_id"]):
        rec = products.get(ref)
        new = _se_status(rec) if rec else None
        if new is None:
            continue
        if new != out.at[i, "status"]:
            changed.append(_change(out, i, new, STATUS_SKILLS_ENGLAND, date))
        else:
            out.at[i, "status_source"], out.at[i, "status_date"] = STATUS_SKILLS_ENGLAND, date
    return changed


def _not_listed(out: pd.DataFrame, products: dict[str, dict], ifate: pd.DataFrame, date: str) -> list[dict]:
    """Apprenticeship standards IfATE had open or paused that the map no longer lists (in place); the changes.

    The map lists every standard approved for delivery, so one it no longer lists takes no new starts. With a
    successor the map lists as approved (:mod:`.successors`: IfATE's notices, or the same title on the map) it
    is "replaced", the successors in ``replaced_by``; with none it is "retired" (the map keeps a retired
    standard only where its occupation stays on the map; most standards IfATE had retired are not on it).
    Foundation apprenticeships are left alone: the map gives them no status.
    """
    approved = {ref for ref, rec in products.items() if _se_status(rec) == "approved"} & set(out["programme_id"])
    map_titles = {ref: {*products[ref]["titles"], *(o["title"] for o in products[ref]["occupations"])} for ref in approved}
    notices, titles = notice_successors(ifate), title_successors(ifate, map_titles)
    title_of, level_of = dict(zip(out["programme_id"], out["title"])), dict(zip(out["programme_id"], out["level"]))
    changed = []
    for i, ref in enumerate(out["programme_id"]):
        if ref in products or not ref.startswith("ST") or out.at[i, "status"] not in ("approved", "paused"):
            continue
        found = successors_of(ref, notices, titles, approved)
        evidence = [
            f"{s} {title_of[s]} (level {level_of[s]}): " + (f"{how}: '{notices[ref][s]}'" if how == NOTICE else how)
            for s, how in found.items()
        ]
        changed.append(
            _change(
                out, i, "replaced" if found else "retired", STATUS_NOT_LISTED, date, replaced_by=list(found), evidence=evidence
            )
        )
        out.at[i, "replaced_by"] = "; ".join(found) or None
    return changed


def _record_status_checks(
    before: Counter, after: Counter, changed: list[dict], added: list[dict], out: pd.DataFrame, date: str, checks: dict
) -> None:
    checks["standards_status_before"] = dict(sorted(before.items()))
    checks["standards_status_after"] = dict(sorted(after.items()))
    checks["standards_status_changed"] = changed
    checks["standards_added"] = [f"{r['programme_id']} {r['title']} (level {r['level']})" for r in added]
    checks["standards_status_source"] = dict(sorted(Counter(out["status_source"]).items()))
    moves = Counter(f"{c['old']} -> {c['new']}" for c in changed)
    print(
        f"standard status before (IfATE {_ifate_date()}): {checks['standards_status_before']}; after (Skills England "
        f"{date}): {checks['standards_status_after']}"
    )
    print(
        f"standards whose status changed: {len(changed)} ({dict(sorted(moves.items()))}); added from the Skills "
        f"England map: {len(added)}"
    )
    for c in changed:
        print(
            f"  changed: {c['programme_id']} {c['title']}: {c['old']} -> {c['new']}"
            + (f" by {', '.join(c['replaced_by'])}" if c["replaced_by"] else "")
        )
    for line in checks["standards_added"]:
        print("  added:", line)


def _record_starts_checks(
    starts: pd.DataFrame, unmatched: list[str], in_bundle: set[str], ifate: pd.DataFrame, checks: dict
) -> None:
    """How many standards with starts in the latest year are in the bundle, and which are not (by name)."""
    with_starts = starts[starts["starts_latest"].fillna(0) > 0]
    status = ifate.assign(_v=ifate["Version Number"].map(_version_key)).sort_values("_v").groupby("Reference")["Status"].last()
    missing = [
        f"{row.dfe_name} ({ref}, {status.get(ref, 'unknown')}, {int(row.starts_latest)} starts)"
        for ref, row in with_starts.iterrows()
        if ref not in in_bundle
    ]
    missing += [f"{name} (no IfATE match)" for name in unmatched]
    checks["standards_with_starts_latest"] = int(len(with_starts) + len(unmatched))
    checks["standards_with_starts_in_bundle"] = int(with_starts.index.isin(list(in_bundle)).sum())
    checks["standards_with_starts_missing"] = sorted(missing)
    print(
        f"standards with {STARTS_YEARS[0]} starts: {checks['standards_with_starts_latest']}, in bundle: "
        f"{checks['standards_with_starts_in_bundle']}, missing: {len(missing)}"
    )
    for m in sorted(missing):
        print("  missing:", m)
