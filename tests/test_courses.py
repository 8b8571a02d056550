"""A college's course file: file-level refusals, row-by-row checks, fuzzing, and matching."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from pathways.courses import (
    MAX_BYTES,
    MAX_ROWS,
    CourseFileError,
    CourseList,
    CourseLookups,
    courses_for,
    courses_for_soc,
    read_course_bytes,
    read_course_file,
)
from pathways.errors import AreaNotFound, OutsideEngland
from pathways.profile import Profile

HEAD = ["title", "level", "route", "campus postcode", "start dates", "duration", "link", "standard", "t level", "soc"]
GOOD = [
    "Level 2 Diploma in Electrical Installation",
    "Level 2",
    "Construction and the built environment",
    "SR1 3SD",
    "September 2026",
    "1 year",
    "https://www.example.ac.uk/c/1",
    "",
    "",
    "5241",
]


def fake_campus(text: str) -> str:
    t = text.upper().replace(" ", "")
    if t.startswith("SR1"):
        return "E08000024"
    if t.startswith("NE1"):
        return "E08000021"
    if t.startswith("CF10"):
        raise OutsideEngland("is in Wales; the explorer covers England only")
    raise AreaNotFound("was not found; check the postcode")


LOOKUPS = CourseLookups(
    standards={"ST0152": ("Installation and maintenance electrician", 3, "Construction and the built environment")},
    t_levels={"TL-8": ("T Level in Health", "Health and science")},
    occupations={"5241": "Electricians and electrical fitters", "6131": "Nursing auxiliaries and assistants"},
    campus_lad=fake_campus,
    programme_socs={"ST0152": ("5241",), "TL-8": ("6131",)},
    subject_routes={"buildingandconstruction": "Construction and the built environment"},
)


def as_csv(rows: list[list[object]], head: list[str] = HEAD) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(head)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def as_xlsx(rows: list[list[object]], head: list[str] = HEAD) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(head)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def with_(**changes: object) -> list[object]:
    row = list(GOOD)
    for k, v in changes.items():
        row[HEAD.index(k.replace("_", " "))] = v
    return row


# ------------------------------------------------------------------------------ good rows
@pytest.mark.parametrize("maker, name", [(as_csv, "c.csv"), (as_xlsx, "c.xlsx")])
def test_good_rows_csv_and_xlsx(maker, name):
    rows = [
        GOOD,
        with_(
            title="Level 3 Electrician apprenticeship",
            level="3",
            route="",
            standard="ST0152",
            soc="",
            start_dates="01/09/2026; January 2027",
            duration="42 months",
        ),
    ]
    cl = read_course_bytes(maker(rows), name, LOOKUPS)
    assert cl.problems == () and len(cl.courses) == 2 and cl.rows_read == 2
    a, b = cl.courses
    assert (a.row, a.level, a.duration_months, a.campus_lad, a.soc) == (2, 2, 12, "E08000024", "5241")
    assert a.starts[0].label == "September 2026"
    assert b.route == "Construction and the built environment"  # from the standard
    assert b.socs == ("5241",) and "ST0152" in b.leads_to and len(b.starts) == 2
    assert cl.summary == "2 courses loaded from 2 rows."


def test_accepted_spellings():
    rows = [
        with_(level="Entry"),
        with_(level="E3"),
        with_(level="7"),
        with_(level="L4"),
        with_(route="DIGITAL"),
        with_(route="building and construction"),
        with_(route="", t_level="T Level in Health", soc=""),
        with_(route="", t_level="tl-8", soc=""),
        with_(start_dates="2026-09-07"),
        with_(start_dates="September"),
        with_(start_dates="Sept 2026, Jan 2027"),
        with_(duration="36 weeks"),
        with_(duration="18"),
        with_(duration="1.5 years"),
        with_(link="http://example.ac.uk"),
        with_(link=""),
        with_(soc="5241 electricians"),
    ]
    cl = read_course_bytes(as_csv(rows), "c.csv", LOOKUPS)
    assert cl.problems == (), cl.problems
    assert [c.level for c in cl.courses[:4]] == [0, 0, 7, 4]
    assert cl.courses[6].route == "Health and science" and cl.courses[6].t_level == "TL-8"


def test_xlsx_typed_cells():
    import datetime as dt

    rows = [with_(level=2, start_dates=dt.datetime(2026, 9, 7), duration=12, soc=5241)]
    cl = read_course_bytes(as_xlsx(rows), "c.xlsx", LOOKUPS)
    assert cl.problems == () and cl.courses[0].starts[0].day == 7 and cl.courses[0].soc == "5241"


# ------------------------------------------------------------------------------ bad rows
BAD_ROWS = [
    (with_(title=""), "title", "is missing"),
    (with_(title="   "), "title", "is missing"),
    (with_(level="Level 9"), "level", "not a level we know"),
    (with_(level="GCSE"), "level", "not a level we know"),
    (with_(level=""), "level", "is missing"),
    (with_(route="Astrology"), "route", "not one of the 15 occupational routes"),
    (with_(route="", soc=""), "route", "is missing"),
    (with_(campus_postcode="CF10 1AA"), "campus_postcode", "Wales; the explorer covers England only"),
    (with_(campus_postcode="ZZ9 9ZZ"), "campus_postcode", "was not found"),
    (with_(campus_postcode=""), "campus_postcode", "is missing"),
    (with_(start_dates="soon"), "start_dates", "'soon' is not a date"),
    (with_(start_dates="31/02/2026"), "start_dates", "not a real date"),
    (with_(start_dates="September 1926"), "start_dates", "year outside"),
    (with_(start_dates="September 2026; ask us"), "start_dates", "'ask us' is not a date"),
    (with_(duration="a while"), "duration", "not a length of time"),
    (with_(duration="300 years"), "duration", "not a length of time"),
    (with_(link="javascript:alert(1)"), "link", "http:// or https://"),
    (with_(link="ftp://example.ac.uk/x"), "link", "http:// or https://"),
    (with_(link="www.example.ac.uk"), "link", "http:// or https://"),
    (with_(standard="ST9999"), "standard", "not an apprenticeship standard reference we know"),
    (with_(standard="electrician"), "standard", "not an apprenticeship standard reference we know"),
    (with_(t_level="T Level in Astrology"), "t_level", "not a T Level we know"),
    (with_(soc="9999"), "soc", "not a SOC 2020 job code we know"),
    (with_(soc="52"), "soc", "not a SOC 2020 job code we know"),
    (with_(title='=HYPERLINK("http://evil.example","Click")'), "title", "looks like a spreadsheet formula"),
    (with_(link='=HYPERLINK("http://evil.example")'), "link", "looks like a spreadsheet formula"),
    (with_(title="+cmd|' /C calc'!A0"), "title", "formula"),
    (with_(title="-2+3"), "title", "formula"),
    (with_(title="@SUM(A1)"), "title", "formula"),
    (with_(title="x" * 1500), "title", "1,500 characters long"),
    (with_(title="x" * 300), "title", "longer than 200"),
    (with_(title="!!!"), "title", "no letters or numbers"),
]


@pytest.mark.parametrize("row, column, message", BAD_ROWS)
def test_bad_row_is_reported_and_good_rows_kept(row, column, message):
    cl = read_course_bytes(as_csv([GOOD, row, GOOD]), "c.csv", LOOKUPS)
    assert [c.row for c in cl.courses] == [2, 4]
    assert len(cl.problems) >= 1 and all(p.row == 3 for p in cl.problems)
    hit = [p for p in cl.problems if p.column == column]
    assert hit and message in hit[0].reason, cl.problems
    assert str(hit[0]).startswith("Row 3, ")


def test_xlsx_formula_cell_is_reported_not_stripped():
    wb = Workbook()
    ws = wb.active
    ws.append(HEAD)
    ws.append(GOOD)
    ws["G2"] = '=HYPERLINK("http://evil.example","Book")'
    buf = io.BytesIO()
    wb.save(buf)
    cl = read_course_bytes(buf.getvalue(), "c.xlsx", LOOKUPS)
    assert cl.courses == () and cl.problems[0].column == "link" and "formula" in cl.problems[0].reason


def test_row_numbers_count_blank_rows_and_multiline_cells():
    rows = [GOOD, ["", "", ""], with_(title="Two\nlines"), with_(level="x")]
    cl = read_course_bytes(as_csv(rows), "c.csv", LOOKUPS)
    assert [c.row for c in cl.courses] == [2, 4] and cl.courses[1].title == "Two lines"
    assert [p.row for p in cl.problems] == [5]


def test_several_problems_in_one_row_are_all_reported():
    cl = read_course_bytes(as_csv([with_(title="", level="x", link="ftp://a.b")]), "c.csv", LOOKUPS)
    assert {p.column for p in cl.problems} == {"title", "level", "link"}


def test_headings_are_flexible_and_unknown_ones_reported():
    head = ["Course Title", "LEVEL", "Subject area", "Postcode", "Notes"]
    cl = read_course_bytes(as_csv([GOOD[:4] + ["anything"]], head), "c.csv", LOOKUPS)
    assert len(cl.courses) == 1 and cl.ignored_columns == ("Notes",)


def test_missing_required_heading_is_a_file_error():
    with pytest.raises(CourseFileError, match="Missing: campus postcode"):
        read_course_bytes(as_csv([GOOD[:3]], HEAD[:3]), "c.csv", LOOKUPS)


# ------------------------------------------------------------------------------ fuzzing
NASTY = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda t, n: ((t or "x") * (100_000 // max(len(t), 1) + 1))[:n],  # huge (up to 100 kB)
        st.text(min_size=1, max_size=20),
        st.integers(1_000, 100_000),
    ),
    st.text(alphabet=st.sampled_from("\x00\x01\x07\x1b\x7f\u200b\u202e\ufeff\r\n\t"), max_size=50),
    st.sampled_from(
        [
            "=1+1",
            '=HYPERLINK("http://x")',
            "+1",
            "-1",
            "@x",
            "\t=1",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "'; DROP TABLE courses;--",
            "**bold**",
            "Level 2",
            "SR1 3SD",
            "September 2026",
            "ST0152",
            "TL-8",
            "5241",
        ]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.lists(NASTY, min_size=0, max_size=12), min_size=1, max_size=4))
def test_fuzzed_cells_never_raise_and_every_row_is_accounted_for(rows):
    data = as_csv([GOOD] + rows)
    if len(data) > MAX_BYTES:
        return
    cl = read_course_bytes(data, "c.csv", LOOKUPS)
    assert cl.courses and cl.courses[0].row == 2
    good = {c.row for c in cl.courses}
    bad = {p.row for p in cl.problems}
    assert not good & bad
    for c in cl.courses:  # what is kept is clean text
        assert all(ch.isprintable() for ch in c.title) and not c.title.startswith(("=", "+", "-", "@"))
        assert c.link is None or c.link.startswith(("http://", "https://"))
    for p in cl.problems:
        assert isinstance(p.reason, str) and len(p.reason) < 400


@settings(max_examples=40, deadline=None)
@given(st.lists(NASTY.filter(lambda s: len(s) < 2000), min_size=10, max_size=10))
def test_fuzzed_xlsx_row_never_raises(row):
    wb = Workbook()
    ws = wb.active
    ws.append(HEAD)
    ws.append(GOOD)
    try:
        ws.append(row)
    except Exception:  # openpyxl itself refuses some control characters: nothing to test
        return
    cl = read_course_bytes(as_bytes(wb), "c.xlsx", LOOKUPS)
    assert cl.courses[0].row == 2


def as_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------------------ file refusals
def zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    return buf.getvalue()


def ratio_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a/>" * 5_000_000)
    return buf.getvalue()


def plain_zip(names: tuple[str, ...]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "x")
    return buf.getvalue()


CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REFUSED = [
    (b"", "c.csv", "empty"),
    (b"\xef\xbb\xbf\r\n  \n", "c.csv", "empty"),
    (",".join(HEAD).encode(), "c.csv", "headings but no courses"),
    (b"\n\n" + as_csv([GOOD]), "c.csv", "row 1 is blank"),
    (zip_bomb(), "c.xlsx", "zip bomb"),
    (ratio_bomb(), "c.xlsx", "zip bomb"),
    (CFB + b"\0" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 400, "c.xlsx", "password-protected"),
    (CFB + b"\0" * 512, "c.xlsx", "old-style Excel"),
    (as_xlsx([GOOD]), "c.csv", "named .csv but it is an Excel workbook"),
    (as_csv([GOOD]), "c.xlsx", "named .xlsx but it is plain text"),
    (b"%PDF-1.7 ...", "c.csv", "PDF"),
    (b"\x89PNG\r\n\x1a\n....", "c.xlsx", "picture"),
    (plain_zip(("a.txt",)), "c.xlsx", "zip archive, not an Excel workbook"),
    (plain_zip(("[Content_Types].xml", "word/document.xml")), "c.xlsx", "Word document"),
    (b"PK\x03\x04garbage", "c.xlsx", "damaged"),
    (plain_zip(("[Content_Types].xml", "xl/workbook.xml")), "c.xlsx", "could not be opened"),
    ("title,level\nCafé,2\n".encode("latin-1"), "c.csv", "not UTF-8"),
    ("title,level".encode("utf-16-le"), "c.csv", "binary"),
    ("title,level\n".encode("utf-16"), "c.csv", "UTF-16"),
    (as_csv([GOOD]), "c.ods", "not accepted"),
]


@pytest.mark.parametrize("data, name, message", REFUSED, ids=[m for _, _, m in REFUSED])
def test_unusable_files_are_refused_with_a_reason(data, name, message):
    with pytest.raises(CourseFileError, match=message):
        read_course_bytes(data, name, LOOKUPS)


def test_too_big_is_refused(tmp_path):
    p = tmp_path / "c.csv"
    p.write_bytes(as_csv([GOOD]) + b"x" * MAX_BYTES)
    with pytest.raises(CourseFileError, match="limit is 2 MB"):
        read_course_file(p, LOOKUPS)
    with pytest.raises(CourseFileError, match="limit is 2 MB"):
        read_course_bytes(p.read_bytes(), "c.csv", LOOKUPS)


@pytest.mark.parametrize("maker, name", [(as_csv, "c.csv"), (as_xlsx, "c.xlsx")])
def test_too_many_rows_is_refused(maker, name):
    short = ["Course", "2", "Digital", "SR1 3SD"]
    with pytest.raises(CourseFileError, match="more than 2,000 courses"):
        read_course_bytes(maker([short] * (MAX_ROWS + 1), HEAD[:4]), name, LOOKUPS)
    assert len(read_course_bytes(maker([short] * MAX_ROWS, HEAD[:4]), name, LOOKUPS).courses) == MAX_ROWS


def test_missing_file_is_a_file_error(tmp_path):
    with pytest.raises(CourseFileError, match="could not be opened"):
        read_course_file(tmp_path / "none.csv", LOOKUPS)


# ------------------------------------------------------------------------------ matching
def course_list() -> CourseList:
    rows = [
        GOOD,  # row 2: L2 construction SR1
        with_(title="Entry Level 3 Skills for Work", level="Entry", route="Business and administration", soc=""),
        with_(title="Level 3 Electrician apprenticeship", level="3", standard="ST0152", soc=""),
        with_(title="Level 2 Health course", route="Health and science", campus_postcode="NE1 1AA", soc="6131"),
    ]
    return read_course_bytes(as_csv(rows), "c.csv", LOOKUPS)


def titles(matches) -> list[str]:
    return [m.course.title for m in matches]


def test_matching_profile_gets_the_course_as_first_step():
    p = Profile(qualification="level1", interests=("Construction and the built environment",))
    got = courses_for(course_list(), p, ["E08000024"], college="Example College", today=dt.date(2026, 6, 1))
    assert titles(got) == ["Level 2 Diploma in Electrical Installation"]
    assert got[0].first_step == "At Example College: Level 2 Diploma in Electrical Installation, starts September 2026"
    assert "Electricians" in got[0].leads_to and got[0].link.startswith("https://")
    assert any("interests" in w for w in got[0].why)


def test_start_dates_already_past_are_not_shown():
    """A course's start dates already past were still shown as its next start."""
    p = Profile(qualification="level1", interests=("Construction and the built environment",))
    got = courses_for(course_list(), p, ["E08000024"], college="Example College", today=dt.date(2026, 12, 3))
    assert "September 2026" not in got[0].first_step and "have passed" in got[0].first_step


