"""Training and outcomes around a job's ways in: college courses in its subject where the learner lives, and
what people who took this kind of route went on to earn or do (DfE Career pathways, FE outcomes, LEO).

These describe people who started years ago; each figure says its cohort and period.
:func:`occupation_outcomes` puts them together for one job and one learner.
"""

from __future__ import annotations

from pathways.areas import Place, TravelArea
from pathways.bundle import Bundle
from pathways.citations import Citations
from pathways.figures import Figure, as_number
from pathways.labour_market import APPS, LabourMarket
from pathways.schema.geography import APPRENTICE_FLOWS
from pathways.vocab import ENGLAND

__all__ = [
    "FEO_SRC",
    "FE_SRC",
    "SSA_TIER1",
    "SSA_TO_SECTOR",
    "occupation_outcomes",
    "occupation_ssa",
    "fe_subject",
    "apprentices_train_in",
    "career_pathways",
    "fe_outcomes",
    "leo_post16",
]

FEO_SRC = "DfE Further education outcomes (sustained destinations), learner-weighted from provider figures"
FE_SRC = "DfE Further education and skills statistics"
#: Ofqual/ESFA sector subject area (tier 1) numbers and names
SSA_TIER1 = {
    "1": "Health, Public Services and Care",
    "2": "Science and Mathematics",
    "3": "Agriculture, Horticulture and Animal Care",
    "4": "Engineering and Manufacturing Technologies",
    "5": "Construction, Planning and the Built Environment",
    "6": "Information and Communication Technology",
    "7": "Retail and Commercial Enterprise",
    "8": "Leisure, Travel and Tourism",
    "9": "Arts, Media and Publishing",
    "10": "History, Philosophy and Theology",
    "11": "Social Sciences",
    "12": "Languages, Literature and Culture",
    "13": "Education and Training",
    "14": "Preparation for Life and Work",
    "15": "Business, Administration and Law",
}
#: our mapping from a job's SSA (tier 1) to the industry sector of DfE Career pathways (a judgement, stated as such)
SSA_TO_SECTOR = {
    "1": "Health & social work",
    "2": "Professional services",
    "3": "Agriculture",
    "4": "Engineering",
    "5": "Construction",
    "6": "IT",
    "7": "Whole & retail trade",
    "8": "Accommodation & food",
    "9": "Media",
    "10": "Other services",
    "11": "Public admin & defence",
    "12": "Other services",
    "13": "Education",
    "14": "Other services",
    "15": "Finance & insurance",
}


def occupation_outcomes(market: LabourMarket, travel: TravelArea, soc: str) -> dict[str, Figure]:
    """Training where the learner lives and what people who took this kind of route went on to do.

    These describe people who started years ago; each figure says its cohort and period.
    """
    place, tier = travel.home, occupation_ssa(market.bundle, soc)
    return {
        **fe_subject(market.bundle, place, tier),
        **apprentices_train_in(market, place),
        **career_pathways(market.bundle, market.cite, place, tier),
        **fe_outcomes(market.bundle),
        **leo_post16(market.bundle, market.cite, place),
    }


def occupation_ssa(bundle: Bundle, soc: str) -> str | None:
    """The sector subject area (tier 1 number) most of the job's linked apprenticeships are in."""
    links = bundle.programme_occupations[bundle.programme_occupations.soc == soc]
    ssa = bundle.standards[bundle.standards.programme_id.isin(links.programme_id)].ssa.dropna()
    tiers = ssa.astype(str).str.extract(r"^(\d+)\.")[0].dropna()
    return None if tiers.empty else str(tiers.value_counts().sort_index().idxmax())


def fe_subject(bundle: Bundle, place: Place, tier: str | None) -> dict[str, Figure]:
    """College and training courses in the job's subject area taken by people living in the home district,
    latest year ({} when the job has no subject area or the district no figures)."""
    if not tier:
        return {}
    fe = bundle.fe_participation
    subject = SSA_TIER1.get(tier, "")
    rows = fe[(fe.area_code == place.lad_code) & (fe.breakdown == "SSA") & (fe.subgroup == subject)]
    if not len(rows):
        return {}
    r = rows.sort_values("year").iloc[-1]
    v = as_number(r.participation)
    return {
        "fe_subject": Figure(
            f"College and training courses in {subject.lower()}",
            v,
            str(r.count_unit),
            str(r.year),
            place.name,
            "district",
            FE_SRC,
            "measured" if v is not None else "suppressed",
            "Course enrolments (aims) by people living here, all ages." if v is not None else "Too few to publish.",
        )
    }


