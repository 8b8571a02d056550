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
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pathways.areas import normalise_query, parse_postcode
from pathways.errors import AreaNotFound, OutsideEngland, PathwaysError
from pathways.profile import ROUTES, Profile

__all__ = [
    "MAX_BYTES", "MAX_ROWS", "MAX_UNCOMPRESSED", "MAX_RATIO", "COLUMNS", "REQUIRED",
    "CourseFileError", "RowProblem", "StartDate", "Course", "CourseList", "CourseMatch", "CourseLookups",
    "read_course_file", "read_course_bytes", "validate_rows", "courses_for", "courses_for_soc",
    "parse_level", "parse_duration", "parse_starts", "is_formula_like", "ENGLISH_MATHS_TOP_UP",
]

#: a course that brings English or maths up to grade 4 / Level 2 (Functional Skills, GCSE resits):
#: offered only to learners who do not have English and maths at grade 4 yet
ENGLISH_MATHS_TOP_UP = re.compile(
    r"functional skills|\bgcse\b.{0,30}\b(english|maths|mathematics)\b|\b(english|maths|mathematics)\b.{0,30}\bgcse\b"
    r"|\bresits?\b|\benglish and maths\b|\bmaths and english\b", re.IGNORECASE)

MAX_BYTES = 2_000_000           # the largest file accepted (2 MB)
MAX_ROWS = 2_000                # the most course rows accepted (headings not counted)
MAX_UNCOMPRESSED = 50_000_000   # an XLSX may expand to at most this many bytes
MAX_RATIO = 100                 # ... and no part may be compressed more than 100 to 1
MAX_MEMBERS = 500               # parts inside an XLSX
MAX_COLUMNS = 40
MAX_CELL = 1_000                # characters in one cell
MAX_TITLE = 200

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
    "title": "title", "level": "level", "route": "route or subject area", "campus_postcode": "campus postcode",
    "start_dates": "start dates", "duration": "duration", "link": "link", "standard": "standard",
    "t_level": "T Level", "soc": "SOC code",
}
_MONTHS = {m.casefold(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ROUTE_BY_KEY = {re.sub(r"[^a-z]", "", r.casefold()): r for r in ROUTES}

csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))


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
    level: int                       # 0 = Entry level
    route: str | None                # one of the 15 routes, when known
    campus_postcode: str
    campus_lad: str
    starts: tuple[StartDate, ...] = ()
    duration_months: int | None = None
    link: str | None = None
    standard: str | None = None      # e.g. ST0152
    t_level: str | None = None       # e.g. TL-8
    soc: str | None = None           # SOC 2020 unit group
    leads_to: str = ""               # plain words: what the course leads to
    socs: tuple[str, ...] = ()       # jobs it leads to (given SOC, then the programme's jobs)

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
        text = f"{len(self.courses)} course{'s' if len(self.courses) != 1 else ''} loaded from {self.rows_read} row{'s' if self.rows_read != 1 else ''}"
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


@dataclass(frozen=True)
class CourseLookups:
    """What the validator checks against, passed in so it can be tested without the bundle.

    Attributes
    ----------
    standards : programme_id (ST/FA...) -> (title, level, route)
    t_levels : programme_id (TL-n) -> (title, route)
    occupations : SOC code -> title
    programme_socs : programme_id -> SOC codes, best first
    subject_routes : normalised subject-area name -> route
    campus_lad : postcode text -> English district code; raises AreaNotFound/OutsideEngland
    """

    standards: Mapping[str, tuple[str, int, str]]
    t_levels: Mapping[str, tuple[str, str]]
    occupations: Mapping[str, str]
    campus_lad: Callable[[str], str]
    programme_socs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    subject_routes: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_bundle(cls, bundle) -> "CourseLookups":
        """Build the look-ups from the data bundle (standards, programmes, occupations, postcodes)."""
        st = bundle.standards
        standards = {str(r.programme_id): (str(r.title), int(r.level), str(r.route)) for r in st.itertuples(index=False)}
        pr = bundle.programmes
        tl = pr[pr.kind == "t_level"]
        t_levels = {str(r.programme_id): (str(r.title), str(r.route)) for r in tl.itertuples(index=False)}
        occ = dict(zip(bundle.occupations.soc.astype(str), bundle.occupations.title.astype(str)))
        po = bundle.programme_occupations.sort_values(["programme_id", "rank", "soc"])
        psocs = {str(k): tuple(dict.fromkeys(g.soc.astype(str))) for k, g in po.groupby("programme_id", sort=False)}
        subjects: dict[str, str] = {}
        ssa = st.dropna(subset=["ssa", "route"])
        for name, g in ssa.groupby("ssa", sort=True):
            route = g.route.value_counts().sort_index().sort_values(ascending=False, kind="stable").index[0]
            for key in (str(name), re.sub(r"^[0-9.]+\s*", "", str(name))):
                subjects.setdefault(_key(key), str(route))
        return cls(standards, t_levels, occ, postcode_resolver(bundle, set(bundle.lads.lad_code.astype(str))),
                   psocs, subjects)


