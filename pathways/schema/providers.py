"""Schemas and provenance of the apprenticeship provider tables: who trains apprentices, on which
standards, and where the apprentices they take on live.

The tables are built by :mod:`pathways.ingest.providers` and read by :mod:`pathways.delivery`.
"""

from __future__ import annotations

import pandera.pandas as pa

from pathways.schema import source_files
from pathways.schema.spec import OGL, Source, TableSpec

__all__ = ["SPECS", "PROVIDER_KINDS", "AGE_GROUPS", "LEVEL_BANDS", "PROVIDERS_SOURCE", "HAND_CHECKED_SOURCE"]

#: plain words for the provider's kind (from DfE's provider type and the hand-checked lists; see the ingest step)
PROVIDER_KINDS: tuple[str, ...] = (
    "College",
    "Sixth form college",
    "Specialist college",
    "Training company or employer",
    "Training company",
    "Employer that trains its own staff",
    "Armed forces",
    "Council",
    "School",
    "University",
)
AGE_GROUPS: tuple[str, ...] = ("Under 19", "19-24", "25+")
#: DfE's apprenticeship levels: intermediate (level 2), advanced (level 3), higher (levels 4 to 7)
LEVEL_BANDS: tuple[str, ...] = ("Intermediate", "Advanced", "Higher")
_UKPRN = r"^\d{8}$"
_LAD = r"^E0[6789]\d{6}$"
_AY = r"^\d{4}/\d{2}$"
_REF = r"^(ST|FA)\d{4}$"

PROVIDERS_SOURCE = Source(
    publisher="Department for Education",
    title="Apprenticeships provider dashboard data (ILR), provider by provider: starts and achievements by "
    "provider and standard; by provider, learner home district and delivery district; by provider, level, "
    "age group and region",
    files=(
        source_files.PROVIDER_STARTS_BY_STANDARD,
        source_files.PROVIDER_STARTS_BY_DISTRICT,
        source_files.PROVIDER_STARTS_BY_AGE,
    ),
    period="2022/23 to 2025/26 (2025/26 is August to April)",
    licence=OGL,
    url="https://explore-education-statistics.service.gov.uk/find-statistics/apprenticeships",
)
HAND_CHECKED_SOURCE = Source(
    publisher="Pathway explorer (hand-checked)",
    title="The armed forces' apprenticeship providers (service, youngest joining age, where to apply) and companies "
    "that train their own staff, each with the page that shows it and the date checked",
    files=(
        f"{source_files.HANDWRITTEN_DIR}/{source_files.ARMED_FORCES_PROVIDERS}",
        f"{source_files.HANDWRITTEN_DIR}/{source_files.EMPLOYER_PROVIDERS}",
    ),
    period="checked December 2026",
    licence="facts from the pages named in each row",
    url="https://www.gov.uk/government/publications/register-of-apprenticeship-training-providers",
)
_COUNTS_NOTE = (
    "Counts are as published (small counts are not suppressed). 2025/26 covers August to April only "
    "(partial_year) and is never added to full years."
)


def _str(**kw) -> pa.Column:
    return pa.Column(str, nullable=False, **kw)


def _count() -> pa.Column:
    return pa.Column("int64", pa.Check.ge(0), nullable=False, coerce=True)


def _schema(columns: dict[str, pa.Column]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, strict=True, ordered=True, coerce=False)


_YEAR = {"year": _str(checks=pa.Check.str_matches(_AY)), "partial_year": pa.Column(bool)}

PROVIDERS = _schema(
    {
        "ukprn": _str(checks=pa.Check.str_matches(_UKPRN)),
        "name": _str(),
        "dfe_type": _str(),
        "kind": pa.Column(str, pa.Check.isin(list(PROVIDER_KINDS))),
        "trains_own_staff": pa.Column(bool),
        "own_staff_basis": pa.Column(str),
    }
)
ARMED_FORCES = _schema(
    {
        "ukprn": _str(checks=pa.Check.str_matches(_UKPRN)),
        "service": _str(),
        "minimum_age": pa.Column("int64", pa.Check.in_range(15, 18)),
        "how_to_apply_url": _str(checks=pa.Check.str_startswith("https://")),
        "source_url": _str(checks=pa.Check.str_startswith("https://")),
        "date_checked": _str(checks=pa.Check.str_matches(r"^\d{4}-\d{2}(-\d{2})?$")),
    }
)
PROVIDER_YEARS = _schema(
    {"ukprn": _str(checks=pa.Check.str_matches(_UKPRN)), **_YEAR, "starts": _count(), "achievements": _count()}
)
PROVIDER_STANDARDS = _schema(
    {
        "ukprn": _str(checks=pa.Check.str_matches(_UKPRN)),
        "programme_id": _str(checks=pa.Check.str_matches(_REF)),
        **_YEAR,
        "starts": _count(),
        "achievements": _count(),
    }
)
PROVIDER_HOME = _schema({"ukprn": _str(), "lad_code": _str(checks=pa.Check.str_matches(_LAD)), **_YEAR, "starts": _count()})
PROVIDER_DELIVERY = _schema(
    {
        "ukprn": _str(),
        "lad_code": _str(checks=pa.Check.str_matches(_LAD)),
        "delivery_lad": _str(checks=pa.Check.str_matches(_LAD)),
        "starts": _count(),
    }
)
PROVIDER_AGES = _schema(
    {
        "ukprn": _str(),
        **_YEAR,
        "level_band": pa.Column(str, pa.Check.isin(list(LEVEL_BANDS))),
        "age_group": pa.Column(str, pa.Check.isin(list(AGE_GROUPS))),
        "starts": _count(),
    }
)

