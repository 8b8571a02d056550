"""Schemas of the programme tables: standards, occupations, links, progressions, other programmes, entry rules,
restrictions, wage rates and hand-written dated facts, with the words their columns may hold; each table's spec
names its sources (:mod:`pathways.schema.programme_sources`).

The tables are built by :mod:`pathways.ingest.programmes`.
"""

from __future__ import annotations

import pandera.pandas as pa

from pathways.profile import ROUTES
from pathways.schema import source_files
from pathways.schema.spec import TableSpec
from pathways.schema.programme_sources import (
    CURATED,
    DFE_STARTS,
    DFE_TLEVELS,
    IFATE,
    LINK_REVIEWS,
    MIN_WAGE,
    NCS,
    NCS_NAME_REVIEWS,
    ONS_ASHE,
    ONS_ASHE_2023,
    ONS_SOC,
    SKILLS_ENGLAND,
    hand_source,
)
from pathways.vocab import NEEDS, NO_NEEDS, PROGRAMME_TABLE_KINDS, RULE_KINDS as VOCAB_RULE_KINDS

__all__ = [
    "SPECS",
    "PAY_EARLIER",
    "PROGRAMME_KINDS",
    "RULE_KINDS",
    "LINK_METHODS",
    "LINK_BASIS",
    "PAY_STATUSES",
    "STANDARD_STATUSES",
    "STATUS_SOURCES",
    "STANDARDS",
    "OCCUPATIONS",
    "SOC_GROUPS",
    "PROGRAMME_OCCUPATIONS",
    "PROGRESSIONS",
    "PROGRAMMES",
    "ENTRY_RULES",
    "WAGE_RATES",
    "FACTS",
]

#: the earlier ASHE edition's UK median full-time pay (a check on the latest one), named in this one place and
#: without its year (the year is the period of the earlier ASHE Source,
#: :data:`pathways.schema.programme_sources.ONS_ASHE_2023`)
PAY_EARLIER = "annual_median_earlier"
#: Kinds of non-apprenticeship programme (table ``programmes``), from :mod:`pathways.vocab`.
PROGRAMME_KINDS: tuple[str, ...] = PROGRAMME_TABLE_KINDS
#: Kinds of programme an entry rule applies to.
RULE_KINDS: tuple[str, ...] = VOCAB_RULE_KINDS
#: How a programme -> occupation link was made, strongest evidence first.
LINK_METHODS: tuple[str, ...] = (
    "reviewed",
    "skills_england_map",
    "curated_crosswalk",
    "job_title_match",
    "title_match",
    "route_family",
    "ncs_named",
)
#: each link method in plain words: what the link between a programme and a job rests on
LINK_BASIS: dict[str, str] = {
    "reviewed": "checked by us against the ONS job description",
    "skills_england_map": "official: the Skills England occupational map links them",
    "curated_crosswalk": "a published list that links apprenticeships to jobs (not official)",
    "job_title_match": "our match: its job titles are this job's titles (weaker)",
    "title_match": "our match: its name is like this job's name (weaker)",
    "route_family": "our link: the same subject area (weakest)",
    "ncs_named": "the National Careers Service names it as a way into this job",
}
PAY_STATUSES: tuple[str, ...] = ("published", "partly published", "not published")
#: a standard's status: only "approved" is open to new starts; "replaced" is closed, with its successors named
STANDARD_STATUSES: tuple[str, ...] = ("approved", "paused", "retired", "withdrawn", "replaced")
#: where a standard's status comes from (the newer source wins where it has a status): the register (May 2025),
#: the map's own status (September 2026), or the map no longer listing it (replaced or retired)
STATUS_SOURCES: tuple[str, ...] = (
    "IfATE apprenticeship register",
    "Skills England occupational maps",
    "Skills England occupational maps: no longer listed",
)

_SOC4 = r"^\d{4}$"
_ISO = r"^\d{4}-\d{2}-\d{2}$"


def _str(nullable: bool = False, **kw) -> pa.Column:
    return pa.Column(str, nullable=nullable, **kw)


def _int64(nullable: bool = True, **kw) -> pa.Column:
    return pa.Column("Int64", nullable=nullable, **kw)


def _money(nullable: bool = True) -> pa.Column:
    return pa.Column(float, pa.Check.gt(0), nullable=nullable)


