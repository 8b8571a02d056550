"""Ingest step ``providers``: who trains apprentices, on which standards, and where they live.

Reads the DfE apprenticeship provider dashboard files, provider by provider
(``dfe_apprenticeships/providers/``, see ``../shared/data/raw/SOURCES.md`` section 4):

- provider x standard (England) starts and achievements by year: standards are named, not
  coded, so names are matched to the IfATE reference with the same matcher as the national
  starts (:func:`pathways.ingest.programmes.standards.dfe_name_refs`); frameworks are left out, and the
  names that did not match are printed and recorded in the manifest's checks;
- provider x learner's home district x delivery district by year: summed over delivery district
  for ``provider_home``, and the delivery districts of the last two full years for
  ``provider_delivery``;
- provider x level x age band x region by year: summed to the age mix per provider and level band
  (intermediate = level 2, advanced = level 3, higher = levels 4 to 7);
- two hand-checked lists (``handwritten/``): the armed forces' providers (``armed_forces_providers.csv``:
  their apprentices are service personnel, so they never count as local civilian training) and
  companies that train their own staff (``employer_providers.csv``: DfE's "Private Sector Public
  Funded" type mixes them with training companies). NHS trusts, police and fire services and other
  public bodies (DfE type "Other", not universities) and councils ("Local Authority") are employers
  that train their own staff by rule.

Providers carry their UKPRN in brackets in every file, and the case of their names differs
between files, so every join is on the UKPRN. The tables are described in
:mod:`pathways.schema.providers`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pathways.ingest.local.areas import OLD_TO_NEW_LAD
from pathways.ingest.programmes.standards import dfe_name_refs
from pathways.ingest.readers import HANDWRITTEN
from pathways.schema import source_files
from pathways.text import fold

__all__ = [
    "build",
    "split_provider",
    "provider_kind",
    "level_band",
    "FULL_YEARS_FOR_DELIVERY",
    "F_PROV_HOME",
    "F_PROV_STD",
    "F_PROV_AGE",
    "F_IFATE",
    "F_FORCES",
    "F_EMPLOYERS",
    "FORCES_KIND",
    "EMPLOYER_KIND",
    "TRAINING_COMPANY_KIND",
]

#: the files this step reads (named in :mod:`pathways.schema.source_files`; the tests write fixtures under these names)
F_PROV_HOME = source_files.PROVIDER_STARTS_BY_DISTRICT
F_PROV_STD = source_files.PROVIDER_STARTS_BY_STANDARD
F_PROV_AGE = source_files.PROVIDER_STARTS_BY_AGE
F_IFATE = source_files.IFATE_STANDARDS

F_FORCES = HANDWRITTEN / source_files.ARMED_FORCES_PROVIDERS
F_EMPLOYERS = HANDWRITTEN / source_files.EMPLOYER_PROVIDERS

#: how many of the latest full years the delivery-district table keeps
FULL_YEARS_FOR_DELIVERY = 2

_UKPRN = re.compile(r"^(?P<name>.*?)\s*\((?P<ukprn>\d{8})\)\s*$")

#: DfE provider types -> the words shown to a learner. DfE's "Private Sector Public Funded" covers
#: both training companies and employers that train their own staff; the files do not separate them.
_KINDS = {
    "General FE College incl Tertiary": "College",
    "Sixth Form College": "Sixth form college",
    "Special College": "Specialist college",
    "Private Sector Public Funded": "Training company or employer",
    "Local Authority": "Council",
    "Schools": "School",
}
FORCES_KIND = "Armed forces"
EMPLOYER_KIND = "Employer that trains its own staff"
TRAINING_COMPANY_KIND = "Training company"
#: DfE's apprenticeship level names -> the level band used for age mixes
_BANDS = {"Intermediate Apprenticeship": "Intermediate", "Advanced Apprenticeship": "Advanced", "Higher Apprenticeship": "Higher"}
_UNIVERSITY = re.compile(r"\bUniversity\b", re.I)
_NOT_UNIVERSITY = re.compile(r"hospital|nhs|national health service|trust\b", re.I)


def split_provider(text: object) -> tuple[str, str] | None:
    """``"BLACKPOOL AND THE FYLDE COLLEGE (10000754)"`` -> ``("BLACKPOOL AND THE FYLDE COLLEGE", "10000754")``.

    >>> split_provider("Instep Uk Limited (10003317)")
    ('Instep Uk Limited', '10003317')
    >>> split_provider("No number here") is None
    True
    """
    m = _UKPRN.match(str(text))
    return (m["name"], m["ukprn"]) if m else None


def level_band(dfe_level: str) -> str:
    """DfE's level name -> its band: ``"Advanced Apprenticeship"`` -> ``"Advanced"``.

    >>> level_band("Higher Apprenticeship"), level_band("Intermediate Apprenticeship")
    ('Higher', 'Intermediate')
    """
    return _BANDS[dfe_level]


def provider_kind(dfe_type: str, name: str, forces: bool = False, trains_own: bool | None = None) -> str:
    """Plain words for a provider's kind, from DfE's provider type (and, for "Other", its name), the armed
    forces' list and the hand-checked list of companies (``trains_own``: True, False, or None when not checked).

    >>> provider_kind("General FE College incl Tertiary", "Blackpool And The Fylde College")
    'College'
    >>> provider_kind("Other", "University Of Derby")
    'University'
    >>> provider_kind("Other", "University Hospitals Of Leicester National Health Service Trust")
    'Employer that trains its own staff'
    >>> provider_kind("Private Sector Public Funded", "Bae Systems Plc", trains_own=True)
    'Employer that trains its own staff'
    >>> provider_kind("Private Sector Public Funded", "Lifetime Training Group Limited", trains_own=False)
    'Training company'
    >>> provider_kind("Private Sector Public Funded", "British Army", forces=True)
    'Armed forces'
    """
    if forces:
        return FORCES_KIND
    if dfe_type == "Private Sector Public Funded" and trains_own is not None:
        return EMPLOYER_KIND if trains_own else TRAINING_COMPANY_KIND
    if dfe_type in _KINDS:
        return _KINDS[dfe_type]
    if _UNIVERSITY.search(name) and not _NOT_UNIVERSITY.search(name):
        return "University"
    return EMPLOYER_KIND


def _own_staff_basis(dfe_type: str, kind: str, evidence: str, url: str, checked: str) -> str:
    """Why a provider counts as an employer that trains its own staff ("" when it does not)."""
    if kind != EMPLOYER_KIND:
        return ""
    if dfe_type == "Private Sector Public Funded":
        return f"{evidence} ({url}, checked {checked})"
    return f"DfE provider type '{dfe_type}': a public body (such as an NHS trust, police or fire service) or council"


def _year(year: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``"2025/26 (Aug to Apr)"`` -> (``"2025/26"``, True)."""
    return year.str.extract(r"^(\d{4}/\d{2})")[0], year.str.contains("(", regex=False)


