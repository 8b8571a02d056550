"""A college's own course list: read safely, check row by row, and match to a learner.

A course file is untrusted. :func:`read_course_file` refuses a file that cannot be used at all
(too big, too many rows, empty, not really a CSV or XLSX, a zip bomb, password-protected) with
:class:`CourseFileError`; otherwise it never raises: each bad row is kept out and reported as a
:class:`RowProblem` with the row number a person sees in their spreadsheet (headings = row 1).

Examples
--------
>>> parse_level("Level 2"), parse_level("entry 3"), parse_level("7")
(2, 0, 7)
>>> parse_duration("2 years"), parse_duration("36 weeks"), parse_duration("18")
(24, 8, 18)
>>> parse_starts("September 2026; 12/01/2027")
(StartDate(year=2026, month=9, day=None), StartDate(year=2027, month=1, day=12))

The work is split by job: :mod:`~pathways.courses.files` (file safety), :mod:`~pathways.courses.validate`
and :mod:`~pathways.courses.cells` (rows, columns and values), :mod:`~pathways.courses.lookups` (the
programmes, jobs and postcodes a course is matched to) and :mod:`~pathways.courses.match` (courses for a
learner). Everything is importable from ``pathways.courses`` as before.
"""

from __future__ import annotations

from pathways.courses.cells import MAX_CELL, MAX_TITLE, is_formula_like, parse_duration, parse_level, parse_starts
from pathways.courses.files import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_ROWS,
    MAX_UNCOMPRESSED,
    read_course_bytes,
    read_course_file,
)
from pathways.courses.lookups import CourseLookups, postcode_resolver
from pathways.courses.match import ENGLISH_MATHS_TOP_UP, courses_for, courses_for_soc, first_step, upcoming
from pathways.courses.model import (
    COLUMNS,
    LABELS,
    REQUIRED,
    Course,
    CourseFileError,
    CourseList,
    CourseMatch,
    RowProblem,
    StartDate,
)
from pathways.courses.validate import validate_rows

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED",
    "MAX_RATIO",
    "COLUMNS",
    "REQUIRED",
    "CourseFileError",
    "RowProblem",
    "StartDate",
    "Course",
    "CourseList",
    "CourseMatch",
    "CourseLookups",
    "read_course_file",
    "read_course_bytes",
    "validate_rows",
    "courses_for",
    "courses_for_soc",
    "parse_level",
    "parse_duration",
    "parse_starts",
    "is_formula_like",
    "ENGLISH_MATHS_TOP_UP",
]

__all__ += ["MAX_CELL", "MAX_TITLE", "MAX_COLUMNS", "MAX_MEMBERS", "LABELS", "postcode_resolver", "first_step", "upcoming"]
