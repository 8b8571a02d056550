"""What "who trains for this near you" answers (built by :mod:`pathways.delivery`), its rules' settings, the
sentences a route card and a job page say, so that both say the same thing, and where to look instead for a
programme with no provider data.

Examples
--------
>>> s = DeliverySummary(6, 11.6, ESTIMATE_BASIS, 120, "2023/24 and 2024/25", age_group="Under 19",
...                     all_ages_estimate=30.0, young_share=0.39, home_estimate=4.2, home_name="Redcar and Cleveland")
>>> s.sentence()  # doctest: +NORMALIZE_WHITESPACE
'About 10 people aged 16 to 18 from your area started this each year (about 4 from Redcar and Cleveland itself).
6 providers near you train for it. Our estimate from DfE figures for 2023/24 and 2024/25.'
>>> DeliverySummary(0, None, NO_FULL_YEAR, 0, "2023/24 and 2024/25", part_year_england=8, part_year_local=0.1,
...                 part_year_label="August 2025 to April 2026").sentence()
'New: 8 people in England started this between August 2025 and April 2026. Almost nobody from your area has so far (DfE figures).'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from urllib.parse import quote_plus

from pathways.figures import Figure
from pathways.vocab import BOOTCAMP, FE_COURSE, HTQ, JOB, SUPPORTED_INTERNSHIP, T_LEVEL

__all__ = [
    "ProviderNear",
    "DeliverySummary",
    "Delivery",
    "ForcesRoute",
    "ESTIMATE_METHOD",
    "ESTIMATE_BASIS",
    "NO_FULL_YEAR",
    "NONE_STARTED",
    "NEAR_MIN",
    "YEAR_WEIGHTS",
    "OLDER_SHARE",
    "NEW_FEW_ENGLAND",
    "PART_YEAR_LOCAL_MIN",
    "FORCES_MAIN",
    "AGE_WORDS",
    "age_group",
    "round_people",
    "PROVIDER_SOURCE",
    "NO_PROVIDER_DATA",
    "SEARCH_ELSEWHERE",
    "training_search_url",
    "delivery_without_providers",
]

#: the two full years are averaged with these weights (older, newer): one year alone put 23% of estimates on the
#: other side of the one-a-year line the next year; the average of two moves less (bench/local_evidence.py)
YEAR_WEIGHTS = (0.5, 0.5)
#: a provider is "near" when it trained at least this many people a year from the area on this apprenticeship
#: (two-year average, estimate): one person in two years. Below it, a provider that took on one apprentice from the
#: area on something else in two years was listed as near (Camden, team leader: 110 of 157 under 0.1 a year)
NEAR_MIN = 0.5
#: for a learner under 19, a first step whose local starts were under this share under 19 is "mostly for people
#: already working in the job" (traffic management, business analyst: 0-2% of their local apprentices under 19)
OLDER_SHARE = 0.10
#: a programme with no full year of figures and fewer starts than this in England in the part year (about one a
#: school day nationally over August to April) is a rare new programme: thin, and its card says how many started
NEW_FEW_ENGLAND = 100
#: ... or with fewer than this many people from the area so far in that part year (nine months of one a year)
PART_YEAR_LOCAL_MIN = 0.75
#: a step whose area starts are at least this share with the armed forces is a forces route
FORCES_MAIN = 0.5
ESTIMATE_METHOD = (
    "each provider's starts from your area (all apprenticeships), times its share of "
    "starts on this apprenticeship at that level and age, added up over providers, "
    "the armed forces left out, averaged over two full years"
)
ESTIMATE_BASIS = f"estimate: {ESTIMATE_METHOD}"
NO_FULL_YEAR = (
    "no full year of figures yet: nobody in England started this in the last two full years "
    "(it may be new, like the foundation apprenticeships)"
)
NONE_STARTED = "nobody in England started this in any year of the DfE figures, though it was open for new starts"
#: where every provider figure comes from
PROVIDER_SOURCE = "DfE apprenticeships provider dashboard data (Individualised Learner Record)"
#: the age groups of the DfE files, and how a sentence names the people in them
AGE_WORDS = {"Under 19": "aged 16 to 18", "19-24": "aged 19 to 24", "25+": "aged 25 or over", "": ""}
#: what to say, and where to point, for programmes that have no provider data here
NO_PROVIDER_DATA: dict[str, str] = {
    T_LEVEL: "We have no figures on which colleges teach this T Level. Search 'Find a course' on the National "
    "Careers Service website, or ask the colleges and sixth forms near you.",
    HTQ: "We have no figures on who teaches this qualification near you. Look on the websites of colleges and "
    "universities near you, and read GOV.UK's guide to Higher Technical Qualifications.",
    BOOTCAMP: "We have no figures on who runs Skills Bootcamps near you. Search 'Find a Skills Bootcamp' on GOV.UK "
    "for the ones in your area.",
    FE_COURSE: "We have no figures on which colleges run this course near you. Search 'Find a course' on the "
    "National Careers Service website, or ask your local college.",
    SUPPORTED_INTERNSHIP: "We have no figures on supported internships near you. Ask your school or college, or "
    "your council's SEND team (its 'local offer' pages list them).",
    JOB: "A job, not a course: there is no training provider to list.",
}
#: where to look instead, for programmes with no provider data (plain links; the app fetches nothing)
SEARCH_ELSEWHERE: dict[str, str] = {
    T_LEVEL: "https://nationalcareers.service.gov.uk/find-a-course",
    FE_COURSE: "https://nationalcareers.service.gov.uk/find-a-course",
    BOOTCAMP: "https://www.gov.uk/guidance/find-a-skills-bootcamp",
    HTQ: "https://www.gov.uk/government/publications/higher-technical-qualifications-htqs",
}


def age_group(age: int | None) -> str:
    """The DfE age group a learner starts in ("" for any age): 15-18 -> "Under 19", 19-24 -> "19-24".

    >>> age_group(15), age_group(18), age_group(19), age_group(30), age_group(None)
    ('Under 19', 'Under 19', '19-24', '25+', '')
    """
    if age is None:
        return ""
    return "Under 19" if age < 19 else "19-24" if age < 25 else "25+"


def round_people(x: float) -> int:
    """Round an estimate of people the way a person would say it (1-9 exact, then to 5s and 10s).

    >>> round_people(0.6), round_people(11.6), round_people(234.0)
    (1, 10, 230)
    """
    if x < 10:
        return max(1, int(round(x)))
    if x < 50:
        return int(round(x / 5) * 5)
    return int(round(x, -1))


@dataclass(frozen=True)
class ForcesRoute:
    """Starts on an apprenticeship in the armed forces from the learner's area, and how to join."""

    service: str
    estimate: float
    share: float
    minimum_age: int
    apply_url: str
    source_url: str
    date_checked: str

    def sentence(self) -> str:
        """The card's sentence: the share with the forces, which service, the youngest joining age (with its source and
        date), where to apply.

        >>> forces = ForcesRoute("British Army", 54.0, 0.99, 16, "https://jobs.army.mod.uk", "https://x", "2026-12")
        >>> forces.sentence()  # doctest: +NORMALIZE_WHITESPACE
        'Mostly trained in the armed forces: 99% of the people from your area who started this did it in the British Army
        (you can join from 16, source https://x, checked 2026-12; apply at https://jobs.army.mod.uk).'
        """
        return (
            f"Mostly trained in the armed forces: {self.share:.0%} of the people from your area who started this did "
            f"it in the {self.service} (you can join from {self.minimum_age}, source {self.source_url}, checked "
            f"{self.date_checked}; apply at {self.apply_url})."
        )