def _with_ukprn(df: pd.DataFrame) -> pd.DataFrame:
    parts = df["provider_name"].str.extract(_UKPRN.pattern)
    if parts["ukprn"].isna().any():
        bad = df.loc[parts["ukprn"].isna(), "provider_name"].unique()[:5].tolist()
        raise ValueError(f"provider names without a UKPRN in brackets: {bad}")
    out = df.assign(ukprn=parts["ukprn"].astype(str), provider=parts["name"].astype(str))
    out["year"], out["partial_year"] = _year(out["year"].astype(str))
    return out


#: words kept in capitals (or lower case) when a name in capitals is given a readable case
_ACRONYMS = {
    "NHS",
    "BAE",
    "BT",
    "EY",
    "LLP",
    "UK",
    "HGV",
    "QA",
    "KLM",
    "JTL",
    "BBC",
    "ITV",
    "RAF",
    "CIC",
    "CITB",
    "EDF",
    "SSE",
    "TUI",
    "KPMG",
    "PWC",
    "HSBC",
    "RSPCA",
    "NCFE",
    "JCB",
    "DHL",
    "UPS",
    "TSB",
    "MOD",
    "GP",
}
_SMALL = {"And": "and", "Of": "of", "The": "the", "For": "for", "In": "in", "At": "at", "On": "on", "Plc": "plc", "Ltd": "Ltd"}


