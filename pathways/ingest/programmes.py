"""Ingest step ``programmes``: standards, occupations, links, progressions, other programmes,
entry rules, wage rates and dated facts.

Reads the official files under ``raw`` (see ``../shared/data/raw/SOURCES.md``) and the small
hand-written CSVs in ``pathways/ingest/handwritten/``. Each table's schema and provenance is in
:mod:`pathways.schema.programmes`.

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

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from pathways.ingest.ncs import F_CURATED_OCC, build_ncs_named, ncs_links, ncs_restrictions
from pathways.pay import RELIABLE_CHANGE
from pathways.schema.programmes import ROUTES, STATUS_SOURCES

__all__ = [
    "build",
    "build_standards",
    "build_occupations",
    "build_soc_groups",
    "build_links",
    "build_progressions",
    "build_programmes",
    "build_entry_rules",
    "build_restrictions",
    "build_wage_rates",
    "build_facts",
    "superseded_tlevels",
    "norm_name",
    "no_formal_requirements",
    "DFE_NAME_MAP",
    "dfe_name_refs",
    "F_IFATE",
    "HANDWRITTEN",
]

HANDWRITTEN = Path(__file__).resolve().parent / "handwritten"
#: the DfE academic years the standards' starts columns hold: (latest full year, the year before); the
#: manifest's checks record them (``standards_starts_years``) so pages name the year without code changes
STARTS_YEARS = ("2024/25", "2023/24")
STARTS_COLUMNS = ("starts_latest", "starts_previous", "achievements_latest")
#: what a row of ``handwritten/link_reviews.csv`` does
REVIEW_ACTIONS = ("primary", "extra", "remove", "keep")

F_IFATE = "ifate_standards/ifate_apprenticeships_all_versions_2025-05.csv"
F_DFE = "dfe_apprenticeships/apprenticeships_by_standard_level_ssa_2022-23_to_2025-26.csv"
F_SOC = "ons_soc/soc2020_unit_group_descriptions.csv"
F_ASHE = "ons_ashe_2025/ashe2025p_table14_soc2020_unit_group_uk.csv"
F_ASHE_2023 = "ons_ashe_table14/ashe_table14_2023p_annual_FT.csv"
F_ASHE_2023_ALL = "ons_ashe_table14/ashe_table14_2023p_annual_FTPT.csv"
F_SE_LINKS = "skills_england_occupational_maps/occupations_soc_links.csv"
F_SE_JSON = "skills_england_occupational_maps/skills-england-reference.json"
F_SE_PROG = "skills_england_occupational_maps/occupation_progressions.csv"
F_CURATED = "occupation_soc_standard_links/curated_apprenticeship_standard_to_soc2020.csv"
F_TLEVELS = "dfe_tlevels/tlevels_pathways.csv"
F_WAGES = "uk_minimum_wage/uk_national_minimum_wage_rates_2006-2026.csv"

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
_DFE_BANDS = {
    "Intermediate Apprenticeship": {2},
    "Advanced Apprenticeship": {3},
    "Higher Apprenticeship": {4, 5, 6, 7},
}

#: where a standard's status comes from (``standards.status_source``)
STATUS_IFATE, STATUS_SKILLS_ENGLAND = STATUS_SOURCES
#: Skills England map product types that are apprenticeship standards in our sense
_SE_STANDARD_TYPES = ("Apprenticeship", "Foundation Apprenticeship")
#: Skills England map product status -> ours (None: not a status we record, e.g. "Development stage")
_SE_STATUS = {"Approved for delivery": "approved", "Retired": "retired", "Withdrawn": "withdrawn"}

#: T Level route names (DfE) -> IfATE route names.
_TLEVEL_ROUTES = {
    "Construction": "Construction and the built environment",
    "Education and Childcare": "Education and early years",
    "Digital": "Digital",
    "Health and Science": "Health and science",
    "Legal, Finance and Accounting": "Legal, finance and accounting",
    "Engineering and Manufacturing": "Engineering and manufacturing",
    "Business and Administration": "Business and administration",
    "Agriculture, Environment and Animal Care": "Agriculture, environmental and animal care",
    "Creative and Design": "Creative and design",
    "Sales, Marketing and Procurement": "Sales, marketing and procurement",
}
#: 2020-21 digital T Levels with no product in the Skills England map -> their 2025 successor's ref.
_TLEVEL_SUCCESSORS = {
    "Digital Production, Design and Development": "TL0006",
    "Digital Support Services": "TL0007",
    "Digital Business Services": "TL0005",
}

_STOP = {"and", "of", "the", "in", "for", "a", "an", "to", "with", "or", "on", "at", "by", "nec"}
#: words that say how senior a role is rather than what it is (ignored by title similarity)
_ROLE_WORDS = {
    "worker", "lead", "leader", "senior", "manager", "management", "team", "assistant", "associate",
    "practitioner", "technician", "professional", "specialist", "officer", "operative", "advanced",
    "principal", "supervisor", "junior", "trainee", "level", "apprentice", "integrated", "degree",
    "coordinator", "director", "executive", "head", "chief", "deputy", "higher", "foundation",
    "apprenticeship", "operator", "engineer", "adviser", "advisor", "consultant", "expert",
}
_NO_FORMAL = re.compile(
    r"no formal (academic |educational |entry )?(qualifications|requirements|entry requirements)"
    r"|no formal academic|no formal educational|no formal entry"
    r"|no (minimum )?academic (entry )?(qualifications|requirements)"
    r"|academic qualifications (may not be|are not) required",
    re.I,
)
_NO_FORMAL_BUT = re.compile(r"degree|usually require|postgraduate|professional qualification|proprietors", re.I)


# --------------------------------------------------------------------------- helpers
def norm_name(text: object) -> str:
    """Lower-case a name and drop punctuation, so DfE and IfATE spellings compare equal.

    >>> norm_name("Children, Young People & Families Practitioner ")
    'children young people and families practitioner'
    """
    if not isinstance(text, str):
        return ""
    t = text.replace("\u200b", "").replace("\u00a0", " ").replace("\u2010", "-").lower()
    t = t.replace("&", " and ")
    t = re.sub(r"[^a-z0-9]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def _strip_brackets(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text).strip()


def _tokens(text: str, drop_roles: bool = False) -> frozenset[str]:
    """Content words of a name, lightly stemmed (``retailer`` -> ``retail``)."""
    out = set()
    for w in norm_name(text).split():
        if w in _STOP or len(w) < 2:
            continue
        if drop_roles and w in _ROLE_WORDS:
            continue
        if len(w) > 5 and w.endswith("er") and w not in _ROLE_WORDS:
            w = w[:-2]
        elif len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.add(w)
    return frozenset(out)


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two word sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _weighted_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient where role words (``leader``, ``technician``) count half.

    >>> round(_weighted_similarity(_tokens("Retail team leader"), _tokens("Team leader (retail trade)")), 2)
    0.8
    """
    def w(words: frozenset[str]) -> float:
        return sum(0.5 if x in _ROLE_WORDS else 1.0 for x in words)

    total = w(a) + w(b)
    return 2 * w(a & b) / total if total else 0.0


