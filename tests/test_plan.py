"""Plan exports: the PDF is a real PDF naming the job and sources, one A4 page for up to three routes at 10 pt or
more, left-aligned, with links you can click and words not codes, and it holds the note typed just before Download
is tapped; the CSV cannot run formulas."""

import csv
import io
import re
import threading

import pytest
from hypothesis import given, strategies as st
from pypdf import PdfReader

from pathways.answers.plan import plan_answer
from pathways.figures import Figure
from pathways.plan import MAX_NOTE, PDF_BODY_PT, PDF_SOURCES_PT, NoteAtTap, Plan, PlanItem, safe_cell, to_csv, to_pdf
from pathways.profile import Profile

FIG = Figure(
    "Typical pay (middle)",
    31200.0,
    "£ a year",
    "April 2025",
    "Redcar and Cleveland",
    "district",
    "ONS Annual Survey of Hours and Earnings 2025 (provisional)",
    "modelled",
    "Modelled from UK pay.",
)


def _plan(note: str = "", title: str = "Electricians and electrical fitters") -> Plan:
    return Plan(
        area="Redcar and Cleveland",
        profile_lines=("Age 16",),
        items=(PlanItem("job", "5241", title, "A job", (FIG,)),),
        next_steps=("Look for apprenticeships",),
        note=note,
        link="http://localhost/?where=TS10",
        sources=("ONS Annual Survey of Hours and Earnings 2025 (provisional), April 2025",),
    )


