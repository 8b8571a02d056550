"""Where the local labour-market and outcomes tables' figures come from (:mod:`pathways.schema.local`): for each
official file, its publisher, title, period, licence and attribution. The files themselves are named in
:mod:`pathways.schema.source_files`; the manifest and ``data/SOURCES.md`` print these records.
"""

from __future__ import annotations

from pathways.schema import source_files
from pathways.schema.spec import OGL, Source

__all__ = [
    "PROJECTION_LICENCE",
    "ASHE_TABLE3",
    "ASHE_TABLE8",
    "ASHE_TABLE20",
    "APS_EMPLOYMENT",
    "APS_POPULATION",
    "JOB_ADVERTS_SRC",
    "SKILLS_IMPERATIVE",
    "APPS_LAD",
    "APPS_REGION",
    "FE_SRC",
    "CAREER_PATHWAYS",
    "FEO",
    "LEO_POST16",
]

#: the Skills Imperative projections are not Open Government Licence: their producers' terms
PROJECTION_LICENCE = (
    "© Warwick IER / Cambridge Econometrics 2023; published by DfE; not Open Government Licence - shown rounded with attribution"
)

ASHE_TABLE3 = Source(
    publisher="Office for National Statistics",
    title="Annual Survey of Hours and Earnings 2025 provisional: Table 3 (work region by SOC 2020 "
    "major group) and regional totals (WGOR)",
    files=(source_files.ASHE_TABLE3, source_files.ASHE_REGION_TOTALS),
    period="April 2025 (provisional)",
    licence=OGL,
    attribution="Source: Office for National Statistics licensed under the Open Government Licence v3.0",
)
ASHE_TABLE8 = Source(
    publisher="Office for National Statistics",
    title="Annual Survey of Hours and Earnings 2025 provisional: Table 8.7a, annual gross pay by "
    "place of residence, all employee jobs",
    files=(source_files.ASHE_TABLE8,),
    period="tax year to 5 April 2025 (provisional)",
    licence=OGL,
    attribution="Source: Office for National Statistics licensed under the Open Government Licence v3.0",
)
ASHE_TABLE20 = Source(
    publisher="Office for National Statistics",
    title="Annual Survey of Hours and Earnings 2025 provisional: Table 20 (age band by SOC 2020 major group)",
    files=(source_files.ASHE_TABLE20,),
    period="April 2025 (provisional)",
    licence=OGL,
    attribution="Source: Office for National Statistics licensed under the Open Government Licence v3.0",
)
APS_EMPLOYMENT = Source(
    publisher="Office for National Statistics (Annual Population Survey, via Nomis); compiled by DfE Local Skills dashboard",
    title="Residents in employment by SOC 2020 sub-major group",
    files=(source_files.APS_EMPLOYMENT,),
    period="Apr 2020 to Mar 2021 ... Apr 2024 to Mar 2025",
    licence=OGL,
)
APS_POPULATION = Source(
    publisher="Office for National Statistics (Annual Population Survey, via Nomis); compiled by DfE Local Skills dashboard",
    title="APS T01: all people aged 16 and over (Local Skills data hub 'Population volume')",
    files=(source_files.LOCAL_SKILLS_DATAHUB,),
    period="Apr 2020 to Mar 2021 ... Apr 2024 to Mar 2025",
    licence=OGL,
)
JOB_ADVERTS_SRC = Source(
    publisher="Office for National Statistics (Textkernel data); compiled by DfE Local Skills dashboard",
    title="Online job advert estimates by SOC 2020 group (official statistics in development)",
    files=(source_files.JOB_ADVERTS,),
    period="July 2025",
    licence=OGL,
)
SKILLS_IMPERATIVE = Source(
    publisher="Warwick Institute for Employment Research and Cambridge Econometrics for DfE",
    title="Skills Imperative 2035: labour market and skills projections 2020 to 2035 "
    "(occupation tables 'Occ T2' and employment projections)",
    files=(source_files.PROJECTED_OPENINGS, source_files.PROJECTED_EMPLOYMENT),
    period="2020 to 2035 (projections made 2022-23)",
    licence=PROJECTION_LICENCE,
    attribution="Skills Imperative 2035, © Warwick IER / Cambridge Econometrics 2023, published by the Department for Education",
)
APPS_LAD = Source(
    publisher="Department for Education",
    title="Apprenticeships provider dashboard data (ILR): starts, enrolments and achievements by "
    "learner home and delivery local authority district",
    files=(source_files.STARTS_BY_HOME_DISTRICT, source_files.STARTS_BY_DELIVERY_DISTRICT),
    period="2022/23 to 2025/26 (2025/26 is August to April)",
    licence=OGL,
)
APPS_REGION = Source(
    publisher="Department for Education",
    title="Apprenticeships provider dashboard data (ILR): by learner home region, level and age",
    files=(source_files.STARTS_BY_REGION,),
    period="2022/23 to 2025/26 (2025/26 is August to April)",
    licence=OGL,
)
FE_SRC = Source(
    publisher="Department for Education (Further education and skills statistics); compiled by DfE Local Skills dashboard",
    title="FE and skills participation and achievements by area, age, level, provision and subject area",
    files=(source_files.FE_PARTICIPATION,),
    period="academic years 2021/22 to 2023/24",
    licence=OGL,
)
CAREER_PATHWAYS = Source(
    publisher="Department for Education (Unit for Future Skills)",
    title="Career pathways: post-16 qualifications held by employees (LEO)",
    files=(source_files.CAREER_PATHWAYS_BY_LEVEL, source_files.CAREER_PATHWAYS_BY_SECTOR),
    period="tax year 2018-19; employees born Sep 1988 to Aug 1993 (aged 25-30)",
    licence=OGL,
)
FEO = Source(
    publisher="Department for Education",
    title="Further education outcomes: sustained destinations by provider, provision and level",
    files=(source_files.FE_DESTINATIONS,),
    period="learners of academic years 2018/19 to 2022/23 (destination in the following year)",
    licence=OGL,
)
LEO_POST16 = Source(
    publisher="Department for Education",
    title="Post-16 education and labour market activities, pathways and outcomes (LEO)",
    files=(source_files.POST16_OUTCOMES,),
    period="KS4 cohorts 2001/02 to 2006/07, followed 1 to 15 tax years after KS4",
    licence=OGL,
)