def _blank(value: object) -> str:
    """ONS writes ``<blank>`` for empty cells."""
    if not isinstance(value, str) or value.strip() in ("<blank>", ""):
        return ""
    return value.strip()


def _tilde_list(value: object) -> list[str]:
    """ONS lists: items start with ``~`` and are separated by blank lines."""
    text = _blank(value)
    items = [re.sub(r"\s+", " ", x.strip().lstrip("~").strip()) for x in re.split(r"\n+", text)]
    return [x for x in items if x]


def _version_key(v: object) -> tuple[int, ...]:
    """``"1.10"`` -> ``(1, 10)``; a draft with no number sorts after every numbered version."""
    parts = tuple(int(p) for p in re.findall(r"\d+", str(v))) if isinstance(v, str) else ()
    return parts or (999,)


def _int_or_na(value: object) -> object:
    try:
        n = int(float(str(value).replace(",", "").replace("£", "")))
    except ValueError:
        return pd.NA
    return n if n > 0 else pd.NA


def _read_hand(name: str) -> pd.DataFrame:
    return pd.read_csv(HANDWRITTEN / name, dtype=str, keep_default_na=False)


# --------------------------------------------------------------------------- standards
def _select_versions(ifate: pd.DataFrame) -> pd.DataFrame:
    """One row per reference: its latest version approved for delivery (paused counts)."""
    df = ifate.copy()
    df["_vkey"] = df["Version Number"].map(_version_key)
    approved = df[df["Status"].str.startswith("Approved for delivery", na=False)]
    approved = approved.sort_values(["Reference", "_vkey"])
    return approved.groupby("Reference", sort=True).tail(1).reset_index(drop=True)


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
        for key in {norm_name(name), norm_name(_strip_brackets(name))}:
            names[key].add(ref)
        if str(level).isdigit():
            level_of[ref] = int(level)
    return {(n, b): _match_dfe_name(n, b, names, level_of, in_bundle)
            for n, b in zip(pairs["std_fwk_name"], pairs["apps_Level"])}


def _dfe_starts(dfe: pd.DataFrame, ifate: pd.DataFrame, in_bundle: set[str]) -> tuple[pd.DataFrame, list[str]]:
    """Starts/achievements per IfATE reference (:data:`STARTS_YEARS`), and DfE names with starts in the
    latest year that were not matched."""
    std = dfe[dfe["std_fwk_flag"] == "Standard"].copy()
    refs = dfe_name_refs(std[["std_fwk_name", "apps_Level"]].drop_duplicates(), ifate, in_bundle)
    std["ref"] = [refs[(n, b)] for n, b in zip(std["std_fwk_name"], std["apps_Level"])]
    unmatched = sorted(set(std.loc[std["ref"].isna() & (std["year"] == STARTS_YEARS[0]) & (std["starts"] > 0), "std_fwk_name"]))
    wide = std.dropna(subset=["ref"]).pivot_table(
        index="ref", columns="year", values=["starts", "achievements"], aggfunc="sum"
    )
    out = pd.DataFrame(index=wide.index)
    latest, previous = STARTS_YEARS
    out["starts_latest"] = wide.get(("starts", latest))
    out["starts_previous"] = wide.get(("starts", previous))
    out["achievements_latest"] = wide.get(("achievements", latest))
    names_by_ref = std.dropna(subset=["ref"]).groupby("ref")["std_fwk_name"].agg(lambda s: sorted(set(s))[0])
    out["dfe_name"] = names_by_ref
    return out, unmatched


def _match_dfe_name(name: str, band: str, names: dict[str, set[str]], level_of: dict[str, int], in_bundle: set[str]) -> str | None:
    if name in DFE_NAME_MAP:
        return DFE_NAME_MAP[name]
    cands = names.get(norm_name(name)) or names.get(norm_name(_strip_brackets(name))) or set()
    if len(cands) > 1:
        levels = _DFE_BANDS.get(band, set())
        cands = {c for c in cands if level_of.get(c) in levels} or cands
    if len(cands) > 1:
        cands = {c for c in cands if c in in_bundle} or cands
    return next(iter(cands)) if len(cands) == 1 else None


