"""A session plan: the shortlist, next steps and the figures discussed, as PDF, CSV or a link.

Nothing here touches the disk: the PDF and CSV are built in memory and handed to the person.
The CSV neutralises cells that a spreadsheet would run as a formula.

The PDF is what an adviser hands over: one A4 page for up to three routes, body text at 10 pt (the list of
sources at the end 9 pt), left-aligned, links as words you can click, and no registration numbers or codes
(the CSV keeps them). Each section is kept whole on a page, so no heading or line is left on its own.
How links, providers and next steps are worded is :mod:`pathways.plan_words`.
"""

from __future__ import annotations

import csv
import io
import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pathways.figures import Figure
from pathways.plan_words import provider_short, said_once, with_links

__all__ = [
    "PlanItem",
    "Plan",
    "NoteAtTap",
    "to_csv",
    "to_pdf",
    "safe_cell",
    "safe_text",
    "PDF_NAME",
    "CSV_NAME",
    "PDF_BODY_PT",
    "PDF_SOURCES_PT",
]

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
MAX_NOTE = 2000
#: the names the downloads are saved under
PDF_NAME = "my-pathway-plan.pdf"
CSV_NAME = "my-pathway-figures.csv"
#: the PDF's text size: everything at least PDF_BODY_PT, except the list of sources at the end
PDF_BODY_PT = 10.0
PDF_SOURCES_PT = 9.0
#: providers named per route in the PDF (the CSV has them all)
PDF_PROVIDERS = 3


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


class NoteAtTap:
    """The note as it was when Download was tapped, handed from the tap to the PDF.

    A text box sends what was typed only when it loses focus, which on a phone is the same moment as the tap
    on Download; and the PDF is made in a server thread that cannot see the page's state. So the page's
    Download button has a callback that runs, on the tap's own rerun, with the note as typed: it calls
    :meth:`tapped`. The PDF maker calls :meth:`note_for_pdf`, which waits (a few seconds at most) for that
    tap. Each waits for the other, so the PDF always holds the note typed before the tap, and the server keeps
    the PDF maker until it has started. Nothing is stored anywhere but in this object, in memory.

    >>> tap = NoteAtTap()
    >>> tap.seen("old note")
    >>> tap.tapped("new note", wait_s=0.01)
    >>> tap.note_for_pdf(wait_s=0.01)
    'new note'
    >>> tap.note_for_pdf(wait_s=0.01)  # a second PDF with no tap behind it: the last note known
    'new note'
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._note = ""
        self._taps = 0  # taps seen by the page (the callback)
        self._pdfs = 0  # PDFs asked for (the server's download request)

    def seen(self, note: str) -> None:
        """The note a run of the page drew (used when no tap is heard)."""
        with self._cond:
            self._note = note or ""

    def tapped(self, note: str, wait_s: float = 2.0) -> None:
        """Download was tapped and the note was ``note``; wait until the PDF maker has started."""
        with self._cond:
            self._note = note or ""
            self._taps += 1
            mine = self._taps
            self._cond.notify_all()
            if not self._cond.wait_for(lambda: self._pdfs >= mine, wait_s):
                self._pdfs = self._taps  # no request came for this tap: do not wait for it later

    def note_for_pdf(self, wait_s: float = 8.0) -> str:
        """The note to put in the PDF: the one sent with the tap behind this download."""
        with self._cond:
            self._pdfs += 1
            mine = self._pdfs
            self._cond.notify_all()
            if not self._cond.wait_for(lambda: self._taps >= mine, wait_s):
                self._taps = self._pdfs  # the tap was not heard: use the last note known
            return self._note


def to_csv(plan: Plan) -> bytes:
    """The plan's figures as CSV rows (one row per figure), with sources and dates."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["item", "figure", "value", "unit", "period", "area", "geography level", "basis", "source", "note"])
    for item in plan.items:
        if not item.figures:
            w.writerow([safe_cell(item.title), "", "", "", "", "", "", "", "", safe_cell(item.summary)])
        for f in item.figures:
            w.writerow(
                [
                    safe_cell(x)
                    for x in (item.title, f.label, f.display(), f.unit, f.period, f.geography, f.level, f.basis, f.source, f.note)
                ]
            )
        for line in item.providers[1:]:
            w.writerow([safe_cell(x) for x in (item.title, item.providers[0], line, "", "", "", "", "", "", "")])
    w.writerow([])
    w.writerow(["made on", plan.made_on])
    w.writerow(["area", safe_cell(plan.area)])
    if plan.link:
        w.writerow(["link to reopen this plan", safe_cell(plan.link)])
    return buf.getvalue().encode("utf-8-sig")


