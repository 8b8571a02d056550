"""Ingest step ``programmes``: standards, occupations, links, progressions, other programmes,
entry rules, wage rates and dated facts.

Reads the official files under ``raw`` (see ``../shared/data/raw/SOURCES.md``) and the small
hand-written CSVs in ``pathways/ingest/handwritten/``. Each table's schema and provenance is in
:mod:`pathways.schema.programmes`. One module per table family:

- :mod:`.standards`: ``standards`` (IfATE register, Skills England map statuses, DfE starts)
- :mod:`.occupations`: ``occupations`` and ``soc_groups`` (ONS SOC 2020 text, ASHE pay)
- :mod:`.links` (with :mod:`.link_text`): ``programme_occupations`` and the link rules
- :mod:`.other_programmes`: ``programmes`` (T Levels, HTQs, hand-written families)
- :mod:`.progressions`: ``progressions``
- :mod:`.rules`: ``entry_rules``, ``restrictions``, ``wage_rates``, ``facts``
- :mod:`.names`: the word sets the link and progression rules compare (readers shared by every step are in
  :mod:`pathways.ingest.readers`; the files read are named in :mod:`pathways.schema.source_files`)
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pathways.ingest.ncs import build_ncs_named, ncs_restrictions
from pathways.ingest.programmes.links import build_links, record_link_checks
from pathways.ingest.programmes.occupations import build_occupations, build_soc_groups
from pathways.ingest.programmes.other_programmes import build_programmes, current_tlevels
from pathways.ingest.programmes.progressions import build_progressions
from pathways.ingest.programmes.rules import build_entry_rules, build_facts, build_restrictions, build_wage_rates
from pathways.ingest.programmes.standards import build_standards
from pathways.ingest.readers import read_hand, read_optional
from pathways.schema import source_files

__all__ = ["build"]


def build(raw: Path, built: dict[str, pd.DataFrame], checks: dict[str, object]) -> dict[str, pd.DataFrame]:
    """Build every table of this step from the raw folder (see :mod:`pathways.ingest`)."""
    raw = Path(raw)
    ifate = pd.read_csv(raw / source_files.IFATE_STANDARDS, dtype=str)
    dfe = read_optional(raw, source_files.STARTS_BY_STANDARD)
    soc = pd.read_csv(raw / source_files.SOC_DESCRIPTIONS, dtype=str)
    ashe = read_optional(raw, source_files.ASHE_TABLE14, dtype={"soc2020_unit_group": str})
    ashe_2023 = read_optional(raw, source_files.ASHE_2023_FULL_TIME, dtype=str)
    se = read_optional(raw, source_files.SKILLS_ENGLAND_SOC_LINKS, dtype=str)
    se_prog = read_optional(raw, source_files.SKILLS_ENGLAND_PROGRESSIONS, dtype=str)
    curated = read_optional(raw, source_files.CURATED_STANDARD_SOC, dtype=str)
    tl = current_tlevels(read_optional(raw, source_files.TLEVEL_PATHWAYS, dtype=str), se, checks)
    wages = pd.read_csv(raw / source_files.MINIMUM_WAGE_RATES, dtype=str)
    se_path = raw / source_files.SKILLS_ENGLAND_REFERENCE
    se_json = json.loads(se_path.read_text()) if se_path.exists() else None
    hand_programmes = read_hand(source_files.OTHER_PROGRAMMES)

    standards = build_standards(ifate, dfe, checks, se_json)
    occupations = build_occupations(soc, ashe, ashe_2023, read_optional(raw, source_files.ASHE_2023_ALL_JOBS, dtype=str))
    programmes = build_programmes(tl, se, hand_programmes)
    htq_ids = set(programmes.loc[programmes["kind"] == "htq", "programme_id"])
    former = ifate.rename(columns={"Reference": "programme_id", "Name": "title", "Level": "level"})[
        ["programme_id", "title", "level"]
    ]
    profile_socs = read_hand(source_files.NCS_PROFILE_SOCS)
    curated_occupations = read_optional(raw, source_files.CURATED_NCS_OCCUPATIONS, dtype=str)
    ncs_named = build_ncs_named(
        raw, standards, occupations, read_hand(source_files.NCS_NAME_REVIEWS), former.dropna().drop_duplicates(), profile_socs
    )
    bootcamps = read_hand(source_files.BOOTCAMP_LEADS_TO)
    links = build_links(
        standards, occupations, se, se_json, curated, tl, htq_ids, bootcamps, read_hand(source_files.LINK_REVIEWS), ncs_named
    )
    progressions = build_progressions(standards, programmes, links, occupations, se, se_prog, hand_programmes, bootcamps)
    record_link_checks(standards, links, checks)
    return {
        "standards": standards,
        "occupations": occupations,
        "soc_groups": build_soc_groups(soc),
        "programme_occupations": links,
        **({"ncs_named": ncs_named} if ncs_named is not None else {}),
        "progressions": progressions,
        "programmes": programmes,
        "entry_rules": build_entry_rules(read_hand(source_files.ENTRY_RULES)),
        "restrictions": build_restrictions(
            read_hand(source_files.RESTRICTIONS),
            occupations,
            standards,
            programmes,
            ncs_restrictions(raw, occupations, curated_occupations, profile_socs),
        ),
        "wage_rates": build_wage_rates(wages),
        "facts": build_facts(read_hand(source_files.FACTS)),
    }