def _name_title(name: str) -> str:
    """Names come in capitals in some files: give those a readable case (others keep theirs), with acronyms in
    capitals either way.

    >>> _name_title("BAE SYSTEMS PLC"), _name_title("North East Ambulance Service Nhs Foundation Trust")
    ('BAE Systems plc', 'North East Ambulance Service NHS Foundation Trust')
    >>> _name_title("Truro And Penwith College")
    'Truro and Penwith College'
    """
    if name.upper() != name:
        words = [w.upper() if w.upper() in _ACRONYMS else w for w in name.split()]
    else:
        words = [w if w in _ACRONYMS else w.capitalize() for w in name.split()]
    return " ".join(_SMALL.get(w, w) if i else w for i, w in enumerate(words))


def _providers(
    std: pd.DataFrame, home: pd.DataFrame, ages: pd.DataFrame, forces: pd.DataFrame, employers: pd.DataFrame
) -> pd.DataFrame:
    """One row per UKPRN: its name (as in the latest standards file row), DfE type, our kind, and whether and
    why it is an employer that trains its own staff."""
    types = pd.concat([std[["ukprn", "provider_type", "year"]], ages[["ukprn", "provider_type", "year"]]])
    dfe_type = types.sort_values(["ukprn", "year"]).groupby("ukprn")["provider_type"].last()
    names = pd.concat([std[["ukprn", "provider", "year"]].assign(pref=0), home[["ukprn", "provider", "year"]].assign(pref=1)])
    # the most recent year's name; the standards file (mixed case) first
    names = names.sort_values(["ukprn", "year", "pref"], ascending=[True, False, True]).drop_duplicates("ukprn")
    out = names.set_index("ukprn")[["provider"]].rename(columns={"provider": "name"})
    out["name"] = out["name"].map(_name_title)
    out["dfe_type"] = dfe_type.reindex(out.index).fillna("Other").astype(str)
    checked = employers.set_index("ukprn")
    own = {u: {"yes": True, "no": False}.get(v) for u, v in checked["trains_own_staff"].items()}
    in_forces = set(forces["ukprn"])
    out["kind"] = [provider_kind(t, n, u in in_forces, own.get(u)) for u, t, n in zip(out.index, out["dfe_type"], out["name"])]
    out["trains_own_staff"] = out["kind"].eq(EMPLOYER_KIND)
    ev = checked.reindex(out.index).fillna("")
    out["own_staff_basis"] = [
        _own_staff_basis(t, k, e, url, d)
        for t, k, e, url, d in zip(out["dfe_type"], out["kind"], ev["evidence"], ev["source_url"], ev["date_checked"])
    ]
    return out.reset_index().sort_values("ukprn").reset_index(drop=True)


def _provider_standards(std: pd.DataFrame, refs: dict[tuple[str, str], str | None]) -> tuple[pd.DataFrame, list[str]]:
    """Starts and achievements per provider x standard (IfATE reference) x year; unmatched names."""
    s = std[(std["std_fwk_flag"] == "Standard") & std["measure"].isin(["Starts", "Achievements"])].copy()
    s["programme_id"] = [refs.get((n, b)) for n, b in zip(s["std_fwk_name"], s["apps_Level"])]
    unmatched = sorted(set(s.loc[s["programme_id"].isna() & (s["values"] > 0), "std_fwk_name"]))
    s = s.dropna(subset=["programme_id"])
    wide = s.pivot_table(
        index=["ukprn", "programme_id", "year", "partial_year"], columns="measure", values="values", aggfunc="sum", fill_value=0
    ).reset_index()
    wide = wide.rename(columns={"Starts": "starts", "Achievements": "achievements"}).rename_axis(columns=None)
    for col in ("starts", "achievements"):
        if col not in wide:
            wide[col] = 0
    wide = wide[(wide["starts"] > 0) | (wide["achievements"] > 0)]
    cols = ["ukprn", "programme_id", "year", "partial_year", "starts", "achievements"]
    return _ints(wide[cols], ("starts", "achievements")).sort_values(cols[:3]).reset_index(drop=True), unmatched


