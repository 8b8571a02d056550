"""Matching a college's courses to a learner: level, interests, travel area and (for a job page) the job,
with the sentence to show as a route's first step."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from pathways.courses.model import Course, CourseList, CourseMatch, StartDate
from pathways.profile import Profile

__all__ = ["ENGLISH_MATHS_TOP_UP", "courses_for", "courses_for_soc", "first_step", "upcoming"]

#: a course that brings English or maths up to grade 4 / Level 2 (Functional Skills, GCSE resits):
#: offered only to learners who do not have English and maths at grade 4 yet
ENGLISH_MATHS_TOP_UP = re.compile(
    r"functional skills|\bgcse\b.{0,30}\b(english|maths|mathematics)\b|\b(english|maths|mathematics)\b.{0,30}\bgcse\b"
    r"|\bresits?\b|\benglish and maths\b|\bmaths and english\b",
    re.IGNORECASE,
)


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


def courses_for(
    courses: CourseList | Sequence[Course],
    profile: Profile,
    travel_codes: Sequence[str],
    college: str = "your college",
    soc: str | None = None,
    today: dt.date | None = None,
) -> list[CourseMatch]:
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


def courses_for_soc(
    courses: CourseList | Sequence[Course], profile: Profile, travel_codes: Sequence[str], soc: str, college: str = "your college"
) -> list[CourseMatch]:
    """The college's courses near the learner that lead to one job (SOC code)."""
    return courses_for(courses, profile, travel_codes, college, soc=soc)
