"""Course file safety: refuse a file that cannot be used at all (too big, too many rows, empty, not really a
CSV or XLSX, a zip bomb, password-protected, not UTF-8) with :class:`CourseFileError`, and hand the rows of a
good one to :func:`pathways.courses.validate.validate_rows`."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from pathways.courses.cells import _blank
from pathways.courses.lookups import CourseLookups
from pathways.courses.model import CourseFileError, CourseList
from pathways.courses.validate import validate_rows

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED",
    "MAX_RATIO",
    "MAX_MEMBERS",
    "MAX_COLUMNS",
    "read_course_file",
    "read_course_bytes",
]

MAX_BYTES = 2_000_000  # the largest file accepted (2 MB)
MAX_ROWS = 2_000  # the most course rows accepted (headings not counted)
MAX_UNCOMPRESSED = 50_000_000  # an XLSX may expand to at most this many bytes
MAX_RATIO = 100  # ... and no part may be compressed more than 100 to 1
MAX_MEMBERS = 500  # parts inside an XLSX
MAX_COLUMNS = 40
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))


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
    return (
        f"The file is {size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB. Split it, or remove pictures and extra sheets."
    )


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
            "Save it again as 'CSV UTF-8' (.csv) or 'Excel Workbook' (.xlsx)."
        )
    if ext not in (".csv", ".xlsx", ""):
        raise CourseFileError(f"Files ending {ext[:10]} are not accepted: use .csv or .xlsx.")
    rows = _xlsx_rows(data) if kind == "xlsx" else _csv_rows(data)
    return _limit(rows)


def _sniff(data: bytes) -> str:
    """'xlsx' or 'csv' from the bytes themselves; refuse anything else with the reason."""
    if data.startswith(_CFB):
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise CourseFileError(
                "The workbook is password-protected. Remove the password (File > Info > Protect Workbook) and save it again."
            )
        raise CourseFileError(
            "The file is an old-style Excel (.xls) or other Office file. Save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'."
        )
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        _check_zip(data)
        return "xlsx"
    for magic, what in (
        (b"%PDF", "a PDF"),
        (b"\x89PNG", "a picture"),
        (b"\xff\xd8\xff", "a picture"),
        (b"GIF8", "a picture"),
        (b"{\\rtf", "a Word (RTF) document"),
    ):
        if data.startswith(magic):
            raise CourseFileError(f"The file is {what}, not a course list. Use a .csv or .xlsx file.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CourseFileError("The CSV file is UTF-16 text. In Excel choose 'Save as' > 'CSV UTF-8'.")
    head = data[:400]
    if len(head) >= 8 and max(head[0::2].count(0), head[1::2].count(0)) > 0.9 * (len(head) // 2):
        raise CourseFileError(
            "The file is not a CSV or XLSX spreadsheet (it looks like UTF-16 or binary data). "
            "In Excel choose 'Save as' > 'CSV UTF-8'."
        )
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
        raise CourseFileError(
            f"The workbook would expand to {total / 1e6:,.0f} MB, more than the "
            f"{MAX_UNCOMPRESSED / 1e6:.0f} MB limit, so it was not opened (it may be a 'zip bomb')."
        )
    for i in infos:
        if i.file_size > 100_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise CourseFileError(
                "Part of the workbook is compressed far more than a real spreadsheet "
                f"({i.file_size // max(i.compress_size, 1):,} to 1), so it was not opened "
                "(it may be a 'zip bomb')."
            )
    if any(i.flag_bits & 0x1 for i in infos):
        raise CourseFileError("The workbook is password-protected. Remove the password and save it again.")
    if "[Content_Types].xml" not in names:
        raise CourseFileError("The file is a zip archive, not an Excel workbook. Use a .csv or .xlsx file.")
    if "xl/workbook.xml" not in names:
        what = (
            "a Word document"
            if "word/document.xml" in names
            else ("a PowerPoint file" if "ppt/presentation.xml" in names else "not an Excel workbook")
        )
        raise CourseFileError(f"The file is {what}. Use a .csv or .xlsx file.")


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[object]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CourseFileError(
            f"The CSV file is not UTF-8 text (near byte {exc.start:,}). In Excel choose 'Save as' > 'CSV UTF-8'."
        ) from None
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
            raise CourseFileError(
                f"The file has more than {10 * MAX_ROWS:,} rows (counting blank ones). "
                "Delete the empty rows at the end and save it again."
            )
        if n > 1 and _blank(cells):
            continue
        count += n > 1
        if count > MAX_ROWS:
            raise CourseFileError(
                f"The file has more than {MAX_ROWS:,} courses, the most we accept. Split it or remove old courses."
            )
        yield n, cells
