"""Course file values: each cell read as clean text and checked (title, level, route, postcode, start dates,
duration, link, standard, T Level, SOC code). A bad cell raises :class:`_Bad`, which the row check turns into
a :class:`pathways.courses.model.RowProblem`."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pathways.courses.model import StartDate
from pathways.errors import OutsideEngland, PathwaysError
from pathways.place_names import normalise_query
from pathways.profile import ROUTES
from pathways.text import fold
from pathways.vocab import MONTHS

if TYPE_CHECKING:
    from pathways.courses.lookups import CourseLookups

__all__ = ["MAX_CELL", "MAX_TITLE", "parse_level", "parse_duration", "parse_starts", "is_formula_like", "CHECKS"]

MAX_CELL = 1_000  # characters in one cell
MAX_TITLE = 200
_MONTHS = {m.casefold(): i for i, m in enumerate(MONTHS, 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _key(text: str) -> str:
    """A heading, level or name compared without case, accents, spaces or punctuation (see :func:`pathways.text.fold`).

    >>> _key("Start date(s)"), _key("Arts & Media"), _key("King’s Lynn")
    ('startdates', 'artsandmedia', 'kingslynn')
    """
    return fold(text).replace(" ", "")


_ROUTE_BY_KEY = {_key(r): r for r in ROUTES}


def _blank(cells: Sequence[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


class _Bad(Exception):
    """A cell's problem (internal): the message becomes a RowProblem reason."""


