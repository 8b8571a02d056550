"""A session plan: the shortlist, next steps and the figures discussed, as PDF, CSV or a link.

Nothing here touches the disk: the PDF and CSV are built in memory and handed to the person.
The CSV neutralises cells that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pathways.figures import Figure

__all__ = ["PlanItem", "Plan", "to_csv", "to_pdf", "safe_cell", "safe_text", "PDF_NAME",
           "CSV_NAME"]

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
MAX_NOTE = 2000
#: the names the downloads are saved under
PDF_NAME = "my-pathway-plan.pdf"
CSV_NAME = "my-pathway-figures.csv"


def safe_text(text: object, limit: int = 500) -> str:
    """Printable text only: control characters removed, length capped.

    >>> safe_text("hi\\x00 there\\n")
    'hi there'
    """
    s = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in str(text)[: limit * 2])
    return " ".join(s.split())[:limit]


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula.

    >>> safe_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> safe_cell("-5")
    "'-5"
    >>> safe_cell("Plumber")
    'Plumber'
    """
    s = safe_text(value, 2000)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


@dataclass(frozen=True)
class PlanItem:
    """One route or job on the shortlist, with the figures shown for it."""

    kind: str  # "route" or "job"
    item_id: str
    title: str
    summary: str
    figures: tuple[Figure, ...] = ()
    #: who trains for its first apprenticeship near the learner: a heading, then one line per provider
    providers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """A one-page plan for a learner (built on request, never stored)."""

    area: str
    profile_lines: tuple[str, ...]
    items: tuple[PlanItem, ...]
    next_steps: tuple[str, ...]
    note: str = ""
    link: str = ""
    made_on: str = field(default_factory=lambda: date.today().isoformat())
    sources: tuple[str, ...] = ()


def to_csv(plan: Plan) -> bytes:
    """The plan's figures as CSV rows (one row per figure), with sources and dates."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["item", "figure", "value", "unit", "period", "area", "geography level", "basis", "source", "note"])
    for item in plan.items:
        if not item.figures:
            w.writerow([safe_cell(item.title), "", "", "", "", "", "", "", "", safe_cell(item.summary)])
        for f in item.figures:
            w.writerow([safe_cell(x) for x in (item.title, f.label, f.display(), f.unit, f.period, f.geography, f.level,
                                               f.basis, f.source, f.note)])
        for line in item.providers[1:]:
            w.writerow([safe_cell(x) for x in (item.title, item.providers[0], line, "", "", "", "", "", "", "")])
    w.writerow([])
    w.writerow(["made on", plan.made_on])
    w.writerow(["area", safe_cell(plan.area)])
    if plan.link:
        w.writerow(["link to reopen this plan", safe_cell(plan.link)])
    return buf.getvalue().encode("utf-8-sig")


def _font(pdf) -> tuple[str, bool]:
    for d in _FONT_DIRS:
        regular, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


class _Pdf:
    """An A4 PDF written paragraph by paragraph, in DejaVu when it is installed (else Helvetica, Latin-1 only)."""

    def __init__(self) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(True, margin=12)
        self.pdf.set_title("My pathway plan")
        self.pdf.set_author("Pathway explorer")
        self.pdf.set_lang("en-GB")
        self.pdf.add_page()
        self.family, self.unicode_ok = _font(self.pdf)

    def text(self, s: object) -> str:
        s = safe_text(s, 3000)
        return s if self.unicode_ok else s.encode("latin-1", "replace").decode("latin-1")

    def para(self, text: str, size: float = 10, style: str = "", gap: float = 1.5) -> None:
        self.pdf.set_font(self.family, style, size)
        self.pdf.multi_cell(0, size * 0.5, self.text(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def item(self, item: PlanItem) -> None:
        """One shortlisted route or job: its title, summary, figures with their sources, and providers."""
        self.para(f"{item.title}", 11, "B", 0.5)
        if item.summary:
            self.para(item.summary, 9, gap=0.5)
        for f in item.figures:
            self.para(f"- {f.label}: {f.display()} ({f.geography}, {f.period}; {f.basis}; source: {f.source})", 8, gap=0.3)
        if item.providers:
            self.para(item.providers[0], 8.5, "B", 0.3)
            for line in item.providers[1:]:
                self.para(f"- {line}", 8, gap=0.3)
        self.pdf.ln(1.5)


def to_pdf(plan: Plan) -> bytes:
    """A one-page (or short) PDF plan with the figures discussed and their sources."""
    w = _Pdf()
    w.para("My pathway plan", 18, "B", 2)
    w.para(f"Made on {plan.made_on} for someone living in {plan.area}.", 10)
    for line in plan.profile_lines:
        w.para(line, 9, gap=0.5)
    w.pdf.ln(2)
    w.para("My shortlist", 13, "B")
    if not plan.items:
        w.para("Nothing on the shortlist yet.", 10)
    for item in plan.items:
        w.item(item)
    _pdf_closing(w, plan)
    return bytes(w.pdf.output())


def _pdf_closing(w: _Pdf, plan: Plan) -> None:
    """Next steps, notes, where the figures come from, and the link to reopen the plan."""
    w.para("Next steps", 13, "B")
    for i, step in enumerate(plan.next_steps, 1):
        w.para(f"{i}. {step}", 9, gap=0.5)
    if plan.note:
        w.pdf.ln(1)
        w.para("Notes", 13, "B")
        w.para(plan.note[:MAX_NOTE], 9)
    w.pdf.ln(1)
    w.para("Where the figures come from", 11, "B")
    for s in plan.sources:
        w.para(s, 7.5, gap=0.3)
    w.para("Pay is modelled from national and regional figures, so it is an estimate: pay while training is the "
           "legal minimum (many employers pay more), and pay when newly qualified is scaled for your age. "
           "Contains public sector information licensed under the Open Government Licence v3.0.", 7.5)
    if plan.link:
        w.para(f"Reopen this plan: {plan.link}", 7.5)
