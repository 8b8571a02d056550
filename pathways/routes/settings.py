"""The route finder's settings in one place: the weights of the ranking, how usual each first step is
at each age, the limits of the search and of a varied list, and every threshold the ranking and the reasons
use, each with the measurement or the reason behind it (the About page publishes the ranking from these:
:mod:`pathways.routes.explain`)."""

from __future__ import annotations

from pathways.vocab import (
    APPRENTICESHIP,
    BOOTCAMP,
    FE_COURSE,
    FOUNDATION_APPRENTICESHIP,
    HTQ,
    JOB,
    SUPPORTED_INTERNSHIP,
    T_LEVEL,
    needs_where,
)

# ============================================================================ the weights
#: how much each component counts; they need not sum to 1 (the score is normalised to 0-100)
WEIGHTS: dict[str, float] = {
    "interests": 0.25,  # fit to the learner's chosen routes: first step and destination (neutral when none chosen)
    "training": 0.15,  # delivered near them: people from the travel area starting the first apprenticeship
    "demand": 0.15,  # adverts and employment for the job's group in the area, against England
    "stage": 0.10,  # how usual the first step is at the learner's age and stage (STAGE_FIT)
    "evidence": 0.10,  # how strong the evidence is that each step leads to the next
    "time_to_paid": 0.05,  # months until the first paid step
    "paid_training": 0.05,  # share of training time that is paid
    "time_to_destination": 0.05,  # months of training before the destination job (shorter is surer)
    # destination pay, on a diminishing (log) scale; no points when pay is not published or less reliable.
    # 0.05, not 0.10: at 0.10 setting it to 0 still changed 64% of top-five routes (bar: about half); at
    # 0.05, 39%, and the Newham care leaver's list gains the care and security work an adviser expects
    "pay": 0.05,
}
#: each component in plain words (the route card's and the About page's names for them)
COMPONENT_LABELS = {
    "evidence": "Evidence that each step leads to the next",
    "stage": "Usual for your age and stage",
    "pay": "Pay at the destination",
    "demand": "Local demand",
    "training": "Trained near you",
    "time_to_paid": "Time to a paid job",
    "paid_training": "Pay while training",
    "interests": "Fit to interests",
    "time_to_destination": "Time to the destination job",
}
#: a score is out of this many points (the weighted parts are divided by the sum of the weights, then times this)
FULL_SCORE = 100.0
#: a part of the score when nothing is known for it (no interest chosen, no local figure, a kind of step STAGE_FIT
#: does not name): the middle, so that it neither lifts nor sinks a route
NEUTRAL_PART = 0.5

# ============================================================================ ages
#: programmes start from 16: a younger learner's routes start at 16 (after Year 11)
FIRST_PROGRAMME_AGE = 16
#: the age until which everyone in England must stay in education or training (GOV.UK: Know when you can leave
#: school, checked 2026-12): younger, a job is a route only with the training that starts with it, and a job step
#: started younger carries the notice that it needs part-time education or training
EDUCATION_OR_TRAINING_UNTIL = 18
#: DfE's youngest age group is "under 19": a step started before this age is judged on under-19s' local starts
YOUNG_UNTIL = 19
#: 16 to 18-year-olds' study is funded on condition they work towards English and maths (the condition of funding):
#: an apprentice who starts a Level 3+ apprenticeship before this age works to Level 2 English and maths as part of
#: it, and a learner of 16 up to this age without them is told about the condition
ENGLISH_MATHS_FUNDED_UNTIL = 19
#: the 16 to 19 bursary for vulnerable groups (care leavers among them) is for learners aged up to this
BURSARY_16_19_MAX_AGE = 19