# -- words for the PDF ---------------------------------------------------------------------------
def _when(made_on: str) -> str:
    """'2026-12-06' as '6 December 2026' (anything else as it is)."""
    try:
        d = date.fromisoformat(made_on)
    except ValueError:
        return made_on
    return f"{d.day} {d:%B %Y}"


def _figure_phrase(f: Figure, where_said: set[str], yearly: bool) -> str:
    """One figure in words: 'with experience: £26,200 (North West)'. The place is said once per line;
    England- and UK-wide figures say so in their label."""
    label = f.label.split(": ")[0]
    if f.unit.startswith("£") and label.lower().startswith("pay "):
        label = label[4:]
    if f.value is None:
        return f"{label}: not known yet"
    value = f.display() + (" a year" if f.unit == "£ a year" and not yearly else "")
    extra = []
    if f.label.startswith("Pay while training"):
        extra.append("legal minimum; many pay more")
    if f.level not in ("England", "UK") and f.geography and f.geography not in where_said:
        extra.append(f.geography)
        where_said.add(f.geography)
    if not f.unit.startswith("£") and f.period and f.period not in label:
        extra.append(f.period)
    return f"{label}: {value}" + (f" ({', '.join(extra)})" if extra else "")


def _figure_lines(item: PlanItem) -> list[tuple[str, str]]:
    """The figures in two parts, pay and then work (adverts, jobs to fill, starts): (bold lead, text). How many
    people from the area start the apprenticeship is left to the line on who trains for it, when there is one."""
    pay = [f for f in item.figures if f.unit.startswith("£")]
    work = [
        f
        for f in item.figures
        if not f.unit.startswith("£") and not (item.providers and f.label.startswith("People") and "from your area" in f.label)
    ]
    out = []
    if pay:
        yearly = all(f.unit == "£ a year" for f in pay)
        said: set[str] = set()
        out.append(("Pay a year " if yearly else "Pay ", "; ".join(_figure_phrase(f, said, yearly) for f in pay) + "."))
    if work:
        said = set()
        out.append(("Work near you: ", "; ".join(_figure_phrase(f, said, False) for f in work) + "."))
    return out


# -- the PDF -------------------------------------------------------------------------------------
def _font(pdf) -> tuple[str, bool]:
    for d in _FONT_DIRS:
        regular, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


_MARKERS = re.compile(r"(\*\*|__|~~|--)")


def _escape(text: str) -> str:
    """Text that fpdf2's markdown shows exactly as it is: its escape character doubled, each bold, italic,
    underline or strike-through marker escaped, and nothing that reads as a link.

    >>> _escape("a--b **c** [x](y)")
    'a\\\\--b \\\\**c\\\\** [x] (y)'
    """
    return _MARKERS.sub(r"\\\1", text.replace("\\", "\\\\")).replace("](", "] (")


def _markdown(text: str, style: str, link: str) -> str:
    """One run as fpdf2 markdown: bold, or a link shown as words (the address made safe for it)."""
    if link:
        words = re.sub(r"[\[\]]", "", text).strip() or "link"
        address = link.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
        return f"[{_escape(words)}]({address})"
    return f"**{_escape(text)}**" if "B" in style and text.strip() else _escape(text)


#: line height as a share of the text size, and points to millimetres
_LEADING = 1.15
_PT = 0.3528
_LINK_RGB = (0, 70, 160)


