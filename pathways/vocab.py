"""The project's vocabulary, in one place: the kinds of step a route can have and what each kind means,
what a job or programme can need beyond qualifications (licences, cards, checks) and what each need does,
the travel choices and their labels, the areas every local figure is compared with, and the app's pages.

Everything here is plain data (no pandas, no Streamlit), so that the domain package, the pages, the
command line and the ingest can all say the same thing. To add a kind of programme, a need, a travel choice
or a page, add one entry here; the modules that decide things from a kind ask :func:`kind` rather than keep
their own lists, and those that decide things from a need ask :func:`needs_where`.

>>> kind("htq").label, kind("htq").tuition_loan
('Higher Technical Qualification', True)
>>> [k.key for k in KINDS.values() if k.is_apprenticeship]
['apprenticeship', 'foundation_apprenticeship']
>>> NEEDS["cscs_card"].words, sorted(needs_where(closes=True))
('a CSCS card for building sites', ['degree', 'registration'])
>>> TRAVEL_LABELS["25km"]
'Up to about 25 km (15 miles)'
>>> ENGLAND.code, UK.name
('E92000001', 'United Kingdom')
>>> page("routes").title
'Your routes'
"""

from __future__ import annotations

from dataclasses import dataclass, fields

__all__ = [
    "MONTHS",
    "APPRENTICESHIP",
    "FOUNDATION_APPRENTICESHIP",
    "T_LEVEL",
    "HTQ",
    "BOOTCAMP",
    "FE_COURSE",
    "SUPPORTED_INTERNSHIP",
    "JOB",
    "EARN",
    "STUDY",
    "SUPPORT",
    "Kind",
    "KINDS",
    "kind",
    "kind_label",
    "apprenticeship_kind",
    "APPRENTICESHIP_KINDS",
    "LOAN_KINDS",
    "RouteGroup",
    "GROUPS",
    "group_of",
    "step_label",
    "NO_QUALIFICATION_KINDS",
    "PAID_KINDS",
    "PROGRAMME_TABLE_KINDS",
    "RULE_KINDS",
    "COURSE_KINDS",
    "Need",
    "NEEDS",
    "NO_NEEDS",
    "DEGREE",
    "WORK_EXPERIENCE",
    "needs_where",
    "TravelMode",
    "TRAVEL_MODES",
    "TRAVEL",
    "TRAVEL_LABELS",
    "DEFAULT_TRAVEL",
    "Area",
    "ENGLAND",
    "UK",
    "COMPARATORS",
    "Page",
    "PAGES",
    "PAGE_SLUGS",
    "DEFAULT_PAGE",
    "page",
]


# ============================================================================ kinds of step
#: the months' names, January first
MONTHS: tuple[str, ...] = tuple("January February March April May June July August September October November December".split())

#: the keys of the kinds of step (:data:`KINDS`) and of the groups of routes (:data:`GROUPS`), for code that decides
#: on one; the data holds the same strings
APPRENTICESHIP = "apprenticeship"
FOUNDATION_APPRENTICESHIP = "foundation_apprenticeship"
T_LEVEL = "t_level"
HTQ = "htq"
BOOTCAMP = "bootcamp"
FE_COURSE = "fe_course"
SUPPORTED_INTERNSHIP = "supported_internship"
JOB = "job"
EARN, STUDY, SUPPORT = "earn", "study", "support"


