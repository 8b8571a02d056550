"""Schemas and provenance of the geography tables: districts and the areas above them, place
names, postcode lookups, neighbours, travel flows, NEET rates and the SMC local indices.

The tables are built by :mod:`pathways.ingest.geography`. Canonical district codes are the
2025 GSS codes (Barnsley E08000038, Sheffield E08000039).
"""

from __future__ import annotations

import pandera.pandas as pa

from pathways.schema import source_files
from pathways.schema.spec import OGL, Source, TableSpec

__all__ = [
    "SPECS",
    "AREA_TYPES",
    "COUNTRIES",
    "PLACE_KINDS",
    "FLOW_KINDS",
    "APPRENTICE_FLOWS",
    "COMMUTING_FLOWS",
    "NEET_STATUSES",
    "SMC_CATEGORIES",
    "LADS",
    "AREAS",
    "PLACE_NAMES",
    "POSTCODE_OUTCODES",
    "POSTCODE_SECTORS",
    "LAD_NEIGHBOURS",
    "TRAVEL_FLOWS",
    "NEET",
    "SMC_INDICES",
]

AREA_TYPES: tuple[str, ...] = ("country", "region", "utla", "lsip", "ca")
COUNTRIES: tuple[str, ...] = ("England", "Wales", "Scotland", "Northern Ireland")
PLACE_KINDS: tuple[str, ...] = ("official", "welsh", "common")
FLOW_KINDS: tuple[str, ...] = ("apprenticeships", "commuting")
#: the two kinds of flow, by name (readers use these, not literals; the years are each Source's period)
APPRENTICE_FLOWS, COMMUTING_FLOWS = FLOW_KINDS
#: a flow's period: academic years ("2022/23 to 2024/25") or a census ("Census 2011"), as the Sources give them
FLOW_PERIOD = r"^(\d{4}/\d{2}( to \d{4}/\d{2})?|Census \d{4})$"
NEET_STATUSES: tuple[str, ...] = ("measured", "suppressed")
#: SMC z-score bands, least to most favourable (``category_rank`` 1..7).
SMC_CATEGORIES: tuple[str, ...] = (
    "Least favourable", "Unfavourable", "Lower middling", "Middling", "Upper middling", "Favourable",
    "Most favourable",
)  # fmt: skip

_LAD = r"^E0[6789]\d{6}$"
_UTLA = r"^E(06|08|09|10)\d{6}$"
_GSS_ANY = r"^[EWSNLM]\d{8}$"
_ONS = "Office for National Statistics"
_ONS_ATTR = "Source: Office for National Statistics licensed under the Open Government Licence v3.0"
_ONSPD_ATTR = (
    "Contains OS data © Crown copyright and database right; Royal Mail data © Royal Mail copyright and "
    "database right; source: Office for National Statistics licensed under the Open Government Licence v3.0"
)


def _str(nullable: bool = False) -> pa.Column:
    return pa.Column(str, nullable=nullable)


def _code(pattern: str, nullable: bool = False) -> pa.Column:
    return pa.Column(str, pa.Check.str_matches(pattern), nullable=nullable)


def _isin(values: tuple[str, ...]) -> pa.Column:
    return pa.Column(str, pa.Check.isin(list(values)))


def _pct(nullable: bool = True) -> pa.Column:
    return pa.Column(float, pa.Check.in_range(0, 100), nullable=nullable)


def _lat() -> pa.Column:
    return pa.Column(float, pa.Check.in_range(49.0, 61.0))


def _lon() -> pa.Column:
    return pa.Column(float, pa.Check.in_range(-9.0, 2.0))