def build_standards(ifate: pd.DataFrame, dfe: pd.DataFrame | None = None, checks: dict | None = None,
                    se_json: dict | None = None) -> pd.DataFrame:
    """The ``standards`` table from the IfATE all-versions export, the Skills England map and DfE starts.

    A standard is in when ANY IfATE version is approved for delivery (including paused for starts);
    its facts come from the latest approved version. The newer Skills England map (``se_json``)
    then gives each standard its status and adds the standards approved since the IfATE export
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
            "duration_months": pd.array([_int_or_na(v) for v in sel["Typical Duration"]], dtype="Int64"),
            "funding_cap_gbp": pd.array([_int_or_na(v) for v in sel["Maximum Funding (£)"]], dtype="Int64"),
            "ssa": sel["SSA2 code"].where(sel["SSA2 code"].notna(), None).astype("str"),
            "job_titles": sel["Job Titles"].fillna("").map(lambda s: "; ".join(j.strip() for j in str(s).split(";") if j.strip())),
            "overview": sel["Overview of role"].fillna("").str.strip(),
            "status": sel["Status"].map(lambda s: "paused" if "paused" in s else "approved"),
            "version": sel["Version Number"].map(lambda v: ".".join(str(p) for p in _version_key(v))),
            "is_foundation": sel["Apprenticeship Type"].eq("Foundation apprenticeship") | sel["Reference"].str.startswith("FA"),
            "is_degree": sel["Integrated Degree"].fillna("").str.lower().eq("integrated degree"),
            "link": sel["Link"].fillna("").str.strip(),
            # the code GOV.UK's "Find apprenticeship training" uses for the course
            "lars_code": pd.array([_int_or_na(v) for v in sel.get("LARS code for providers only", pd.Series([None] * len(sel)))],
                                  dtype="Int64"),
        }
    )
    out["ssa"] = out["ssa"].where(sel["SSA2 code"].notna().to_numpy(), None)
    out.insert(out.columns.get_loc("status") + 1, "status_source", STATUS_IFATE)
    out.insert(out.columns.get_loc("status_source") + 1, "status_date", _ifate_date())
    if se_json is not None:
        out = _apply_skills_england(out, se_json, checks)
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
    m = re.search(r"(\d{4}-\d{2})\.csv$", F_IFATE)
    if m is None:
        raise ValueError(f"no date in the IfATE file name {F_IFATE}")
    return m.group(1)


def _se_standards(se_json: dict) -> dict[str, dict]:
    """Apprenticeship and foundation apprenticeship products of the Skills England map, by reference."""
    out: dict[str, dict] = {}
    for occ in sorted(se_json["occupations"], key=lambda o: o["id"]):
        for p in occ["products"]:
            if p["type"] not in _SE_STANDARD_TYPES:
                continue
            rec = out.setdefault(p["id"], {"type": p["type"], "titles": [], "levels": set(), "statuses": set(), "occupations": []})
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
        "programme_id": ref, "title": _common_title(rec["titles"]), "level": max(rec["levels"]),
        "route": _route_of(route), "duration_months": pd.NA, "funding_cap_gbp": pd.NA, "ssa": None,
        "job_titles": "; ".join(jobs), "overview": str(occs[0].get("overview") or "").strip(),
        "status": "approved", "status_source": STATUS_SKILLS_ENGLAND, "status_date": status_date, "version": "",
        "is_foundation": rec["type"] == "Foundation Apprenticeship" or ref.startswith("FA"),
        "is_degree": "integrated degree" in " ".join(rec["titles"]).lower(), "link": str(occs[0].get("sourceUrl") or ""),
        "lars_code": pd.NA,
    }


def _apply_skills_england(out: pd.DataFrame, se_json: dict, checks: dict) -> pd.DataFrame:
    """Status from the newer Skills England map, and the standards approved since the IfATE export.

    The map's own status wins when it has one ("Approved for delivery", "Retired", "Withdrawn"),
    except that the map does not record a pause: a standard IfATE paused for new starts and the map
    lists as approved stays paused (source IfATE). The map gives foundation apprenticeships no status:
    a foundation apprenticeship the map lists and IfATE did not have is taken as approved.
    Standards the map lists as approved (or foundation apprenticeships it lists) that IfATE did not
    have as approved are added, with title and level from the map and no duration or funding band.
    """
    date = str(se_json["retrievedAt"])[:10]
    products = _se_standards(se_json)
    before = Counter(out["status"])
    changed, kept_paused = [], []
    out = out.copy()
    for i, ref in enumerate(out["programme_id"]):
        rec = products.get(ref)
        new = _se_status(rec) if rec else None
        if new is None:
            continue
        old = out.at[i, "status"]
        if old == "paused" and new == "approved":
            kept_paused.append(ref)
            continue
        out.at[i, "status"], out.at[i, "status_source"], out.at[i, "status_date"] = new, STATUS_SKILLS_ENGLAND, date
        if new != old:
            changed.append(f"{ref} {out.at[i, 'title']}: {old} -> {new}")
    known = set(out["programme_id"])
    added = [_new_standard(ref, rec, date) for ref, rec in sorted(products.items())
             if ref not in known and (_se_status(rec) == "approved" or (rec["type"] == "Foundation Apprenticeship" and _se_status(rec) is None))]
    if added:
        out = pd.concat([out, pd.DataFrame(added)], ignore_index=True)
    for col in ("duration_months", "funding_cap_gbp", "lars_code"):
        out[col] = pd.array(out[col], dtype="Int64")
    out["ssa"] = out["ssa"].astype("str").where(out["ssa"].notna(), None)
    after = Counter(out["status"])
    checks["standards_status_before"] = dict(sorted(before.items()))
    checks["standards_status_after"] = dict(sorted(after.items()))
    checks["standards_status_changed"] = changed
    checks["standards_added"] = [f"{r['programme_id']} {r['title']} (level {r['level']})" for r in added]
    checks["standards_paused_map_says_approved"] = kept_paused
    checks["standards_status_source"] = dict(sorted(Counter(out["status_source"]).items()))
    print(f"standard status before (IfATE {_ifate_date()}): {checks['standards_status_before']}; after (Skills England "
          f"{date} where it has one): {checks['standards_status_after']}")
    print(f"standards whose status changed: {len(changed)}; added from the Skills England map: {len(added)}; paused by "
          f"IfATE and listed as approved by the map (kept paused: the map does not record pauses): {len(kept_paused)}")
    for line in changed:
        print("  changed:", line)
    for line in checks["standards_added"]:
        print("  added:", line)
    return out


def _record_starts_checks(starts: pd.DataFrame, unmatched: list[str], in_bundle: set[str], ifate: pd.DataFrame, checks: dict) -> None:
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


# --------------------------------------------------------------------------- occupations
def no_formal_requirements(entry_routes: str) -> bool:
    """True when ONS says a unit group has no formal entry requirements.

    The rule: some sentence says "no formal (academic/educational/entry) requirements or
    qualifications", "no (minimum) academic requirements/qualifications" or "academic
    qualifications may not be / are not required", and that sentence does not go on to say a
    degree or professional qualification is usually expected (nor speaks only of proprietors).

    >>> no_formal_requirements("There are no formal academic entry requirements.")
    True
    >>> no_formal_requirements("There are no formal academic requirements although most entrants possess a degree.")
    False
    >>> no_formal_requirements("Entrants usually possess a degree.")
    False
    """
    for sentence in re.split(r"(?<=\.)\s+", entry_routes or ""):
        if _NO_FORMAL.search(sentence):
            return not _NO_FORMAL_BUT.search(sentence)
    return False


_PAY_COLS = {
    ("annual_gross_pay_gbp", "p10"): "annual_p10",
    ("annual_gross_pay_gbp", "p25"): "annual_p25",
    ("annual_gross_pay_gbp", "median"): "annual_median",
    ("annual_gross_pay_gbp", "p75"): "annual_p75",
    ("annual_gross_pay_gbp", "p90"): "annual_p90",
    ("hourly_gross_pay_gbp", "median"): "hourly_median",
    ("hourly_gross_pay_gbp", "p25"): "hourly_p25",
}
_PAY_WORDS = {
    "annual_p10": "lowest-paid tenth",
    "annual_p25": "lower quarter",
    "annual_median": "middle (median) yearly pay",
    "annual_p75": "upper quarter",
    "annual_p90": "highest-paid tenth",
    "hourly_median": "median hourly pay",
    "hourly_p25": "lower-quarter hourly pay",
}
_NOT_PUBLISHED = "ONS did not publish this figure: too few people in the survey or the estimate was unreliable"


def _pay(ashe: pd.DataFrame) -> pd.DataFrame:
    """Full-time pay per unit group; figures ONS did not publish stay missing (never 0)."""
    ft = ashe[ashe["population"] == "full_time"].copy()
    ft["soc"] = ft["soc2020_unit_group"].astype(str).str.zfill(4)
    out = pd.DataFrame(index=sorted(set(ft["soc"])))
    for (measure, stat), col in _PAY_COLS.items():
        part = ft[ft["measure"] == measure].set_index("soc")[stat]
        values = pd.to_numeric(part, errors="coerce")
        values = values.where(values > 0)
        out[col] = values.round(0 if measure.startswith("annual") else 2)
    return out


def _table14_column(table: pd.DataFrame | None, column: str) -> pd.Series:
    """One column of an ONS ASHE Table 14 file per unit group; ONS's markers (``x`` unreliable, ``..``
    disclosive) and zeros stay missing."""
    if table is None:
        return pd.Series(dtype=float)
    codes = table["Code"].astype(str).str.strip()
    unit = table[codes.str.fullmatch(r"\d{4}")]
    values = pd.to_numeric(unit[column], errors="coerce")
    return pd.Series(values.where(values > 0).to_numpy(), index=codes[unit.index].to_numpy())


def _pay_2023(ashe_2023: pd.DataFrame | None) -> pd.Series:
    """ONS's 2023 full-time median pay per unit group."""
    return _table14_column(ashe_2023, "Median")


