"""Plain words: what the explorer's terms mean, in everyday language (reading age about 11), and job
titles without statistical shorthand.

The numbers in the meanings (T Level placement days, Skills Bootcamp length and age) come from the
bundle's ``facts`` table, so they are not typed here; :func:`glossary` fills them in.

>>> plain_title("Welfare professionals n.e.c.")
'Welfare professionals (other)'
"""

from __future__ import annotations

import re
from typing import Any

from pathways.vocab import KINDS

__all__ = [
    "glossary",
    "plain_title",
    "plain_description",
    "after_title",
    "place_name",
    "region_words",
    "TERMS_FOR_KIND",
    "SOURCES",
    "one_month_of_adverts",
]

#: where the meanings come from (checked 2026-11)
SOURCES = (
    "GOV.UK: What qualification levels mean (gov.uk/what-different-qualification-levels-mean)",
    "GOV.UK: Become an apprentice (gov.uk/become-apprentice)",
    "GOV.UK: Introduction of T Levels; Find a Skills Bootcamp; Supported internships; Children with special "
    "educational needs and disabilities (SEND)",
)

_LEVELS = (
    ("Entry level", "first steps in a subject, before Level 1."),
    ("Level 1", "about the same as GCSE grades 3, 2 or 1."),
    ("Level 2", "about the same as GCSE grades 9 to 4 (a pass). An intermediate apprenticeship is Level 2."),
    ("Level 3", "about the same as A levels or a T Level. An advanced apprenticeship is Level 3."),
    ("Level 4", "about the same as the first year of a university degree, or a Higher National Certificate (HNC)."),
    ("Level 5", "about the same as the second year of a degree, a foundation degree or a Higher National Diploma (HND)."),
    ("Level 6", "about the same as a full university degree. A degree apprenticeship can be Level 6."),
    ("Level 7", "about the same as a master's degree."),
)


def _fact(facts: Any, key: str, default: str) -> str:
    try:
        row = facts[facts["key"] == key]
        return str(row["value"].iloc[0]) if len(row) else default
    except (KeyError, TypeError, AttributeError):
        return default


def glossary(facts: Any = None) -> list[tuple[str, str]]:
    """(term, meaning) pairs, in the order a learner meets them."""
    days = _fact(facts, "tlevel_industry_placement_min_days", "45")
    years = _fact(facts, "tlevel_duration_years", "2")
    weeks = _fact(facts, "skills_bootcamp_max_weeks", "16")
    boot_age = _fact(facts, "skills_bootcamp_min_age", "19")
    terms = [
        (
            "Apprenticeship",
            "a real job with training. You are paid a wage, and part of your working time is set aside "
            "for learning. You finish with a qualification.",
        ),
        (
            "Foundation apprenticeship",
            "a shorter apprenticeship to get started in a kind of work, such as building, "
            "health and care, or digital. It is for young people who are not ready for a full "
            "apprenticeship yet.",
        ),
        (
            "T Level",
            f"a {years}-year course after GCSEs, at Level 3, about the same as 3 A levels. You spend at least "
            f"{days} days working with an employer on a placement.",
        ),
        ("College course", "a course at a further education college, such as a diploma or a certificate, at any level."),
        (
            "HTQ (Higher Technical Qualification)",
            "a Level 4 or 5 course, such as an HNC, HND or foundation degree, "
            "that employers agree trains people for a skilled job.",
        ),
        (
            "Skills Bootcamp",
            f"a free course of up to {weeks} weeks for adults aged {boot_age} or over, with the chance "
            "of a job interview at the end.",
        ),
        (
            "Supported internship",
            "a course for 16 to 24-year-olds with an EHC plan. You learn mostly at work, with a job "
            "coach, to get ready for a paid job.",
        ),
        (
            "EHC plan",
            "an education, health and care plan: a plan from your council for a young person who needs more "
            "help than a school or college can usually give.",
        ),
        (
            "Functional Skills",
            "English and maths qualifications for life and work. Level 2 counts like a GCSE pass for many jobs and courses.",
        ),
    ]
    return terms + [(name, meaning[0].upper() + meaning[1:]) for name, meaning in _LEVELS]


#: the glossary terms that explain each kind of step
TERMS_FOR_KIND: dict[str, str] = {k: v.term for k, v in KINDS.items() if v.term}

_NEC = re.compile(r"\s*\bn\.?\s?e\.?\s?c\.?(?=\s|$)", re.IGNORECASE)