_ONS_LOOKUPS = Source(
    publisher=_ONS,
    title="Local authority district names and codes; LAD to region, upper-tier LA, ITL and combined authority lookups",
    files=(
        source_files.DISTRICT_NAMES,
        source_files.DISTRICT_REGIONS,
        source_files.DISTRICT_UPPER_TIER,
        source_files.DISTRICT_ITL,
        source_files.DISTRICT_COMBINED_AUTHORITIES,
    ),
    period="2023-2025 boundaries (codes mapped to 2025)",
    licence=OGL,
    attribution=_ONS_ATTR,
    url="https://geoportal.statistics.gov.uk",
)
_LSIP = Source(
    publisher="Department for Education",
    title="Local authority districts to Local Skills Improvement Plan areas",
    files=(source_files.DISTRICT_LSIP_AREAS,),
    period="2023",
    attribution="Department for Education, Local Skills dashboard LSIP lookup",
)
_RUC = Source(
    publisher=_ONS,
    title="2021 Rural-Urban Classification for local authority districts",
    files=(source_files.DISTRICT_RURAL_URBAN,),
    period="Census 2021",
    attribution=_ONS_ATTR,
)
_ONSPD = Source(
    publisher=_ONS,
    title="ONS Postcode Directory (November 2025), aggregated to postcode districts, sectors and district centroids",
    files=(source_files.POSTCODE_DISTRICTS, source_files.POSTCODE_SECTORS, source_files.DISTRICT_CENTROIDS),
    period="November 2025",
    attribution=_ONSPD_ATTR,
)
_BOUNDARIES = Source(
    publisher=_ONS,
    title="Local Authority Districts (May 2024) Boundaries UK BUC, neighbours derived from shared boundaries",
    files=(source_files.DISTRICT_NEIGHBOURS,),
    period="May 2024",
    attribution="Source: Office for National Statistics licensed under the Open Government Licence v3.0; "
    "contains OS data © Crown copyright and database right",
)
_ALIASES = Source(
    publisher="Pathway explorer (hand-written)",
    title="Names of about 880 towns, villages and London neighbourhoods people type, and short forms of council "
    "names, each with its town-centre postcode district (or sector) and checked against the ONS Postcode Directory "
    "when the data is built: the row's district must be the main district of that postcode district or sector",
    files=(source_files.hand_written(source_files.PLACE_ALIASES),),
    period="checked 2026-12 against the ONS Postcode Directory of November 2025",
    licence=OGL,
    attribution=_ONSPD_ATTR,
)
_APPRENTICESHIPS = Source(
    publisher="Department for Education",
    title="Apprenticeships provider dashboard data: starts by learner home district and delivery district",
    files=(source_files.STARTS_HOME_TO_DELIVERY,),
    period="2022/23 to 2024/25 academic years",
    attribution="Department for Education, Further education and skills statistics (ILR)",
)
_COMMUTING = Source(
    publisher=_ONS,
    title="Census 2011 location of usual residence and place of work (WU03UK), district to district",
    files=(source_files.COMMUTING,),
    period="Census 2011",
    attribution=_ONS_ATTR,
)
_NEET = Source(
    publisher="Department for Education",
    title="NEET and participation: local authority figures (16 and 17 year olds, NCCIS)",
    files=tuple(source_files.NEET_BY_YEAR.values()),
    period="December 2020 to February 2021 ... December 2024 to February 2025",
    attribution="Department for Education, NEET and participation: local authority figures",
)
_SMC = Source(
    publisher="Social Mobility Commission",
    title="State of the Nation: local social mobility composite indices (full datasets)",
    files=source_files.SMC_INDICES,
    period="2000 to 2024 (index periods vary)",
    attribution="Social Mobility Commission, State of the Nation",
    url="https://social-mobility.data.gov.uk",
)

LADS = TableSpec(
    name="lads",
    description="The 296 local authority districts of England with the areas above them (region, upper-tier "
    "authority, LSIP area, combined authority, ITL 1-3), rural-urban class and a centroid.",
    schema=pa.DataFrameSchema(
        {
            "lad_code": _code(_LAD),
            "name": _str(),
            "region_code": _code(r"^E12\d{6}$"),
            "region_name": _str(),
            "utla_code": _code(_UTLA),
            "utla_name": _str(),
            "lsip_code": _code(r"^E69\d{6}$"),
            "lsip_name": _str(),
            "ca_code": _code(r"^E47\d{6}$", nullable=True),
            "ca_name": _str(nullable=True),
            "itl1_code": _code(r"^TL[C-K]$"),
            "itl1_name": _str(),
            "itl2_code": _code(r"^TL[C-K]\d$"),
            "itl2_name": _str(),
            "itl3_code": _code(r"^TL[C-K]\d\d$"),
            "itl3_name": _str(),
            "ruc_code": _isin(("UUN", "UUF", "UIN", "UIF", "RIN", "RIF", "RMN", "RMF")),
            "ruc_class": _str(),
            "lat": _lat(),
            "lon": _lon(),
            "centroid_basis": _isin(("postcode-weighted", "ONS label point")),
            "n_postcodes": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        },
        strict=True,
        ordered=True,
        checks=pa.Check(lambda df: len(df) == 296, error="there must be 296 English districts"),
    ),
    sources=(_ONS_LOOKUPS, _LSIP, _RUC, _ONSPD),
    basis="measured (official lookups); centroid = mean position of the district's postcodes",
    caveats="Codes are 2025 GSS codes: Barnsley E08000038 (was E08000016), Sheffield E08000039 (was "
    "E08000019). LSIP areas are the 38 of 2023 (London as one area). The centroid is the mean position of "
    "postcodes, a rough 'where people live' point, not a boundary centroid.",
    keys=("lad_code",),
)