# --------------------------------------------------------------------------- schemas
STANDARDS = pa.DataFrameSchema(
    {
        "programme_id": _str(checks=pa.Check.str_matches(r"^(ST|FA)\d{4}$"), unique=True),
        "title": _str(),
        "level": pa.Column(int, pa.Check.in_range(2, 7)),
        "route": _str(checks=pa.Check.isin(ROUTES)),
        "duration_months": _int64(checks=pa.Check.gt(0)),
        "funding_cap_gbp": _int64(checks=pa.Check.gt(0)),
        "ssa": _str(nullable=True),
        "job_titles": _str(),
        "overview": _str(),
        "status": _str(checks=pa.Check.isin(STANDARD_STATUSES)),
        "status_source": _str(checks=pa.Check.isin(STATUS_SOURCES)),
        "status_date": _str(checks=pa.Check.str_matches(r"^\d{4}-\d{2}(-\d{2})?$")),
        # the standards that took over from a "replaced" one ("; "-separated references), none otherwise
        # (not required: a bundle built before the column was added still loads until it is rebuilt)
        "replaced_by": _str(nullable=True, required=False, checks=pa.Check.str_matches(r"^(ST|FA)\d{4}(; (ST|FA)\d{4})*$")),
        "version": _str(),
        "is_foundation": pa.Column(bool),
        "is_degree": pa.Column(bool),
        "link": _str(),
        # the first date any version was approved for delivery (IfATE); none for standards only on the newer map
        "first_approved": _str(nullable=True, checks=pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
        "lars_code": _int64(checks=pa.Check.gt(0)),
        # DfE starts and achievements in England; the years are in the manifest (checks: standards_starts_years)
        "starts_latest": _int64(checks=pa.Check.ge(0)),
        "starts_previous": _int64(checks=pa.Check.ge(0)),
        "achievements_latest": _int64(checks=pa.Check.ge(0)),
        "dfe_name": _str(nullable=True),
    },
    strict=True,
    ordered=True,
)

OCCUPATIONS = pa.DataFrameSchema(
    {
        "soc": _str(checks=pa.Check.str_matches(_SOC4), unique=True),
        "title": _str(),
        "major_group": _str(checks=pa.Check.str_matches(r"^\d$")),
        "sub_major_group": _str(checks=pa.Check.str_matches(r"^\d{2}$")),
        "minor_group": _str(checks=pa.Check.str_matches(r"^\d{3}$")),
        "description": _str(),
        "tasks": _str(),
        "entry_routes": _str(),
        "related_job_titles": _str(),
        "no_formal_requirements": pa.Column(bool),
        "annual_p10": _money(),
        "annual_p25": _money(),
        "annual_median": _money(),
        "annual_p75": _money(),
        "annual_p90": _money(),
        "hourly_median": _money(),
        "hourly_p25": _money(),
        "pay_status": _str(checks=pa.Check.isin(PAY_STATUSES)),
        "pay_note": _str(),
        PAY_EARLIER: _money(),
        "hours_full_time": pa.Column(float, pa.Check.in_range(20, 60), nullable=True),
        "pay_reliability": _str(checks=pa.Check.isin(["reliable", "less reliable", "not published"])),
        "pay_reliability_note": _str(),
        "employee_jobs_thousand": pa.Column(float, pa.Check.gt(0), nullable=True),
    },
    strict=True,
    ordered=True,
)

SOC_GROUPS = pa.DataFrameSchema(
    {
        "code": _str(checks=pa.Check.str_matches(r"^\d{1,3}$"), unique=True),
        "group_level": _str(checks=pa.Check.isin(["major", "sub_major", "minor"])),
        "title": _str(),
    },
    strict=True,
    ordered=True,
)

PROGRAMME_OCCUPATIONS = pa.DataFrameSchema(
    {
        "programme_id": _str(),
        "soc": _str(checks=pa.Check.str_matches(_SOC4)),
        "confidence": pa.Column(float, pa.Check.in_range(0, 1, include_min=False)),
        "method": _str(checks=pa.Check.isin(LINK_METHODS)),
        "rank": pa.Column(int, pa.Check.ge(1)),
        "note": _str(),
    },
    strict=True,
    ordered=True,
)

NCS_NAMED = pa.DataFrameSchema(
    {
        "slug": _str(),
        "profile_title": _str(),
        "profile_url": _str(),
        "soc": _str(nullable=True, checks=pa.Check.str_matches(_SOC4)),
        "soc_basis": _str(),
        "name_on_ncs": _str(),
        "level": _int64(),
        "programme_id": _str(nullable=True),
        "match": _str(),
    },
    strict=True,
    ordered=True,
)

PROGRESSIONS = pa.DataFrameSchema(
    {
        "from_kind": _str(checks=pa.Check.isin(["programme", "occupation"])),
        "from_id": _str(),
        "to_kind": _str(checks=pa.Check.isin(["programme", "occupation"])),
        "to_id": _str(),
        "rule": _str(),
        "strength": pa.Column(float, pa.Check.in_range(0, 1)),
        "source": _str(),
    },
    strict=True,
    ordered=True,
)

PROGRAMMES = pa.DataFrameSchema(
    {
        "programme_id": _str(unique=True),
        "kind": _str(checks=pa.Check.isin(PROGRAMME_KINDS)),
        "title": _str(),
        "level": pa.Column(int, pa.Check.in_range(0, 5)),
        "route": _str(nullable=True, checks=pa.Check.isin(ROUTES)),
        "duration_months": pa.Column(int, pa.Check.gt(0)),
        "paid": pa.Column(bool),
        "summary": _str(checks=pa.Check.str_length(1, 200)),
        "min_age": _int64(),
        "max_age": _int64(),
        "source": _str(),
        "source_url": _str(),
        "source_date": _str(),
    },
    strict=True,
    ordered=True,
)

ENTRY_RULES = pa.DataFrameSchema(
    {
        "rule_id": _str(unique=True),
        "programme_kind": _str(checks=pa.Check.isin(RULE_KINDS)),
        "programme_id": _str(nullable=True),
        "level": _int64(),
        "min_prior_level": pa.Column(int, pa.Check.in_range(-1, 4)),
        "needs_english_maths": pa.Column(bool),
        "min_age": pa.Column(int, pa.Check.in_range(14, 30)),
        "max_age": _int64(),
        "exception_max_age": _int64(),
        "exception_text": _str(),
        "requires_ehcp": pa.Column(bool),
        "text": _str(),
        "source": _str(),
        "source_url": _str(),
        "source_date": _str(),
    },
    strict=True,
    ordered=True,
)

#: what ``restrictions.needs`` may hold (";"-separated): the needs of :data:`pathways.vocab.NEEDS`, or "none"
RESTRICTION_NEEDS: tuple[str, ...] = (*NEEDS, NO_NEEDS)
RESTRICTIONS = pa.DataFrameSchema(
    {
        "subject_kind": _str(checks=pa.Check.isin(["occupation", "programme"])),
        "subject_id": _str(),
        "title": _str(),
        "min_age": _int64(checks=pa.Check.in_range(14, 30)),
        "needs": _str(
            checks=pa.Check(
                lambda s: s.map(lambda v: all(n in RESTRICTION_NEEDS for n in v.split(";"))),
                element_wise=False,
                error="unknown need",
            )
        ),
        "adult_setting": pa.Column(bool),
        "text": _str(),
        "source": _str(),
        "source_url": _str(checks=pa.Check.str_matches(r"^https?://")),
        "source_date": _str(),
    },
    strict=True,
    ordered=True,
)

WAGE_RATES = pa.DataFrameSchema(
    {
        "start_date": _str(checks=pa.Check.str_matches(_ISO)),
        "end_date": _str(nullable=True, checks=pa.Check.str_matches(_ISO)),
        "band": _str(),
        "min_age": _int64(),
        "max_age": _int64(),
        "hourly_rate_gbp": pa.Column(float, pa.Check.gt(0)),
    },
    strict=True,
    ordered=True,
)

FACTS = pa.DataFrameSchema(
    {
        "key": _str(unique=True),
        "value": _str(),
        "unit": _str(),
        "description": _str(),
        "source": _str(),
        "url": _str(),
        "as_of": _str(),
    },
    strict=True,
    ordered=True,
)

# --------------------------------------------------------------------------- specs
SPECS: list[TableSpec] = [
    TableSpec(
        name="standards",
        description="Every apprenticeship standard approved for delivery in any version (incl. paused "
        "for starts) and every foundation apprenticeship, with its latest approved version's facts, "
        "its status now (with where and when that status comes from) and national starts and achievements.",
        schema=STANDARDS,
        sources=(IFATE, SKILLS_ENGLAND, DFE_STARTS),
        basis="measured (official register and occupational maps); starts/achievements measured (DfE, England)",
        caveats="Facts come from the IfATE register snapshot of May 2025. status comes from the newer Skills "
        "England occupational maps (September 2026) where the map gives one (status_source and status_date say "
        "which): 'approved', 'retired' or 'withdrawn'. The map has no pause status: a standard IfATE paused for "
        "new starts in May 2025 that the map lists as approved is taken as approved (a pause still in force in "
        "2026 would not show). An apprenticeship standard the map no longer lists takes no new starts: "
        "'replaced' when a successor the map lists as approved is named by an IfATE notice or has the same "
        "title on the map (replaced_by names it), else 'retired'. Only "
        "'approved' standards are open to new starts. Standards approved after May 2025 come from the map "
        "alone (title, level, route, job titles): their duration, funding band, LARS code and version are "
        "missing, not guessed. The map gives foundation apprenticeships no status: one it lists that the "
        "register did not have is taken as approved. A standard whose "
        "latest version is 'In development' is kept with its latest approved version. DfE names "
        "standards rather than coding them; names were joined after normalisation plus a reviewed "
        "mapping; starts are blank where no DfE row matched.",
        keys=("programme_id",),
    ),
    TableSpec(
        name="occupations",
        description="The 412 SOC 2020 unit groups with ONS descriptions, tasks, entry routes, "
        "national full-time pay and full-time workers' median paid hours a week (ASHE 2025 Table 14), "
        "and the 2023 median each 2025 figure is judged against (annual_median_earlier).",
        schema=OCCUPATIONS,
        sources=(ONS_SOC, ONS_ASHE, ONS_ASHE_2023),
        basis="measured (ONS); no_formal_requirements derived from the ONS entry-routes text",
        caveats="Pay is UK-wide, full-time employees, gross, provisional 2025. Figures ONS did not "
        "publish (unreliable or disclosive) are left blank with pay_status/pay_note, never 0. "
        "no_formal_requirements is True when the ONS text says there are no formal/minimum "
        "academic (or educational) requirements, or that academic qualifications may not be / are "
        "not required, unless the same sentence says a degree or professional qualification is "
        "usually expected or speaks only of proprietors. The 2025 file has no ONS quality markers: "
        "pay_reliability is 'less reliable' when the 2025 median has no 2023 counterpart (ONS withheld "
        "it as unreliable) or is more than 25% away from it; such figures are shown as a range and "
        "kept out of ranking.",
        keys=("soc",),
    ),
    TableSpec(
        name="soc_groups",
        description="Titles of SOC 2020 major (1-digit), sub-major (2-digit) and minor (3-digit) groups.",
        schema=SOC_GROUPS,
        sources=(ONS_SOC,),
        basis="measured (classification)",
        keys=("code",),
    ),
    TableSpec(
        name="programme_occupations",
        description="Links from programmes (apprenticeship standards, foundation apprenticeships, "
        "T Levels, HTQs, Skills Bootcamps) to the SOC 2020 unit groups they train for.",
        schema=PROGRAMME_OCCUPATIONS,
        sources=(
            SKILLS_ENGLAND,
            CURATED,
            IFATE,
            ONS_SOC,
            hand_source(source_files.BOOTCAMP_LEADS_TO, "Skills Bootcamp family to occupation links"),
            LINK_REVIEWS,
            NCS,
            NCS_NAME_REVIEWS,
        ),
        basis="official (Skills England occupational maps, confidence 1.0), reviewed corrections where the map's "
        "code does not fit the ONS descriptions (1.0 or 0.7, reason in the note), curated (0.8), derived by "
        "title / job-title matching (0.35-0.75), hand-written route family links for bootcamps (0.4: only to the "
        "entry-level jobs a bootcamp leads to straight away; the skilled jobs it teaches skills for are reached through "
        "an apprenticeship, see progressions), "
        "apprenticeships the National Careers Service names on the job's profile (0.65)",
        caveats="rank 1 is a programme's best link. Matched links are estimates: check the method "
        "and confidence before presenting them as fact. FE courses and supported internships are "
        "not linked to occupations: they are stepping stones.",
        keys=("programme_id", "soc"),
    ),
    TableSpec(
        name="ncs_named",
        description="Every apprenticeship named on a National Careers Service job profile, with the profile's SOC 2020 "
        "unit group and the standard the name matched (no standard when none did, with why).",
        schema=NCS_NAMED,
        sources=(NCS, IFATE, SKILLS_ENGLAND, ONS_SOC, NCS_NAME_REVIEWS),
        basis="as written on NCS pages; matched by title and level (pathways/ingest/ncs.py), or checked by hand",
        caveats="NCS free text: some names are cut off or name an employer; those rows have no standard and say so. "
        "A profile's unit group comes from a curated list (not official) or an exact ONS related job title.",
        keys=("slug", "name_on_ncs", "programme_id"),
    ),
    TableSpec(
        name="progressions",
        description="Next steps: programme -> programme (official progression maps and derived "
        "next-level links) and occupation -> programme (in-work training for jobs with no formal "
        "entry requirements).",
        schema=PROGRESSIONS,
        sources=(
            SKILLS_ENGLAND,
            IFATE,
            ONS_SOC,
            hand_source(source_files.OTHER_PROGRAMMES, "FE course ladders"),
            hand_source(source_files.BOOTCAMP_LEADS_TO, "what each Skills Bootcamp leads to: a job, or an apprenticeship"),
        ),
        basis="official for rule 'skills_england_progression_map'; hand-written for 'fe_next_level' (college course "
        "ladders); derived otherwise, and then the source starts 'derived:' (the route finder labels such a step "
        "'our own link' and scores it lower)",
        caveats="Skills England progression maps were captured for only 15 seed occupations; most "
        "edges are derived: same route, next level up, same SOC unit group / minor group or similar "
        "title, in-work training, and Skills Bootcamp -> the most started apprenticeships (at most 3 per job) for a "
        "skilled job the bootcamp teaches skills for (rule 'after_bootcamp'). Each programme keeps at most its 5 "
        "strongest derived next-level steps.",
        keys=("from_kind", "from_id", "to_kind", "to_id"),
    ),
    TableSpec(
        name="programmes",
        description="Non-apprenticeship programmes: T Levels, HTQs, Skills Bootcamp families, FE "
        "course families and supported internships.",
        schema=PROGRAMMES,
        sources=(
            DFE_TLEVELS,
            SKILLS_ENGLAND,
            hand_source(source_files.OTHER_PROGRAMMES, "Skills Bootcamps, FE course families, supported internships"),
        ),
        basis="measured (T Level and HTQ lists); hand-written from GOV.UK pages for the rest",
        caveats="HTQ durations are typical full-time lengths (12 months for level 4, 24 months for "
        "level 5), not per-course facts. T Levels replaced by a newer version (the same title first taught "
        "later, or the 2020-21 digital T Levels replaced in 2025) are left out: they take no new starts "
        "(the manifest checks list them). HTQs come from the Skills England map (one row per HTQ "
        "product); the DfE approved HTQ list was not available. Bootcamps and FE rows are families, "
        "not individual courses.",
        keys=("programme_id",),
    ),
    TableSpec(
        name="entry_rules",
        description="Entry and age rules per programme kind and level, as data.",
        schema=ENTRY_RULES,
        sources=(hand_source(source_files.ENTRY_RULES, "Entry and age rules"),),
        basis="hand-written from GOV.UK pages (each row names its page and date)",
        caveats="Typical rules: employers and providers may ask for more or accept less. A row with "
        "a programme_id applies to that programme only and overrides its kind's rule. Written from "
        "the public pages as known in 2025/26; source_date is when the fact was stated, not a live check.",
        keys=("rule_id",),
    ),
    TableSpec(
        name="restrictions",
        description="Legal minimum ages, licences, cards, checks and prior degrees or experience needed for jobs "
        "(SOC 2020 unit groups) and programmes, as data.",
        schema=RESTRICTIONS,
        sources=(
            hand_source(source_files.RESTRICTIONS, "Minimum ages, licences and other entry needs for jobs and programmes"),
            NCS,
        ),
        basis="hand-written from National Careers Service job profiles, ONS SOC 2020 entry routes, IfATE standards "
        "and GOV.UK or legislation pages (each row names its page and date)",
        caveats="Covers the jobs and programmes where a legal age, licence, card, check, registration, degree or work "
        "experience is named; a job missing here has no such rule recorded, not necessarily none. source_date is "
        "when the fact was read. Rows from NCS profiles (jobs the hand-written table does not cover) keep only what "
        "every NCS profile of the unit group names.",
        keys=("subject_kind", "subject_id"),
    ),
    TableSpec(
        name="wage_rates",
        description="National Minimum Wage / National Living Wage hourly rates by band and period, "
        "including the apprentice rate.",
        schema=WAGE_RATES,
        sources=(MIN_WAGE,),
        basis="measured (statutory rates)",
        caveats="The apprentice rate applies to apprentices under 19, or 19+ in their first year.",
        keys=("start_date", "band"),
    ),
    TableSpec(
        name="facts",
        description="Dated facts used by the money and plan pages (fees, loans, hours, placements).",
        schema=FACTS,
        sources=(hand_source(source_files.FACTS, "Dated facts (fees, loans, hours)"),),
        basis="hand-written from GOV.UK pages (each row names its page and date)",
        caveats="Check the as_of date: these change by policy.",
        keys=("key",),
    ),
]