@dataclass(frozen=True)
class ProviderNear:
    """One provider that trained people from the learner's area on a standard (at least :data:`NEAR_MIN` a year)."""

    ukprn: str
    name: str
    kind: str
    starts_programme_england: dict[str, int]  # year -> starts on this standard, England
    starts_from_area: dict[str, int]  # year -> starts from the travel area, all standards
    estimate_from_area: float  # people a year from the area on this standard (estimate, two-year average)
    delivery_districts: tuple[str, ...]  # where it trained people from the area (names), most first
    under_19_share: float | None = None  # share of its starts at this level aged under 19, latest full year
    period: str = ""  # the years of the estimate
    trained_in_area: int = 0  # of its starts from the area (all standards, two years), trained in the area
    trains_own_staff: bool = False

    def describe(self) -> str:
        """One plain line: name, kind, people from the area on this apprenticeship, where it trains them.

        >>> ProviderNear("10000754", "Blackpool and The Fylde College", "College", {}, {"2024/25": 30}, 12.4,
        ...              ("Blackpool", "Fylde"), 0.62, "2024/25", 25).describe()  # doctest: +NORMALIZE_WHITESPACE
        'Blackpool and The Fylde College (college): about 12 a year from your area on this apprenticeship (estimate);
        trains apprentices from your area in Blackpool, Fylde (25 of 30 in your area itself); 62% of its apprentices
        at this level were under 19'
        """
        where = ", ".join(self.delivery_districts[:3]) + (" and more" if len(self.delivery_districts) > 3 else "")
        est = self.estimate_from_area
        people = "fewer than 1 a year" if est < 1 else f"about {est:,.0f} a year"
        total = sum(self.starts_from_area.values())
        own = f" ({self.trained_in_area:,} of {total:,} in your area itself)" if total else ""
        young = (
            "" if self.under_19_share is None else f"; {self.under_19_share:.0%} of its apprentices at this level were under 19"
        )
        return (
            f"{self.name} ({self.kind.lower()}): {people} from your area on this apprenticeship (estimate)"
            + (f"; trains apprentices from your area in {where}{own}" if where else "")
            + young
        )

    def to_dict(self) -> dict:
        return {**asdict(self), "source": PROVIDER_SOURCE}