@dataclass(frozen=True)
class Kind:
    """A kind of step in a route (a programme, or a job).

    Attributes
    ----------
    key : str
        The code used in the data and the graph (``entry_rules.programme_kind``, ``programmes.kind``).
    label : str
        Plain words for people ("Skills Bootcamp").
    term : str
        The glossary term that explains it (see :func:`pathways.words.glossary`).
    is_apprenticeship : bool
        An apprenticeship standard (a job with training; the DfE provider data covers it).
    paid : bool
        Paid while training: apprentices and people in a job earn (the bundle's ``programmes.paid`` is
        False for every other kind).
    tuition_loan : bool
        Usually paid for with a tuition fee loan (Student Finance England).
    gives_qualification : bool
        Gives a qualification at its level. Skills Bootcamps and supported internships lead to work, not
        to a qualification; a job gives none.
    is_programme : bool
        A programme of training (a node of kind ``programme`` in the graph); False for a job.
    finder : str
        The official service to find one (a key of :data:`pathways.next_steps.SERVICES`), "" when there
        is none to search (supported internships: ask the school, college or council).
    table : str
        The bundle table its programmes come from: ``standards`` or ``programmes`` ("" for a job).
    group : str
        The group of routes a route starting with this kind belongs to (a key of :data:`GROUPS`).
    """

    key: str
    label: str
    term: str
    is_apprenticeship: bool = False
    paid: bool = False
    tuition_loan: bool = False
    gives_qualification: bool = True
    is_programme: bool = True
    finder: str = ""
    table: str = "programmes"
    group: str = STUDY


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind(
            APPRENTICESHIP,
            "Apprenticeship",
            "Apprenticeship",
            is_apprenticeship=True,
            paid=True,
            finder="find_apprenticeship",
            table="standards",
            group=EARN,
        ),
        Kind(
            FOUNDATION_APPRENTICESHIP,
            "Foundation apprenticeship",
            "Foundation apprenticeship",
            is_apprenticeship=True,
            paid=True,
            finder="find_apprenticeship",
            table="standards",
            group=EARN,
        ),
        Kind(T_LEVEL, "T Level", "T Level", finder="find_course"),
        Kind(
            HTQ, "Higher Technical Qualification", "HTQ (Higher Technical Qualification)", tuition_loan=True, finder="find_course"
        ),
        Kind(BOOTCAMP, "Skills Bootcamp", "Skills Bootcamp", gives_qualification=False, finder="bootcamp"),
        Kind(FE_COURSE, "College course", "College course", finder="find_course"),
        Kind(SUPPORTED_INTERNSHIP, "Supported internship", "Supported internship", gives_qualification=False, group=SUPPORT),
        Kind(JOB, "Job", "", paid=True, gives_qualification=False, is_programme=False, finder="find_job", table="", group=EARN),
    )
}


@dataclass(frozen=True)
class RouteGroup:
    """A group of routes as an adviser lays them out, each ranked on its own merit.

    ``for_ehcp_only``: shown only to a learner with an education, health and care (EHC) plan.
    """

    key: str
    title: str
    intro: str
    for_ehcp_only: bool = False


#: the groups in the order the Routes page shows them
GROUPS: dict[str, RouteGroup] = {
    g.key: g
    for g in (
        RouteGroup(
            EARN,
            "Earn while you learn",
            "Apprenticeships and jobs with training: you are paid from the start and learn on the job.",
        ),
        RouteGroup(
            STUDY,
            "Study first",
            "College courses, T Levels, Higher Technical Qualifications and Skills Bootcamps: you study first, "
            "then go into work or an apprenticeship.",
        ),
        RouteGroup(
            SUPPORT,
            "With support",
            "Because you have an EHC plan: a supported internship (about a year with an employer and a job coach, "
            "then a job), or college up to the age of 25.",
            for_ehcp_only=True,
        ),
    )
}


def step_label(kind_key: str, age: float) -> str:
    """What a step of this kind is called for someone starting it at ``age``: under 18 a job is only ever a job
    with part-time training (the law on staying in education or training), and at 16 to 18 a college course is
    a full-time study programme.

    >>> step_label("job", 16.5), step_label("fe_course", 16), step_label("fe_course", 20), step_label("job", 19)
    ('Job with part-time training until you are 18', 'Full-time college study programme', 'College course', 'Job')
    """
    if kind_key == JOB and age < 18:
        return "Job with part-time training until you are 18"
    if kind_key == FE_COURSE and age < 19:
        return "Full-time college study programme"
    return kind_label(kind_key)


def group_of(kind_key: str) -> str:
    """The group of a route whose first step is of this kind.

    >>> group_of("apprenticeship"), group_of("t_level"), group_of("supported_internship"), group_of("job")
    ('earn', 'study', 'support', 'earn')
    """
    return kind(kind_key).group


