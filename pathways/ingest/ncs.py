"""The apprenticeships the National Careers Service names on its job profiles, matched to standards.

A job profile's "How to become" section names apprenticeships as free text ("Engineering Fitter
Level 3 Advanced Apprenticeship", "You could apply to do a Scaffolder Level 2 Intermediate
Apprenticeship"). Each name is matched to a standard here, and each profile to its SOC 2020 unit
group, so that

* the ``ncs_named`` table keeps every name with what it matched (or why it did not), and
* every matched name becomes a link from the standard to the profile's job (method
  ``ncs_named``): the careers service states that this apprenticeship is a way into this job.

Matching a name (:func:`match_name`): the words before "Level N" (or "LN") are the name; the level
is the one stated. A standard matches when its title, without bracketed words and without the
words "degree", "integrated degree" or "foundation apprenticeship", is the *end* of the name
(NCS puts "you could apply to do a" before it) and has the same level: word for word first,
then spelled almost the same (rapidfuzz ratio at least :data:`CLOSE`, for "accountancy" and
"accounting", "service" and "services"). If no standard of that level fits, a word-for-word
match at another level is taken and noted. Anything else is left unmatched with its reason.

A profile's job (:func:`profile_socs`): the curated occupation list's SOC code for the profile
(it gives the ONS coding index's unit group for the job's titles), else the unit group whose ONS
related job titles include the profile's title or one of its other titles word for word. A title
ONS also lists with words in brackets under another unit group is not enough (:func:`_related_title_socs`):
ONS puts the bare "Electrical engineer" in 5241 Electricians and "Electrical engineer (professional)"
in 2123 Electrical engineers, so the title alone cannot say which job a profile is; such profiles
are placed by hand (``handwritten/ncs_profile_socs.csv``), from the ONS descriptions.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from pathways.schema import source_files
from pathways.schema.programme_sources import NCS
from pathways.schema.programmes import RESTRICTIONS
from pathways.text import fold

__all__ = [
    "CLOSE",
    "name_and_level",
    "standard_key",
    "standard_keys",
    "match_name",
    "ncs_restrictions",
    "profile_socs",
    "build_ncs_named",
    "ncs_links",
]

#: the fewest rapidfuzz ratio points for "spelled almost the same"
CLOSE = 90
#: when NCS's pages were read: the period of the NCS source (pathways.schema.programme_sources.NCS), one place
NCS_READ = NCS.period
NCS_READ_MONTH = NCS.period.split()[-1][:7]  # "pages read 2026-09-29" -> "2026-09"

_LEVEL = re.compile(r"\b(?:level\s*|l)([2-7])\b", re.I)
_BRACKETS = re.compile(r"\([^)]*\)")
_KEY_DROP = re.compile(r"\b(integrated degree|non degree|degree|foundation apprenticeship)\b")


def name_and_level(text: str, level_parsed: object = None) -> tuple[str, int | None]:
    """The folded name before the stated level, and the level.

    >>> name_and_level("You could apply to do a Scaffolder Level 2 Intermediate Apprenticeship")
    ('you could apply to do a scaffolder', 2)
    >>> name_and_level("Digital and Technology Solutions Professional L6 degree apprenticeship")
    ('digital and technology solutions professional', 6)
    """
    text = _BRACKETS.sub(" ", text)
    m = _LEVEL.search(text)
    if m:
        return fold(text[: m.start()]), int(m.group(1))
    lv = pd.to_numeric(level_parsed, errors="coerce")
    return fold(text), (None if pd.isna(lv) else int(lv))


def standard_key(title: str) -> str:
    """A standard's title as NCS tends to write it: no brackets, no "degree" or "foundation apprenticeship".

    >>> standard_key("Software and data foundation apprenticeship")
    'software and data'
    >>> standard_key("Chartered manager (degree)")
    'chartered manager'
    """
    return re.sub(r"\s+", " ", _KEY_DROP.sub(" ", fold(_BRACKETS.sub(" ", str(title))))).strip()


def standard_keys(title: str) -> list[str]:
    """Every way NCS may write a standard's title: the whole, and each side of a " - ".

    >>> standard_keys("Engineering maintenance technician - single discipline")
    ['engineering maintenance technician single discipline', 'engineering maintenance technician', 'single discipline']
    """
    keys = [standard_key(title)]
    if " - " in str(title):
        keys += [standard_key(part) for part in str(title).split(" - ", 1)]
    return [k for k in dict.fromkeys(keys) if k]


def _tail_score(name: list[str], key: list[str]) -> float:
    """100 when the name ends with the key word for word (or letter for letter: "co ordinator"),
    else how alike the name's last words are to the key (rapidfuzz ratio)."""
    if not key:
        return 0.0
    if len(key) >= 2 and "".join(name).endswith("".join(key)):
        return 100.0
    if len(key) > len(name):
        return 0.0
    tail = name[-len(key) :]
    return 100.0 if tail == key else float(fuzz.ratio(" ".join(tail), " ".join(key)))


