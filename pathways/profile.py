"""The learner profile: who is exploring, from where, and what they want.

A :class:`Profile` is frozen and always valid. It is built from untrusted input (a URL, a form,
the command line) with :meth:`Profile.from_params`, which never raises: a field that cannot be
read falls back to its default and adds a short plain notice.

Examples
--------
>>> p, notices = Profile.from_params({"age": "17", "q": "level2", "em": "1", "i": ["Digital"]})
>>> p.age, p.qualification, p.english_maths, p.interests, notices
(17, 'level2', True, ('Digital',), [])
>>> Profile.from_params({"age": "99"})[1]
['Age must be between 14 and 30, so we used 16.']
>>> Profile.from_params(p.to_params())[0] == p
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from pathways.vocab import DEFAULT_TRAVEL, TRAVEL

__all__ = [
    "ROUTES",
    "QUALIFICATIONS",
    "QUALIFICATION_LABELS",
    "QUALIFICATION_LEVEL",
    "MIN_AGE",
    "MAX_AGE",
    "Profile",
    "start_node",
]

#: the 15 occupational routes of Skills England (IfATE), in its own order and spelling
ROUTES: tuple[str, ...] = (
    "Agriculture, environmental and animal care",
    "Business and administration",
    "Care services",
    "Catering and hospitality",
    "Construction and the built environment",
    "Creative and design",
    "Digital",
    "Education and early years",
    "Engineering and manufacturing",
    "Hair and beauty",
    "Health and science",
    "Legal, finance and accounting",
    "Protective services",
    "Sales, marketing and procurement",
    "Transport and logistics",
)

#: highest qualification so far, lowest first
QUALIFICATIONS: tuple[str, ...] = ("none", "entry", "level1", "level2", "level3", "level4")

QUALIFICATION_LABELS: dict[str, str] = {
    "none": "No qualifications yet",
    "entry": "Entry level qualifications",
    "level1": "Some GCSEs, below grade 4",
    "level2": "5 GCSEs at grade 4 or above",
    "level3": "A levels, a T Level or a Level 3 BTEC",
    "level4": "A Level 4 or 5 qualification, no degree",
}

#: the number used by ``entry_rules.min_prior_level`` (-1 none, 0 entry, 1..4)
QUALIFICATION_LEVEL: dict[str, int] = {"none": -1, "entry": 0, "level1": 1, "level2": 2, "level3": 3, "level4": 4}


MIN_AGE, MAX_AGE = 14, 30
DEFAULT_AGE = 16
MAX_TRAINING_YEARS = 6
MAX_TEXT = 100  # longest "where" text kept

# short URL keys -> field names
_KEYS = {
    "age": "age",
    "q": "qualification",
    "em": "english_maths",
    "ehcp": "ehcp",
    "cl": "care_leaver",
    "where": "where",
    "t": "travel",
    "i": "interests",
    "earn": "earn_while_learning",
    "yrs": "max_training_years",
    "nodebt": "avoid_debt",
}
_TRUE = {"1", "true", "yes", "on", "y", "t"}
_FALSE = {"0", "false", "no", "off", "n", "f", ""}
_ROUTE_BY_KEY = {r.casefold(): r for r in ROUTES}


def start_node(qualification: str, english_maths: bool) -> str:
    """The graph's start node id for a qualification (``start:level2+em``).

    English and maths at grade 4 is only a separate start from Level 2 upwards: below Level 2
    a learner cannot hold both at grade 4 (that is itself a Level 2 achievement).

    >>> start_node("level2", True), start_node("none", True)
    ('start:level2+em', 'start:none')
    """
    em = english_maths and QUALIFICATION_LEVEL[qualification] >= 2
    return f"start:{qualification}{'+em' if em else ''}"


@dataclass(frozen=True)
class Profile:
    """A learner. Every field is valid by construction (see :meth:`from_params`)."""

    age: int = DEFAULT_AGE
    qualification: str = "none"
    english_maths: bool = False
    ehcp: bool = False
    care_leaver: bool = False
    where: str = ""
    travel: str = DEFAULT_TRAVEL
    interests: tuple[str, ...] = field(default_factory=tuple)
    earn_while_learning: bool = False
    max_training_years: int | None = None
    avoid_debt: bool = False

    def __post_init__(self) -> None:
        if not (isinstance(self.age, int) and MIN_AGE <= self.age <= MAX_AGE):
            raise ValueError(f"age must be {MIN_AGE}-{MAX_AGE}")
        if self.qualification not in QUALIFICATIONS:
            raise ValueError(f"unknown qualification {self.qualification!r}")
        if self.travel not in TRAVEL:
            raise ValueError(f"unknown travel {self.travel!r}")
        if any(i not in ROUTES for i in self.interests):
            raise ValueError("unknown interest")
        if self.max_training_years is not None and not (0 <= self.max_training_years <= MAX_TRAINING_YEARS):
            raise ValueError("max_training_years out of range")

    # ------------------------------------------------------------------ derived
    @property
    def level(self) -> int:
        """Highest level so far as ``entry_rules.min_prior_level`` counts it."""
        return QUALIFICATION_LEVEL[self.qualification]

    @property
    def start(self) -> str:
        """The graph start node for this learner."""
        return start_node(self.qualification, self.english_maths)

    @property
    def qualification_label(self) -> str:
        return QUALIFICATION_LABELS[self.qualification]

    def with_(self, **changes: Any) -> "Profile":
        """A copy with some fields changed (validated)."""
        return replace(self, **changes)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["interests"] = list(self.interests)
        d["qualification_label"] = self.qualification_label
        return d

    # ------------------------------------------------------------------ URLs
    def to_params(self) -> dict[str, str | list[str]]:
        """Short query parameters for a shareable link (defaults left out)."""
        out: dict[str, str | list[str]] = {"age": str(self.age), "q": self.qualification}
        for key, name in (
            ("em", "english_maths"),
            ("ehcp", "ehcp"),
            ("cl", "care_leaver"),
            ("earn", "earn_while_learning"),
            ("nodebt", "avoid_debt"),
        ):
            if getattr(self, name):
                out[key] = "1"
        if self.where:
            out["where"] = self.where
        if self.travel != DEFAULT_TRAVEL:
            out["t"] = self.travel
        if self.interests:
            out["i"] = list(self.interests)
        if self.max_training_years is not None:
            out["yrs"] = str(self.max_training_years)
        return out

    @classmethod
    def from_params(cls, params: Mapping[str, object]) -> tuple["Profile", list[str]]:
        """Read a profile from query parameters or form values; never raises.

        Accepts the short keys of :meth:`to_params` and the long field names. Values may be
        strings or lists of strings (the last value of a list wins, except for interests).

        Returns
        -------
        (profile, notices)
            notices are short plain sentences about values that were ignored.
        """
        notices: list[str] = []
        try:
            raw = _normalise_keys(params)
        except Exception:  # a Mapping that misbehaves
            return cls(), ["We could not read the details given, so we used the defaults."]
        values: dict[str, Any] = {}
        for name, reader in _READERS.items():
            if name not in raw:
                continue
            try:
                value, notice = reader(raw[name])
            except Exception:
                value, notice = None, f"We could not read {_NAMES[name]}, so we used the default."
            if notice:
                notices.append(notice)
            if value is not None:
                values[name] = value
        try:
            return cls(**values), notices
        except Exception:  # defensive: readers should already have validated
            return cls(), notices + ["We could not read the details given, so we used the defaults."]


# ---------------------------------------------------------------------- readers
_NAMES = {
    "age": "the age",
    "qualification": "the qualification",
    "english_maths": "the English and maths answer",
    "ehcp": "the EHC plan answer",
    "care_leaver": "the care leaver answer",
    "where": "the place",
    "travel": "how far you can travel",
    "interests": "the interests",
    "earn_while_learning": "the earn while learning choice",
    "max_training_years": "the longest time in training",
    "avoid_debt": "the avoid debt choice",
}


def _normalise_keys(params: Mapping[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key in list(params.keys())[:200]:
        if not isinstance(key, str):
            continue
        name = _KEYS.get(key) or (key if key in _NAMES else None)
        if name is not None:
            out[name] = params[key]
    return out


def _clean(text: object, limit: int = MAX_TEXT) -> str:
    """A printable, stripped, length-limited string (control characters removed).

    >>> _clean("0 " * 500) == ("0 " * 50).rstrip()
    True
    """
    s = str(text)[: limit * 4]
    s = "".join(ch for ch in s if unicodedata.category(ch)[0] != "C")
    return " ".join(s.split())[:limit].rstrip()  # cut first, then strip: "0 0 0 …" cut at 100 ends in a space


def _last(value: object) -> str:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return _clean(value, 40)


def _read_age(value: object) -> tuple[int | None, str]:
    s = _last(value)
    try:
        age = int(float(s)) if s else None
    except (ValueError, OverflowError):
        age = None
    if age is None or not (MIN_AGE <= age <= MAX_AGE):
        return None, f"Age must be between {MIN_AGE} and {MAX_AGE}, so we used {DEFAULT_AGE}."
    return age, ""


def _read_choice(options: tuple[str, ...], name: str):
    def read(value: object) -> tuple[str | None, str]:
        s = _last(value).casefold()
        if s in options:
            return s, ""
        return None, f"We did not recognise {_NAMES[name]}, so we used the default."

    return read


def _read_bool(name: str):
    def read(value: object) -> tuple[bool | None, str]:
        s = _last(value).casefold()
        if s in _TRUE:
            return True, ""
        if s in _FALSE:
            return False, ""
        return None, f"We did not recognise {_NAMES[name]}, so we used 'no'."

    return read


def _read_where(value: object) -> tuple[str | None, str]:
    s = _last(value) if isinstance(value, (list, tuple)) else _clean(value if value is not None else "")
    return s, ""


def _read_interests(value: object) -> tuple[tuple[str, ...] | None, str]:
    items = value if isinstance(value, (list, tuple)) else [value]
    found: list[str] = []
    unknown = 0
    for item in list(items)[:50]:
        for part in _split_interest(item):
            route = _ROUTE_BY_KEY.get(part.casefold())
            if route is None:
                if part:
                    unknown += 1
            elif route not in found:
                found.append(route)
    ordered = tuple(r for r in ROUTES if r in found)
    return ordered, ("We ignored interests we did not recognise." if unknown else "")


def _split_interest(item: object) -> list[str]:
    s = _clean(item if item is not None else "", 2000)
    # route names contain commas, so only split on "|" or ";"
    return [p.strip() for p in s.replace(";", "|").split("|")]


def _read_years(value: object) -> tuple[int | None, str]:
    s = _last(value)
    if s.casefold() in ("", "none", "any"):
        return None, ""
    try:
        years = int(float(s))
    except (ValueError, OverflowError):
        years = -1
    if 0 <= years <= MAX_TRAINING_YEARS:
        return years, ""
    return None, f"The longest time in training must be 0 to {MAX_TRAINING_YEARS} years, so we did not set one."


_READERS = {
    "age": _read_age,
    "qualification": _read_choice(QUALIFICATIONS, "qualification"),
    "english_maths": _read_bool("english_maths"),
    "ehcp": _read_bool("ehcp"),
    "care_leaver": _read_bool("care_leaver"),
    "where": _read_where,
    "travel": _read_choice(TRAVEL, "travel"),
    "interests": _read_interests,
    "earn_while_learning": _read_bool("earn_while_learning"),
    "max_training_years": _read_years,
    "avoid_debt": _read_bool("avoid_debt"),
}
