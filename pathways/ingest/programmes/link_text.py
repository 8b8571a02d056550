"""Text evidence for links: how well a standard's title and job titles fit each SOC 2020 unit group's
titles (ONS unit-group titles and related job titles, Skills England occupation and job titles)."""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from pathways.ingest.programmes.names import ROLE_WORDS, norm_name, strip_brackets, tokens, weighted_similarity

__all__ = ["text_index", "ons_title_index", "affinity", "match_one", "route_prior", "names_own_job"]


def _soc_phrases(occupations: pd.DataFrame, se_json: dict | None) -> dict[str, dict[str, str]]:
    """Normalised phrase -> {soc: source} from ONS titles/related job titles and Skills England job titles."""
    index: dict[str, dict[str, str]] = defaultdict(dict)
    for soc, title, related in zip(occupations["soc"], occupations["title"], occupations["related_job_titles"]):
        index[norm_name(title)].setdefault(soc, "ONS unit group title")
        for jt in str(related).split(";"):
            if jt.strip():
                index[norm_name(jt)].setdefault(soc, "ONS related job title")
    for occ in (se_json or {}).get("occupations", []):
        code = (occ.get("soc2020") or {}).get("code")
        if not code:
            continue
        index[norm_name(strip_brackets(occ["title"].split(" - ")[0]))].setdefault(code, "Skills England occupation title")
        for jt in occ.get("typicalJobTitles") or []:
            index[norm_name(jt)].setdefault(code, "Skills England typical job title")
    return index


def _word_index(phrases: dict[str, dict[str, str]]) -> dict:
    """Word -> positions in ``__entries__``, a list of (words, SOC code, phrase) for every phrase."""
    entries = [(tokens(p), soc, p) for p, socs in phrases.items() for soc in socs]
    inverted: dict = defaultdict(list)
    for i, (toks, _, _) in enumerate(entries):
        for tok in toks:
            inverted[tok].append(i)
    inverted["__entries__"] = entries
    return inverted


def text_index(occupations: pd.DataFrame, se_json: dict | None) -> tuple[dict, dict]:
    """Phrase index and word index used to score standards against SOC unit groups."""
    phrases = _soc_phrases(occupations, se_json)
    return phrases, _word_index(phrases)


def ons_title_index(occupations: pd.DataFrame) -> tuple[dict, dict]:
    """Phrase and word index of the job titles ONS codes to each unit group ("related job titles").

    Unit-group titles are left out: they are category labels (2234 "Registered nurse
    practitioners" holds advanced nurse practitioners, not every registered nurse).
    """
    phrases: dict[str, dict[str, str]] = defaultdict(dict)
    for soc, related in zip(occupations["soc"], occupations["related_job_titles"]):
        for jt in str(related).split(";"):
            if jt.strip():
                phrases[norm_name(jt)].setdefault(soc, "ONS related job title")
    return phrases, _word_index(phrases)


def route_prior(links: pd.DataFrame, standards: pd.DataFrame) -> dict[str, Counter]:
    """Share of each route's official links per SOC minor group (a tie-breaker)."""
    route = standards.set_index("programme_id")["route"]
    prior: dict[str, Counter] = defaultdict(Counter)
    for pid, soc in zip(links["programme_id"], links["soc"]):
        if pid in route.index:
            prior[route[pid]][soc[:3]] += 1
    return prior