def _pdf_text(data: bytes) -> str:
    """The text of every page, with runs of white space (line breaks too) as one space."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_is_a_pdf_naming_the_job_and_sources():
    data = to_pdf(_plan())
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = _pdf_text(data)
    assert "Electricians and electrical fitters" in text, text[:500]
    assert "ONS Annual Survey of Hours and Earnings 2025 (provisional), April 2025" in text, text[-800:]
    assert "Electricians" not in _pdf_text(to_pdf(_plan(title="Plumbers"))), "the check reads the PDF's own text"


def test_pdf_survives_unicode_and_control_characters_in_notes():
    data = to_pdf(_plan(note="Zoë’s plan \x00\x07 <script>alert(1)</script> 🚀 " * 50))
    assert data.startswith(b"%PDF-")


def test_csv_lists_figures_with_source_and_period():
    rows = list(csv.reader(io.StringIO(to_csv(_plan()).decode("utf-8-sig"))))
    assert rows[0][:3] == ["item", "figure", "value"]
    assert rows[1][0] == "Electricians and electrical fitters"
    assert "April 2025" in rows[1] and FIG.source in rows[1]


def test_csv_neutralises_formula_like_titles():
    rows = list(csv.reader(io.StringIO(to_csv(_plan(title='=HYPERLINK("http://x")')).decode("utf-8-sig"))))
    assert rows[1][0].startswith("'=")


@given(st.text(max_size=200))
def test_safe_cell_never_starts_with_a_formula_character(text):
    assert safe_cell(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_plan_names_the_providers_for_a_route_with_an_apprenticeship(ctx):
    """The plan's CSV and PDF name who trains for the route's apprenticeship near the learner."""
    profile = Profile(where="FY1 1AA", age=17, qualification="level2", interests=("Care services",))
    place, travel, routes = ctx.routes_for(profile, limit=10)
    route = next(r for r in routes if any(s.delivery is not None and s.delivery.providers_near for s in r.steps))
    answer = plan_answer(ctx, [route.route_id], routes, travel)
    items = answer.items
    assert not answer.missing and items[0].providers[0].startswith("Who trains for")
    first = items[0].providers[1]
    assert first.split(" (")[0], first  # a provider, named
    plan = Plan(area=place.name, profile_lines=(), items=tuple(items), next_steps=())
    rows = list(csv.reader(io.StringIO(to_csv(plan).decode("utf-8-sig"))))
    assert any(r[2] == first for r in rows if len(r) > 2)
    assert any("from your area" in r[1] and r[8] for r in rows if len(r) > 8 and r[1].startswith("People"))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(plan))).pages)
    assert first.split(" (")[0][:30] in " ".join(text.split())


# -- the PDF an adviser hands over ---------------------------------------------------------------
#: learners whose top three routes go in one plan: Amira (Blackpool, 19, no qualifications), Jordan (Redcar, 17,
#: GCSEs with English and maths, engineering) and a student of the Cornwall adviser's (17, care)
THREE_ROUTES = {
    "Amira": dict(where="FY1 1AA", age=19, qualification="none"),
    "Jordan": dict(
        where="TS10 1AA", age=17, qualification="level2", english_maths=True, interests=("Engineering and manufacturing",)
    ),
    "Cornwall": dict(where="Cornwall", age=17, qualification="level2", english_maths=True, interests=("Care services",)),
}
NOTE = "Ring the college on Monday about the open evening. Bring your CV to the Jobcentre on Wednesday; ask about travel costs."


def _three_route_plan(ctx, who: str, note: str = NOTE) -> Plan:
    profile = Profile(**THREE_ROUTES[who])
    place, travel, routes = ctx.routes_for(profile, limit=10)
    keys = [r.route_id for r in routes[:3]]
    a = plan_answer(ctx, keys, routes, travel, profile.age)
    assert len(a.items) == 3, a.missing
    return Plan(
        area=place.name,
        profile_lines=(
            f"Age {profile.age}; {profile.qualification_label}",
            "Interests: " + (", ".join(profile.interests) or "not sure yet"),
        ),
        items=a.items,
        next_steps=a.next_steps,
        note=note,
        sources=a.sources,
        link="http://localhost:8501/plan?where=X&sl=" + ",".join(keys),
    )


def _pages(data: bytes) -> list:
    return list(PdfReader(io.BytesIO(data)).pages)


def _font_sizes(pdf_page) -> list[tuple[float, str]]:
    """(size in points, text) of every piece of text on the page."""
    runs: list[tuple[float, str]] = []
    pdf_page.extract_text(
        visitor_text=lambda text, cm, tm, font, size: runs.append((float(size), text)) if text.strip() else None
    )
    return runs


@pytest.mark.parametrize("who", sorted(THREE_ROUTES))
def test_three_routes_fit_one_a4_page_at_10pt_or_more(ctx, who):
    """Before: one page per route (3 pages for three) at about 8 pt. Now one A4 page, body text at least 10 pt; only
    the list of sources at the end is smaller (9 pt)."""
    data = to_pdf(_three_route_plan(ctx, who))
    pages = _pages(data)
    assert len(pages) == 1, f"{who}: {len(pages)} pages for three routes"
    width, height = (float(x) for x in pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842), "not A4"
    runs = _font_sizes(pages[0])
    small = [(size, text) for size, text in runs if size < PDF_BODY_PT]
    assert {size for size, _ in small} <= {PDF_SOURCES_PT}, small[:5]
    small_text = " ".join(text for _, text in small)
    assert small_text.lstrip().startswith("Where the figures come from"), small_text[:200]
    body = " ".join(text for size, text in runs if size >= PDF_BODY_PT)
    assert NOTE.split(".")[0] in " ".join(body.split()), "the note is not in the body text"


@pytest.mark.parametrize("who", sorted(THREE_ROUTES))
def test_pdf_is_left_aligned_with_words_not_codes_and_links_you_can_click(ctx, who):
    plan = _three_route_plan(ctx, who)
    first = _pages(to_pdf(plan))[0]
    content = first.get_contents().get_data().decode("latin-1")
    assert " TJ" not in content, "justified text (fpdf2 spaces the words of a justified line with TJ)"
    text = " ".join(first.extract_text().split())
    for code in ("UKPRN", "SOC", "modelled", "measured", "http", "ST0", "occ:", "n.e.c."):
        assert code not in text, f"{who}: {code!r} in the PDF's text"
    assert not re.search(r"\b1\d{7}\b", text), "a registration number (UKPRN) in the PDF"
    uris = [a.get_object()["/A"]["/URI"] for a in first.get("/Annots", [])]
    addresses = {u for step in plan.next_steps for u in re.findall(r"https?://[^\s()]+", step)}
    assert addresses and addresses <= set(uris), addresses - set(uris)
    assert plan.link in uris, "the link that reopens the plan cannot be clicked"


def test_a_long_plan_keeps_headings_with_their_text_and_leaves_no_line_alone(ctx):
    """Six routes and the longest note take two pages: no page ends with a heading, and no page holds a single line."""
    plan = _three_route_plan(ctx, "Amira")
    more = _three_route_plan(ctx, "Cornwall")
    long_note = ("Longer notes from the adviser about what we talked about today. " * 40)[:MAX_NOTE]
    plan = Plan(
        plan.area,
        plan.profile_lines,
        plan.items + more.items,
        plan.next_steps + more.next_steps,
        long_note,
        plan.link,
        sources=plan.sources,
    )
    pages = _pages(to_pdf(plan))
    assert len(pages) >= 2
    headings = {"My shortlist", "What to do next", *(f"{i}. {item.title}" for i, item in enumerate(plan.items, 1))}
    for n, one in enumerate(pages, 1):
        lines = [ln.strip() for ln in one.extract_text().splitlines() if ln.strip()]
        assert len(lines) >= 2, f"page {n} holds a single line: {lines}"
        assert lines[-1] not in headings, f"page {n} ends with the heading {lines[-1]!r}"
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert long_note.split(".")[0] in text


def test_pdf_shows_a_note_as_typed_never_as_markup():
    note = "My **plan** -- __not__ a ~~list~~ [click](https://evil.example) back\\slash {nb}"
    first = _pages(to_pdf(_plan(note=note)))[0]
    text = " ".join(first.extract_text().split())
    assert note.replace("](", "] (") in text, text  # a space keeps it from reading as a link
    uris = [a.get_object()["/A"]["/URI"] for a in first.get("/Annots", [])]
    assert not any("evil" in u for u in uris), uris


def test_note_at_tap_hands_the_tapped_note_to_the_pdf_whichever_comes_first():
    """The PDF maker (a server thread) and the tap's callback (the page's rerun) can come in either order."""
    for pdf_first in (True, False):
        tap = NoteAtTap()
        tap.seen("the note the page drew before")
        got: list[str] = []
        maker = threading.Thread(target=lambda: got.append(tap.note_for_pdf(wait_s=5)))
        if pdf_first:
            maker.start()
            tap.tapped("the note as typed", wait_s=5)
        else:
            threading.Timer(0.2, maker.start).start()
            tap.tapped("the note as typed", wait_s=5)
        maker.join(5)
        assert got == ["the note as typed"], (pdf_first, got)


def test_note_at_tap_does_not_wait_for_ever_when_a_tap_is_not_heard():
    tap = NoteAtTap()
    tap.seen("last note")
    assert tap.note_for_pdf(wait_s=0.05) == "last note"
    tap.tapped("next note", wait_s=0.05)
    assert tap.note_for_pdf(wait_s=0.05) == "next note"


def test_plan_page_next_steps_show_links_as_words_and_say_when_to_apply_once():
    """AppTest: the Plan page's next steps for Amira's three routes: every address a link shown as words (long
    addresses wrapped badly on a phone), and "when to apply" said once, not under every apprenticeship."""
    from tests.apptest_helpers import no_exception, open_page

    keys = "start:none|prog:ST0005|occ:6135,start:none|prog:ST0888|occ:6111"
    at = open_page("plan", {"where": "FY1 1AA", "age": "19", "q": "none", "sl": keys})
    no_exception(at)
    steps = next(m.value for m in at.markdown if m.value.startswith("1. "))
    shown = re.sub(r"\]\([^)]*\)", "]", steps)  # the words people see, without link targets
    assert "http" not in shown, shown
    assert "[Find an apprenticeship]" in shown
    assert shown.count("advertised from the spring") == 1, shown