AREAS = TableSpec(
    name="areas",
    description="Names of the areas above a district that other tables use: England, the 9 regions, upper-tier "
    "authorities, LSIP areas and combined authorities.",
    schema=pa.DataFrameSchema(
        {
            "area_code": _code(r"^E(92|12|06|08|09|10|69|47)\d{6}$"),
            "area_type": _isin(AREA_TYPES),
            "name": _str(),
            "current": pa.Column(bool),
        },
        strict=True,
        ordered=True,
    ),
    sources=(_ONS_LOOKUPS, _LSIP),
    basis="measured (official lookups)",
    caveats="Upper-tier areas with current = False (Cumbria, Northamptonshire) were abolished in 2021-23 but "
    "still appear in older NEET figures.",
    keys=("area_code",),
)

PLACE_NAMES = TableSpec(
    name="place_names",
    description="Place names that resolve to a district: the official (and Welsh) names of all 361 UK districts, "
    "plus the names of towns, large villages and London neighbourhoods, and short forms of council names. A name "
    "shared by several places (Kirkby, Newcastle, Gillingham) has one row per place, and the app asks which one.",
    schema=pa.DataFrameSchema(
        {
            "alias": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9]+( [a-z0-9]+)*$")),
            "code": _code(r"^[EWSN]\d{8}$"),
            "name": _str(),
            "country": _isin(COUNTRIES),
            "kind": _isin(PLACE_KINDS),
            "place": _str(),
            # the town centre's postcode district (or sector) from place_aliases.csv; blank for district names
            "outcode": pa.Column(str, pa.Check.str_matches(r"^([A-Z]{1,2}\d[A-Z\d]?( \d)?)?$")),
        },
        strict=True,
        ordered=True,
    ),
    sources=(_ONS_LOOKUPS, _ALIASES, _ONSPD),
    basis="official names; names of towns hand-written, each checked against the ONS Postcode Directory (its "
    "town-centre postcode district or sector is mainly in the district given)",
    caveats="Aliases are normalised (lower case, '&' -> 'and', punctuation removed); 'place' is the name as "
    "written, for showing. A town is given the district that holds most of the postcodes of its town-centre "
    "postcode district (or sector), so a person on the edge of a town may live in the next district: a postcode "
    "is more exact. Not a full gazetteer: small villages are not listed.",
    keys=("alias", "code", "place"),
)


def _postcode_schema(key: str, pattern: str) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            key: pa.Column(str, pa.Check.str_matches(pattern)),
            "lad_code": _code(_GSS_ANY),
            "country": _isin((*COUNTRIES, "Other")),
            "share": pa.Column(float, pa.Check.in_range(0, 1)),
            "is_main": pa.Column(bool),
            "lat": pa.Column(float, pa.Check.in_range(49.0, 61.0), nullable=True),  # none for GY/JE/IM
            "lon": pa.Column(float, pa.Check.in_range(-9.0, 2.0), nullable=True),
        },
        strict=True,
        ordered=True,
    )


_POSTCODE_CAVEATS = (
    "Share = share of postcodes (not people or addresses) in each district. Terminated postcodes are "
    "included. All UK rows are kept so that a Scottish or Welsh postcode can be recognised; Channel Islands "
    "and Isle of Man use ONS pseudo-codes (country 'Other') and have no centroid."
)

POSTCODE_OUTCODES = TableSpec(
    name="postcode_outcodes",
    description="Postcode districts (outcodes, e.g. 'TS10') to local authority districts, with the share of "
    "postcodes in each and a centroid.",
    schema=_postcode_schema("outcode", r"^[A-Z][A-Z0-9]{1,3}$"),  # includes retired ones such as NPT
    sources=(_ONSPD,),
    basis="derived from the ONS Postcode Directory (counts of postcodes)",
    caveats=_POSTCODE_CAVEATS,
    keys=("outcode", "lad_code"),
)

POSTCODE_SECTORS = TableSpec(
    name="postcode_sectors",
    description="Postcode sectors (e.g. 'TS10 1') to local authority districts, with the share of postcodes in "
    "each and a centroid.",
    schema=_postcode_schema("sector", r"^[A-Z][A-Z0-9]{1,3} \d$"),
    sources=(_ONSPD,),
    basis="derived from the ONS Postcode Directory (counts of postcodes)",
    caveats=_POSTCODE_CAVEATS,
    keys=("sector", "lad_code"),
)