#: words ONS's titles write in sentence case that are said as letters
_LETTERS = {"Tv": "TV", "Hgv": "HGV", "Ict": "ICT", "Nhs": "NHS", "Pcv": "PCV"}
_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def plain_title(title: str) -> str:
    """A job title without ONS's "n.e.c." (not elsewhere classified): "(other)" instead; letters said as letters
    in capitals ("TV", not "Tv").

    >>> plain_title("Elementary storage occupations"), plain_title("Engineering technicians n.e.c")
    ('Elementary storage occupations', 'Engineering technicians (other)')
    >>> plain_title("Tv, video and audio servicers and repairers")
    'TV, video and audio servicers and repairers'
    """
    t = _WORD.sub(lambda m: _LETTERS.get(m.group(0), m.group(0)), str(title))
    return _NEC.sub("", t).rstrip() + " (other)" if _NEC.search(t) else t


#: ONS's classification words in its job descriptions, as a reader would say them
_DESCRIPTION_WORDS = (
    (
        re.compile(r" not elsewhere classified in minor group \d+: ([^.]+)\."),
        lambda m: f" not covered by other jobs in the group '{m.group(1).strip().lower()}'.",
    ),
    (re.compile(r"\bare classified to unit group \d+: ([^.)]+)"), lambda m: f"are counted as {m.group(1).strip().lower()}"),
    (re.compile(r"\bJob holders in this unit group\b"), lambda m: "People in this job"),
    (re.compile(r"\bThis unit group\b"), lambda m: "This job"),
    (re.compile(r"\bthis unit group\b"), lambda m: "this job"),
    (re.compile(r"\b(?:minor|sub-major|major) group \d+\b"), lambda m: "group"),
    (re.compile(r"\bnot elsewhere classified\b"), lambda m: "not covered by other jobs"),
)


def plain_description(text: str) -> str:
    """An ONS job description without its classification words: no "unit group", no group numbers.

    >>> plain_description("Job holders in this unit group perform assembly tasks not elsewhere classified in minor "
    ...                   "group 814: Assemblers and routine operatives.")
    "People in this job perform assembly tasks not covered by other jobs in the group 'assemblers and routine operatives'."
    """
    out = str(text)
    for pattern, words in _DESCRIPTION_WORDS:
        out = pattern.sub(words, out)
    return out


def after_title(description: str, title: str) -> str:
    """A job description under its title, without saying the title again: "They assemble parts ..." under
    "Electricians and electrical fitters" (ONS descriptions start with the job's title).

    >>> after_title("Electricians and electrical fitters assemble parts.", "Electricians and electrical fitters")
    'They assemble parts.'
    >>> after_title("People in this job plan budgets.", "Finance managers")
    'People in this job plan budgets.'
    """
    text, head = str(description), str(title).strip()
    if head and text.lower().startswith(head.lower() + " "):
        return "They " + text[len(head) + 1 :]
    return text


#: short forms in official area names, in full
_AREA_WORDS = (
    (re.compile(r"\bCC$"), "County Council"),
    (re.compile(r"\bMBC$"), "Metropolitan Borough Council"),
    (re.compile(r",\s*(City|County) of$"), ""),
)


def place_name(name: str) -> str:
    """An official area name as people say it: "County Council" in full, and "Bristol", not "Bristol, City of".

    >>> place_name("Lincolnshire CC"), place_name("Bristol, City of"), place_name("Herefordshire, County of")
    ('Lincolnshire County Council', 'Bristol', 'Herefordshire')
    >>> place_name("Redcar and Cleveland")
    'Redcar and Cleveland'
    """
    out = str(name).strip()
    for pattern, words in _AREA_WORDS:
        out = pattern.sub(words, out)
    return out


def region_words(name: str) -> str:
    """A region's name as it sits in a sentence: "the North West", but "London" and "England".

    >>> region_words("North West"), region_words("London"), region_words("Yorkshire and The Humber")
    ('the North West', 'London', 'Yorkshire and The Humber')
    """
    return name if name in ("London", "England", "United Kingdom") or name.startswith("Yorkshire") else f"the {name}"


_SUMMER = ("JUNE", "JULY", "AUGUST")
_WINTER = ("DECEMBER", "JANUARY", "FEBRUARY")


def one_month_of_adverts(period: str) -> str:
    """What a reader needs to know about job advert counts: they are for one month (``period``, from the
    bundle's manifest), and seasonal work goes up and down through the year.

    >>> one_month_of_adverts("July 2025").split(". ")[0]
    'Job advert counts are for one month only: July 2025'
    >>> "busy season" in one_month_of_adverts("July 2025"), "busy season" in one_month_of_adverts("March 2025")
    (True, False)
    """
    text = (
        f"Job advert counts are for one month only: {period}. Work that depends on the season, such as hotels, "
        "cafés, bars and holiday parks in seaside and tourist towns, goes up and down through the year."
    )
    month = period.split()[0].upper() if period.strip() else ""
    if month in _SUMMER:
        text += " Summer is the busy season there, so in winter there may be fewer of these jobs."
    elif month in _WINTER:
        text += " Winter is the quiet season there, so in summer there may be more of these jobs."
    return text