#: the two kinds of apprenticeship standard
APPRENTICESHIP_KINDS: tuple[str, ...] = tuple(k for k, v in KINDS.items() if v.is_apprenticeship)
#: kinds usually paid for with a tuition fee loan
LOAN_KINDS: tuple[str, ...] = tuple(k for k, v in KINDS.items() if v.tuition_loan)
#: programmes that lead to work but do not give a qualification at their level
NO_QUALIFICATION_KINDS: tuple[str, ...] = tuple(k for k, v in KINDS.items() if v.is_programme and not v.gives_qualification)
#: kinds of step that pay while you do them
PAID_KINDS: tuple[str, ...] = tuple(k for k, v in KINDS.items() if v.paid)
#: the kinds in the bundle's ``programmes`` table (everything that is not an apprenticeship standard)
PROGRAMME_TABLE_KINDS: tuple[str, ...] = tuple(k for k, v in KINDS.items() if v.table == "programmes")
#: the kinds an ``entry_rules`` row can be for
RULE_KINDS: tuple[str, ...] = APPRENTICESHIP_KINDS + PROGRAMME_TABLE_KINDS
#: kinds found through a course search (colleges and universities)
COURSE_KINDS: tuple[str, ...] = tuple(k for k, v in KINDS.items() if v.finder == "find_course")


def kind(key: str) -> Kind:
    """The :class:`Kind` for ``key``; an unknown key gets a plain label made from the key and no properties.

    >>> kind("bootcamp").gives_qualification, kind("apprenticeship").paid
    (False, True)
    >>> kind("new_kind").label
    'New kind'
    """
    known = KINDS.get(key)
    if known is not None:
        return known
    words = str(key).replace("_", " ").capitalize()
    return Kind(str(key), words, words)


def kind_label(key: str) -> str:
    """Plain words for a step's kind.

    >>> kind_label("fe_course"), kind_label("foundation_apprenticeship")
    ('College course', 'Foundation apprenticeship')
    """
    return kind(key).label


def apprenticeship_kind(is_foundation: object) -> str:
    """The kind of an apprenticeship standard: foundation or not (``standards.is_foundation``).

    >>> apprenticeship_kind(True), apprenticeship_kind(False), apprenticeship_kind(None)
    ('foundation_apprenticeship', 'apprenticeship', 'apprenticeship')
    """
    try:
        flag = bool(is_foundation)
    except TypeError:  # pandas' NA: not known to be a foundation apprenticeship
        flag = False
    return FOUNDATION_APPRENTICESHIP if flag else APPRENTICESHIP


# ============================================================================ needs
@dataclass(frozen=True)
class Need:
    """Something a job or programme needs beyond qualifications and age: a licence, a card, a check, a degree or
    experience. The ``restrictions`` table names a job's or programme's needs by :attr:`key` (``needs``,
    ";"-separated), and each row's own words and source say the detail.

    Attributes
    ----------
    key : str
        The code in the data.
    words : str
        Plain words for people.
    blocks_start : bool
        A job that needs it cannot be started straight from school: it is never a job you can start without
        training (a DBS check alone does not stop that).
    closes : bool
        A job or programme that needs it is closed to anyone without it: no route leads a learner into it.
    regulated : bool
        A licence, card or registration that makes a job a different, regulated job: an indirect link from one
        job to another may not lead into it unless the job before needed it too.
    held_before : bool
        Needed before a first step can start, rather than gained during it (a full car driving licence before
        a lorry driving apprenticeship, GOV.UK "Become a qualified heavy goods vehicle (HGV) or bus driver").
    asked : bool
        The start form asks whether the learner has it (it asks about none yet).
    """

    key: str
    words: str
    blocks_start: bool = True
    closes: bool = False
    regulated: bool = False
    held_before: bool = False
    asked: bool = False


#: the keys of the needs code decides on by name (:data:`NEEDS` holds every need): a job that needs a degree is
#: reached only through a degree-level step, a programme that needs work experience only after paid steps
DEGREE = "degree"
WORK_EXPERIENCE = "work_experience"
#: every need, by key (the ``restrictions`` schema accepts these and :data:`NO_NEEDS`)
NEEDS: dict[str, Need] = {
    n.key: n
    for n in (
        Need("driving_licence", "a full car driving licence", held_before=True),
        Need("lgv_licence", "a lorry (LGV) driving licence", regulated=True),
        Need("pcv_licence", "a bus or coach (PCV) driving licence", regulated=True),
        Need("cpc", "a Driver Certificate of Professional Competence (CPC)"),
        Need("train_driving_licence", "a train driving licence", regulated=True),
        Need("sia_licence", "a Security Industry Authority (SIA) licence", regulated=True),
        Need("cscs_card", "a CSCS card for building sites"),
        Need("cisrs_card", "a scaffolders' (CISRS) card"),
        Need("dbs_check", "a criminal record (DBS) check", blocks_start=False),
        Need("medical", "a medical"),
        Need(DEGREE, "a degree", closes=True),
        Need(WORK_EXPERIENCE, "work experience"),
        Need("registration", "registration with a professional body", closes=True, regulated=True),
        Need("armed_forces_entry", "the armed forces' selection tests"),
        Need("firearms", "a firearms licence"),
    )
}
#: what ``restrictions.needs`` holds for a job or programme with a rule (a minimum age) but nothing else needed
NO_NEEDS = "none"
#: the yes/no attributes of a need, the ones :func:`needs_where` selects by
_NEED_FLAGS = frozenset(f.name for f in fields(Need) if f.type == "bool")