@dataclass(frozen=True)
class DeliverySummary:
    """The short form the route finder, route cards and job pages use for one apprenticeship in one area.

    ``local_starts_estimate`` is the figure that ranks the step: civilian training only, for the learner's age
    group (``age_group``; "" for all ages), a year, averaged over the two full years in ``period``.
    """

    providers_near: int
    local_starts_estimate: float | None
    basis: str
    providers_in_england: int = 0
    period: str = ""
    #: the estimate against what the area's share of all apprenticeship starts would give (1.0 = as in England)
    local_share_ratio: float | None = None
    age_group: str = ""
    all_ages_estimate: float | None = None
    #: share of the area's (civilian) starts on it that were under 19
    young_share: float | None = None
    #: the learner's own district alone, same age group (said first when the travel area's figure is mostly a neighbour's)
    home_estimate: float | None = None
    home_name: str = ""
    forces: ForcesRoute | None = None
    #: for a programme with no full year: starts in England, and from the area, in the part year
    part_year_england: int | None = None
    part_year_local: float | None = None
    part_year_label: str = ""
    #: employers near the learner that train their own apprentices on it, most people from the area first
    employers: tuple[str, ...] = field(default=())

    @property
    def older_only(self) -> bool:
        """For a learner under 19: almost everyone who starts it near them is older (mostly already in the job)."""
        return self.age_group == "Under 19" and self.young_share is not None and self.young_share < OLDER_SHARE

    @property
    def rare_new(self) -> bool:
        """No full year of figures, and very few starts in England or from the area in the part year so far."""
        return (
            self.local_starts_estimate is None
            and self.part_year_england is not None
            and (self.part_year_england < NEW_FEW_ENGLAND or (self.part_year_local or 0.0) < PART_YEAR_LOCAL_MIN)
        )

    def sentence(self) -> str:
        """Plain sentences for a route card or a job page: how many people from the area start it (of the learner's
        age), who trains them, and what an adviser would add (the forces; older learners; new programmes).

        >>> DeliverySummary(0, 0.0, ESTIMATE_BASIS, 1, "2024/25").sentence()
        'Almost no people from your area started this each year. Our estimate from DfE figures for 2024/25.'
        """
        if self.basis == NONE_STARTED:
            return f"Nobody in England started this in {self.period} or since, though it was open for new starts (DfE figures)."
        if self.local_starts_estimate is None:
            return self._new_sentence()
        parts = [
            _sentence(
                self.local_starts_estimate, self.providers_near, self.period, AGE_WORDS[self.age_group], self._home_clause()
            )
        ]
        if self.older_only and self.young_share is not None:
            parts.append(
                f"Mostly for people already working in the job: only {self.young_share:.0%} of those starting it "
                "near you were under 19."
            )
        if self.forces is not None:
            parts.append(self.forces.sentence())
        if self.employers:
            parts.append("Employers near you that train their own apprentices for it: " + ", ".join(self.employers[:3]) + ".")
        return " ".join(parts)

    def _home_clause(self) -> str:
        """ "about 4 from Redcar and Cleveland itself" when the travel area's figure is mostly its neighbours'."""
        est, home = self.local_starts_estimate or 0.0, self.home_estimate
        if home is None or not self.home_name or est < 1 or home >= 0.5 * est:
            return ""
        return (
            f"about {round_people(home):,} from {self.home_name} itself"
            if home >= 0.5
            else f"almost none from {self.home_name} itself"
        )

    def _new_sentence(self) -> str:
        if self.part_year_england is None:
            return (
                "We cannot yet say how many people near you start this: there is no full year of figures for it (it may be new)."
            )
        local = self.part_year_local or 0.0
        near = (
            "Almost nobody from your area has so far"
            if local < 0.5
            else f"About {round_people(local):,} from your area have so far"
        )
        n = self.part_year_england
        when = self.part_year_label
        when = "between " + when.replace(" to ", " and ") if " to " in when else f"in {when}"
        return f"New: {n:,} {'person' if n == 1 else 'people'} in England started this {when}. {near} (DfE figures)."

    def to_dict(self) -> dict:
        d = asdict(self)
        d.update(older_only=self.older_only, rare_new=self.rare_new, sentence=self.sentence())
        return d