# ============================================================================ stage fit
#: how usual each kind of first step is, by age (an adviser's judgement, published on the About page):
#: under 18 everyone must stay in education or training, so a job alone is the least usual first step;
#: T Levels end at 19; Skills Bootcamps and HTQs are adult routes; an EHC plan makes supported
#: internships and foundation apprenticeships as usual as any (see :func:`pathways.routes.scoring.stage_fit`)
STAGE_FIT: dict[str, dict[str, float]] = {
    "16-17": {
        APPRENTICESHIP: 1.0,
        FOUNDATION_APPRENTICESHIP: 1.0,
        T_LEVEL: 1.0,
        FE_COURSE: 1.0,
        SUPPORTED_INTERNSHIP: 0.8,
        JOB: 0.2,
    },
    "18": {
        APPRENTICESHIP: 1.0,
        FOUNDATION_APPRENTICESHIP: 1.0,
        T_LEVEL: 0.8,
        FE_COURSE: 0.8,
        SUPPORTED_INTERNSHIP: 0.8,
        HTQ: 0.8,
        JOB: 0.6,
    },
    "19+": {
        APPRENTICESHIP: 1.0,
        FOUNDATION_APPRENTICESHIP: 0.9,
        BOOTCAMP: 1.0,
        HTQ: 1.0,
        FE_COURSE: 0.7,
        SUPPORTED_INTERNSHIP: 0.8,
        JOB: 0.7,
    },
}
#: the oldest age in each age band of :data:`STAGE_FIT` (None: no upper limit), youngest band first: under 18 everyone
#: is in education or training, 18 is the year most leave it, and from 19 the adult routes open
STAGE_BANDS: dict[str, int | None] = {"16-17": 17, "18": 18, "19+": None}
#: with an EHC plan, these first steps are made for the learner: as usual as any (stage fit :data:`EHCP_FIT`)
EHCP_KINDS = (SUPPORTED_INTERNSHIP, FOUNDATION_APPRENTICESHIP)
#: the stage fit of those first steps with an EHC plan
EHCP_FIT = 1.0
#: foundation apprenticeships are a first step into a sector for those not ready for a full apprenticeship: less
#: usual (stage fit :data:`FOUNDATION_WITH_LEVEL2`) for someone who already has this level (who can start a Level 3
#: apprenticeship or a T Level)
FOUNDATION_LESS_USUAL_FROM_LEVEL = 2
#: the stage fit of a foundation apprenticeship for such a learner
FOUNDATION_WITH_LEVEL2 = 0.6
#: needs a learner must already meet before a first step that the start form does not ask about (a full car
#: driving licence: lorry driving apprenticeships need one before training starts, GOV.UK "Become a qualified
#: heavy goods vehicle (HGV) or bus driver"); such a first step is less usual for someone we know nothing of
UNASKED_NEEDS = needs_where(held_before=True, asked=False)
#: the stage fit of a first step with an unasked need is multiplied by this (the route card says what is needed)
UNASKED_NEED_FIT = 0.7
#: a route moved up must be a usual first step at the learner's stage: stage fit (:data:`STAGE_FIT`) at least this
#: (0.8 keeps T Levels at 18, HTQs at 18 and supported internships; leaves out a job alone at 16 or 17, 0.2)
USUAL_STAGE = 0.8