def test_no_match_for_other_interests_or_places_or_levels():
    cl = course_list()
    assert courses_for(cl, Profile(qualification="level1", interests=("Digital",)), ["E08000024"]) == []
    assert courses_for(cl, Profile(qualification="level3"), ["E06000001"]) == []
    got = courses_for(cl, Profile(qualification="none"), ["E08000024", "E08000021"])
    assert titles(got) == ["Entry Level 3 Skills for Work"]  # Entry/Level 1 only with no qualifications


def test_no_interests_means_any_route_nearest_first():
    got = courses_for(course_list(), Profile(qualification="level2"), ["E08000021", "E08000024"])
    assert titles(got)[0] == "Level 2 Health course"  # home district first
    assert set(titles(got)) == {
        "Level 2 Health course",
        "Level 2 Diploma in Electrical Installation",
        "Level 3 Electrician apprenticeship",
        "Entry Level 3 Skills for Work",
    }


def test_courses_for_a_job():
    got = courses_for_soc(course_list(), Profile(qualification="level2", interests=("Digital",)), ["E08000024"], "5241")
    assert titles(got) == ["Level 2 Diploma in Electrical Installation", "Level 3 Electrician apprenticeship"]
    assert "(also" not in got[0].first_step


def test_real_bundle_lookups_read_the_templates(bundle):
    from pathlib import Path

    lk = CourseLookups.from_bundle(bundle)
    here = Path(__file__).resolve().parent.parent / "docs" / "college"
    for name in ("courses_template.csv", "courses_template.xlsx"):
        cl = read_course_file(here / name, lk)
        assert cl.problems == () and len(cl.courses) == 4, cl.problems
    assert lk.campus_lad("SR1 3SD") == "E08000024"
    with pytest.raises(OutsideEngland):
        lk.campus_lad("CF10 1AA")
    with pytest.raises(AreaNotFound):
        lk.campus_lad("SR1")