def _provider_years(std: pd.DataFrame) -> pd.DataFrame:
    """Each provider's starts and achievements on every standard and framework, England, by year."""
    s = std[std["measure"].isin(["Starts", "Achievements"])]
    wide = s.pivot_table(
        index=["ukprn", "year", "partial_year"], columns="measure", values="values", aggfunc="sum", fill_value=0
    ).reset_index()
    wide = wide.rename(columns={"Starts": "starts", "Achievements": "achievements"}).rename_axis(columns=None)
    cols = ["ukprn", "year", "partial_year", "starts", "achievements"]
    return _ints(wide[cols], ("starts", "achievements")).sort_values(cols[:2]).reset_index(drop=True)


def _lad_codes(names: pd.Series, lads: pd.DataFrame) -> tuple[pd.Series, list[str]]:
    index = {fold(n): OLD_TO_NEW_LAD.get(c, c) for n, c in zip(lads["name"], lads["lad_code"])}
    codes = names.map(lambda n: index.get(fold(n)))
    unmatched = sorted(set(names[codes.isna()]) - {"Outside of England and unknown"})
    return codes, unmatched


def _provider_home(home: pd.DataFrame) -> pd.DataFrame:
    """Starts per provider x home district x year (summed over where the training was delivered)."""
    h = home.groupby(["ukprn", "home_lad", "year", "partial_year"], as_index=False)["starts"].sum()
    h = h[h["starts"] > 0].rename(columns={"home_lad": "lad_code"})
    cols = ["ukprn", "lad_code", "year", "partial_year", "starts"]
    return _ints(h[cols], ("starts",)).sort_values(cols[:3]).reset_index(drop=True)