def postcode_resolver(bundle, english_lads: set[str]) -> Callable[[str], str]:
    """A function: campus postcode -> English district code, from the bundle's postcode tables."""
    def groups(df, key: str) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {}
        for r in df.sort_values([key, "share", "lad_code"], ascending=[True, False, True]).itertuples(index=False):
            out.setdefault(str(getattr(r, key)), []).append((str(r.lad_code), str(r.country)))
        return out

    sectors, outcodes = groups(bundle.postcode_sectors, "sector"), groups(bundle.postcode_outcodes, "outcode")

    def resolve(text: str) -> str:
        q = normalise_query(text)
        pc = parse_postcode(q) if q else None
        if pc is None or pc[1] is None:
            raise AreaNotFound("is not a full postcode (for example SR1 3SD)")
        rows = sectors.get(pc[1]) or outcodes.get(pc[0])
        if not rows:
            raise AreaNotFound("was not found; check the postcode")
        english = [code for code, country in rows if country == "England" and code in english_lads]
        if not english:
            raise OutsideEngland(f"is in {rows[0][1] if rows[0][1] != 'Other' else 'a place outside England'}; "
                                 "the explorer covers England only")
        return english[0]

    return resolve


# ============================================================================ reading files
def read_course_file(path: Path | str, lookups: CourseLookups) -> CourseList:
    """Read and check a course file (CSV or XLSX) from disk.

    Raises
    ------
    CourseFileError
        when the file cannot be used at all, with the reason.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CourseFileError(_too_big(size))
        data = path.read_bytes()
    except OSError as exc:
        raise CourseFileError(f"The course file {path.name} could not be opened ({exc.strerror or 'unreadable'}).") from None
    return read_course_bytes(data, path.name, lookups)


def read_course_bytes(data: bytes, name: str, lookups: CourseLookups) -> CourseList:
    """Read and check a course file given as bytes (an upload); ``name`` is its file name."""
    rows = list(_rows(data, name))
    return validate_rows(rows, lookups, source=name)


def _too_big(size: int) -> str:
    return (f"The file is {size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB. "
            f"Split it, or remove pictures and extra sheets.")


def _rows(data: bytes, name: str) -> Iterator[tuple[int, list[object]]]:
    """(row number, cells) for each row, after the file-level checks."""
    if len(data) > MAX_BYTES:
        raise CourseFileError(_too_big(len(data)))
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise CourseFileError("The file is empty. Use the template in docs/college/ and add one course per row.")
    kind = _sniff(data)
    ext = Path(name).suffix.lower()
    if ext in (".csv", ".xlsx") and ext[1:] != kind:
        raise CourseFileError(
            f"The file is named {ext} but it is {'an Excel workbook' if kind == 'xlsx' else 'plain text'}. "
            "Save it again as 'CSV UTF-8' (.csv) or 'Excel Workbook' (.xlsx).")
    if ext not in (".csv", ".xlsx", ""):
        raise CourseFileError(f"Files ending {ext[:10]} are not accepted: use .csv or .xlsx.")
    rows = _xlsx_rows(data) if kind == "xlsx" else _csv_rows(data)
    return _limit(rows)


def _sniff(data: bytes) -> str:
    """'xlsx' or 'csv' from the bytes themselves; refuse anything else with the reason."""
    if data.startswith(_CFB):
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise CourseFileError("The workbook is password-protected. Remove the password "
                                  "(File > Info > Protect Workbook) and save it again.")
        raise CourseFileError("The file is an old-style Excel (.xls) or other Office file. "
                              "Save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'.")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        _check_zip(data)
        return "xlsx"
    for magic, what in ((b"%PDF", "a PDF"), (b"\x89PNG", "a picture"), (b"\xff\xd8\xff", "a picture"),
                        (b"GIF8", "a picture"), (b"{\\rtf", "a Word (RTF) document")):
        if data.startswith(magic):
            raise CourseFileError(f"The file is {what}, not a course list. Use a .csv or .xlsx file.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CourseFileError("The CSV file is UTF-16 text. In Excel choose 'Save as' > 'CSV UTF-8'.")
    head = data[:400]
    if len(head) >= 8 and max(head[0::2].count(0), head[1::2].count(0)) > 0.9 * (len(head) // 2):
        raise CourseFileError("The file is not a CSV or XLSX spreadsheet (it looks like UTF-16 or binary data). "
                              "In Excel choose 'Save as' > 'CSV UTF-8'.")
    return "csv"


def _check_zip(data: bytes) -> None:
    """A real, modest XLSX: refuse zip bombs and other zip files before opening."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise CourseFileError("The file looks like an Excel workbook but is damaged. Save it again as .xlsx.") from None
    names = {i.filename for i in infos}
    if len(infos) > MAX_MEMBERS:
        raise CourseFileError("The workbook has too many parts to be a course list. Save just the course sheet.")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise CourseFileError(f"The workbook would expand to {total / 1e6:,.0f} MB, more than the "
                              f"{MAX_UNCOMPRESSED / 1e6:.0f} MB limit, so it was not opened (it may be a 'zip bomb').")
    for i in infos:
        if i.file_size > 100_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise CourseFileError("Part of the workbook is compressed far more than a real spreadsheet "
                                  f"({i.file_size // max(i.compress_size, 1):,} to 1), so it was not opened "
                                  "(it may be a 'zip bomb').")
    if any(i.flag_bits & 0x1 for i in infos):
        raise CourseFileError("The workbook is password-protected. Remove the password and save it again.")
    if "[Content_Types].xml" not in names:
        raise CourseFileError("The file is a zip archive, not an Excel workbook. Use a .csv or .xlsx file.")
    if "xl/workbook.xml" not in names:
        what = "a Word document" if "word/document.xml" in names else (
            "a PowerPoint file" if "ppt/presentation.xml" in names else "not an Excel workbook")
        raise CourseFileError(f"The file is {what}. Use a .csv or .xlsx file.")


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[object]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CourseFileError("The CSV file is not UTF-8 text (near byte "
                              f"{exc.start:,}). In Excel choose 'Save as' > 'CSV UTF-8'.") from None
    n = 0
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            n += 1
            yield n, list(row[:MAX_COLUMNS])
    except csv.Error as exc:
        raise CourseFileError(f"The CSV file could not be read after row {n}: {exc}.") from None


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[object]]]:
    from openpyxl import load_workbook  # only needed for XLSX uploads

    try:
        # data_only=False: a formula cell arrives as its formula text ("=HYPERLINK(...)") and is
        # reported, instead of silently becoming its cached value.
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for damaged files
        raise CourseFileError(f"The workbook could not be opened ({type(exc).__name__}). Save it again as .xlsx.") from None
    try:
        names = wb.sheetnames
        if not names:
            raise CourseFileError("The workbook has no sheets.")
        ws = wb["Courses"] if "Courses" in names else wb[names[0]]
        for n, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
            yield n, list(row)
    except CourseFileError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise CourseFileError(f"The workbook could not be read ({type(exc).__name__}). Save it again as .xlsx.") from None
    finally:
        wb.close()