SPECS: list[TableSpec] = [
    TableSpec(
        name="providers",
        description="Every provider that started, trained or passed apprentices in England from 2022/23 to 2025/26: "
        "UKPRN, name, DfE provider type, that type in plain words, and whether (and why) it is an employer that "
        "trains its own staff.",
        schema=PROVIDERS,
        sources=(PROVIDERS_SOURCE, HAND_CHECKED_SOURCE),
        basis="measured (DfE Individualised Learner Record); kind derived from DfE's provider type and two "
        "hand-checked lists (the armed forces; companies that train their own staff)",
        caveats="DfE's 'Private Sector Public Funded' type covers both training companies and employers that "
        "train their own staff: the files do not separate them, so companies are told apart by a hand-checked list "
        "of the largest (the rest stay 'Training company or employer'). Within DfE's 'Other' type, names with "
        "'University' (not hospitals or trusts) are universities; the others (NHS trusts, police and fire "
        "services, other public bodies) and councils train their own staff.",
        keys=("ukprn",),
    ),
    TableSpec(
        name="armed_forces",
        description="The armed forces' apprenticeship providers: their apprentices are service personnel whose home "
        "district is their base, so they never count as local civilian training. Service, youngest joining age, "
        "where to apply.",
        schema=ARMED_FORCES,
        sources=(HAND_CHECKED_SOURCE,),
        basis="hand-written from each service's recruitment pages (source and date in each row)",
        keys=("ukprn",),
    ),
    TableSpec(
        name="provider_years",
        description="Each provider's apprenticeship starts and achievements in England, all standards and "
        "frameworks, by academic year.",
        schema=PROVIDER_YEARS,
        sources=(PROVIDERS_SOURCE,),
        basis="measured (DfE ILR counts)",
        caveats=_COUNTS_NOTE,
        keys=("ukprn", "year"),
    ),
    TableSpec(
        name="provider_standards",
        description="Each provider's starts and achievements on each apprenticeship standard in England, by "
        "academic year (rows with neither are left out). Achievements are counts, not achievement rates.",
        schema=PROVIDER_STANDARDS,
        sources=(PROVIDERS_SOURCE,),
        basis="measured (DfE ILR counts); standards matched to their IfATE reference by name",
        caveats=_COUNTS_NOTE + " DfE names standards rather than coding them: names are matched to the "
        "register as for the national starts; the names that did not match are in the manifest's checks. "
        "Frameworks are left out.",
        keys=("ukprn", "programme_id", "year"),
    ),
    TableSpec(
        name="provider_home",
        description="Apprenticeship starts by provider and the apprentice's home district (all standards, summed "
        "over where the training was delivered), by academic year.",
        schema=PROVIDER_HOME,
        sources=(PROVIDERS_SOURCE,),
        basis="measured (DfE ILR counts)",
        caveats=_COUNTS_NOTE + " Apprentices living outside England or in an unknown place are left out. "
        "No file gives provider x standard x district together.",
        keys=("ukprn", "lad_code", "year"),
    ),
    TableSpec(
        name="provider_delivery",
        description="Where each provider trained the apprentices it started from each home district: starts by "
        "provider, home district and delivery district, the last two full academic years together.",
        schema=PROVIDER_DELIVERY,
        sources=(PROVIDERS_SOURCE,),
        basis="measured (DfE ILR counts), two full years summed",
        caveats="The two years are in the manifest's checks (providers.delivery_districts_period). Delivery outside "
        "England or unknown is left out.",
        keys=("ukprn", "lad_code", "delivery_lad"),
    ),
    TableSpec(
        name="provider_ages",
        description="Each provider's apprenticeship starts by level band (intermediate, advanced, higher) and the "
        "apprentice's age group (under 19, 19-24, 25+), all regions, by academic year.",
        schema=PROVIDER_AGES,
        sources=(PROVIDERS_SOURCE,),
        basis="measured (DfE ILR counts)",
        caveats=_COUNTS_NOTE,
        keys=("ukprn", "year", "level_band", "age_group"),
    ),
]