def _provider_delivery(home: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Where each provider trained the apprentices from each home district, the last two full years."""
    full = sorted(home.loc[~home["partial_year"], "year"].unique())[-FULL_YEARS_FOR_DELIVERY:]
    d = home[home["year"].isin(full) & (home["starts"] > 0) & home["delivery_lad"].notna()]
    d = d.groupby(["ukprn", "home_lad", "delivery_lad"], as_index=False)["starts"].sum()
    d = d.rename(columns={"home_lad": "lad_code"})
    cols = ["ukprn", "lad_code", "delivery_lad", "starts"]
    period = f"{full[0]} and {full[-1]}" if len(full) > 1 else full[0]
    return _ints(d[cols], ("starts",)).sort_values(cols[:3]).reset_index(drop=True), period


def _provider_ages(ages: pd.DataFrame) -> pd.DataFrame:
    """Each provider's starts by year, level band and the apprentice's age group (all regions)."""
    a = ages.assign(level_band=ages["apps_Level"].map(level_band))
    a = a.groupby(["ukprn", "year", "partial_year", "level_band", "age_group"], as_index=False)["starts"].sum()
    a = a[a["starts"] > 0]
    cols = ["ukprn", "year", "partial_year", "level_band", "age_group", "starts"]
    return _ints(a[cols], ("starts",)).sort_values(cols[:2] + ["level_band", "age_group"]).reset_index(drop=True)


def _hand_lists(forces_csv: Path, employers_csv: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The armed forces' providers and the hand-checked companies, UKPRNs as text, checked for duplicates."""
    forces = pd.read_csv(forces_csv, dtype=str).fillna("")
    employers = pd.read_csv(employers_csv, dtype=str).fillna("")
    for name, df in (("armed forces", forces), ("employer", employers)):
        if df["ukprn"].duplicated().any() or not df["ukprn"].str.fullmatch(r"\d{8}").all():
            raise ValueError(f"the {name} providers list has a repeated or malformed UKPRN")
    bad = set(employers["trains_own_staff"]) - {"yes", "no", "unsure"}
    if bad:
        raise ValueError(f"{source_files.EMPLOYER_PROVIDERS}: trains_own_staff must be yes, no or unsure, not {sorted(bad)}")
    return forces, employers


def _armed_forces(forces: pd.DataFrame, known: set[str]) -> pd.DataFrame:
    """The armed forces table: service, youngest joining age and where to apply, with source and date."""
    missing = set(forces["ukprn"]) - known
    if missing:
        raise ValueError(f"{source_files.ARMED_FORCES_PROVIDERS} names UKPRNs not in the DfE files: {sorted(missing)}")
    out = forces[["ukprn", "service", "minimum_age", "how_to_apply_url", "source_url", "date_checked"]].copy()
    out["minimum_age"] = out["minimum_age"].astype("int64")
    return out.sort_values("ukprn").reset_index(drop=True)


def _ints(df: pd.DataFrame, cols: tuple[str, ...]) -> pd.DataFrame:
    df = df.copy()
    for c in cols:
        df[c] = df[c].astype("int64")
    if "partial_year" in df:
        df["partial_year"] = df["partial_year"].astype(bool)
    return df


def build(
    raw: Path,
    built: dict[str, pd.DataFrame],
    checks: dict[str, object],
    forces_csv: Path | None = None,
    employers_csv: Path | None = None,
) -> dict[str, pd.DataFrame]:
    """Build the provider tables (needs ``lads`` and ``standards`` in ``built``); the hand-checked lists are
    :data:`F_FORCES` and :data:`F_EMPLOYERS` unless given."""
    raw = Path(raw)
    forces, employers = _hand_lists(forces_csv or F_FORCES, employers_csv or F_EMPLOYERS)
    std = _with_ukprn(pd.read_parquet(raw / F_PROV_STD))
    home = _with_ukprn(pd.read_parquet(raw / F_PROV_HOME))
    ages = _with_ukprn(pd.read_parquet(raw / F_PROV_AGE))
    ifate = pd.read_csv(raw / F_IFATE, dtype=str)
    in_bundle = set(built["standards"]["programme_id"])
    pairs = std.loc[std["std_fwk_flag"] == "Standard", ["std_fwk_name", "apps_Level"]].drop_duplicates()
    refs = dfe_name_refs(pairs, ifate, in_bundle)

    home["home_lad"], unmatched_home = _lad_codes(home["learner_home_lad"], built["lads"])
    home["delivery_lad"], unmatched_delivery = _lad_codes(home["delivery_lad"], built["lads"])
    home = home.dropna(subset=["home_lad"])

    provider_standards, unmatched = _provider_standards(std, refs)
    provider_standards = provider_standards[provider_standards["programme_id"].isin(in_bundle)]
    delivery, period = _provider_delivery(home)
    providers = _providers(std, home, ages, forces, employers)
    tables = {
        "providers": providers,
        "armed_forces": _armed_forces(forces, set(providers["ukprn"])),
        "provider_years": _provider_years(std),
        "provider_standards": provider_standards.reset_index(drop=True),
        "provider_home": _provider_home(home),
        "provider_delivery": delivery,
        "provider_ages": _provider_ages(ages),
    }
    checks["providers"] = {
        "providers": int(len(tables["providers"])),
        "standard_names_unmatched": unmatched,
        "home_districts_unmatched": unmatched_home,
        "delivery_districts_unmatched": unmatched_delivery,
        "delivery_districts_period": period,
        "employer_list_checked": int(len(employers)),
        "employer_list_yes": int((employers["trains_own_staff"] == "yes").sum()),
        "employers_that_train_own_staff": int(providers["trains_own_staff"].sum()),
    }
    print(
        f"  providers: {len(tables['providers'])} providers; {len(unmatched)} standard names with starts or "
        f"achievements did not match a standard in the register:"
    )
    for name in unmatched:
        print(f"    not matched: {name}")
    if unmatched_home or unmatched_delivery:
        print(f"  providers: districts not matched: {sorted(set(unmatched_home) | set(unmatched_delivery))}")
    return tables