def match_name(name: str, level: int | None, keys: pd.DataFrame) -> tuple[list[str], str]:
    """``(programme_ids, how)`` for one NCS name; the list is empty when nothing fits.

    ``keys`` has ``programme_id``, ``key`` (:func:`standard_keys`, one row each) and ``level``. Two
    standards fit equally when NCS names one that has since been split (single and dual discipline).
    """
    words = name.split()
    if not words:
        return [], "no name before the level on the NCS page"
    scored = [
        (_tail_score(words, key.split()), len(key), pid)
        for pid, key, lv in zip(keys["programme_id"], keys["key"], keys["level"])
        if level is None or lv == level
    ]
    scored = [x for x in scored if x[0] >= CLOSE]
    if scored:
        top = max(scored)[:2]
        pids = sorted({pid for score, n, pid in scored if (score, n) == top})
        return pids, "same name" if top[0] == 100 else "name spelled almost the same"
    for pid, key, lv in zip(keys["programme_id"], keys["key"], keys["level"]):
        if len(key.split()) >= 2 and _tail_score(words, key.split()) == 100:
            return [pid], f"same name; NCS gives level {level}, the standard is level {lv}"
    return [], "no standard of that name and level in the register we hold"


def profile_socs(
    profiles: pd.DataFrame, curated_occ: pd.DataFrame | None, occupations: pd.DataFrame, hand: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``slug, soc, soc_basis`` for each NCS profile whose job can be placed in a unit group; ``hand``
    (``handwritten/ncs_profile_socs.csv``) places the few the two rules cannot, each with its reason."""
    rows = _hand_profile_socs(hand, set(occupations["soc"]))
    cur = _curated_profile_socs(curated_occ)
    related = _related_title_socs(occupations)
    alternatives = profiles["alternative_titles"] if "alternative_titles" in profiles else [""] * len(profiles)
    for slug, title, alts in zip(profiles["slug"], profiles["title"], alternatives):
        if slug in {r[0] for r in rows}:
            continue
        if slug in cur:
            rows.append((slug, cur[slug], "curated list of NCS jobs with their ONS unit group"))
            continue
        names = [title] + [a.strip() for a in str(alts if isinstance(alts, str) else "").split("|") if a.strip()]
        found = [(n, related[fold(n)]) for n in names if fold(n) in related and len(related[fold(n)]) == 1]
        if found:
            rows.append((slug, next(iter(found[0][1])), "ONS related job title: " + found[0][0]))
    return pd.DataFrame(rows, columns=["slug", "soc", "soc_basis"])


def _hand_profile_socs(hand: pd.DataFrame | None, socs: set[str]) -> list[tuple[str, str, str]]:
    """The profiles placed by hand (slug, unit group, basis); an unknown unit group is an error."""
    rows = []
    if hand is not None:
        for slug, soc, why in zip(hand["slug"], hand["soc"], hand["reason"]):
            if soc not in socs:
                raise ValueError(f"{source_files.NCS_PROFILE_SOCS}: {slug} has unknown unit group {soc}")
            rows.append((slug, soc, "checked by hand: " + why))
    return rows


def _curated_profile_socs(curated_occ: pd.DataFrame | None) -> dict[str, str]:
    """Profile slug -> the unit group the curated list of NCS jobs gives it (the first, when it gives several)."""
    cur: dict[str, str] = {}
    if curated_occ is not None:
        for slug, soc in zip(curated_occ["ncs_profile_slug"], curated_occ["soc2020_unit_group"]):
            if isinstance(slug, str) and slug:
                cur.setdefault(slug, str(soc).split(".")[0].zfill(4))
    return cur


def _related_title_socs(occupations: pd.DataFrame) -> dict[str, set[str]]:
    """Folded ONS related job title -> the unit groups that list it. A title ONS also lists with words in
    brackets under another unit group ("Electrical engineer" in 5241, "Electrical engineer (professional)"
    in 2123) gets every one of those groups, so it places no profile on its own.

    >>> occ = pd.DataFrame({"soc": ["5241", "2123"],
    ...                     "related_job_titles": ["Electrical engineer; Electrician", "Electrical engineer (professional)"]})
    >>> sorted(_related_title_socs(occ)["electrical engineer"]), sorted(_related_title_socs(occ)["electrician"])
    (['2123', '5241'], ['5241'])
    """
    related: dict[str, set[str]] = {}
    qualified: dict[str, set[str]] = {}
    for soc, titles in zip(occupations["soc"], occupations["related_job_titles"]):
        for t in str(titles).split(";"):
            if t.strip():
                related.setdefault(fold(t), set()).add(soc)
                if "(" in t:
                    qualified.setdefault(fold(t.split("(", 1)[0]), set()).add(soc)
    for title, socs in related.items():
        socs |= qualified.get(title, set())
    return related


def _title_keys(standards: pd.DataFrame, former: pd.DataFrame | None) -> pd.DataFrame:
    """``programme_id, key, level``: the keys (:func:`standard_keys`) of each standard's title and of its former
    titles (``former``, for standards in ``standards`` only), which a name on NCS is matched against."""
    titles = standards[["programme_id", "title", "level"]]
    if former is not None:
        titles = pd.concat([titles, former[former["programme_id"].isin(set(standards["programme_id"]))]], ignore_index=True)
    return pd.DataFrame(
        [
            (pid, key, int(lv))
            for pid, title, lv in zip(titles["programme_id"], titles["title"], titles["level"])
            for key in standard_keys(title)
        ],
        columns=["programme_id", "key", "level"],
    ).drop_duplicates()


def build_ncs_named(
    raw: Path,
    standards: pd.DataFrame,
    occupations: pd.DataFrame,
    reviews: pd.DataFrame | None = None,
    former: pd.DataFrame | None = None,
    profile_hand: pd.DataFrame | None = None,
) -> pd.DataFrame | None:
    """The ``ncs_named`` table: one row per name on a profile and standard it matched (one row with no
    standard when none did), with the profile's job.

    ``reviews`` (``handwritten/ncs_name_reviews.csv``) settles names the rules cannot: a
    ``programme_id`` for a name checked by hand, or none with the reason it is not a standard.
    ``former`` (``programme_id, title, level``) adds the earlier names of standards in the bundle
    (IfATE's older versions), since NCS pages can keep a name a standard has since dropped.
    """
    raw = Path(raw)
    named_path, profiles_path = raw / source_files.NCS_NAMED_APPRENTICESHIPS, raw / source_files.NCS_PROFILES
    if not named_path.exists() or not profiles_path.exists():
        return None
    named = pd.read_csv(named_path, dtype=str).drop_duplicates(["slug", "apprenticeship_text_as_on_ncs"])
    profiles = pd.read_csv(profiles_path, dtype=str)
    curated_path = raw / source_files.CURATED_NCS_OCCUPATIONS
    curated = pd.read_csv(curated_path, dtype=str) if curated_path.exists() else None
    socs = profile_socs(profiles, curated, occupations, profile_hand).set_index("slug")
    keys = _title_keys(standards, former)
    reviewed = _reviewed_names(reviews, set(standards["programme_id"]), set(named["apprenticeship_text_as_on_ncs"]))
    urls = profiles.set_index("slug")["url"]
    rows = []
    for r in named.itertuples(index=False):
        name, level = name_and_level(r.apprenticeship_text_as_on_ncs, r.level_parsed)
        pids, how = match_name(name, level, keys)
        if not pids and r.apprenticeship_text_as_on_ncs in reviewed:
            pid, how = reviewed[r.apprenticeship_text_as_on_ncs]
            pids = [pid] if pid else []
        targets: list[str | None] = list(pids) or [None]
        for pid in targets:
            rows.append(
                {
                    "slug": r.slug,
                    "profile_title": r.title,
                    "profile_url": str(urls.get(r.slug, "")),
                    "soc": socs["soc"].get(r.slug),
                    "soc_basis": socs["soc_basis"].get(r.slug, "no unit group found for this profile"),
                    "name_on_ncs": r.apprenticeship_text_as_on_ncs,
                    "level": level,
                    "programme_id": pid,
                    "match": how,
                }
            )
    out = pd.DataFrame(rows)
    out["level"] = out["level"].astype("Int64")
    return out.sort_values(["slug", "name_on_ncs", "programme_id"]).reset_index(drop=True)


def _reviewed_names(reviews: pd.DataFrame | None, ids: set[str], names: set[str]) -> dict[str, tuple[str | None, str]]:
    """name on NCS -> (programme_id or None, "checked by hand: reason"); a row that matches nothing is an error."""
    if reviews is None or reviews.empty:
        return {}
    pid = reviews["programme_id"].fillna("")
    bad = reviews[~reviews["name_on_ncs"].isin(names) | (pid.ne("") & ~pid.isin(ids))]
    if len(bad):
        raise ValueError(
            f"{source_files.NCS_NAME_REVIEWS} rows that do not match the NCS file or the bundle: {bad.to_dict('records')}"
        )
    return {
        n: (p or None, f"checked by hand ({d}): {why}")
        for n, p, why, d in zip(reviews["name_on_ncs"], pid, reviews["reason"], reviews["reviewed_on"])
    }


#: words on an NCS profile's "restrictions and requirements" list -> our needs (keys of :data:`pathways.vocab.NEEDS`)
_NEED_WORDS: tuple[tuple[str, str], ...] = (
    (r"security industry authority|\bSIA\b", "sia_licence"),
    (r"\b(HGV|LGV|PCV)\b|category C1? or C", "lgv_licence"),
    (r"certificate of professional competence|\bCPC\b", "cpc"),
    (r"full (UK or EU )?driving licence|have a driving licence", "driving_licence"),
    (r"medical", "medical"),
    (r"background checks", "dbs_check"),
)
_OVER_18 = re.compile(r"over 18 years of age", re.I)


def ncs_restrictions(
    raw: Path, occupations: pd.DataFrame, curated_occ: pd.DataFrame | None = None, profile_hand: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Rows for the ``restrictions`` table from NCS profiles' "restrictions and requirements": a job's
    minimum age ("be over 18 years of age") and the licences, checks and medicals it names, one row per
    unit group, and only what every NCS profile of that unit group names (a wind turbine technician's driving
    licence is not a rule for all engineering technicians)."""
    raw = Path(raw)
    cols = list(RESTRICTIONS.columns)
    profiles_path = raw / source_files.NCS_PROFILES
    if not profiles_path.exists():
        return pd.DataFrame(columns=cols)
    profiles = pd.read_csv(profiles_path, dtype=str, keep_default_na=False)
    socs = profile_socs(profiles, curated_occ, occupations, profile_hand).set_index("slug")["soc"]
    titles = occupations.set_index("soc")["title"]
    by_soc: dict[str, list] = {}
    for r in profiles.itertuples(index=False):
        if r.slug in socs.index:
            items = [x.strip() for x in str(r.restrictions).split("|") if x.strip()]
            needs = {need for pattern, need in _NEED_WORDS if any(re.search(pattern, x, re.I) for x in items)}
            by_soc.setdefault(socs[r.slug], []).append((r, items, needs, any(_OVER_18.search(x) for x in items)))
    rows = []
    for soc, profs in sorted(by_soc.items()):
        # a unit group holds several jobs: only what every one of its NCS profiles names is a rule for the group
        needs = set.intersection(*(p[2] for p in profs))
        adult = all(p[3] for p in profs)
        if not needs and not adult:
            continue
        named = [p for p in profs if p[1]]
        rows.append(
            {
                "subject_kind": "occupation",
                "subject_id": soc,
                "title": titles.get(soc, soc),
                "min_age": 18 if adult else None,
                "needs": ";".join(n for _, n in _NEED_WORDS if n in needs) or "none",
                "adult_setting": False,
                "text": " ".join(
                    f"The National Careers Service's '{p[0].title}' profile says you need to: " + "; ".join(p[1]) + "."
                    for p in named
                ),
                "source": "National Careers Service job profile (restrictions and requirements)",
                "source_url": named[0][0].url,
                "source_date": NCS_READ_MONTH,
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    out["min_age"] = out["min_age"].astype("Int64")
    return out


def ncs_links(ncs_named: pd.DataFrame | None, ids: set[str]) -> pd.DataFrame:
    """Links (method ``ncs_named``) from every matched name to its profile's job."""
    if ncs_named is None or ncs_named.empty:
        return pd.DataFrame(columns=["programme_id", "soc", "confidence", "method", "_weight", "note"])
    ok = ncs_named[ncs_named["programme_id"].isin(ids) & ncs_named["soc"].notna()]
    return pd.DataFrame(
        {
            "programme_id": ok["programme_id"],
            "soc": ok["soc"],
            "confidence": 0.65,
            "method": "ncs_named",
            "_weight": 0,
            "note": "named on the National Careers Service job profile '" + ok["profile_title"] + f"' ({NCS_READ})",
        }
    ).drop_duplicates(["programme_id", "soc"])
