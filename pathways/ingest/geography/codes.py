"""Codes and names shared by the geography tables: 2025 district codes, countries, place-name folding and
small readers of text columns."""

from __future__ import annotations

import re

import pandas as pd

from pathways.text import fold
from pathways.vocab import ENGLAND

__all__ = [
    "LAD_CODE_CHANGES",
    "COUNTRY_BY_PREFIX",
    "ENGLAND_CODE",
    "LAD_PREFIXES",
    "normalise_place_name",
    "canonical_code",
    "country_of_code",
    "plain_ruc_class",
    "sentence_case",
    "strip",
    "is_true",
]

#: Old GSS district codes still used by some sources -> the 2025 codes used in the bundle.
LAD_CODE_CHANGES: dict[str, str] = {"E08000016": "E08000038", "E08000019": "E08000039"}
#: First letter of a GSS code -> country (L/M pseudo-codes: Channel Islands / Isle of Man).
COUNTRY_BY_PREFIX: dict[str, str] = {"E": "England", "W": "Wales", "S": "Scotland", "N": "Northern Ireland"}
ENGLAND_CODE = ENGLAND.code
LAD_PREFIXES = ("E06", "E07", "E08", "E09")


def normalise_place_name(text: str) -> str:
    """Normalise a typed place name for lookup.

    Lower case, accents folded, ``&`` -> ``and``, apostrophes dropped, other punctuation
    replaced by a space, single spaces: :func:`pathways.text.fold`, the same as at run time.

    Examples
    --------
    >>> normalise_place_name("  King's Lynn & West  Norfolk ")
    'kings lynn and west norfolk'
    >>> normalise_place_name("Stockton-on-Tees")
    'stockton on tees'
    >>> normalise_place_name("Ynys Môn")
    'ynys mon'
    >>> normalise_place_name("Bristol, City of")
    'bristol city of'
    """
    return fold(text)


def canonical_code(codes: pd.Series) -> pd.Series:
    """Map old GSS district codes to the 2025 codes (other codes unchanged).

    >>> canonical_code(pd.Series(["E08000016", "E06000001"])).tolist()
    ['E08000038', 'E06000001']
    """
    return codes.replace(LAD_CODE_CHANGES)


def country_of_code(code: str) -> str:
    """Country of a GSS code from its first letter; ``"Other"`` for L/M pseudo-codes.

    >>> country_of_code("W06000015"), country_of_code("L99999999")
    ('Wales', 'Other')
    """
    return COUNTRY_BY_PREFIX.get(str(code)[:1], "Other")


def plain_ruc_class(classification: str) -> str:
    """ONS 2021 rural-urban class in plain words.

    >>> plain_ruc_class("Urban: Majority nearer to a major town or city")
    'Urban: Nearer to a major town or city'
    """
    return re.sub(r": Majority (\w)", lambda m: ": " + m.group(1).upper(), str(classification).strip())


def sentence_case(text: str) -> str:
    text = str(text).strip()
    return text[:1].upper() + text[1:].lower()


def strip(series: pd.Series) -> pd.Series:
    return series.astype("str").str.strip()


def is_true(series: pd.Series) -> pd.Series:
    """A True/False column read as text (or bool) as booleans."""
    return series.astype("str").str.strip().str.lower().eq("true")
