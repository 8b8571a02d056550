"""Words for a plan, on the page and in the PDF: web addresses shown as words, a provider's line shortened to
its name and how many it trains, and the next steps with no sentence said twice."""

from __future__ import annotations

import re

__all__ = ["link_words", "provider_short", "with_links", "said_once", "next_step_runs"]

_URL = re.compile(r"\(?(https?://[^\s()<>]+[^\s()<>.,;:])\)?")
#: the words a link is shown as, by what its address contains (first match wins); else its web site's name
_LINK_WORDS = (
    ("findapprenticeshiptraining.", "Find apprenticeship training"),
    ("findapprenticeship.", "Find an apprenticeship"),
    ("findajob.", "Find a job"),
    ("nationalcareers.service.gov.uk/find-a-course", "Find a course"),
    ("nationalcareers.service.gov.uk", "National Careers Service"),
    ("contact-jobcentre-plus", "Contact Jobcentre Plus"),
    ("skills-bootcamp", "Find a Skills Bootcamp"),
)
_UKPRN_ANY = re.compile(r",?\s*\(?UKPRN:?\s*\d+\)?")


def link_words(url: str) -> str:
    """The words a link is shown as in the PDF.

    >>> link_words("https://www.findapprenticeship.service.gov.uk/apprenticeships?searchTerm=Chef")
    'Find an apprenticeship'
    >>> link_words("https://www.example-college.ac.uk/courses/plumbing")
    'example-college.ac.uk'
    """
    low = url.lower()
    for part, words in _LINK_WORDS:
        if part in low:
            return words
    host = re.sub(r"^https?://", "", low).split("/")[0].split("?")[0]
    return host.removeprefix("www.") or "this page"


def provider_short(line: str) -> str:
    """A provider's line from the route finder, shortened for the PDF: its name and how many people from the
    area it trains a year; never its registration number (UKPRN) or kind.

    >>> provider_short("Training Works (Nw) Ltd (training company): about 12 a year from your area on this "
    ...                "apprenticeship (estimate); trains apprentices from your area in Blackpool, Fylde and more")
    'Training Works (Nw) Ltd (about 12 a year)'
    >>> provider_short("Blackpool and The Fylde College (college, UKPRN 10000754): fewer than 1 a year from your area "
    ...                "on this apprenticeship (estimate)")
    'Blackpool and The Fylde College (fewer than 1 a year)'
    >>> provider_short("British Army (other organisation (for example an nhs trust or police force), UKPRN 10090000): "
    ...                "about 24 a year from your area on this apprenticeship (estimate); 22% were under 19")
    'British Army (about 24 a year)'
    >>> provider_short("Some Provider, UKPRN 12345678, trains here")
    'Some Provider, trains here'
    """
    head = line.split("; ")[0]
    close = head.find("): ")
    if close < 0:
        return _UKPRN_ANY.sub("", head).strip()
    depth, at = 0, close  # back to the bracket that opens "(kind...)"
    while at > 0:
        at -= 1
        depth += {")": 1, "(": -1}.get(head[at], 0)
        if depth < 0:
            break
    name = _UKPRN_ANY.sub("", head[:at] if depth < 0 else head[: close + 1]).strip()
    people = head[close + 3 :]
    for words in (" (estimate)", " on this apprenticeship", " from your area"):
        people = people.replace(words, "")
    return f"{name} ({people.strip()})" if people.strip() else name


def with_links(text: str) -> list[tuple[str, str]]:
    """Text split into (words, link) runs: each address becomes a link shown as words.

    >>> with_links("Apply near Leeds. https://findajob.dwp.gov.uk/search?q=Chef")
    [('Apply near Leeds. ', ''), ('Find a job', 'https://findajob.dwp.gov.uk/search?q=Chef')]
    """
    runs: list[tuple[str, str]] = []
    at = 0
    for m in _URL.finditer(text):
        if m.start() > at:
            runs.append((text[at : m.start()], ""))
        runs.append((link_words(m[1]), m[1]))
        at = m.end()
    if at < len(text):
        runs.append((text[at:], ""))
    return [(t, u) for t, u in runs if t]


_SENTENCE_END = re.compile(r"(?<=[.?!)])\s+(?=[A-Z(])")


def said_once(steps: tuple[str, ...]) -> list[str]:
    """The steps with any sentence an earlier step already said left out (the same 'when to apply' under each
    apprenticeship, say); each step keeps its own web address.

    >>> said_once(("Apply for A. Vacancies come up all year. (From GOV.UK.) https://a.example",
    ...             "Apply for B. Vacancies come up all year. (From GOV.UK.) https://b.example"))
    ['Apply for A. Vacancies come up all year. (From GOV.UK.) https://a.example', 'Apply for B. https://b.example']
    """
    seen: set[str] = set()
    out = []
    for step in steps:
        at = _URL.search(step)
        words, address = (step[: at.start()].rstrip(), step[at.start() :]) if at and not step[at.end() :].strip() else (step, "")
        kept = [s for s in _SENTENCE_END.split(words) if s not in seen or _URL.search(s)]
        seen.update(_SENTENCE_END.split(words))
        out.append(" ".join([*kept, address]).strip())
    return [step for step in out if step]


def next_step_runs(steps: list[str] | tuple[str, ...]) -> list[list[tuple[str, str]]]:
    """The plan's next steps as the page and the PDF show them: each a list of (words, link) runs, every web
    address shown as words, and a sentence an earlier step said left out.

    >>> next_step_runs(["Apply near Leeds. Vacancies come up all year. https://findajob.dwp.gov.uk/search?q=Chef"])
    [[('Apply near Leeds. Vacancies come up all year. ', ''), ('Find a job', 'https://findajob.dwp.gov.uk/search?q=Chef')]]
    """
    return [with_links(step) for step in said_once(tuple(steps))]
