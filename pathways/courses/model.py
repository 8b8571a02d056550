"""What reading a course file gives: the columns a file may have, the courses, the problems, the matches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pathways.errors import PathwaysError

__all__ = ["COLUMNS", "REQUIRED", "LABELS", "CourseFileError", "RowProblem", "StartDate", "Course", "CourseList", "CourseMatch"]

#: column -> the headings accepted for it (compared without case, spaces or punctuation)
COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "course title", "course", "course name"),
    "level": ("level", "course level"),
    "route": ("route", "occupational route", "subject area", "subject", "route or subject area"),
    "campus_postcode": ("campus postcode", "postcode", "campus"),
    "start_dates": ("start dates", "start date", "starts", "start"),
    "duration": ("duration", "length"),
    "link": ("link", "url", "web page", "course page"),
    "standard": ("standard", "apprenticeship standard", "standard reference", "standard ref"),
    "t_level": ("t level", "tlevel"),
    "soc": ("soc", "soc code", "soc 2020", "job code"),
}
REQUIRED = ("title", "level", "campus_postcode")
LABELS = {
    "title": "title",
    "level": "level",
    "route": "route or subject area",
    "campus_postcode": "campus postcode",
    "start_dates": "start dates",
    "duration": "duration",
    "link": "link",
    "standard": "standard",
    "t_level": "T Level",
    "soc": "SOC code",
}


class CourseFileError(PathwaysError):
    """The course file cannot be read at all; ``str(error)`` says why and what to do."""


# =============================================================================== results
@dataclass(frozen=True)
class RowProblem:
    """One bad cell or row: ``row`` as numbered in the spreadsheet (headings are row 1)."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"Row {self.row}, {LABELS.get(self.column, self.column)}: {self.reason}"


@dataclass(frozen=True, order=True)
class StartDate:
    """A start: a month, with the year and day when the college gave them."""

    year: int | None
    month: int
    day: int | None = None

    def is_past(self, today: dt.date) -> bool:
        """True when this start is over: its day (or, with no day, its whole month) is before ``today``.
        A month with no year recurs every year, so it is never past.

        >>> StartDate(2026, 9).is_past(dt.date(2026, 9, 30)), StartDate(2026, 9, 7).is_past(dt.date(2026, 9, 8))
        (False, True)
        >>> StartDate(None, 1).is_past(dt.date(2026, 12, 3))
        False
        """
        if self.year is None:
            return False
        if self.day is not None:
            return dt.date(self.year, self.month, self.day) < today
        return (self.year, self.month) < (today.year, today.month)

    @property
    def label(self) -> str:
        """``"September 2026"`` or ``"September"``."""
        name = dt.date(2000, self.month, 1).strftime("%B")
        return f"{name} {self.year}" if self.year else name


@dataclass(frozen=True)
class Course:
    """One valid course row."""

    row: int
    title: str
    level: int  # 0 = Entry level
    route: str | None  # one of the 15 routes, when known
    campus_postcode: str
    campus_lad: str
    starts: tuple[StartDate, ...] = ()
    duration_months: int | None = None
    link: str | None = None
    standard: str | None = None  # e.g. ST0152
    t_level: str | None = None  # e.g. TL-8
    soc: str | None = None  # SOC 2020 unit group
    leads_to: str = ""  # plain words: what the course leads to
    socs: tuple[str, ...] = ()  # jobs it leads to (given SOC, then the programme's jobs)

    @property
    def level_label(self) -> str:
        return "Entry level" if self.level == 0 else f"Level {self.level}"


@dataclass(frozen=True)
class CourseList:
    """The outcome of reading a course file: the good courses and every problem found."""

    courses: tuple[Course, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    source: str = ""
    rows_read: int = 0
    ignored_columns: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """One plain sentence for the college's staff."""
        bad = len({p.row for p in self.problems})
        courses, rows = len(self.courses), self.rows_read
        text = f"{courses} course{'s' if courses != 1 else ''} loaded from {rows} row{'s' if rows != 1 else ''}"
        text += f"; {bad} row{'s' if bad != 1 else ''} left out because of problems." if bad else "."
        if self.ignored_columns:
            text += f" Columns not used: {', '.join(self.ignored_columns)}."
        return text


@dataclass(frozen=True)
class CourseMatch:
    """A course that fits a learner, with the sentence to show as a route's first step."""

    course: Course
    first_step: str
    leads_to: str
    why: tuple[str, ...]
    link: str | None