def _limit(rows: Iterable[tuple[int, list[object]]]) -> Iterator[tuple[int, list[object]]]:
    count = 0
    for n, cells in rows:
        if n > 10 * MAX_ROWS:
            raise CourseFileError(f"The file has more than {10 * MAX_ROWS:,} rows (counting blank ones). "
                                  "Delete the empty rows at the end and save it again.")
        if n > 1 and _blank(cells):
            continue
        count += n > 1
        if count > MAX_ROWS:
            raise CourseFileError(f"The file has more than {MAX_ROWS:,} courses, the most we accept. "
                                  "Split it or remove old courses.")
        yield n, cells


def _blank(cells: Sequence[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


# ============================================================================== validating
def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold().replace("&", "and"))


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
            f"start dates, duration, link, standard, T Level, SOC). Missing: {', '.join(missing)}.")
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
            out[col] = _CHECKS[col](value, lk)
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
        row=n, title=out["title"], level=out["level"], route=route, campus_postcode=postcode, campus_lad=lad,
        starts=out.get("start_dates") or (), duration_months=out.get("duration"), link=out.get("link"),
        standard=out.get("standard"), t_level=out.get("t_level"), soc=out.get("soc"),
        leads_to=_leads_to(out, lk), socs=tuple(dict.fromkeys(socs)),
    )
    return course, []


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
        raise _Bad(f"'{text[:40]}' is not one of the 15 occupational routes or a subject area we know "
                   "(see the list in docs/college/README.md)")
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
    elif (m := _DMY.match(p)):
        d, mo, y = map(int, m.groups())
    elif (m := _MY_NUM.match(p)):
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
        raise _Bad(f"'{text[:40]}' is not a length of time we can read: use '12 months', '36 weeks' or "
                   "'2 years' (at most 10 years)")
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