def apprentices_train_in(market: LabourMarket, place: Place) -> dict[str, Figure]:
    """Where apprentices from the home district train, other than at home ({} when nowhere is known)."""
    dest = market.areas.top_destinations(place.lad_code, APPRENTICE_FLOWS, 3)
    if not dest:
        return {}
    return {
        "apprentices_train_in": Figure(
            "Where apprentices from here train (other than at home)",
            float(dest[0][2]),
            "starts",
            market.cite.flows_period,
            place.name,
            "district",
            APPS,
            "measured",
            "Most starts away from home: " + "; ".join(f"{n} ({v:,.0f})" for _, n, v in dest) + ".",
        )
    }


def career_pathways(bundle: Bundle, cite: Citations, place: Place, tier: str | None) -> dict[str, Figure]:
    """DfE Career pathways: median earnings at 25-30 by highest level, in the region and the job's industry."""
    sector = SSA_TO_SECTOR.get(tier or "", "")
    if not sector:
        return {}
    cp = bundle.outcomes_earnings
    rows = cp[(cp.region_code == place.region_code) & (cp.sector == sector)]
    figs: dict[str, Figure] = {}
    for level in ("Level 2", "Level 3", "Level 4/5", "Level 6"):
        r = rows[rows.highest_level == level]
        v = as_number(r.median_earnings.iloc[0]) if len(r) else None
        figs[f"earnings_25_30_{level}"] = Figure(
            f"Earnings at 25-30 with {level} as highest qualification ({sector.lower()})",
            v,
            "£ a year",
            cite.career_pathways_period,
            place.region_name,
            "region",
            cite.career_pathways,
            "wider area" if v is not None else "suppressed",
            f"People {cite.career_pathways_cohort or 'of one age group'} working in this industry in your region; "
            "median yearly pay from PAYE records (full-time and part-time). The industry is matched to this job by us."
            if v is not None
            else "Too few people to publish.",
        )
    return figs


def fe_outcomes(bundle: Bundle) -> dict[str, Figure]:
    """FE outcomes: sustained destinations after apprenticeships, England, latest year."""
    feo = bundle.outcomes_fe
    feo = feo[(feo.provision == "Apprenticeship") & (feo.level != "Total")]
    if not len(feo):
        return {}
    year = sorted(feo.year.unique())[-1]
    return {
        f"feo_{r.level}": Figure(
            f"In work or learning the year after: {r.level.lower()}",
            as_number(r.sustained_positive_pct),
            "%",
            str(year),
            ENGLAND.name,
            ENGLAND.level,
            FEO_SRC,
            "wider area",
            f"{int(r.learners):,} apprentices who finished in {year}; sustained job, learning or apprenticeship.",
        )
        for r in feo[feo.year == year].sort_values("level").itertuples(index=False)
    }


def leo_post16(bundle: Bundle, cite: Citations, place: Place) -> dict[str, Figure]:
    """LEO post-16: earnings of non-graduates from the learner's region, 10 years after GCSEs."""
    leo = bundle.outcomes_post16
    rows = leo[
        (leo.population == "non_graduates")
        & (leo.breakdown == "Region of school")
        & (leo.breakdown_value == place.region_name)
        & (leo.years_after_ks4 == 10)
        & (leo.measure == "average_earnings_gbp")
        & (leo.non_grad_status != "all")
    ]
    return {
        f"leo_{r.non_grad_status}": Figure(
            f"Average earnings 10 years after GCSEs, non-graduates {r.non_grad_status.lower()}",
            as_number(r.value),
            "£ a year",
            f"cohorts who took GCSEs in {cite.gcse_years}",
            place.region_name,
            "region",
            cite.leo_post16,
            "wider area",
            "People who went to school in your region and did not get a degree, in work; earnings in the tax year 10 years on.",
        )
        for r in rows.itertuples(index=False)
    }
