"""The About page's account of how routes are ranked and how "who trains near you" is worked out, written from the
settings that do it (read when asked, so changing a setting changes the words).

>>> any("15 points of 100" in s for s in ranking_sentences())
True
"""

from __future__ import annotations

from pathways import delivery_answers as d
from pathways.routes import settings as s
from pathways.vocab import GROUPS

__all__ = ["ranking_sentences", "delivery_sentences"]


def _points(share: float) -> str:
    """A share of the score in points: ``0.15`` is "15 points of 100"."""
    return f"{share * s.FULL_SCORE:g} points of {s.FULL_SCORE:g}"


def _few_providers(least: int) -> str:
    """Too few providers in England for a route, in words: "only one provider in England trains for, or none".

    >>> _few_providers(2), _few_providers(3)
    ('only one provider in England trains for, or none', 'fewer than 3 providers in England train for')
    """
    if least == 2:
        return "only one provider in England trains for, or none"
    return f"fewer than {least} providers in England train for"


def ranking_sentences() -> tuple[str, ...]:
    """How routes are grouped, scored and chosen, in plain sentences."""
    groups = ", ".join(f"'{g.title}'" + (" (with an EHC plan)" if g.for_ehcp_only else "") for g in GROUPS.values())
    return (
        f"Routes come in groups, as a careers adviser sets them out: {groups}. Each group is ranked on its own: no "
        "kind of step is given places in the list.",
        f"A route with an apprenticeship that fewer than {s.MIN_LOCAL_STARTS:g} person a year of your age from your area "
        f"starts (our estimate) loses {_points(s.THIN_PENALTY)} and says so. So does one that is new with very few "
        "starts so far, or that almost only older people start near you. Such a route is never among the first "
        f"{s.TOP_FIVE} of its group while another fits.",
        f"An apprenticeship that {_few_providers(s.MIN_PROVIDERS_IN_ENGLAND)}, is never part of a route. A job with "
        "no published pay gets no points for pay: we do not guess it.",
        f"Within a group: at most {s.PER_DESTINATION} routes to the same job and {s.PER_FIRST_STEP} with the same first "
        f"step. If you pick no interest, no more than about {s.SAME_WORK_SHARE * 10:.0f} in ten lead to the same kind "
        "of work; if you pick two or more, each gets a fair share. A rule like this only moves a route up past better "
        f"ones when it scores within {s.MAX_PULL_GAP:g} points of them.",
        f"A route scoring under {s.MIN_SHOWN_SCORE:g} of {s.FULL_SCORE:g} is not shown; a group with none says why.",
        f"Under {s.EDUCATION_OR_TRAINING_UNTIL} a job is shown only with the training that starts with it. A route "
        f"mostly trained in the armed forces is said to be one, and is ranked low unless you pick "
        f"'{s.FORCES_INTEREST}'.",
    )


def delivery_sentences(window: tuple[str, ...], few_part_year: int) -> tuple[str, ...]:
    """How the local starts estimate and 'providers near you' are worked out, in plain sentences."""
    years = " and ".join(window)
    return (
        f"The estimate is {d.ESTIMATE_METHOD} ({years}). It is for people of your age: under 19, or 19 to 24.",
        f"A provider is 'near you' when it trained at least {d.NEAR_MIN:g} people a year from your area on that "
        "apprenticeship. The armed forces never count as local training.",
        f"Under 19, a first step where under {d.OLDER_SHARE:.0%} of those starting it near you were under 19 is "
        "'mostly for people already working in the job'.",
        "A new apprenticeship with no full year of figures is judged on the part year since (never added to full "
        f"years). Fewer than {d.NEW_FEW_ENGLAND} starts in England so far counts as very few.",
        "When nobody in England has started an apprenticeship in any year of these figures although it was open, we say "
        f"nobody started it (0); the same for one with no starts in the last full year and fewer than {few_part_year} "
        "in all England since.",
    )