def _jobs(ashe_2023_all: pd.DataFrame | None) -> pd.Series:
    """ONS's estimate of employee jobs (thousands, full- and part-time, UK) per unit group."""
    return _table14_column(ashe_2023_all, "No_jobs")


def pay_reliability(median_2025: float | None, median_2023: float | None) -> tuple[str, str]:
    """("reliable" or "less reliable", why) for a 2025 median against ONS's 2023 one.

    The 2025 file has no quality markers; the 2023 one has them (a withheld figure is one ONS judged
    unreliable). A 2025 figure with no 2023 counterpart, or more than :data:`RELIABLE_CHANGE` away
    from it, is less reliable: it is shown with a range and kept out of ranking.

    >>> pay_reliability(45240, 36080)
    ('less reliable', 'ONS put this at £36,080 in 2023 and £45,240 in 2025 (25% apart): a small survey sample, so the true figure is uncertain.')
    >>> pay_reliability(30000, 29000)[0], pay_reliability(30000, None)[0], pay_reliability(None, 29000)[0]
    ('reliable', 'less reliable', 'not published')
    """
    if median_2025 is None or pd.isna(median_2025):
        return "not published", ""
    if median_2023 is None or pd.isna(median_2023):
        return "less reliable", ("ONS did not publish a reliable 2023 figure for this job, so this 2025 figure "
                                 "comes from a small survey sample and is uncertain.")
    change = abs(median_2025 - median_2023) / median_2023
    if change > RELIABLE_CHANGE:
        return "less reliable", (f"ONS put this at £{median_2023:,.0f} in 2023 and £{median_2025:,.0f} in 2025 "
                                 f"({change:.0%} apart): a small survey sample, so the true figure is uncertain.")
    return "reliable", ""


def _hours(ashe: pd.DataFrame) -> pd.Series:
    """Median paid hours a week of full-time workers per unit group (ASHE 2025 Table 14)."""
    rows = ashe[(ashe["population"] == "full_time") & (ashe["measure"] == "paid_hours_worked_total_per_week")]
    values = pd.to_numeric(rows["median"], errors="coerce")
    return pd.Series(values.where(values > 0).to_numpy(), index=rows["soc2020_unit_group"].astype(str).str.zfill(4).to_numpy())


def _pay_status(row: pd.Series) -> tuple[str, str]:
    missing = [c for c in _PAY_WORDS if pd.isna(row[c])]
    if len(missing) == len(_PAY_WORDS):
        return "not published", _NOT_PUBLISHED
    if not missing:
        return "published", ""
    headline = {"annual_p25", "annual_median", "annual_p75", "hourly_median"}
    status = "partly published" if headline & set(missing) else "published"
    words = ", ".join(_PAY_WORDS[c] for c in missing)
    return status, f"ONS did not publish some figures ({words}): too few people in the survey or the estimate was unreliable"


