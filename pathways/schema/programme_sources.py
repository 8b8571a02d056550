"""Where the programme tables' figures come from (:mod:`pathways.schema.programmes`): for each official file or
hand-written table, its publisher, title, period, licence and attribution. The files themselves are named in
:mod:`pathways.schema.source_files`; the manifest and ``data/SOURCES.md`` print these records.
"""

from __future__ import annotations

from pathways.schema import source_files
from pathways.schema.spec import Source

__all__ = [
    "IFATE",
    "DFE_STARTS",
    "SKILLS_ENGLAND",
    "CURATED",
    "ONS_SOC",
    "ONS_ASHE",
    "ONS_ASHE_2023",
    "DFE_TLEVELS",
    "MIN_WAGE",
    "LINK_REVIEWS",
    "NCS",
    "NCS_NAME_REVIEWS",
    "hand_source",
]

IFATE = Source(
    publisher="Institute for Apprenticeships and Technical Education (now Skills England)",
    title="Apprenticeship standards: all versions (bulk export)",
    files=(source_files.IFATE_STANDARDS,),
    period="snapshot May 2025",
    attribution="Contains public sector information from the Institute for Apprenticeships and "
    "Technical Education licensed under the Open Government Licence v3.0.",
    url="https://www.instituteforapprenticeships.org/apprenticeship-standards/",
)
DFE_STARTS = Source(
    publisher="Department for Education",
    title="Apprenticeships: starts and achievements by standard (apprenticeships provider dashboard data)",
    files=(source_files.STARTS_BY_STANDARD,),
    period="academic years 2023/24 and 2024/25 (England)",
    attribution="Department for Education, Further education and skills statistics (ILR).",
    url="https://explore-education-statistics.service.gov.uk/find-statistics/apprenticeships",
)
SKILLS_ENGLAND = Source(
    publisher="Skills England",
    title="Occupational maps (public API snapshot): occupations, SOC 2020 codes, products, progression maps",
    files=(
        source_files.SKILLS_ENGLAND_REFERENCE,
        source_files.SKILLS_ENGLAND_SOC_LINKS,
        source_files.SKILLS_ENGLAND_PROGRESSIONS,
    ),
    period="retrieved 2026-09-11",
    attribution="© Skills England 2025, Open Government Licence v3.0.",
    url="https://occupational-maps.skillsengland.education.gov.uk/public-api/",
)
CURATED = Source(
    publisher="skillettsites/matchmyskillset (third-party curation of ONS, NCS and Skills England facts)",
    title="Curated apprenticeship standard to SOC 2020 crosswalk",
    files=(source_files.CURATED_STANDARD_SOC,),
    period="2026",
    licence="repository licence unknown; underlying facts ONS / NCS / Skills England (OGL)",
    attribution="Not official: a partial crosswalk, used after the Skills England map.",
    url="https://github.com/skillettsites/matchmyskillset",
)
ONS_SOC = Source(
    publisher="Office for National Statistics",
    title="SOC 2020 Volume 1: structure and descriptions of unit groups",
    files=(source_files.SOC_DESCRIPTIONS,),
    period="edition of 16 April 2025",
    attribution="Source: Office for National Statistics licensed under the Open Government Licence v3.0.",
    url="https://www.ons.gov.uk/methodology/classificationsandstandards/"
    "standardoccupationalclassificationsoc/soc2020/soc2020volume1structureanddescriptionsofunitgroups",
)
ONS_ASHE = Source(
    publisher="Office for National Statistics",
    title="Annual Survey of Hours and Earnings, Table 14 (occupation, 4-digit SOC 2020), provisional",
    files=(source_files.ASHE_TABLE14,),
    period="April 2025 (provisional); annual pay for the tax year to 5 April 2025",
    attribution="Source: Office for National Statistics licensed under the Open Government Licence v3.0.",
    url="https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours/"
    "datasets/occupation4digitsoc2010ashetable14",
)
ONS_ASHE_2023 = Source(
    publisher="Office for National Statistics",
    title="Annual Survey of Hours and Earnings, Table 14 (occupation, 4-digit SOC 2020), provisional 2023, "
    "full-time annual pay, with ONS quality markers, and the number of employee jobs",
    files=(source_files.ASHE_2023_FULL_TIME, source_files.ASHE_2023_ALL_JOBS),
    period="April 2023 (provisional)",
    attribution="Source: Office for National Statistics licensed under the Open Government Licence v3.0.",
    url="https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours/"
    "datasets/occupation4digitsoc2010ashetable14",
)
DFE_TLEVELS = Source(
    publisher="Department for Education (ESFA T Level results and certification reference data)",
    title="T Level routes and pathways",
    files=(source_files.TLEVEL_PATHWAYS,),
    period="reference data as of 2026 (first teaching 2020 to 2025)",
    url="https://github.com/SkillsFundingAgency/tl-results-and-certification",
)
MIN_WAGE = Source(
    publisher="HM Government (GOV.UK Smart Answers rate file)",
    title="National Minimum Wage and National Living Wage rates",
    files=(source_files.MINIMUM_WAGE_RATES,),
    period="October 2006 to April 2026",
    url="https://www.gov.uk/national-minimum-wage-rates",
)


def hand_source(file: str, title: str) -> Source:
    """A hand-written table written from GOV.UK and National Careers Service pages (``file`` in
    :data:`pathways.schema.source_files.HANDWRITTEN_DIR`)."""
    return Source(
        publisher="Hand-written from GOV.UK and National Careers Service pages (each row names its page and date)",
        title=title,
        files=(source_files.hand_written(file),),
        period="as publicly stated in 2025/26",
        url="https://www.gov.uk",
    )


LINK_REVIEWS = Source(
    publisher="Pathway explorer team: a review of the Skills England map against the ONS SOC 2020 descriptions",
    title="Reviewed corrections to standard -> occupation links (each row gives its reason and date)",
    files=(source_files.hand_written(source_files.LINK_REVIEWS),),
    period="reviewed 2026-11-27",
    licence="Open Government Licence v3.0 (underlying ONS and Skills England facts)",
    attribution="Our judgement, not an official coding: the reasons quote ONS related job titles.",
)


NCS = Source(
    publisher="National Careers Service (Department for Education)",
    title="Job profiles: apprenticeships named in 'How to become' (via skillettsites/matchmyskillset's copy)",
    files=(source_files.NCS_NAMED_APPRENTICESHIPS, source_files.NCS_PROFILES, source_files.CURATED_NCS_OCCUPATIONS),
    period="pages read 2026-09-29",
    attribution="Contains public sector information from the National Careers Service licensed under the "
    "Open Government Licence v3.0.",
    url="https://nationalcareers.service.gov.uk/explore-careers",
)
NCS_NAME_REVIEWS = Source(
    publisher="Pathway explorer team: names on NCS job profiles checked by hand against the apprenticeship register",
    title="Reviewed matches of NCS apprenticeship names to standards (each row gives its reason and date)",
    files=(source_files.hand_written(source_files.NCS_NAME_REVIEWS), source_files.hand_written(source_files.NCS_PROFILE_SOCS)),
    period="reviewed 2026-12-03",
    licence="Open Government Licence v3.0 (underlying NCS and IfATE facts)",
    attribution="Our judgement: each row says why the name is that standard, or why it is no standard.",
)