def _sentence(est: float, n: int, years: str, who: str = "", home: str = "") -> str:
    """Short sentences (this is on every route card, so every word counts): how many start it a year, how
    many providers near the learner train for it, and what the figure is."""
    people_words = f"people {who}".strip()
    where = f" ({home})" if home else ""
    providers = f" {n} {'provider near you trains' if n == 1 else 'providers near you train'} for it." if n else ""
    what = f" Our estimate from DfE figures for {years}."
    if est < 0.5 or n == 0:
        return f"Almost no {people_words} from your area started this each year{where}." + providers + what
    p = round_people(est)
    noun = f"{'person' if p == 1 else 'people'} {who}".strip()
    return f"About {p:,} {noun} from your area started this each year{where}." + providers + what


@dataclass(frozen=True)
class Delivery:
    """Who trains for one programme near one travel area, with figures and their provenance."""

    programme_id: str
    title: str
    level: int | None
    kind: str
    area_label: str
    has_provider_data: bool
    providers: tuple[ProviderNear, ...] = ()
    local_starts_estimate: Figure | None = None
    local_starts_by_year: dict[str, float] = field(default_factory=dict)
    national_starts: dict[str, int] = field(default_factory=dict)
    national_achievements: dict[str, int] = field(default_factory=dict)
    providers_in_england: int = 0
    note: str = ""
    search_url: str = ""
    period: str = ""
    #: the same short answer the route card shows (None for a programme with no provider data)
    summary: DeliverySummary | None = None

    def headline(self) -> str:
        """The route card's sentence, so the card and the job page say the same."""
        if not self.has_provider_data or self.summary is None:
            return self.note
        return self.summary.sentence()

    def to_dict(self) -> dict:
        return {
            "programme": {"id": self.programme_id, "title": self.title, "level": self.level, "kind": self.kind},
            "has_provider_data": self.has_provider_data,
            "providers": [p.to_dict() for p in self.providers],
            "local_starts_estimate": None if self.local_starts_estimate is None else self.local_starts_estimate.to_dict(),
            "local_starts_by_year": dict(self.local_starts_by_year),
            "national_starts": dict(self.national_starts),
            "national_achievements": dict(self.national_achievements),
            "providers_in_england": self.providers_in_england,
            "headline": self.headline(),
            "summary": None if self.summary is None else self.summary.to_dict(),
            "search_url": self.search_url,
            "note": self.note,
        }


def delivery_without_providers(programme_id: str, title: str, level: int | None, kind: str, area_label: str) -> Delivery:
    """The answer for a programme that is not an apprenticeship standard: no providers, and a note saying where to
    look instead."""
    return Delivery(
        programme_id,
        title,
        level,
        kind,
        area_label,
        False,
        note=NO_PROVIDER_DATA.get(kind, "We have no figures on who trains for this near you."),
        search_url=SEARCH_ELSEWHERE.get(kind, ""),
    )


def training_search_url(lars_code: int | None, title: str) -> str:
    """GOV.UK 'Find apprenticeship training' for this course (the app only links; it fetches nothing)."""
    base = "https://findapprenticeshiptraining.apprenticeships.education.gov.uk"
    if lars_code:
        return f"{base}/courses/{int(lars_code)}/providers"
    return f"{base}/courses?keyword={quote_plus(title)}"