def _clean(text: str) -> str:
    """Printable text on one line: control and format characters removed, spaces collapsed."""
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet could run as a formula (starts with = + - @, tab or CR).

    >>> is_formula_like('=HYPERLINK("http://x","y")'), is_formula_like("Level 2"), is_formula_like(-1)
    (True, False, False)
    """
    return isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START)


def _text(value: object, limit: int = MAX_CELL) -> str:
    """A cell as clean text; formula-like or over-long cells are problems."""
    if is_formula_like(value):
        raise _Bad("looks like a spreadsheet formula (it starts with = + - or @); type the plain value instead")
    raw = _cell_text(value)
    if len(raw) > limit:
        raise _Bad(f"is {len(raw):,} characters long; the most is {limit:,}")
    return _clean(raw)


def _required(value: object, what: str) -> str:
    text = _text(value)
    if not text:
        raise _Bad(f"is missing: give the {what}")
    return text


def _check_title(value: object, lk: CourseLookups) -> str:
    text = _required(value, "course title")
    if len(text) > MAX_TITLE:
        raise _Bad(f"is longer than {MAX_TITLE} characters")
    if not any(ch.isalnum() for ch in text):
        raise _Bad("has no letters or numbers")
    return text


def parse_level(text: str) -> int | None:
    """0 for Entry level, 1-7, or None when it is not a level we know."""
    k = _key(text)
    if k.startswith("level"):
        k = k[5:]
    elif re.fullmatch(r"l\d", k):
        k = k[1:]
    if re.fullmatch(r"(entry(level)?|e)[123]?", k) and k != "e":
        return 0
    if k.isdigit() and 1 <= int(k) <= 7:
        return int(k)
    return None


def _check_level(value: object, lk: CourseLookups) -> int:
    text = _required(value, "level (Entry, 1 to 7)")
    level = parse_level(text)
    if level is None:
        raise _Bad(f"'{text[:40]}' is not a level we know: use Entry, 1, 2, 3, 4, 5, 6, 7 or 'Level 2'")
    return level


def _check_route(value: object, lk: CourseLookups) -> str | None:
    text = _text(value)
    if not text:
        return None
    k = _key(text)
    route = _ROUTE_BY_KEY.get(k) or lk.subject_routes.get(k)
    if route is None:
        raise _Bad(
            f"'{text[:40]}' is not one of the 15 occupational routes or a subject area we know "
            "(see the list in docs/college/README.md)"
        )
    return route


def _check_postcode(value: object, lk: CourseLookups) -> tuple[str, str]:
    text = _required(value, "campus postcode")
    try:
        return lk.campus_lad(text), normalise_query(text)
    except OutsideEngland as exc:
        raise _Bad(f"'{text[:12]}' {str(exc)}") from None
    except PathwaysError as exc:
        raise _Bad(f"'{text[:12]}' {str(exc)}") from None


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_MY = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?(?:\s+(\d{4}))?$")
_MY_NUM = re.compile(r"^(\d{1,2})[/.](\d{4})$")


def _one_start(part: str) -> StartDate:
    p = part.strip().casefold()
    d: int | None
    y: int | None
    m = _ISO.match(p)
    if m:
        y, mo, d = map(int, m.groups())
    elif m := _DMY.match(p):
        d, mo, y = map(int, m.groups())
    elif m := _MY_NUM.match(p):
        d, (mo, y) = None, map(int, m.groups())
    elif (m := _MY.match(p)) and m.group(2) in _MONTHS:
        d = int(m.group(1)) if m.group(1) else None
        mo, y = _MONTHS[m.group(2)], int(m.group(3)) if m.group(3) else None
    else:
        raise _Bad(f"'{part.strip()[:40]}' is not a date: use 2026-09-07, 07/09/2026 or September 2026")
    if y is not None and not 2000 <= y <= 2100:
        raise _Bad(f"'{part.strip()[:40]}' has a year outside 2000-2100")
    try:
        dt.date(y or 2000, mo, d or 1)
    except ValueError:
        raise _Bad(f"'{part.strip()[:40]}' is not a real date") from None
    return StartDate(y, mo, d)


def parse_starts(text: str) -> tuple[StartDate, ...]:
    """Start dates separated by ';', ',', '|' or ' and ', in date order (raises on a bad one)."""
    parts = [p for p in re.split(r"[;,|\n]| and ", text) if p.strip()]
    if len(parts) > 24:
        raise _Bad("has more than 24 start dates")
    starts = {_one_start(p) for p in parts}
    return tuple(sorted(starts, key=lambda s: (s.year or 0, s.month, s.day or 0)))


def _check_starts(value: object, lk: CourseLookups) -> tuple[StartDate, ...]:
    if isinstance(value, dt.datetime | dt.date):
        d = value.date() if isinstance(value, dt.datetime) else value
        return (StartDate(d.year, d.month, d.day),)
    text = _text(value)
    return parse_starts(text) if text else ()


_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(months?|mths?|mos?|m|weeks?|wks?|w|years?|yrs?|y)?$")


def parse_duration(text: str) -> int | None:
    """Months, from '12', '12 months', '36 weeks', '2 years', '1.5 years'; None if unreadable."""
    m = _DURATION.match(text.strip().casefold())
    if not m:
        return None
    n, unit = float(m.group(1)), (m.group(2) or "m")[0]
    months = n * 12 if unit == "y" else n * 12 / 52 if unit == "w" else n
    return max(1, round(months)) if 0 < months <= 120 else None


def _check_duration(value: object, lk: CourseLookups) -> int | None:
    text = _text(value)
    if not text:
        return None
    months = parse_duration(text)
    if months is None:
        raise _Bad(
            f"'{text[:40]}' is not a length of time we can read: use '12 months', '36 weeks' or '2 years' (at most 10 years)"
        )
    return months


def _check_link(value: object, lk: CourseLookups) -> str | None:
    text = _text(value, 500)
    if not text:
        return None
    parts = urlsplit(text) if " " not in text else None
    if parts is None or parts.scheme.lower() not in ("http", "https") or "." not in (parts.hostname or ""):
        raise _Bad("must be a web address starting http:// or https://")
    return text


def _check_standard(value: object, lk: CourseLookups) -> str | None:
    text = _text(value)
    if not text:
        return None
    m = re.match(r"^(ST|FA)\s*-?\s*(\d{1,4})\b", text.upper())
    ref = f"{m.group(1)}{int(m.group(2)):04d}" if m else ""
    if ref not in lk.standards:
        raise _Bad(f"'{text[:20]}' is not an apprenticeship standard reference we know (for example ST0152)")
    return ref


def _check_t_level(value: object, lk: CourseLookups) -> str | None:
    text = _text(value)
    if not text:
        return None
    m = re.fullmatch(r"TL-?(\d{1,2})", text.upper().replace(" ", ""))
    if m and f"TL-{int(m.group(1))}" in lk.t_levels:
        return f"TL-{int(m.group(1))}"
    want = _key(re.sub(r"^t\s*level\s*(in)?\s*", "", text, flags=re.I))
    for pid, (title, _) in sorted(lk.t_levels.items()):
        name = re.sub(r"\(.*?\)", "", title)
        if want and want == _key(re.sub(r"^T Level in ", "", name)):
            return pid
    raise _Bad(f"'{text[:40]}' is not a T Level we know: use its name (for example 'T Level in Health') or its id (TL-8)")


def _check_soc(value: object, lk: CourseLookups) -> str | None:
    text = _text(value)
    if not text:
        return None
    code = text.split()[0] if text.split() else ""
    if not re.fullmatch(r"\d{4}", code) or code not in lk.occupations:
        raise _Bad(f"'{text[:20]}' is not a SOC 2020 job code we know (four digits, for example 5241)")
    return code


CHECKS: dict[str, Callable[[object, "CourseLookups"], object]] = {
    "title": _check_title,
    "level": _check_level,
    "route": _check_route,
    "campus_postcode": _check_postcode,
    "start_dates": _check_starts,
    "duration": _check_duration,
    "link": _check_link,
    "standard": _check_standard,
    "t_level": _check_t_level,
    "soc": _check_soc,
}