# ============================================================================ the search
#: at most this many steps (programmes, or a job) from where the learner is now to the destination job. On the real
#: bundle (30 learners aged 16-25, every qualification) 4% of candidate paths have four steps and none reaches a top
#: five, so a longer limit would only add paths to score
MAX_STEPS = 4
#: at most this many derived links (similar title, same job group) in one route
MAX_DERIVED = 1
#: licences and cards that make a job a different, regulated job (a derived link may not lead into one)
LICENCES = needs_where(regulated=True)
#: degree level (Levels 6 and 7): a derived link never leads into it, nothing is "the next level" after it, and a job
#: that needs a degree is reached only by a route with a step at it (university degrees themselves are never routes)
DEGREE_LEVEL = 6
#: the qualification level a route must reach to end in a job of each SOC major group (from ONS's
#: skill levels: managers and professionals 4, associate professional and technical jobs 3); other
#: groups have no such rule (skilled trades are reached through Level 2 and 3 apprenticeships)
JOB_LEVEL: dict[str, int] = {"1": 4, "2": 4, "3": 3}
#: the level a learner must already have for a route to end in a job of these SOC major groups (managers and
#: directors 3, professionals 2): from less, the job is too many steps away to show
START_LEVEL: dict[str, int] = {"1": 3, "2": 2}
#: kinds of step that top up a learner's own level to reach a job's group (a Skills Bootcamp or an HTQ
#: just below the level the job needs: see :meth:`pathways.routes.RouteContext.can_end_at`)
TOP_UP_KINDS = (BOOTCAMP, HTQ)
#: how far below the level a job's group needs (:data:`JOB_LEVEL`) a top-up may start: one level (Level 3 and a
#: bootcamp reach a technician's job; a 16-week bootcamp does not make someone with no qualifications a technician)
TOP_UP_LEVELS = 1
#: a route may end straight after a foundation apprenticeship only at a job of this SOC major group or a later
#: one (caring, sales, operatives, elementary jobs); skilled trades and above need the full apprenticeship after it
#: (GOV.UK: foundation apprenticeships are a first step into a sector, leading to a full apprenticeship or a job)
FOUNDATION_ENDS_BELOW = "6"
#: a supported internship's purpose is work: the apprenticeships (and foundation apprenticeships) that may follow
#: one go up to this level
AFTER_SUPPORTED_INTERNSHIP_LEVEL = 2
#: English and maths at grade 4 is a Level 2 qualification: it counts only for a learner at this level or above,
#: Functional Skills give it at this level, and a Functional Skills top-up starts at the learner's own level up to this
ENGLISH_MATHS_LEVEL = 2
#: apprentices who start an apprenticeship at this level or above under :data:`ENGLISH_MATHS_FUNDED_UNTIL` work to
#: Level 2 English and maths (below it, English and maths are not part of the apprenticeship)
APPRENTICESHIP_ENGLISH_MATHS_LEVEL = 3
#: paid months a route needs before a programme that asks for work experience (manager and leader standards)
WORK_EXPERIENCE_MONTHS = 24
#: a kind of work is a SOC sub-major group (the first this many digits of the code): a derived link joins jobs of
#: one kind of work (engineering leads on to engineering), and a varied list mixes kinds of work
KIND_OF_WORK_DIGITS = 2
#: a home group is a SOC minor group (the first this many digits): 613, where adult care standards lead, holds the
#: healthcare support worker (6131) too
HOME_GROUP_DIGITS = 3
#: open standards of one subject route with their main job in a SOC minor group that make it a home group of the route
HOME_GROUP_MIN = 2
#: candidate paths are cached per (start, age, flags) key; past this many keys the cache is emptied. A key holds
#: 0.7-1.3 MB on the real bundle (1,328 and 2,596 paths), so this bounds the cache near 650 MB; there are at most
#: 1,080 keys (9 starts, ages 16-30, three flags) and far fewer in use
CANDIDATE_CACHE_KEYS = 512

# ============================================================================ parts of the score
#: time to a paid step at which that component reaches 0
TIME_HORIZON_MONTHS = 48
#: training time before the destination job at which that component reaches 0
DESTINATION_HORIZON_MONTHS = 96
#: estimated local starts a year at which the "trained near you" component reaches 1 (log scale)
LOCAL_STARTS_FULL = 100.0
#: "trained near you" is this share for how many people from the area start it, the rest for how much more (or less)
#: it is started there than the area's share of England's starts would give
TRAINING_SIZE_SHARE = 0.5
#: a part from a local share against England's moves this much from :data:`NEUTRAL_PART` each time the share doubles
#: or halves (0.75 at twice England's, 0.25 at half, 1 at four times)
RATIO_STEP = 0.25
#: small numbers say little: a local share from ``est`` starts is pulled towards neutral by ``est / (est + this)``
#: (8 starts count 44%, 240 starts 96%)
RATIO_TRUST_STARTS = 10.0
#: fewer adverts than this: no demand ratio is scored or claimed (too few to compare)
MIN_ADVERTS_FOR_RATIO = 20
#: pay scores 0 at this percentile of jobs' national median pay and 1 at the other, by the logarithm of pay: the
#: middle 80% of jobs spread over the scale and the best-paid few do not stretch it (about £26,600 and £54,100)
PAY_PERCENTILES = (10.0, 90.0)
#: the two pay figures of that scale when a bundle has fewer than two national medians (a made-up test bundle): a rough stand-in
PAY_RANGE_WITHOUT_DATA = (20000.0, 45000.0)
#: the basis of pay when the area has no local figure for the job
NATIONAL_PAY_BASIS = "national figure from the ONS pay survey (median full-time pay, all ages)"
#: "fit to interests" is this share for a first step in the learner's interests, the rest for a destination in them
#: or close to them
INTEREST_FIRST_STEP_SHARE = 0.5
#: ... and this when only a middle step is in them
INTEREST_MIDDLE_STEP = 0.25