_CHECKS: dict[str, Callable[[object, CourseLookups], object]] = {
    "title": _check_title, "level": _check_level, "route": _check_route, "campus_postcode": _check_postcode,
    "start_dates": _check_starts, "duration": _check_duration, "link": _check_link, "standard": _check_standard,
    "t_level": _check_t_level, "soc": _check_soc,
}


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


# ================================================================================ matching
def _learner_max_level(profile: Profile) -> int:
    """Highest course level that fits: one above what the learner has (Entry/1 with none)."""
    return max(profile.level, 0) + 1


def upcoming(course: Course, today: dt.date | None = None) -> tuple[StartDate, ...]:
    """The course's starts that are not over yet (see :meth:`StartDate.is_past`)."""
    today = today or dt.date.today()
    return tuple(s for s in course.starts if not s.is_past(today))


def first_step(course: Course, college: str, today: dt.date | None = None) -> str:
    """``"At <College>: <title>, starts September 2026"`` (plain text); starts already over are not shown."""
    text = f"At {college}: {course.title}"
    starts = upcoming(course, today)
    if starts:
        text += f", starts {starts[0].label}"
        if len(starts) > 1:
            text += f" (also {', '.join(s.label for s in starts[1:3])})"
    elif course.starts:
        text += " (the start dates the college gave have passed: ask about the next one)"
    else:
        text += " (ask the college about start dates)"
    return text


def courses_for(courses: CourseList | Sequence[Course], profile: Profile, travel_codes: Sequence[str],
                college: str = "your college", soc: str | None = None, today: dt.date | None = None) -> list[CourseMatch]:
    """The college's courses that fit a learner, best first.

    A course fits when its level is at most one above the learner's (Entry or Level 1 with no
    qualifications), its route is one of their interests (any, when they chose none), and its
    campus is in their travel area. With ``soc`` only courses leading to that job are kept and
    interests are not used (for the job and plan pages). English and maths top-ups up to Level 2
    (:data:`ENGLISH_MATHS_TOP_UP`) are not offered to a learner who has English and maths at grade 4.
    """
    items = courses.courses if isinstance(courses, CourseList) else tuple(courses)
    order = {code: i for i, code in enumerate(travel_codes)}
    top = _learner_max_level(profile)
    out: list[tuple[tuple, CourseMatch]] = []
    for c in items:
        if c.level > top or c.campus_lad not in order:
            continue
        if profile.english_maths and c.level <= 2 and ENGLISH_MATHS_TOP_UP.search(c.title):
            continue
        if soc is not None:
            if soc not in c.socs:
                continue
        elif profile.interests and c.route not in profile.interests:
            continue
        why = [f"{c.level_label} fits what you have so far"]
        why.append("the campus is in your area" if order[c.campus_lad] == 0 else "the campus is within your travel area")
        if profile.interests and c.route in profile.interests:
            why.insert(0, f"it is in {c.route}, one of your interests")
        match = CourseMatch(c, first_step(c, college, today), c.leads_to, tuple(why), c.link)
        nxt = upcoming(c, today)
        start = (nxt[0].year or 0, nxt[0].month) if nxt else (9999, 13)
        key = (order[c.campus_lad], abs(top - 1 - c.level), start, c.title.casefold(), c.row)
        out.append((key, match))
    return [m for _, m in sorted(out, key=lambda t: t[0])]


def courses_for_soc(courses: CourseList | Sequence[Course], profile: Profile, travel_codes: Sequence[str],
                    soc: str, college: str = "your college") -> list[CourseMatch]:
    """The college's courses near the learner that lead to one job (SOC code)."""
    return courses_for(courses, profile, travel_codes, college, soc=soc)
