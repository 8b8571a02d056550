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
- :mod:`.names` and :mod:`.common`: word sets, raw file names and readers shared by the others
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pathways.ingest.ncs import F_CURATED_OCC, build_ncs_named, ncs_restrictions
from pathways.ingest.programmes.common import (
    F_ASHE,
    F_ASHE_2023,
    F_ASHE_2023_ALL,
    F_CURATED,
    F_DFE,
    F_IFATE,
    F_SE_JSON,
    F_SE_LINKS,
    F_SE_PROG,
    F_SOC,
    F_TLEVELS,
    F_WAGES,
    read_hand,
    read_optional,
)
from pathways.ingest.programmes.links import build_links, record_link_checks
from pathways.ingest.programmes.occupations import build_occupations, build_soc_groups
from pathways.ingest.programmes.other_programmes import build_programmes, current_tlevels
from pathways.ingest.programmes.progressions import build_progressions
from pathways.ingest.programmes.rules import build_entry_rules, build_facts, build_restrictions, build_wage_rates
from pathways.ingest.programmes.standards import build_standards

__all__ = ["build"]


def build(raw: Path, built: dict[str, pd.DataFrame], checks: dict[str, object]) -> dict[str, pd.DataFrame]:
    """Build every table of this step from the raw folder (see :mod:`pathways.ingest`)."""
    raw = Path(raw)
    ifate = pd.read_csv(raw / F_IFATE, dtype=str)
    dfe = read_optional(raw, F_DFE)
    soc = pd.read_csv(raw / F_SOC, dtype=str)
    ashe = read_optional(raw, F_ASHE, dtype={"soc2020_unit_group": str})
    ashe_2023 = read_optional(raw, F_ASHE_2023, dtype=str)
    se = read_optional(raw, F_SE_LINKS, dtype=str)
    se_prog = read_optional(raw, F_SE_PROG, dtype=str)
    curated = read_optional(raw, F_CURATED, dtype=str)
    tl = current_tlevels(read_optional(raw, F_TLEVELS, dtype=str), se, checks)
    wages = pd.read_csv(raw / F_WAGES, dtype=str)
    se_json = json.loads((raw / F_SE_JSON).read_text()) if (raw / F_SE_JSON).exists() else None
    hand_programmes = read_hand("other_programmes.csv")

    standards = build_standards(ifate, dfe, checks, se_json)
    occupations = build_occupations(soc, ashe, ashe_2023, read_optional(raw, F_ASHE_2023_ALL, dtype=str))
    programmes = build_programmes(tl, se, hand_programmes)
    htq_ids = set(programmes.loc[programmes["kind"] == "htq", "programme_id"])
    former = ifate.rename(columns={"Reference": "programme_id", "Name": "title", "Level": "level"})[["programme_id", "title", "level"]]
    ncs_named = build_ncs_named(raw, standards, occupations, read_hand("ncs_name_reviews.csv"),
                                former.dropna().drop_duplicates(), read_hand("ncs_profile_socs.csv"))
    bootcamps = read_hand("bootcamp_occupations.csv")
    links = build_links(standards, occupations, se, se_json, curated, tl, htq_ids, bootcamps,
                        read_hand("link_reviews.csv"), ncs_named)
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
        "entry_rules": build_entry_rules(read_hand("entry_rules.csv")),
        "restrictions": build_restrictions(read_hand("job_restrictions.csv"), occupations, standards, programmes,
                                           ncs_restrictions(raw, occupations, read_optional(raw, F_CURATED_OCC, dtype=str),
                                                            read_hand("ncs_profile_socs.csv"))),
        "wage_rates": build_wage_rates(wages),
        "facts": build_facts(read_hand("facts.csv")),
    }