def test_english_and_maths_top_ups_only_for_learners_who_need_them():
    rows = [
        with_(title=t, level=lv, route="Business and administration", soc="")
        for t, lv in (
            ("Functional Skills maths", "1"),
            ("GCSE English resit", "2"),
            ("Level 2 Office skills", "2"),
            ("A level Mathematics", "3"),
        )
    ]
    cl = read_course_bytes(as_csv(rows), "c.csv", LOOKUPS)
    without = titles(courses_for(cl, Profile(qualification="level2"), ["E08000024"]))
    assert {"Functional Skills maths", "GCSE English resit"} <= set(without)
    with_em = titles(courses_for(cl, Profile(qualification="level2", english_maths=True), ["E08000024"]))
    assert set(with_em) == {"Level 2 Office skills", "A level Mathematics"}


def test_the_course_package_keeps_its_names_and_jobs_apart():
    """pathways.courses was one 815-line module; its parts each do one job and every old name still imports."""
    import ast
    from pathlib import Path

    import pathways.courses as courses

    for name in courses.__all__:
        assert getattr(courses, name) is not None, name
    folder = Path(courses.__file__).parent
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text())
        assert len(path.read_text().splitlines()) < 300, path.name
        for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            assert fn.end_lineno - fn.lineno < 60, f"{path.name}: {fn.name}"
    files = (folder / "files.py").read_text()
    assert "openpyxl" in files and "zipfile" in files  # file safety lives in files.py only
    assert "zipfile" not in (folder / "validate.py").read_text() + (folder / "match.py").read_text()