class _Pdf:
    """An A4 PDF written in runs of text (plain, bold or a link), left-aligned, in DejaVu when it is installed
    (else Helvetica, Latin-1 only)."""

    def __init__(self) -> None:
        from fpdf import FPDF  # here, not at the top: importing fpdf2 takes about 0.4 s, paid only when a PDF is made

        self.pdf: Any = FPDF(format="A4")  # or, inside kept_together, fpdf2's recorder in front of it
        self.pdf.set_margins(13, 10, 13)
        self.pdf.set_auto_page_break(True, margin=10)
        self.pdf.str_alias_nb_pages = ""  # a note that says {nb} keeps its words
        self.pdf.set_title("My pathway plan")
        self.pdf.set_author("Pathway explorer")
        self.pdf.set_lang("en-GB")
        self.pdf.add_page()
        setattr(self.pdf, "MARKDOWN_LINK_COLOR", _LINK_RGB)  # links in blue (fpdf2's default is the text's colour)
        self.family, self.unicode_ok = _font(self.pdf)

    @contextmanager
    def kept_together(self) -> Iterator[None]:
        """What is written inside goes on one page: a new page first when it would not fit (fpdf2 replays the
        calls made through its recorder, so they go through it)."""
        real = self.pdf
        with real.unbreakable() as recorder:
            self.pdf = recorder
            try:
                yield
            finally:
                self.pdf = real

    def text(self, s: object) -> str:
        s = safe_text(s, 3000)
        return s if self.unicode_ok else s.encode("latin-1", "replace").decode("latin-1")

    def spaced(self, s: str) -> str:
        """:meth:`text`, keeping one space at either end where there was one (runs are joined end to end)."""
        return (" " if s[:1].isspace() else "") + self.text(s) + (" " if s[-1:].isspace() else "")

    def runs(self, runs: list[tuple[str, str, str]], size: float = PDF_BODY_PT, gap: float = 1.2, bullet: str = "") -> None:
        """One left-aligned paragraph of (text, style, link) runs, wrapped between words; with a bullet, the lines
        after the first start under the text, not under the bullet."""
        h = size * _PT * _LEADING
        self.pdf.set_font(self.family, "", size)
        self.pdf.set_x(self.pdf.l_margin)
        if bullet:
            indent = self.pdf.get_string_width(bullet + "  ")
            self.pdf.cell(indent, h, self.text(bullet))
        self.pdf.multi_cell(
            0,
            h,
            "".join(_markdown(self.spaced(t), style, u) for t, style, u in runs),
            align="L",
            markdown=True,
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.pdf.ln(gap)

    def para(self, text: str, size: float = PDF_BODY_PT, style: str = "", gap: float = 1.2) -> None:
        self.runs([(text, style, "")], size, gap)

    def linked(self, text: str, size: float = PDF_BODY_PT, gap: float = 1.2, bullet: str = "") -> None:
        """A paragraph whose web addresses become links shown as words."""
        self.runs([(t, "", u) for t, u in with_links(self.text(text))], size, gap, bullet)

    def item(self, n: int, item: PlanItem) -> None:
        """One shortlisted route or job: its title, steps, figures in two lines, and who trains for it near you."""
        self.para(f"{n}. {item.title}", 11, "B", 0.4)
        if item.summary:
            self.runs([("Steps: " if item.kind == "route" else "What it is: ", "B", ""), (item.summary, "", "")], gap=0.4)
        figures = [run for lead, text in _figure_lines(item) for run in ((lead, "B", ""), (text + " ", "", ""))]
        if figures:
            self.runs(figures, gap=0.4)
        if item.providers:
            rest = item.providers[0].partition(": ")[2] or item.providers[0]
            names = [provider_short(p) for p in item.providers[1:]]
            more = f" and {len(names) - PDF_PROVIDERS} more" if len(names) > PDF_PROVIDERS else ""
            named = f" They include {', '.join(names[:PDF_PROVIDERS])}{more}." if names else ""
            self.runs([("Who trains for it near you: ", "B", ""), (rest + named, "", "")], gap=0.4)


def to_pdf(plan: Plan) -> bytes:
    """The plan as a PDF to hand over: one A4 page for up to three routes (see the module's notes)."""
    w = _Pdf()
    with w.kept_together():
        w.para("My pathway plan", 15, "B", 1)
        about = [f"For someone living in {plan.area}", *(line.rstrip(".") for line in plan.profile_lines)]
        made = f". Made on {_when(plan.made_on)}" + (" (" if plan.link else ".")
        w.runs(
            [
                (". ".join(about) + made, "", ""),
                *((("open this plan again", "", plan.link), (").", "", "")) if plan.link else ()),
            ],
            gap=1.5,
        )
        w.para("My shortlist", 12, "B", 0.8)
        if not plan.items:
            w.para("Nothing on the shortlist yet.")
        else:
            w.item(1, plan.items[0])
    for n, item in enumerate(plan.items[1:], 2):
        w.pdf.ln(1)
        with w.kept_together():
            w.item(n, item)
    _pdf_closing(w, plan)
    return bytes(w.pdf.output())


def _pdf_closing(w: _Pdf, plan: Plan) -> None:
    """Next steps, the note, the link to reopen the plan, and where the figures come from (in smaller type)."""
    if plan.next_steps:
        w.pdf.ln(1.5)
        with w.kept_together():
            w.para("What to do next", 12, "B", 0.8)
            for i, step in enumerate(said_once(plan.next_steps), 1):
                w.linked(step, gap=0.4, bullet=f"{i}.")
    if plan.note:
        w.pdf.ln(1.5)
        with w.kept_together():
            w.runs([("Notes: ", "B", ""), (plan.note[:MAX_NOTE], "", "")])
    w.pdf.ln(1.5)
    with w.kept_together():
        sources = "; ".join(w.text(s) for s in plan.sources)
        w.runs(
            [
                ("Where the figures come from: ", "B", ""),
                ((sources + ". ") if sources else "", "", ""),
                (
                    "Pay is an estimate from national and regional figures, worked out for your age when newly qualified. "
                    "Contains public sector information licensed under the Open Government Licence v3.0.",
                    "",
                    "",
                ),
            ],
            PDF_SOURCES_PT,
        )
