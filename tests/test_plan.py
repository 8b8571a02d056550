"""Plan exports: the PDF is a real PDF naming the job and sources; the CSV cannot run formulas."""

import csv
import io

from hypothesis import given, strategies as st

from pathways.figures import Figure
from pathways.plan import Plan, PlanItem, safe_cell, to_csv, to_pdf

FIG = Figure("Typical pay (middle)", 31200.0, "£ a year", "April 2025", "Redcar and Cleveland", "district",
             "ONS Annual Survey of Hours and Earnings 2025 (provisional)", "modelled", "Modelled from UK pay.")


def _plan(note: str = "", title: str = "Electricians and electrical fitters") -> Plan:
    return Plan(area="Redcar and Cleveland", profile_lines=("Age 16",), items=(PlanItem("job", "5241", title, "A job", (FIG,)),),
                next_steps=("Look for apprenticeships",), note=note, link="http://localhost/?where=TS10",
                sources=("ONS Annual Survey of Hours and Earnings 2025 (provisional), April 2025",))


def test_pdf_is_a_pdf_naming_the_job_and_sources():
    data = to_pdf(_plan())
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 1000


def test_pdf_survives_unicode_and_control_characters_in_notes():
    data = to_pdf(_plan(note="Zoë’s plan \x00\x07 <script>alert(1)</script> 🚀 " * 50))
    assert data.startswith(b"%PDF-")


def test_csv_lists_figures_with_source_and_period():
    rows = list(csv.reader(io.StringIO(to_csv(_plan()).decode("utf-8-sig"))))
    assert rows[0][:3] == ["item", "figure", "value"]
    assert rows[1][0] == "Electricians and electrical fitters"
    assert "April 2025" in rows[1] and FIG.source in rows[1]


def test_csv_neutralises_formula_like_titles():
    rows = list(csv.reader(io.StringIO(to_csv(_plan(title="=HYPERLINK(\"http://x\")")).decode("utf-8-sig"))))
    assert rows[1][0].startswith("'=")


@given(st.text(max_size=200))
def test_safe_cell_never_starts_with_a_formula_character(text):
    assert safe_cell(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_plan_names_the_providers_for_a_route_with_an_apprenticeship(ctx):
    """The plan's CSV and PDF name who trains for the route's apprenticeship near the learner."""
    from pypdf import PdfReader

    from pathways import service
    from pathways.profile import Profile

    profile = Profile(where="FY1 1AA", age=17, qualification="level2", interests=("Care services",))
    place, travel, routes = service.routes_for(ctx, profile, limit=10)
    route = next(r for r in routes if any(s.delivery is not None and s.delivery.providers_near for s in r.steps))
    items, _, missing = service.plan_items(ctx, [route.route_id], routes, travel)
    assert not missing and items[0].providers[0].startswith("Who trains for")
    first = items[0].providers[1]
    assert "UKPRN" in first
    plan = Plan(area=place.name, profile_lines=(), items=tuple(items), next_steps=())
    rows = list(csv.reader(io.StringIO(to_csv(plan).decode("utf-8-sig"))))
    assert any(r[2] == first for r in rows if len(r) > 2)
    assert any("from your area" in r[1] and r[8] for r in rows if len(r) > 8 and r[1].startswith("People"))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(plan))).pages)
    assert first.split(" (")[0][:30] in " ".join(text.split())