def _phrase_scores(text: str, phrases: dict, inverted: dict) -> dict[str, tuple[float, str]]:
    """How well one standard phrase fits each SOC: 1 for an exact phrase (shared between fewer
    codes is worth more), else the best word overlap (weighted Dice >= 0.55, at least one shared
    word that is not a role word) with a SOC phrase, times 0.8."""
    toks = tokens(strip_brackets(text))
    if not toks - ROLE_WORDS:  # "supervisor", "team leader": says nothing about the field
        return {}
    exact = phrases.get(norm_name(text)) or phrases.get(norm_name(strip_brackets(text))) or {}
    if exact:
        weight = 1.0 / len(exact) ** 0.5
        return {soc: (weight, f"'{text}' is a {src}") for soc, src in exact.items()}
    best: dict[str, tuple[float, str]] = {}
    seen: set[int] = set()
    for tok in sorted(toks - ROLE_WORDS):  # sorted: the same answer whatever the hash seed
        for i in sorted(inverted.get(tok, ())):
            if i in seen:
                continue
            seen.add(i)
            ptoks, soc, phrase = inverted["__entries__"][i]
            if not (toks & ptoks) - ROLE_WORDS:
                continue
            sim = weighted_similarity(toks, ptoks)
            if sim >= 0.55 and sim * 0.8 > best.get(soc, (0.0, ""))[0]:
                best[soc] = (sim * 0.8, f"words of '{text}' match '{phrase}'")
    return best


def affinity(title: str, job_titles: str, phrases: dict, inverted: dict) -> dict[str, float]:
    """Text fit of one standard to each SOC: 2 x title fit + sum of job-title fits."""
    total: dict[str, float] = defaultdict(float)
    jobs = [j.strip() for j in str(job_titles).split(";") if j.strip()]
    for text, weight in [(title, 2.0)] + [(j, 1.0) for j in jobs]:
        for soc, (fit, _) in _phrase_scores(text, phrases, inverted).items():
            total[soc] += weight * fit
    return total


def match_one(title: str, job_titles: list[str], route: str, phrases: dict, inverted: dict, prior: dict) -> list[dict]:
    """Score SOC unit groups for one standard; return its best (and a close second) as link rows.

    Score = 2 x (title fit) + sum of job-title fits + up to 0.5 for the route's usual SOC minor
    groups (from the official links of other standards on the route). Confidence 0.35-0.75.
    """
    total: dict[str, float] = defaultdict(float)
    notes: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for text, weight, method in [(title, 2.0, "title_match")] + [(j, 1.0, "job_title_match") for j in job_titles]:
        for soc, (fit, why) in _phrase_scores(text, phrases, inverted).items():
            total[soc] += weight * fit
            notes[soc].append((weight * fit, method, why))
    if not total:
        return []
    route_prior = prior.get(route, Counter())
    top = max(route_prior.values(), default=0) or 1
    ranked = sorted(total, key=lambda soc: (-(total[soc] + 0.5 * route_prior[soc[:3]] / top), soc))
    rows: list[dict] = []
    best = total[ranked[0]] + 0.5 * route_prior[ranked[0][:3]] / top
    for soc in ranked[:2]:
        score = total[soc] + 0.5 * route_prior[soc[:3]] / top
        if rows and score < 0.8 * best:
            break
        lead = max(notes[soc])
        conf = round(min(0.75, 0.35 + 0.1 * total[soc]), 3)
        reasons = "; ".join(n[2] for n in sorted(notes[soc], reverse=True)[:3])
        rows.append(
            {"programme_id": "", "soc": soc, "confidence": conf, "method": lead[1], "_weight": 0, "note": f"matched: {reasons}"}
        )
    return rows


def names_own_job(occupation_title: str, title: str, job_titles: str) -> bool:
    """True when a crosswalk occupation shares a content word (not a role word such as
    ``manager``) with the standard's title or one of its job titles.

    The crosswalk lists career-changer destinations, so an occupation such as "Warehouse
    manager" can point at the "Operations manager" standard without being its own job.

    >>> names_own_job("Nurse", "Registered nurse degree (NMC 2018)", "")
    True
    >>> names_own_job("Warehouse manager", "Operations manager", "Area manager; General manager")
    False
    """
    own = tokens(strip_brackets(title), drop_roles=True)
    for jt in str(job_titles).split(";"):
        own |= tokens(strip_brackets(jt), drop_roles=True)
    return bool(tokens(strip_brackets(occupation_title), drop_roles=True) & own)