def needs_where(**flags: bool) -> frozenset[str]:
    """The keys of the needs whose attributes have these values.

    >>> sorted(needs_where(held_before=True, asked=False)), "dbs_check" in needs_where(blocks_start=True)
    (['driving_licence'], False)
    """
    unknown = set(flags) - _NEED_FLAGS
    if unknown:
        raise TypeError(f"needs have no flag {sorted(unknown)}")
    return frozenset(k for k, n in NEEDS.items() if all(getattr(n, f) == v for f, v in flags.items()))


# ============================================================================ travel
@dataclass(frozen=True)
class TravelMode:
    """How far a learner can travel to train or work.

    ``radius_km`` is the distance for the distance choices (every district whose middle is that close);
    None for "home" and "neighbours", which are made from district boundaries
    (see :meth:`pathways.areas.AreaIndex.travel_area`).
    """

    key: str
    label: str
    radius_km: float | None = None


TRAVEL_MODES: dict[str, TravelMode] = {
    m.key: m
    for m in (
        TravelMode("home", "Only my own area"),
        TravelMode("neighbours", "My area and the areas next to it"),
        TravelMode("25km", "Up to about 25 km (15 miles)", 25.0),
        TravelMode("50km", "Up to about 50 km (30 miles)", 50.0),
    )
}
#: the travel choices, in the order they are offered
TRAVEL: tuple[str, ...] = tuple(TRAVEL_MODES)
#: plain labels for the travel choices
TRAVEL_LABELS: dict[str, str] = {k: m.label for k, m in TRAVEL_MODES.items()}
DEFAULT_TRAVEL = "neighbours"


# ============================================================================ comparator areas
@dataclass(frozen=True)
class Area:
    """An area a local figure is compared with: its GSS code, its name, and the geography level a
    :class:`pathways.figures.Figure` names it by."""

    code: str
    name: str
    level: str


ENGLAND = Area("E92000001", "England", "England")
UK = Area("K02000001", "United Kingdom", "UK")
COMPARATORS: dict[str, Area] = {a.code: a for a in (ENGLAND, UK)}


# ============================================================================ pages
@dataclass(frozen=True)
class Page:
    """One page of the app: ``slug`` is its URL path and its name in code, ``file`` its script
    (relative to the repository), ``title`` its name in the menu, ``icon`` a Streamlit material icon."""

    slug: str
    file: str
    title: str
    icon: str
    default: bool = False


PAGES: tuple[Page, ...] = (
    Page("start", "views/start.py", "Start here", ":material/home:", default=True),
    Page("routes", "views/routes.py", "Your routes", ":material/route:"),
    Page("job", "views/job.py", "A job", ":material/work:"),
    Page("area", "views/area.py", "Your area", ":material/map:"),
    Page("compare", "views/compare.py", "Compare", ":material/compare_arrows:"),
    Page("plan", "views/plan.py", "Your plan", ":material/checklist:"),
    Page("about", "views/about.py", "About the data", ":material/info:"),
)
PAGE_SLUGS: tuple[str, ...] = tuple(p.slug for p in PAGES)
DEFAULT_PAGE: Page = next(p for p in PAGES if p.default)


def page(slug: str) -> Page:
    """The page with URL path ``slug``; KeyError for an unknown one.

    >>> page("about").file, DEFAULT_PAGE.slug
    ('views/about.py', 'start')
    """
    for p in PAGES:
        if p.slug == slug:
            return p
    raise KeyError(slug)
