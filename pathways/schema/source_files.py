"""Every file the bundle is built from, each named once: the official files (paths relative to the raw folder,
``--raw``) and the hand-written tables (names in :data:`HANDWRITTEN_DIR`).

The schema's :class:`pathways.schema.Source` records list these paths (so the manifest and ``data/SOURCES.md``
name them) and the ingest reads the same names, so a file renamed upstream is renamed here alone. What each file
holds is said by the Source that lists it; ``../shared/data/raw/SOURCES.md`` says where each was downloaded.

>>> IFATE_STANDARDS
'ifate_standards/ifate_apprenticeships_all_versions_2025-05.csv'
>>> NEET_BY_YEAR[2025], hand_written(RESTRICTIONS)
('dfe_neet/neet_participation_16_17_by_la_2025.csv', 'hand-written: pathways/ingest/handwritten/restrictions.csv')
"""

from __future__ import annotations

# ---------------------------------------------------------------- apprenticeship standards and jobs
IFATE_STANDARDS = "ifate_standards/ifate_apprenticeships_all_versions_2025-05.csv"
SKILLS_ENGLAND_REFERENCE = "skills_england_occupational_maps/skills-england-reference.json"
SKILLS_ENGLAND_SOC_LINKS = "skills_england_occupational_maps/occupations_soc_links.csv"
SKILLS_ENGLAND_PROGRESSIONS = "skills_england_occupational_maps/occupation_progressions.csv"
CURATED_STANDARD_SOC = "occupation_soc_standard_links/curated_apprenticeship_standard_to_soc2020.csv"
CURATED_NCS_OCCUPATIONS = "occupation_soc_standard_links/curated_occupations_soc2020_ncs_links.csv"
NCS_NAMED_APPRENTICESHIPS = "ncs_job_profiles/ncs_job_profile_named_apprenticeships_2026-09.csv"
NCS_PROFILES = "ncs_job_profiles/ncs_job_profiles_routes_entry_requirements_2026-09.csv"
SOC_DESCRIPTIONS = "ons_soc/soc2020_unit_group_descriptions.csv"
TLEVEL_PATHWAYS = "dfe_tlevels/tlevels_pathways.csv"
MINIMUM_WAGE_RATES = "uk_minimum_wage/uk_national_minimum_wage_rates_2006-2026.csv"

# ---------------------------------------------------------------- pay (ONS Annual Survey of Hours and Earnings)
ASHE_TABLE14 = "ons_ashe_2025/ashe2025p_table14_soc2020_unit_group_uk.csv"
ASHE_TABLE3 = "ons_ashe_2025/ashe2025p_table3_workplace_region_x_soc2020_major_group.csv"
ASHE_REGION_TOTALS = "ons_ashe_2025/ashe2025p_workplace_region_all_occupations.csv"
ASHE_TABLE8 = "ons_ashe_2025/ashe2025p_table8_residence_la_annual_gross_pay_all_employees.csv"
ASHE_TABLE20 = "ons_ashe_2025/ashe2025p_table20_age_band_x_soc2020_major_group_uk.csv"
ASHE_2023_FULL_TIME = "ons_ashe_table14/ashe_table14_2023p_annual_FT.csv"
ASHE_2023_ALL_JOBS = "ons_ashe_table14/ashe_table14_2023p_annual_FTPT.csv"

# ---------------------------------------------------------------- apprenticeship starts (DfE)
STARTS_BY_STANDARD = "dfe_apprenticeships/apprenticeships_by_standard_level_ssa_2022-23_to_2025-26.csv"
STARTS_BY_HOME_DISTRICT = "dfe_apprenticeships/apprenticeships_by_learner_home_lad_2022-23_to_2025-26.csv"
STARTS_BY_DELIVERY_DISTRICT = "dfe_apprenticeships/apprenticeships_by_delivery_lad_2022-23_to_2025-26.csv"
STARTS_BY_REGION = "dfe_apprenticeships/apprenticeships_by_region_level_age_2022-23_to_2025-26.csv"
STARTS_HOME_TO_DELIVERY = "dfe_apprenticeships/apprenticeships_home_lad_to_delivery_lad_flows_2022-23_to_2025-26.csv.gz"
PROVIDER_STARTS_BY_STANDARD = "dfe_apprenticeships/providers/apprenticeships_by_provider_standard_2022-23_to_2025-26.parquet"
PROVIDER_STARTS_BY_DISTRICT = (
    "dfe_apprenticeships/providers/apprenticeships_by_provider_home_lad_delivery_lad_2022-23_to_2025-26.parquet"
)
PROVIDER_STARTS_BY_AGE = "dfe_apprenticeships/providers/apprenticeships_by_provider_level_age_region_2022-23_to_2025-26.parquet"

