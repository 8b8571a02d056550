"""Course file validation: the headings in row 1, then each row checked cell by cell; good rows become
:class:`Course` objects and each bad one is kept out and reported as a :class:`RowProblem`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pathways.courses.cells import CHECKS, _Bad, _blank, _cell_text, _clean, _key
from pathways.courses.lookups import CourseLookups
from pathways.courses.model import COLUMNS, LABELS, REQUIRED, Course, CourseFileError, CourseList, RowProblem

__all__ = ["validate_rows"]

_HEADINGS = {_key(h): col for col, hs in COLUMNS.items() for h in hs}


def _header(cells: Sequence[object]) -> tuple[dict[str, int], tuple[str, ...]]:
    found: dict[str, int] = {}
    ignored: list[str] = []
    for i, c in enumerate(cells):
        text = _cell_text(c)
        if not text:
            continue
        col = _HEADINGS.get(_key(text)[:60])
        if col and col not in found:
            found[col] = i
        else:
            ignored.append(_clean(text)[:40])
    missing = [LABELS[c] for c in REQUIRED if c not in found]
    if missing:
        raise CourseFileError(
            "Row 1 must hold the column headings from the template (title, level, route, campus postcode, "
            f"start dates, duration, link, standard, T Level, SOC). Missing: {', '.join(missing)}."
        )
    return found, tuple(ignored)


def validate_rows(rows: Iterable[tuple[int, Sequence[object]]], lookups: CourseLookups, source: str = "") -> CourseList:
    """Check each row; keep the good ones and report every problem.

    Parameters
    ----------
    rows : (row number, cells) with the headings first (row 1)
    lookups : what references and postcodes are checked against

    Raises
    ------
    CourseFileError
        only when there are no rows or the headings lack a required column.
    """
    it = iter(rows)
    first = next(it, None)
    if first is None or _blank(first[1]):
        raise CourseFileError("The file is empty, or row 1 is blank. Row 1 must hold the column headings.")
    columns, ignored = _header(first[1])
    courses: list[Course] = []
    problems: list[RowProblem] = []
    read = 0
    for n, cells in it:
        if _blank(cells):
            continue
        read += 1
        values = {col: (cells[i] if i < len(cells) else None) for col, i in columns.items()}
        course, found = _row(n, values, lookups)
        problems.extend(found)
        if course is not None:
            courses.append(course)
    if read == 0:
        raise CourseFileError("The file has headings but no courses. Add one course per row under the headings.")
    return CourseList(tuple(courses), tuple(problems), source, read, ignored)


def _row(n: int, values: Mapping[str, object], lk: CourseLookups) -> tuple[Course | None, list[RowProblem]]:
    problems: list[RowProblem] = []
    out: dict[str, Any] = {}
    for col, value in values.items():
        try:
            out[col] = CHECKS[col](value, lk)
        except _Bad as bad:
            problems.append(RowProblem(n, col, str(bad)))
    if problems:
        return None, problems
    route = out.get("route")
    programme = out.get("standard") or out.get("t_level")
    if route is None and out.get("standard"):
        route = lk.standards[out["standard"]][2]
    elif route is None and out.get("t_level"):
        route = lk.t_levels[out["t_level"]][1]
    if route is None and not out.get("soc"):
        return None, [RowProblem(n, "route", "is missing: give one of the 15 routes (or a standard, T Level or SOC code)")]
    lad, postcode = out["campus_postcode"]
    socs = ([out["soc"]] if out.get("soc") else []) + list(lk.programme_socs.get(programme or "", ()))
    course = Course(
        row=n,
        title=out["title"],
        level=out["level"],
        route=route,
        campus_postcode=postcode,
        campus_lad=lad,
        starts=out.get("start_dates") or (),
        duration_months=out.get("duration"),
        link=out.get("link"),
        standard=out.get("standard"),
        t_level=out.get("t_level"),
        soc=out.get("soc"),
        leads_to=_leads_to(out, lk),
        socs=tuple(dict.fromkeys(socs)),
    )
    return course, []


def _leads_to(out: Mapping[str, Any], lk: CourseLookups) -> str:
    bits: list[str] = []
    if out.get("standard"):
        title, level, _ = lk.standards[out["standard"]]
        bits.append(f"the {title} apprenticeship (Level {level}, {out['standard']})")
    if out.get("t_level"):
        bits.append(lk.t_levels[out["t_level"]][0])
    if out.get("soc"):
        bits.append(f"work as: {lk.occupations[out['soc']]}")
    return "; ".join(bits)
