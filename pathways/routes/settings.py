"""The route finder's settings in one place: the weights of the ranking, how usual each first step is
at each age, and the limits of the search and of a varied list (published on the About page)."""

from __future__ import annotations

#: how much each component counts; they need not sum to 1 (the score is normalised to 0-100)
WEIGHTS: dict[str, float] = {
    "interests": 0.25,      # fit to the learner's chosen routes: first step and destination (neutral when none chosen)
    "training": 0.15,       # delivered near them: people from the travel area starting the first apprenticeship
    "demand": 0.15,         # adverts and employment for the job's group in the area, against England
    "stage": 0.10,          # how usual the first step is at the learner's age and stage (STAGE_FIT)
    "evidence": 0.10,       # how strong the evidence is that each step leads to the next
    "time_to_paid": 0.05,   # months until the first paid step
    "paid_training": 0.05,  # share of training time that is paid
    "time_to_destination": 0.05,  # months of training before the destination job (shorter is surer)
    # destination pay, on a diminishing (log) scale; no points when pay is not published or less reliable.
    # 0.05, not 0.10: at 0.10 setting it to 0 still changed 64% of top-five routes (bar: about half); at
    # 0.05, 39%, and the Newham care leaver's list gains the care and security work an adviser expects
    "pay": 0.05,
}
#: foundation apprenticeships are a first step into a sector for those not ready for a full apprenticeship: less
#: usual for someone who already has Level 2 (who can start a Level 3 apprenticeship or a T Level)
FOUNDATION_WITH_LEVEL2 = 0.6
#: how usual each kind of first step is, by age (an adviser's judgement, published on the About page):
#: under 18 everyone must stay in education or training, so a job alone is the least usual first step;
#: T Levels end at 19; Skills Bootcamps and HTQs are adult routes; an EHC plan makes supported
#: internships and foundation apprenticeships as usual as any (see :func:`stage_fit`)
STAGE_FIT: dict[str, dict[str, float]] = {
    "16-17": {"apprenticeship": 1.0, "foundation_apprenticeship": 1.0, "t_level": 1.0, "fe_course": 1.0,
              "supported_internship": 0.8, "job": 0.2},
    "18": {"apprenticeship": 1.0, "foundation_apprenticeship": 1.0, "t_level": 0.8, "fe_course": 0.8,
           "supported_internship": 0.8, "htq": 0.8, "job": 0.6},
    "19+": {"apprenticeship": 1.0, "foundation_apprenticeship": 0.9, "bootcamp": 1.0, "htq": 1.0, "fe_course": 0.7,
            "supported_internship": 0.8, "job": 0.7},
}
#: needs a learner must already meet before a first step that the start form does not ask about (a full car
#: driving licence: lorry driving apprenticeships need one before training starts, GOV.UK "Become a qualified
#: heavy goods vehicle (HGV) or bus driver"); such a first step is less usual for someone we know nothing of
UNASKED_NEEDS = frozenset({"driving_licence"})
#: the stage fit of a first step with an unasked need is multiplied by this (the route card says what is needed)
UNASKED_NEED_FIT = 0.7
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
MAX_STEPS = 4
#: licences and cards that make a job a different, regulated job (a derived link may not lead into one)
LICENCES = frozenset({"lgv_licence", "pcv_licence", "train_driving_licence", "sia_licence", "registration"})
#: the qualification level a route must reach to end in a job of each SOC major group (from ONS's
#: skill levels: managers and professionals 4, associate professional and technical jobs 3); other
#: groups have no such rule (skilled trades are reached through Level 2 and 3 apprenticeships)
JOB_LEVEL: dict[str, int] = {"1": 4, "2": 4, "3": 3}
#: a route may end straight after a foundation apprenticeship only at a job of this SOC major group or a later
#: one (caring, sales, operatives, elementary jobs); skilled trades and above need the full apprenticeship after it
#: (GOV.UK: foundation apprenticeships are a first step into a sector, leading to a full apprenticeship or a job)
FOUNDATION_ENDS_BELOW = "6"
#: at most this many derived links (similar title, same job group) in one route
MAX_DERIVED = 1
#: paid months a route needs before a programme that asks for work experience (manager and leader standards)
WORK_EXPERIENCE_MONTHS = 24
#: at most this many routes with the same first step in one group (variety)
PER_FIRST_STEP = 3
#: with no interest chosen, at most this share of a group's first N routes go to one kind of work (SOC sub-major
#: group) while another kind of work scores nearly as well (the "same few routes everywhere" defect: rail jobs
#: were #1 in 61-68% of districts)
SAME_WORK_SHARE = 0.6
#: a variety rule may move a route up past better ones only when it scores within this many points (of 100) of
#: the best it passes: a fixed share for a second kind of step once put a bootcamp scoring 49.7 above hospitality
#: routes scoring about 80, and 13 of 14 routes placed that way were questionable or unrealistic
MAX_PULL_GAP = 10.0
#: a route moved up must be a usual first step at the learner's stage: stage fit (:data:`STAGE_FIT`) at least this
#: (0.8 keeps T Levels at 18, HTQs at 18 and supported internships; leaves out a job alone at 16 or 17, 0.2)
USUAL_STAGE = 0.8
#: a route scoring less than this (of 100) is not shown: its group says why instead (see
#: :func:`pathways.routes.ranking.worth_showing`)
MIN_SHOWN_SCORE = 45.0
#: how many of the best-scored routes the variety rules choose from
DIVERSIFY_POOL = 300
#: open standards of one subject route with their main job in a SOC minor group that make it a home group of the route
HOME_GROUP_MIN = 2
#: the routes most people read in each group: a thinly delivered route is kept out of them while anything else fits
TOP_FIVE = 5
#: the age until which everyone in England must stay in education or training (GOV.UK: Know when you can leave
#: school, checked 2026-12): younger, a job is a route only with the training that starts with it
EDUCATION_OR_TRAINING_UNTIL = 18
#: the interest for which a route mostly trained in the armed forces is not thin (shown as a forces route, with the
#: service, joining age and where to apply): for anyone else it has few local civilian starts, so it is thin
FORCES_INTEREST = "Protective services"
#: DfE's youngest age group is "under 19": a step started before this age is judged on under-19s' local starts
YOUNG_UNTIL = 19
#: with several interests chosen, this share of a list is shared out evenly between them (see ``_interest_quota``)
INTEREST_SHARE = 0.6
#: fewer adverts than this: no demand ratio is scored or claimed (too few to compare)
MIN_ADVERTS_FOR_RATIO = 20
#: at most this many routes to the same destination in one answer (variety)
PER_DESTINATION = 2
#: time to a paid step at which that component reaches 0
TIME_HORIZON_MONTHS = 48
#: training time before the destination job at which that component reaches 0
DESTINATION_HORIZON_MONTHS = 96
#: programmes start from 16: a younger learner's routes start at 16 (after Year 11)
FIRST_PROGRAMME_AGE = 16
#: a first-step apprenticeship with fewer estimated starts a year from the travel area than this is
#: ranked lower (by :data:`THIN_PENALTY`), is never pulled forward by the variety rules, and says so
MIN_LOCAL_STARTS = 1.0
#: estimated local starts a year at which the "trained near you" component reaches 1 (log scale)
LOCAL_STARTS_FULL = 100.0
NATIONAL_PAY_BASIS = "national figure from the ONS pay survey (median full-time pay, all ages)"
#: kinds of step that top up a learner's own level to reach a job's group (a Skills Bootcamp or an HTQ
#: just below the level the job needs: see :meth:`pathways.routes.RouteContext.can_end_at`)
TOP_UP_KINDS = ("bootcamp", "htq")
#: taken off the score of a thinly delivered route (15 points of 100, as much as the whole of local demand): it
#: comes above well-delivered routes only when it fits the learner much better, e.g. their chosen interest
THIN_PENALTY = 0.15