# ---------------------------------------------------------------- local labour market (DfE Local Skills dashboard)
APS_EMPLOYMENT = "dfe_local_skills/aps_employment_by_soc2020_submajor_by_area_2021-2025.csv"
LOCAL_SKILLS_DATAHUB = "dfe_local_skills/local_skills_datahub_2025-09.csv.gz"
JOB_ADVERTS = "dfe_local_skills/online_job_adverts_by_soc2020_by_area_jul2025.csv"
PROJECTED_OPENINGS = "dfe_local_skills/skills_imperative_2035_occupation_replacement_demand_by_lsip_mca.csv"
PROJECTED_EMPLOYMENT = "dfe_local_skills/skills_imperative_2035_employment_projections_by_area.csv.gz"
FE_PARTICIPATION = "dfe_local_skills/fe_participation_achievements_by_area_ay2021-ay2324.csv.gz"

# ---------------------------------------------------------------- outcomes (DfE Longitudinal Education Outcomes)
CAREER_PATHWAYS_BY_LEVEL = "dfe_leo_outcomes/career_pathways_2018-19_region_sector_highest_level_earnings.csv"
CAREER_PATHWAYS_BY_SECTOR = "dfe_leo_outcomes/career_pathways_2018-19_region_sector_median_earnings.csv"
FE_DESTINATIONS = "dfe_leo_outcomes/feo_destinations_by_provider_provision_level_2018-19_to_2022-23.csv.gz"
POST16_OUTCOMES = "dfe_leo_outcomes/leo_post16_ks4_cohorts_2002-2007_activity_and_earnings_15yrs.csv.gz"

# ---------------------------------------------------------------- geography
DISTRICT_NAMES = "ons_geography/lad24_names_codes_centroid_latlong_may2024.csv"
DISTRICT_REGIONS = "ons_geography/lad24_to_region24_england.csv"
DISTRICT_UPPER_TIER = "ons_geography/lad23_to_utla23.csv"
DISTRICT_ITL = "ons_geography/lad25_lau125_itl3_itl2_itl1_lookup_jan2025.csv"
DISTRICT_COMBINED_AUTHORITIES = "ons_geography/lad25_to_combined_authority_may2025.csv"
DISTRICT_LSIP_AREAS = "ons_geography/lad23_to_lsip_area.csv"
DISTRICT_RURAL_URBAN = "ons_geography/lad24_rural_urban_classification_2021.csv"
DISTRICT_CENTROIDS = "ons_geography/lad25_postcode_weighted_centroids_onspd_nov2025.csv"
DISTRICT_NEIGHBOURS = "ons_geography/lad24_neighbours_derived_from_buc_boundaries.csv"
DISTRICT_BOUNDARIES = "ons_geography/Local_Authority_Districts_May_2024_Boundaries_UK_BUC.geojson"
POSTCODE_DISTRICTS = "ons_geography/postcode_district_to_lad25_onspd_nov2025.csv"
POSTCODE_SECTORS = "ons_geography/postcode_sector_to_lad25_onspd_nov2025.csv"
COMMUTING = "census_commuting/census2011_wu03uk_district_to_district_commuting_flows.csv.gz"
#: DfE's NEET and participation figures, one file a year (the year the December to February period ends)
NEET_BY_YEAR: dict[int, str] = {y: f"dfe_neet/neet_participation_16_17_by_la_{y}.csv" for y in (2021, 2022, 2023, 2024, 2025)}
#: the Social Mobility Commission's four composite indices, CI1 to CI4
SMC_INDICES: tuple[str, ...] = (
    "smc_state_of_nation/CI1-2.0-conditions-of-childhood--full-dataset.csv",
    "smc_state_of_nation/CI2-2.0-labour-market-opportunities-for-young-people--full-dataset.csv",
    "smc_state_of_nation/CI3-2.0-innovation-and-growth--full-dataset.csv",
    "smc_state_of_nation/CI4-3.0-promising-prospects--full-dataset.csv",
)

# ---------------------------------------------------------------- hand-written tables
#: the folder of hand-written tables, relative to the repository (its README.md says what each table holds)
HANDWRITTEN_DIR = "pathways/ingest/handwritten"
PLACE_ALIASES = "place_aliases.csv"
OTHER_PROGRAMMES = "other_programmes.csv"
BOOTCAMP_LEADS_TO = "bootcamp_leads_to.csv"
ENTRY_RULES = "entry_rules.csv"
RESTRICTIONS = "restrictions.csv"
FACTS = "facts.csv"
LINK_REVIEWS = "link_reviews.csv"
NCS_NAME_REVIEWS = "ncs_name_reviews.csv"
NCS_PROFILE_SOCS = "ncs_profile_socs.csv"
NO_WAY_IN = "no_way_in.csv"
ARMED_FORCES_PROVIDERS = "armed_forces_providers.csv"
EMPLOYER_PROVIDERS = "employer_providers.csv"


def hand_written(name: str) -> str:
    """How a Source lists a hand-written table: ``hand-written: <its path in the repository>``."""
    return f"hand-written: {HANDWRITTEN_DIR}/{name}"