# ============================================================================ thin delivery
#: a first-step apprenticeship with fewer estimated starts a year from the travel area than this is
#: ranked lower (by :data:`THIN_PENALTY`), is never pulled forward by the variety rules, and says so
MIN_LOCAL_STARTS = 1.0
#: taken off the score of a thinly delivered route (15 points of 100, as much as the whole of local demand): it
#: comes above well-delivered routes only when it fits the learner much better, e.g. their chosen interest
THIN_PENALTY = 0.15
#: an apprenticeship step that fewer providers in England than this train for (one, or none) is never part of a
#: route: with a single provider, the learner can hardly find a place on it
MIN_PROVIDERS_IN_ENGLAND = 2
#: the interest for which a route mostly trained in the armed forces is not thin (shown as a forces route, with the
#: service, joining age and where to apply): for anyone else it has few local civilian starts, so it is thin
FORCES_INTEREST = "Protective services"

# ============================================================================ a varied list
#: how many of the best-scored routes the variety rules choose from
DIVERSIFY_POOL = 300
#: at most this many routes to the same destination in one answer (variety)
PER_DESTINATION = 2
#: at most this many routes with the same first step in one group (variety)
PER_FIRST_STEP = 3
#: with no interest chosen, at most this share of a group's first N routes go to one kind of work (SOC sub-major
#: group) while another kind of work scores nearly as well (the "same few routes everywhere" defect: rail jobs
#: were #1 in 61-68% of districts)
SAME_WORK_SHARE = 0.6
#: ... but never fewer than this many: the first two routes may share a kind of work
SAME_WORK_MIN = 2
#: with several interests chosen, this share of a list is shared out evenly between them (see ``_interest_quota``)
INTEREST_SHARE = 0.6
#: a variety rule may move a route up past better ones only when it scores within this many points (of 100) of
#: the best it passes: a fixed share for a second kind of step once put a bootcamp scoring 49.7 above hospitality
#: routes scoring about 80, and 13 of 14 routes placed that way were questionable or unrealistic
MAX_PULL_GAP = 10.0
#: the routes most people read in each group: a thinly delivered route is kept out of them while anything else fits
TOP_FIVE = 5
#: how many routes of each group the route finder returns unless asked for more (the command line's default)
ROUTES_PER_GROUP = 5
#: a route scoring less than this (of 100) is not shown: its group says why instead (see
#: :func:`pathways.routes.ranking.worth_showing`)
MIN_SHOWN_SCORE = 45.0
#: scores are compared rounded to this many decimals, so that float noise never breaks a tie differently (ties go to
#: the lowest route id) ...
SCORE_DECIMALS = 6
#: ... and the order of routes within a (destination, kind of first step) group is compared to this many
GROUP_ORDER_DECIMALS = 9

# ============================================================================ reasons
#: at most this many sentences say why a route is in the list
MAX_REASONS = 3
#: a local share of adverts at least this many times England's is "more adverts than in most of England", at most
#: :data:`FEWER_ADVERTS_RATIO` "fewer"; between them "about as many" (a judgement: closer than 15% is not worth saying)
MORE_ADVERTS_RATIO = 1.15
#: ... and at most this many times, "fewer adverts than in most of England"
FEWER_ADVERTS_RATIO = 0.85
#: a clearly high or low demand is always said: it ranks above any weighted part (every weight is below 1) ...
NOTABLE_DEMAND_STRENGTH = 1.0
#: ... and an unremarkable one counts as this share of demand's weight, so it is said only when little else is
PLAIN_DEMAND_SHARE = 0.25
#: a route's pay part at least this says pay helped its place (about £40,700 with experience on the real bundle)
PAY_REASON_FROM = 0.6
#: a thinly delivered step is always the first reason given (above any other sentence's strength)
THIN_REASON_STRENGTH = 2.0