LAD_NEIGHBOURS = TableSpec(
    name="lad_neighbours",
    description="Pairs of English districts that share a boundary (both directions), with the approximate "
    "length of shared boundary and the distance between centroids.",
    schema=pa.DataFrameSchema(
        {
            "lad_code": _code(_LAD),
            "neighbour_code": _code(_LAD),
            "shared_boundary_m": pa.Column("Int64", pa.Check.ge(0)),
            "distance_km": pa.Column(float, pa.Check.ge(0)),
        },
        strict=True,
        ordered=True,
    ),
    sources=(_BOUNDARIES,),
    basis="derived from generalised ONS boundaries (shared boundary of at least 200 m)",
    caveats="Approximate: generalised (BUC) boundaries; islands such as the Isles of Scilly and the Isle of "
    "Wight have no neighbours. Not a measure of travel.",
    keys=("lad_code", "neighbour_code"),
)

TRAVEL_FLOWS = TableSpec(
    name="travel_flows",
    description="Where people from a district go: apprenticeship starts by learner home district and delivery "
    "district (2022/23 to 2024/25 summed), and Census 2011 commuting from home to workplace district.",
    schema=pa.DataFrameSchema(
        {
            "home_code": _code(_LAD),
            "dest_code": _code(_LAD),
            "kind": _isin(FLOW_KINDS),
            "count": pa.Column("Int64", pa.Check.ge(5)),
            "period": pa.Column(str, pa.Check.str_matches(FLOW_PERIOD)),
        },
        strict=True,
        ordered=True,
    ),
    sources=(_APPRENTICESHIPS, _COMMUTING),
    basis="measured counts; flows under 5 left out; home == destination rows kept (staying local)",
    caveats="English districts only. Commuting is Census 2011 (pre-COVID, 15 years old): 2011 districts merged "
    "since are added into their current district; Westminster and the City of London were one 2011 area and "
    "are left out. Apprenticeship flows are a proxy for where young people travel to train (all ages).",
    keys=("home_code", "dest_code", "kind"),
)

NEET = TableSpec(
    name="neet",
    description="16 and 17 year olds not in education, employment or training (NEET), activity not known, and "
    "taking part in education or training (including apprenticeships), by upper-tier authority, region and "
    "England, five years.",
    schema=pa.DataFrameSchema(
        {
            "area_code": _code(r"^E(92|12|06|08|09|10)\d{6}$"),
            "area_name": _str(),
            "area_type": _isin(("utla", "region", "country")),
            "year": pa.Column(int, pa.Check.in_range(2015, 2035)),
            "period": _str(),
            "cohort": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "neet_percent": _pct(),
            "not_known_percent": _pct(),
            "neet_or_not_known_percent": _pct(),
            "participating_percent": _pct(),
            "apprenticeship_percent": _pct(),
            "status": _isin(NEET_STATUSES),
        },
        strict=True,
        ordered=True,
    ),
    sources=(_NEET,),
    basis="measured (local authority returns to NCCIS), December to February average",
    caveats="Suppressed figures ('c') are missing, with status 'suppressed'. The Isles of Scilly and the City of "
    "London are not published separately. Cumbria (E10000006, to 2023) and Northamptonshire (E10000021, "
    "2021) keep their old county codes; Somerset and North Yorkshire are given their 2023 codes.",
    keys=("area_code", "year"),
)

SMC_INDICES = TableSpec(
    name="smc_indices",
    description="Social Mobility Commission State of the Nation composite indices (conditions of childhood, "
    "labour market outcomes, innovation and growth, promising prospects) for each English upper-tier authority.",
    schema=pa.DataFrameSchema(
        {
            "area_code": _code(r"^E(06|08|09|10)\d{6}$"),
            "area_name": _str(),
            "index_code": _isin(("CI1", "CI2", "CI3", "CI4")),
            "index_title": _str(),
            "period": _str(),
            "value": pa.Column(float),
            "category": _isin(SMC_CATEGORIES),
            "category_rank": pa.Column("Int64", pa.Check.in_range(1, 7)),
        },
        strict=True,
        ordered=True,
    ),
    sources=(_SMC,),
    basis="modelled (composite z-scores across 205 UK areas)",
    caveats="SMC names areas, not codes: names are matched to upper-tier authorities with a reviewed list; an SMC "
    "area covering several authorities (e.g. Cumbria, Camden and City of London) is repeated for each, with "
    "SMC's name in area_name. A z-score compares areas with each other, not with a fixed standard.",
    keys=("area_code", "index_code", "period"),
)

SPECS: list[TableSpec] = [
    LADS,
    AREAS,
    PLACE_NAMES,
    POSTCODE_OUTCODES,
    POSTCODE_SECTORS,
    LAD_NEIGHBOURS,
    TRAVEL_FLOWS,
    NEET,
    SMC_INDICES,
]