def build_occupations(soc: pd.DataFrame, ashe: pd.DataFrame | None = None,
                      ashe_2023: pd.DataFrame | None = None, ashe_2023_all: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``occupations`` table: SOC 2020 unit groups with ONS text and ASHE 2025 pay, the 2023 median
    to judge it by (:func:`pay_reliability`), full-time workers' median paid hours a week and ASHE
    2023's count of employee jobs (how many people do the job, for the links report)."""
    unit = soc[soc["SOC 2020 Unit Group"].map(_blank).str.fullmatch(r"\d{4}")].copy()
    code = unit["SOC 2020 Unit Group"].str.strip()
    entry = unit["Typical Entry Routes And Associated Qualifications"].map(_blank)
    out = pd.DataFrame(
        {
            "soc": code,
            "title": unit["SOC 2020 Group Title"].map(_blank),
            "major_group": code.str[:1],
            "sub_major_group": code.str[:2],
            "minor_group": code.str[:3],
            "description": unit["Group Description"].map(_blank),
            "tasks": unit["Tasks"].map(lambda v: "\n".join(_tilde_list(v))),
            "entry_routes": entry,
            "related_job_titles": unit["Related Job Titles"].map(lambda v: "; ".join(_tilde_list(v))),
            "no_formal_requirements": entry.map(no_formal_requirements).astype(bool),
        }
    ).set_index("soc", drop=False)
    pay = _pay(ashe) if ashe is not None else pd.DataFrame(index=out.index, columns=list(_PAY_WORDS), dtype=float)
    for col in _PAY_WORDS:
        out[col] = out["soc"].map(pay[col]).astype(float)
    status = out.apply(_pay_status, axis=1, result_type="expand")
    out["pay_status"] = status[0].astype(str)
    out["pay_note"] = status[1].astype(str)
    out["annual_median_2023"] = out["soc"].map(_pay_2023(ashe_2023)).astype(float)
    out["hours_full_time"] = out["soc"].map(_hours(ashe)).astype(float) if ashe is not None else float("nan")
    judged = [pay_reliability(m, m23) for m, m23 in zip(out["annual_median"], out["annual_median_2023"])]
    out["pay_reliability"] = [r for r, _ in judged]
    out["pay_reliability_note"] = [n for _, n in judged]
    out["employee_jobs_thousand"] = out["soc"].map(_jobs(ashe_2023_all)).astype(float)
    return out.reset_index(drop=True).sort_values("soc").reset_index(drop=True)


def build_soc_groups(soc: pd.DataFrame) -> pd.DataFrame:
    """Titles of SOC 2020 major, sub-major and minor groups."""
    rows = []
    for col, level in (
        ("SOC 2020 Major Group", "major"),
        ("SOC 2020 Sub-Major Group", "sub_major"),
        ("SOC 2020 Minor Group", "minor"),
    ):
        part = soc[soc[col].map(_blank) != ""]
        for code, title in zip(part[col], part["SOC 2020 Group Title"]):
            rows.append({"code": _blank(code), "group_level": level, "title": _blank(title)})
    return pd.DataFrame(rows).sort_values("code").reset_index(drop=True)


# --------------------------------------------------------------------------- links
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


def _soc_phrases(occupations: pd.DataFrame, se_json: dict | None) -> dict[str, dict[str, str]]:
    """Normalised phrase -> {soc: source} from ONS titles/related job titles and Skills England job titles."""
    index: dict[str, dict[str, str]] = defaultdict(dict)
    for soc, title, related in zip(occupations["soc"], occupations["title"], occupations["related_job_titles"]):
        index[norm_name(title)].setdefault(soc, "ONS unit group title")
        for jt in str(related).split(";"):
            if jt.strip():
                index[norm_name(jt)].setdefault(soc, "ONS related job title")
    for occ in (se_json or {}).get("occupations", []):
        code = (occ.get("soc2020") or {}).get("code")
        if not code:
            continue
        index[norm_name(_strip_brackets(occ["title"].split(" - ")[0]))].setdefault(code, "Skills England occupation title")
        for jt in occ.get("typicalJobTitles") or []:
            index[norm_name(jt)].setdefault(code, "Skills England typical job title")
    return index


def _route_prior(links: pd.DataFrame, standards: pd.DataFrame) -> dict[str, Counter]:
    """Share of each route's official links per SOC minor group (a tie-breaker)."""
    route = standards.set_index("programme_id")["route"]
    prior: dict[str, Counter] = defaultdict(Counter)
    for pid, soc in zip(links["programme_id"], links["soc"]):
        if pid in route.index:
            prior[route[pid]][soc[:3]] += 1
    return prior


def _phrase_scores(text: str, phrases: dict, inverted: dict) -> dict[str, tuple[float, str]]:
    """How well one standard phrase fits each SOC: 1 for an exact phrase (shared between fewer
    codes is worth more), else the best word overlap (weighted Dice >= 0.55, at least one shared
    word that is not a role word) with a SOC phrase, times 0.8."""
    toks = _tokens(_strip_brackets(text))
    if not toks - _ROLE_WORDS:  # "supervisor", "team leader": says nothing about the field
        return {}
    exact = phrases.get(norm_name(text)) or phrases.get(norm_name(_strip_brackets(text))) or {}
    if exact:
        weight = 1.0 / len(exact) ** 0.5
        return {soc: (weight, f"'{text}' is a {src}") for soc, src in exact.items()}
    best: dict[str, tuple[float, str]] = {}
    seen: set[int] = set()
    for tok in sorted(toks - _ROLE_WORDS):  # sorted: the same answer whatever the hash seed
        for i in sorted(inverted.get(tok, ())):
            if i in seen:
                continue
            seen.add(i)
            ptoks, soc, phrase = inverted["__entries__"][i]
            if not (toks & ptoks) - _ROLE_WORDS:
                continue
            sim = _weighted_similarity(toks, ptoks)
            if sim >= 0.55 and sim * 0.8 > best.get(soc, (0.0, ""))[0]:
                best[soc] = (sim * 0.8, f"words of '{text}' match '{phrase}'")
    return best


def _match_one(title: str, job_titles: list[str], route: str, phrases: dict, inverted: dict, prior: dict) -> list[dict]:
    """Score SOC unit groups for one standard; return its best (and a close second) as link rows.

    Score = 2 x (title fit) + sum of job-title fits + up to 0.5 for the route's usual SOC minor
    groups (from the official links of other standards on the route). Confidence 0.35-0.75.
    """
    total: dict[str, float] = defaultdict(float)
    notes: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for text, weight, method in [(title, 2.0, "title_match")] + [(j, 1.0, "job_title_match") for j in job_titles]:
        for soc, (fit, why) in _phrase_scores(text, phrases, inverted).items():
            total[soc] += weight * fit
            notes[soc].append((weight * fit, method, why))
    if not total:
        return []
    route_prior = prior.get(route, Counter())
    top = max(route_prior.values(), default=0) or 1
    ranked = sorted(total, key=lambda soc: (-(total[soc] + 0.5 * route_prior[soc[:3]] / top), soc))
    rows: list[dict] = []
    best = total[ranked[0]] + 0.5 * route_prior[ranked[0][:3]] / top
    for soc in ranked[:2]:
        score = total[soc] + 0.5 * route_prior[soc[:3]] / top
        if rows and score < 0.8 * best:
            break
        lead = max(notes[soc])
        conf = round(min(0.75, 0.35 + 0.1 * total[soc]), 3)
        reasons = "; ".join(n[2] for n in sorted(notes[soc], reverse=True)[:3])
        rows.append({"programme_id": "", "soc": soc, "confidence": conf, "method": lead[1], "_weight": 0, "note": f"matched: {reasons}"})
    return rows


def _text_index(occupations: pd.DataFrame, se_json: dict | None) -> tuple[dict, dict]:
    """Phrase index and word index used to score standards against SOC unit groups."""
    phrases = _soc_phrases(occupations, se_json)
    return phrases, _word_index(phrases)


def _affinity(title: str, job_titles: str, phrases: dict, inverted: dict) -> dict[str, float]:
    """Text fit of one standard to each SOC: 2 x title fit + sum of job-title fits."""
    total: dict[str, float] = defaultdict(float)
    jobs = [j.strip() for j in str(job_titles).split(";") if j.strip()]
    for text, weight in [(title, 2.0)] + [(j, 1.0) for j in jobs]:
        for soc, (fit, _) in _phrase_scores(text, phrases, inverted).items():
            total[soc] += weight * fit
    return total


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
            fit = _affinity(info.at[pid, "title"], info.at[pid, "job_titles"], phrases, inverted)
            top = max((fit.get(s, 0.0) for s in grp["soc"]), default=0.0) or 1.0
            share = grp["_weight"] / grp["_weight"].sum()
            agreed = grp["soc"].isin(curated_socs.get(pid, set())).astype(float) * 10.0
            grp["_weight"] = share + grp["soc"].map(lambda s: fit.get(s, 0.0) / top) + agreed
            best = grp.sort_values(["_weight", "soc"], ascending=[False, True]).index[0]
            grp["confidence"] = [1.0 if i == best else 0.9 for i in grp.index]
        out.append(grp)
    return pd.concat(out, ignore_index=True)


def _word_index(phrases: dict[str, dict[str, str]]) -> dict:
    """Word -> positions in ``__entries__``, a list of (words, SOC code, phrase) for every phrase."""
    entries = [(_tokens(p), soc, p) for p, socs in phrases.items() for soc in socs]
    inverted: dict = defaultdict(list)
    for i, (toks, _, _) in enumerate(entries):
        for tok in toks:
            inverted[tok].append(i)
    inverted["__entries__"] = entries
    return inverted


def _ons_title_index(occupations: pd.DataFrame) -> tuple[dict, dict]:
    """Phrase and word index of the job titles ONS codes to each unit group ("related job titles").

    Unit-group titles are left out: they are category labels (2234 "Registered nurse
    practitioners" holds advanced nurse practitioners, not every registered nurse).
    """
    phrases: dict[str, dict[str, str]] = defaultdict(dict)
    for soc, related in zip(occupations["soc"], occupations["related_job_titles"]):
        for jt in str(related).split(";"):
            if jt.strip():
                phrases[norm_name(jt)].setdefault(soc, "ONS related job title")
    return phrases, _word_index(phrases)


def _names_own_job(occupation_title: str, title: str, job_titles: str) -> bool:
    """True when a crosswalk occupation shares a content word (not a role word such as
    ``manager``) with the standard's title or one of its job titles.

    The crosswalk lists career-changer destinations, so an occupation such as "Warehouse
    manager" can point at the "Operations manager" standard without being its own job.

    >>> _names_own_job("Nurse", "Registered nurse degree (NMC 2018)", "")
    True
    >>> _names_own_job("Warehouse manager", "Operations manager", "Area manager; General manager")
    False
    """
    own = _tokens(_strip_brackets(title), drop_roles=True)
    for jt in str(job_titles).split(";"):
        own |= _tokens(_strip_brackets(jt), drop_roles=True)
    return bool(_tokens(_strip_brackets(occupation_title), drop_roles=True) & own)


def _prefer_by_title_evidence(links: pd.DataFrame, standards: pd.DataFrame, ons_index: tuple[dict, dict]) -> pd.DataFrame:
    """Settle disagreements between the map and the curated crosswalk by ONS job-title evidence.

    For a standard whose map codes and crosswalk codes share nothing, a crosswalk code is put
    first (``_first`` = 1) when all of these hold:

    * its crosswalk occupation names the standard's own job (:func:`_names_own_job`);
    * the standard's title and job titles fit the job titles ONS codes to it (:func:`_affinity`
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
        crossed = {s for s, occ in zip(cur["soc"], cur["_xtitle"]) if _names_own_job(str(occ), title, jobs)}
        if not crossed:
            continue
        fit = _affinity(title, jobs, phrases, inverted)
        best = min(crossed, key=lambda s: (-fit.get(s, 0.0), s))
        if fit.get(best, 0.0) > 0 and not any(fit.get(s, 0.0) for s in mapped):
            hit = grp.index[(grp["soc"] == best) & (grp["method"] == "curated_crosswalk")]
            links.loc[hit, "_first"] = 1
            links.loc[hit, "note"] = links.loc[hit, "note"] + " (ranked first: ONS job titles of this unit group fit the standard, those of the map's code do not)"
    return links


def _matched_links(standards: pd.DataFrame, linked: set[str], phrases: dict, inverted: dict, prior: dict) -> pd.DataFrame:
    rows = []
    for pid, title, jts, route in zip(standards["programme_id"], standards["title"], standards["job_titles"], standards["route"]):
        if pid in linked:
            continue
        jobs = [j.strip() for j in str(jts).split(";") if j.strip()]
        for r in _match_one(title, jobs, route, phrases, inverted, prior):
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
        base = _TLEVEL_SUCCESSORS.get(pathway) or base_of_name.get(norm_name(str(title).replace("T Level in ", "")))
        if base is None:
            continue
        grp = tl[tl["base"] == base]
        counts = Counter(str(c).split(".")[0].zfill(4) for c in grp["soc2020_code"])
        succ = " (via its successor T Level)" if pathway in _TLEVEL_SUCCESSORS else ""
        for soc, n in counts.items():
            example = sorted(grp.loc[grp["soc2020_code"].astype(str).str.split(".").str[0].str.zfill(4) == soc, "occupation_title"])[0]
            rows.append({"programme_id": f"TL-{pid}", "soc": soc, "confidence": 1.0, "method": "skills_england_map", "_weight": n, "note": f"Skills England occupational map{succ}: {example}"})
    return pd.DataFrame(rows, columns=["programme_id", "soc", "confidence", "method", "_weight", "note"])


def _rank(links: pd.DataFrame) -> pd.DataFrame:
    """Keep the best row per (programme, SOC) and number each programme's links from 1."""
    if "_first" not in links:
        links = links.assign(_first=0)
    links["_first"] = links["_first"].fillna(0)
    links = links.sort_values(["programme_id", "_first", "confidence", "_weight", "soc"], ascending=[True, False, False, False, True])
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
    phrases, inverted = _text_index(occupations, se_json)
    parts = []
    cur = curated[curated["standard_reference"].isin(ids)] if curated is not None else None
    if se is not None:
        official = _se_links(se, ids, ("Apprenticeship", "Foundation Apprenticeship"))
        agreed: dict[str, set[str]] = defaultdict(set)
        if cur is not None:
            for pid, soc in zip(cur["standard_reference"], cur["soc2020_unit_group"]):
                agreed[pid].add(str(soc).split(".")[0].zfill(4))
        parts.append(_order_official(official, standards, phrases, inverted, agreed))
    if cur is not None:
        parts.append(
            pd.DataFrame(
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
        )
    if len(parts) > 1:
        parts = [_prefer_by_title_evidence(pd.concat(parts, ignore_index=True), standards, _ons_title_index(occupations))]
    official = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["programme_id", "soc"])
    prior = _route_prior(official, standards)
    matched = _matched_links(standards, set(official["programme_id"]), phrases, inverted, prior)
    parts.append(matched)
    if tlevels is not None and se is not None:
        parts.append(_tlevel_links(tlevels, se))
    if htq_ids and se is not None:
        parts.append(_se_links(se, htq_ids, ("HTQ",)))
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
    if reviews is not None and len(reviews):
        parts.append(_reviewed_links(reviews, ids, set(occupations["soc"])))
    parts.append(ncs_links(ncs_named, ids))
    links = pd.concat([p for p in parts if len(p)], ignore_index=True)
    links = _drop_removed(links[links["soc"].isin(set(occupations["soc"]))], reviews)
    return _rank(links)


def _reviewed_links(reviews: pd.DataFrame, ids: set[str], socs: set[str]) -> pd.DataFrame:
    """Links from the reviewed corrections; a review naming an unknown standard or code is an error.
    ``remove`` rows are left out here (see :func:`_drop_removed`)."""
    bad = reviews[~reviews["programme_id"].isin(ids) | ~reviews["soc"].isin(socs) | ~reviews["action"].isin(REVIEW_ACTIONS)]
    if len(bad):
        raise ValueError(f"link_reviews.csv rows that do not match the bundle: {bad[['programme_id', 'soc', 'action']].to_dict('records')}")
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


# --------------------------------------------------------------------------- other programmes
def _htq_level(level: object, title: str) -> int | None:
    lv = _int_or_na(level)
    if isinstance(lv, int) and lv in (4, 5):
        return lv
    t = title.lower()
    if "level 5" in t or "hnd" in t or "higher national diploma" in t or "foundation degree" in t or t.startswith("fd"):
        return 5
    if "level 4" in t or "hnc" in t or "higher national certificate" in t:
        return 4
    return None


def _htqs(se: pd.DataFrame) -> pd.DataFrame:
    """One row per HTQ product in the Skills England map (level 4 or 5)."""
    part = se[se["product_type"] == "HTQ"]
    rows = []
    for pid, grp in part.groupby("product_id", sort=True):
        title = str(grp["product_title"].iloc[0]).replace("\u200b", "").strip()
        level = _htq_level(grp["product_level"].iloc[0], title)
        if level is None:
            continue
        route = Counter(grp["route_name"]).most_common(1)[0][0]
        years = "1 year" if level == 4 else "2 years"
        rows.append(
            {
                "programme_id": pid,
                "kind": "htq",
                "title": title,
                "level": level,
                "route": route if route in ROUTES else None,
                "duration_months": 12 if level == 4 else 24,
                "paid": False,
                "summary": f"A level {level} technical course at college or university, about {years} full-time. It is approved by employers.",
                "min_age": 18,
                "max_age": pd.NA,
                "source": "Skills England occupational maps (HTQ products)",
                "source_url": f"https://occupational-maps.skillsengland.education.gov.uk/maps/occupation/{sorted(grp['occupation_id'])[0]}",
                "source_date": "2026-09-11",
            }
        )
    return pd.DataFrame(rows)


def superseded_tlevels(tl: pd.DataFrame, se: pd.DataFrame | None) -> dict[str, str]:
    """T Levels replaced by a newer one (no new starts): pathway id -> the pathway id that replaced it.

    Replaced means: a later version with the same title (e.g. Education and Early Years, first
    taught 2020 and 2025), or a 2020-21 digital T Level the Skills England map has only as its
    2025 successor (:data:`_TLEVEL_SUCCESSORS`).
    """
    out: dict[str, str] = {}
    latest = tl.sort_values(["first_teaching_year", "pathway_id"]).groupby("tlevel_title")["pathway_id"].last()
    for pid, title in zip(tl["pathway_id"], tl["tlevel_title"]):
        if latest[title] != pid:
            out[str(pid)] = str(latest[title])
    if se is not None:
        part = se[se["product_type"] == "TLevel"]
        base_of = {norm_name(str(t).split(" - ")[0]): str(b)[:6] for t, b in zip(part["product_title"], part["product_id"])}
        pid_of_base = {base_of.get(norm_name(str(t).replace("T Level in ", ""))): str(p) for p, t in zip(tl["pathway_id"], tl["tlevel_title"])}
        for pid, pathway in zip(tl["pathway_id"], tl["pathway_name"]):
            succ = pid_of_base.get(_TLEVEL_SUCCESSORS[pathway]) if pathway in _TLEVEL_SUCCESSORS else None
            if succ is not None and succ != str(pid):
                out[str(pid)] = succ
    return out


def _current_tlevels(tl: pd.DataFrame | None, se: pd.DataFrame | None, checks: dict) -> pd.DataFrame | None:
    """The T Levels open to new starts: superseded ones are dropped (and listed in the checks)."""
    if tl is None:
        return None
    gone = superseded_tlevels(tl, se)
    title = dict(zip(tl["pathway_id"].astype(str), tl["tlevel_title"] + " (first taught " + tl["first_teaching_year"].astype(str) + ")"))
    checks["tlevels_superseded_dropped"] = [f"TL-{p} {title[p]}: replaced by TL-{n} {title[n]}" for p, n in sorted(gone.items())]
    print(f"T Levels replaced by a newer one (dropped): {len(gone)}")
    for line in checks["tlevels_superseded_dropped"]:
        print("  dropped:", line)
    return tl[~tl["pathway_id"].astype(str).isin(set(gone))].reset_index(drop=True)


def _tlevels(tl: pd.DataFrame) -> pd.DataFrame:
    """All T Level pathways; a title taught in two versions gets its first teaching year."""
    dup = tl["tlevel_title"].duplicated(keep=False)
    titles = [f"{t} (first taught {y})" if d else t for t, y, d in zip(tl["tlevel_title"], tl["first_teaching_year"], dup)]
    return pd.DataFrame(
        {
            "programme_id": "TL-" + tl["pathway_id"].astype(str),
            "kind": "t_level",
            "title": titles,
            "level": 3,
            "route": tl["route_name"].map(_TLEVEL_ROUTES),
            "duration_months": 24,
            "paid": False,
            "summary": "A 2-year course for 16 to 19 year olds, equal to 3 A levels. You spend at least 45 days on placement with an employer.",
            "min_age": 16,
            "max_age": 19,
            "source": "DfE T Level reference data (ESFA results and certification service)",
            "source_url": "https://www.gov.uk/government/publications/introduction-of-t-levels/introduction-of-t-levels",
            "source_date": "2026-06",
        }
    )


def build_programmes(tlevels: pd.DataFrame | None, se: pd.DataFrame | None, hand: pd.DataFrame) -> pd.DataFrame:
    """The ``programmes`` table: T Levels, HTQs and the hand-written families."""
    hand = hand.copy()
    hand["level"] = hand["level"].astype(int)
    hand["duration_months"] = hand["duration_months"].astype(int)
    hand["paid"] = hand["paid"].str.lower().eq("true")
    hand["route"] = hand["route"].replace("", None)
    parts = [hand.drop(columns=["progresses_to"])]
    if tlevels is not None:
        parts.append(_tlevels(tlevels))
    if se is not None:
        parts.append(_htqs(se))
    out = pd.concat(parts, ignore_index=True)
    for col in ("min_age", "max_age"):
        out[col] = pd.array([_int_or_na(v) if str(v).strip() not in ("", "nan", "<NA>") else pd.NA for v in out[col]], dtype="Int64")
    out["route"] = out["route"].astype("str").where(out["route"].notna(), None)
    out["level"] = out["level"].astype(int)
    out["duration_months"] = out["duration_months"].astype(int)
    out["paid"] = out["paid"].astype(bool)
    cols = ["programme_id", "kind", "title", "level", "route", "duration_months", "paid", "summary", "min_age", "max_age", "source", "source_url", "source_date"]
    return out[cols].sort_values("programme_id").reset_index(drop=True)


# --------------------------------------------------------------------------- progressions
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
    nodes["words"] = nodes["title"].map(lambda t: _tokens(re.sub(r"^T Level in ", "", _strip_brackets(t)), drop_roles=True))
    nodes["jobs"] = nodes["job_titles"].map(lambda j: frozenset().union(*[_tokens(x, drop_roles=True) for x in str(j).split(";")]) if j else frozenset())
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
    title_sim = _similarity(a["words"], b["words"])
    job_sim = _similarity(a["words"] | a["jobs"], b["words"] | b["jobs"])
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


# --------------------------------------------------------------------------- rules, wages, facts
def build_entry_rules(hand: pd.DataFrame) -> pd.DataFrame:
    """The ``entry_rules`` table from ``handwritten/entry_rules.csv``."""
    out = hand.copy()
    for col in ("level", "max_age", "exception_max_age"):
        out[col] = pd.array([int(v) if str(v).strip() else pd.NA for v in out[col]], dtype="Int64")
    for col in ("min_prior_level", "min_age"):
        out[col] = out[col].astype(int)
    for col in ("needs_english_maths", "requires_ehcp"):
        out[col] = out[col].str.lower().eq("true")
    out["programme_id"] = out["programme_id"].replace("", None)
    cols = ["rule_id", "programme_kind", "programme_id", "level", "min_prior_level", "needs_english_maths", "min_age", "max_age", "exception_max_age", "exception_text", "requires_ehcp", "text", "source", "source_url", "source_date"]
    return out[cols].sort_values("rule_id").reset_index(drop=True)


def build_restrictions(hand: pd.DataFrame, occupations: pd.DataFrame, standards: pd.DataFrame,
                       programmes: pd.DataFrame, ncs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``restrictions`` table from ``handwritten/job_restrictions.csv``, and from the National Careers
    Service's profiles (``ncs``, :func:`pathways.ingest.ncs.ncs_restrictions`) for jobs the hand-written
    table does not cover; every subject must exist."""
    out = hand.copy()
    out["min_age"] = pd.array([int(v) if str(v).strip() else pd.NA for v in out["min_age"]], dtype="Int64")
    out["adult_setting"] = out["adult_setting"].str.lower().eq("true")
    out["needs"] = out["needs"].str.replace(" ", "", regex=False).replace("", "none")
    known = {"occupation": set(occupations["soc"]),
             "programme": set(standards["programme_id"]) | set(programmes["programme_id"])}
    unknown = [f"{k} {i}" for k, i in zip(out["subject_kind"], out["subject_id"]) if i not in known.get(k, set())]
    if unknown:
        raise ValueError(f"job_restrictions.csv names unknown jobs or programmes: {unknown}")
    cols = ["subject_kind", "subject_id", "title", "min_age", "needs", "adult_setting", "text", "source", "source_url",
            "source_date"]
    if ncs is not None and len(ncs):
        covered = set(zip(out["subject_kind"], out["subject_id"]))
        extra = ncs[[(k, i) not in covered for k, i in zip(ncs["subject_kind"], ncs["subject_id"])]]
        out = pd.concat([out[cols], extra[cols]], ignore_index=True)
    return out[cols].sort_values(["subject_kind", "subject_id"]).reset_index(drop=True)


def build_wage_rates(wages: pd.DataFrame) -> pd.DataFrame:
    """Hourly minimum wage rates; rows without an hourly rate (and the daily accommodation offset) dropped."""
    w = wages[wages["band"] != "accommodation_offset_per_day"].copy()
    w["hourly_rate_gbp"] = pd.to_numeric(w["hourly_rate_gbp"], errors="coerce")
    w = w[w["hourly_rate_gbp"] > 0]
    out = pd.DataFrame(
        {
            "start_date": w["start_date"].astype(str),
            "end_date": w["end_date"].where(w["end_date"].notna() & (w["end_date"].astype(str) != ""), None).astype("str"),
            "band": w["band"].astype(str),
            "min_age": pd.array(pd.to_numeric(w["min_age"], errors="coerce"), dtype="Int64"),
            "max_age": pd.array(pd.to_numeric(w["max_age"], errors="coerce"), dtype="Int64"),
            "hourly_rate_gbp": w["hourly_rate_gbp"].astype(float).round(2),
        }
    )
    out["end_date"] = out["end_date"].where(w["end_date"].notna().to_numpy(), None)
    return out.sort_values(["start_date", "band"]).reset_index(drop=True)


def build_facts(hand: pd.DataFrame) -> pd.DataFrame:
    """The ``facts`` table from ``handwritten/facts.csv``."""
    cols = ["key", "value", "unit", "description", "source", "url", "as_of"]
    return hand[cols].sort_values("key").reset_index(drop=True)


# --------------------------------------------------------------------------- driver
def _read(raw: Path, rel: str, **kw) -> pd.DataFrame | None:
    path = raw / rel
    return pd.read_csv(path, **kw) if path.exists() else None


def build(raw: Path, built: dict[str, pd.DataFrame], checks: dict[str, object]) -> dict[str, pd.DataFrame]:
    """Build every table of this step from the raw folder (see :mod:`pathways.ingest`)."""
    raw = Path(raw)
    ifate = pd.read_csv(raw / F_IFATE, dtype=str)
    dfe = _read(raw, F_DFE)
    soc = pd.read_csv(raw / F_SOC, dtype=str)
    ashe = _read(raw, F_ASHE, dtype={"soc2020_unit_group": str})
    ashe_2023 = _read(raw, F_ASHE_2023, dtype=str)
    se = _read(raw, F_SE_LINKS, dtype=str)
    se_prog = _read(raw, F_SE_PROG, dtype=str)
    curated = _read(raw, F_CURATED, dtype=str)
    tl = _current_tlevels(_read(raw, F_TLEVELS, dtype=str), se, checks)
    wages = pd.read_csv(raw / F_WAGES, dtype=str)
    se_json = json.loads((raw / F_SE_JSON).read_text()) if (raw / F_SE_JSON).exists() else None
    hand_programmes = _read_hand("other_programmes.csv")

    standards = build_standards(ifate, dfe, checks, se_json)
    occupations = build_occupations(soc, ashe, ashe_2023, _read(raw, F_ASHE_2023_ALL, dtype=str))
    programmes = build_programmes(tl, se, hand_programmes)
    htq_ids = set(programmes.loc[programmes["kind"] == "htq", "programme_id"])
    former = ifate.rename(columns={"Reference": "programme_id", "Name": "title", "Level": "level"})[["programme_id", "title", "level"]]
    ncs_named = build_ncs_named(raw, standards, occupations, _read_hand("ncs_name_reviews.csv"),
                                former.dropna().drop_duplicates(), _read_hand("ncs_profile_socs.csv"))
    links = build_links(standards, occupations, se, se_json, curated, tl, htq_ids, _read_hand("bootcamp_occupations.csv"),
                        _read_hand("link_reviews.csv"), ncs_named)
    progressions = build_progressions(standards, programmes, links, occupations, se, se_prog, hand_programmes)
    _record_link_checks(standards, links, checks)
    return {
        "standards": standards,
        "occupations": occupations,
        "soc_groups": build_soc_groups(soc),
        "programme_occupations": links,
        **({"ncs_named": ncs_named} if ncs_named is not None else {}),
        "progressions": progressions,
        "programmes": programmes,
        "entry_rules": build_entry_rules(_read_hand("entry_rules.csv")),
        "restrictions": build_restrictions(_read_hand("job_restrictions.csv"), occupations, standards, programmes,
                                           ncs_restrictions(raw, occupations, _read(raw, F_CURATED_OCC, dtype=str),
                                                            _read_hand("ncs_profile_socs.csv"))),
        "wage_rates": build_wage_rates(wages),
        "facts": build_facts(_read_hand("facts.csv")),
    }


def _record_link_checks(standards: pd.DataFrame, links: pd.DataFrame, checks: dict) -> None:
    linked = set(links["programme_id"])
    unlinked = sorted(set(standards["programme_id"]) - linked)
    best = links[links["rank"] == 1]
    checks["standards_linked_share"] = round(1 - len(unlinked) / max(len(standards), 1), 4)
    checks["standards_unlinked"] = unlinked
    checks["standard_link_methods"] = dict(Counter(best[best["programme_id"].isin(set(standards["programme_id"]))]["method"]))
    print(f"standards linked to an occupation: {checks['standards_linked_share']:.1%} ({len(unlinked)} unlinked)")

