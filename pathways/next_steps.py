"""What to do next, for a route or a job: plain steps with official links (the app fetches nothing).

Each step is a :class:`NextStep` (words, and a link when there is one). The links are the official
services' own search pages, filled in with the programme or job and the learner's area; the phone
number and services are GOV.UK's, written down with where they come from in :data:`SERVICES`. The first
step of an apprenticeship or a college course also says when to apply, from :data:`WHEN_TO_APPLY` (dated
facts with their sources).

Examples
--------
On the tiny test bundle (see the repository's ``conftest.py``):

>>> from pathways.routes import find_routes
>>> route = find_routes(bundle, profile, provider, limit=1)[0]
>>> first = for_route(route, "Anytown", profile)[0]
>>> first.text.split(". ")[0]
'Apply for Engineering technician vacancies near Anytown'
>>> for sentence in first.text.split(". ")[1:]:
...     print(sentence)
Employers post apprenticeship vacancies all year
Many that start in September are advertised from the spring
(From GOV.UK: Find an apprenticeship, checked December 2026.)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from pathways.vocab import SUPPORTED_INTERNSHIP, kind

__all__ = [
    "NextStep",
    "SERVICES",
    "NCS_PHONE",
    "WhenToApply",
    "WHEN_TO_APPLY",
    "for_route",
    "for_job",
    "apply_step",
    "course_search_term",
    "job_search",
    "plan_closing",
]


@dataclass(frozen=True)
class NextStep:
    """One thing to do: plain words, and the official page that helps (when there is one)."""

    text: str
    url: str = ""
    link_text: str = ""

    def markdown(self) -> str:
        """The step as one markdown line, the link (if any) at the end."""
        return self.text + (f" [{self.link_text or 'Open'}]({self.url})" if self.url else "")


#: the official services linked to, each with where the address and details were checked
SERVICES = {
    "find_apprenticeship": (
        "https://www.findapprenticeship.service.gov.uk/apprenticeships",
        "GOV.UK Find an apprenticeship (checked 2026-11)",
    ),
    "find_job": ("https://findajob.dwp.gov.uk/search", "GOV.UK Find a job, DWP (checked 2026-11)"),
    "find_course": (
        "https://nationalcareers.service.gov.uk/find-a-course",
        "National Careers Service: Find a course (checked 2026-11)",
    ),
    # the search itself, filled in with a subject and a town or postcode: the address the service's own
    # "Clear filters" link uses (SkillsFundingAgency/dfc-app-findacourse, CourseController.SearchCourse)
    "find_course_search": (
        "https://nationalcareers.service.gov.uk/find-a-course/searchcourse",
        "National Careers Service: Find a course, search by subject and place (checked 2026-12)",
    ),
    "bootcamp": ("https://www.gov.uk/guidance/find-a-skills-bootcamp", "GOV.UK: Find a Skills Bootcamp (checked 2026-11)"),
    "ncs_contact": (
        "https://nationalcareers.service.gov.uk/contact-us",
        "National Careers Service: free advisers on 0800 100 900 and web chat (checked 2026-11)",
    ),
    "jobcentre": ("https://www.gov.uk/contact-jobcentre-plus", "GOV.UK: Contact Jobcentre Plus (checked 2026-11)"),
}
NCS_PHONE = "0800 100 900"


@dataclass(frozen=True)
class WhenToApply:
    """When to apply for a kind of first step, in plain words, with where that comes from."""

    #: the row in pathways/ingest/handwritten/facts.csv that records the same fact for the data bundle
    key: str
    words: str
    source: str
    url: str
    as_of: str

    def sentence(self) -> str:
        """The words with their source and date, for the end of a next step."""
        return f"{self.words} (From {self.source}, checked {_month(self.as_of)}.)"


#: when to apply, by the service a first step is found on (:attr:`pathways.vocab.Kind.finder`). The apprenticeship
#: fact is also a row of pathways/ingest/handwritten/facts.csv (tests/test_next_steps.py checks that they agree),
#: read from here until the data bundle is rebuilt with it; the college fact is not (facts.csv takes GOV.UK
#: pages only, and this one is the National Careers Service's).
WHEN_TO_APPLY: dict[str, WhenToApply] = {
    "find_apprenticeship": WhenToApply(
        "apprenticeship_vacancies_timing",
        "Employers post apprenticeship vacancies all year. Many that start in September are advertised from the spring.",
        "GOV.UK: Find an apprenticeship",
        "https://www.gov.uk/apply-apprenticeship",
        "2026-12",
    ),
    "find_course": WhenToApply(
        "college_applications_timing",
        "Colleges take applications from the autumn for courses that start the next September.",
        "National Careers Service: Find a course",
        "https://nationalcareers.service.gov.uk/find-a-course",
        "2026-12",
    ),
}


def _month(as_of: str) -> str:
    """'2026-12' as 'December 2026'.

    >>> _month("2026-12"), _month("soon")
    ('December 2026', 'soon')
    """
    year, _, month = as_of.partition("-")
    return f"{calendar.month_name[int(month)]} {year}" if month.isdigit() and 1 <= int(month) <= 12 else as_of


def _when(finder: str) -> str:
    """' ' and when to apply for a step found on ``finder``, or '' when we have no dated fact for it."""
    fact = WHEN_TO_APPLY.get(finder)
    return " " + fact.sentence() if fact else ""


def course_search_term(title: str) -> str:
    """What to type into Find a course for a programme: its subject, without "College course:" or its level.

    >>> course_search_term("College course: health and social care (Level 3)")
    'health and social care'
    >>> course_search_term("T Level in Science")
    'T Level in Science'
    """
    return re.sub(r"\s*\(Level \d\)$", "", title.removeprefix("College course: ")).strip() or title


def _url(key: str, **query: str) -> str:
    base = SERVICES[key][0]
    return f"{base}?{urlencode(query)}" if query else base


def apply_step(first: Any, where: str, delivery_link: str = "") -> list[NextStep]:
    """How to start the first step of a route (a :class:`pathways.routes.Step`)."""
    title = str(first.title)
    finder = kind(first.kind).finder
    if finder == "find_apprenticeship":
        out = [
            NextStep(
                f"Apply for {title} vacancies near {where}.{_when(finder)}",
                _url("find_apprenticeship", searchTerm=title, location=where),
                "Find an apprenticeship",
            )
        ]
        if delivery_link:
            out.append(
                NextStep(
                    f"See which training providers run {title}, and ask them which employers near you take apprentices.",
                    delivery_link,
                    "Find apprenticeship training",
                )
            )
        return out
    if finder == "find_course":
        subject = course_search_term(title)
        what = (
            f"a {subject} course{title[len('College course: ') + len(subject) :]}"
            if title.startswith("College course: ")
            else ("an " if title[:1] in "AEIOU" else "a ") + title
        )
        return [
            NextStep(
                f"Look for {what} at colleges near {where}, and go to an open day.{_when(finder)}",
                _url("find_course_search", searchTerm=subject, townOrPostcode=where),
                f"Find {subject} courses near {where}",
            )
        ]
    if finder == "bootcamp":
        subject = title.removeprefix("Skills Bootcamp: ").lower()
        return [
            NextStep(
                f"Find a Skills Bootcamp in {subject} you can reach from {where}.", _url("bootcamp"), "Find a Skills Bootcamp"
            )
        ]
    if first.kind == SUPPORTED_INTERNSHIP:  # no service to search: the school, college or council knows
        return [
            NextStep(
                "Ask your school, college or your council's special educational needs (SEND) team about "
                "supported internships near you. Your EHC plan stays in place while you do one."
            )
        ]
    return [
        NextStep(
            f"Look for {title.lower()} jobs near {where}, and ask whether the employer offers training.",
            _url("find_job", q=title.split(",")[0], w=where),
            "Find a job",
        )
    ]


def job_search(title: str, where: str) -> list[NextStep]:
    """Look for the job itself near the learner (DWP Find a job)."""
    return [
        NextStep(
            f"Look for {title.split(',')[0].lower()} jobs near {where}.",
            _url("find_job", q=title.split(",")[0], w=where),
            "Find a job",
        )
    ]


def _advice(profile: Any) -> list[NextStep]:
    out = [
        NextStep(
            f"Talk to a careers adviser for free: call the National Careers Service on {NCS_PHONE} or use "
            "their web chat." + (" Your school or college careers adviser can help too." if profile.age < 19 else ""),
            _url("ncs_contact"),
            "Contact the National Careers Service",
        )
    ]
    if 18 <= profile.age <= 24:
        out.append(
            NextStep(
                "If you are 18 to 24 and not in work or education, your local Jobcentre Plus has support "
                "for young people, including help to find training and work.",
                _url("jobcentre"),
                "Contact Jobcentre Plus",
            )
        )
    return out


def for_route(route: Any, where: str, profile: Any, delivery_link: str = "") -> list[NextStep]:
    """Next steps for a route: how to start its first step, then free advice."""
    if not route.steps:
        return _advice(profile)
    return apply_step(route.steps[0], where, delivery_link) + _advice(profile)


def for_job(title: str, where: str, profile: Any, apprenticeship: str = "") -> list[NextStep]:
    """Next steps for a job: its apprenticeship (when it has one) or the job search, then free advice."""
    out = []
    if apprenticeship:
        out.append(
            NextStep(
                f"Look for {apprenticeship} apprenticeships near {where}.",
                _url("find_apprenticeship", searchTerm=apprenticeship, location=where),
                "Find an apprenticeship",
            )
        )
    return out + job_search(title, where) + _advice(profile)


def plan_closing(age: int) -> list[str]:
    """The plan's last next steps, as plain text with addresses (a PDF holds no links): what to ask, who to
    talk to, and for 18 to 24, the Jobcentre's support for young people.

    >>> for step in plan_closing(19):
    ...     print(step.split(":")[0])
    Questions to ask an employer or college
    Talk to a careers adviser
    If you are 18 to 24 and not in work or education, your local Jobcentre Plus has support for young people
    >>> len(plan_closing(16))
    2
    """
    out = [
        "Questions to ask an employer or college: What will I learn? How much will I be paid while I train? "
        "How many hours a week? What do people do after it?",
        f"Talk to a careers adviser: the National Careers Service is free on {NCS_PHONE}, "
        f"or use their web chat: {SERVICES['ncs_contact'][0]}",
    ]
    if 18 <= age <= 24:
        out.append(
            "If you are 18 to 24 and not in work or education, your local Jobcentre Plus has support for "
            f"young people: {SERVICES['jobcentre'][0]}"
        )
    return out
