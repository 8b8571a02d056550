"""What really happens near you: how often the top five routes' first steps rest on local evidence an adviser
would not accept, measured from the DfE provider tables directly (not from the route finder's own estimates).

    python bench/local_evidence.py [--districts N] [--json out.json]

Over every English district and four profiles (16 with no qualifications; 16 with GCSEs incl. English and
maths; 19 with Level 1; 22 with Level 3), for each of the top five routes that starts with an apprenticeship (the
"Earn while you learn" group's top five; before routes were grouped, the list's top five):

- **mostly forces**: at least half of the area's estimated starts on it are with the British Army, Royal Navy
  or RAF (each provider's starts from the area, all apprenticeships, times its share of starts on this one,
  latest full year);
- **mostly older learners** (16-year-olds only): the providers behind the area's starts took under 10% of
  their apprentices at that level under 19 (weighted by their estimated starts from the area);
- **rare new programme**: no starts in England in the full years, and fewer than 100 in the 2025/26 part year.

It also prints the route cards advisers asked about (Redcar, Telford, Blackpool) as the route finder shows them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pathways.context import load_context  # noqa: E402
from pathways.profile import Profile  # noqa: E402
from pathways.routes import find_routes  # noqa: E402
from pathways.routes.ranking import find_route_groups  # noqa: E402
from pathways.vocab import APPRENTICESHIP_KINDS  # noqa: E402

FORCES = {"10033440", "10033438", "10033441"}
PROFILES = {
    "16 none": Profile(age=16, qualification="none"),
    "16 GCSEs": Profile(age=16, qualification="level2", english_maths=True),
    "19 L1": Profile(age=19, qualification="level1"),
    "22 L3": Profile(age=22, qualification="level3", english_maths=True),
}
RARE_NEW = 100
OLDER = 0.10
BANDS = {2: "Intermediate", 3: "Advanced"}  # 4+ is "Higher"


class Evidence:
    """Per-provider figures read straight from the bundle's provider tables."""

    def __init__(self, bundle) -> None:
        py, ps, ph = bundle.provider_years, bundle.provider_standards, bundle.provider_home
        full = sorted(set(py.loc[~py.partial_year, "year"]))
        self.latest = full[-1]
        tot = py[py.year == self.latest].set_index("ukprn")["starts"]
        s = ps[ps.year == self.latest]
        self.share = {(u, p): n / max(tot.get(u, 0), 1) for u, p, n in zip(s.ukprn, s.programme_id, s.starts)}
        self.by_prog: dict[str, list[str]] = {}
        for u, p in self.share:
            self.by_prog.setdefault(p, []).append(u)
        h = ph[ph.year == self.latest]
        self.home = {(c, u): n for c, u, n in zip(h.lad_code, h.ukprn, h.starts)}
        full_any = set(ps.loc[~ps.partial_year & (ps.starts > 0), "programme_id"])
        part = ps[ps.partial_year].groupby("programme_id")["starts"].sum()
        self.rare_new = {p for p in set(bundle.standards.programme_id) - full_any if part.get(p, 0) < RARE_NEW}
        self.part = part.to_dict()
        self.level = dict(zip(bundle.standards.programme_id, bundle.standards.level))
        a = bundle.provider_ages
        a = a[a.year == self.latest]
        if "level_band" in a:
            g = a.groupby(["ukprn", "level_band"])
            self.young = (
                (a[a.age_group == "Under 19"].groupby(["ukprn", "level_band"])["starts"].sum() / g["starts"].sum())
                .fillna(0)
                .to_dict()
            )
        else:
            t = a.groupby("ukprn")["starts"].sum()
            y = a[a.age_group == "Under 19"].groupby("ukprn")["starts"].sum().reindex(t.index).fillna(0)
            self.young = {(u, b): v for u, v in (y / t).items() for b in ("Intermediate", "Advanced", "Higher")}

    def per_provider(self, codes: tuple[str, ...], pid: str) -> dict[str, float]:
        out = {}
        for u in self.by_prog.get(pid, []):
            area = sum(self.home.get((c, u), 0) for c in codes)
            if area:
                out[u] = area * self.share[(u, pid)]
        return out

    def judge(self, codes: tuple[str, ...], pid: str, age: int) -> set[str]:
        bad = set()
        if pid in self.rare_new:
            bad.add("rare new")
        per = self.per_provider(codes, pid)
        total = sum(per.values())
        if total > 0 and sum(v for u, v in per.items() if u in FORCES) >= 0.5 * total:
            bad.add("mostly forces")
        if age < 19 and total > 0:
            band = BANDS.get(int(self.level.get(pid, 4)), "Higher")
            young = sum(v * self.young.get((u, band), 0.0) for u, v in per.items()) / total
            if young < OLDER:
                bad.add("mostly older")
        return bad


def age_check(ctx) -> list[str]:
    """How close the provider-level age split comes to DfE's national starts by level and age (the raw files hold
    no age figures by standard): starts on standards at each level band, split by each provider's age mix at that
    band (as the estimate does), against the national under-19 and 19-24 starts at that band."""
    import pandas as pd

    raw = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw" / "dfe_apprenticeships"
    f = raw / "apprenticeships_by_region_level_age_2022-23_to_2025-26.csv"
    if not f.exists():
        return ["(the raw files are not here: age check skipped)"]
    nat = pd.read_csv(f)
    index = ctx.delivery
    y = index.latest
    nat = nat[nat["year"] == y]
    lines = []
    for b, band in enumerate(("Intermediate", "Advanced", "Higher")):
        cols = index._band_cols[b]
        starts = index.on_standard[y][:, cols].sum(axis=1)
        for g, group in enumerate(("Under 19", "19-24")):
            ours = float((starts * index.age_share[y][:, b, g]).sum())
            theirs = float(nat.loc[nat["apps_Level"].str.startswith(band) & (nat["age_group"] == group), "starts"].sum())
            share_o = ours / max(float(starts.sum()), 1)
            share_t = theirs / max(float(nat.loc[nat["apps_Level"].str.startswith(band), "starts"].sum()), 1)
            lines.append(
                f"{band}, {group}: {share_o:.1%} of starts on standards by provider age mix; "
                f"{share_t:.1%} of all starts at that level in DfE's national table ({y})"
            )
    return lines


def card(ctx, where: str, profile: Profile, title_part: str) -> str:
    place = ctx.resolve(where)
    travel = ctx.travel(place, profile.travel)
    routes = find_routes(ctx.bundle, profile, ctx.local_provider(travel), limit=40)
    want = title_part.casefold()
    for r in routes:
        for s in r.steps:
            if s.title.casefold().startswith(want) and s.delivery is not None:
                return f"#{r.rank} {s.title}: {s.delivery.sentence()}"
    d = ctx.delivery.summaries(travel.codes)
    pid = next((p for p, t in sorted(ctx.delivery.titles.items()) if t.casefold().startswith(want)), None)
    return f"(not in the top 40) {title_part}: " + (d[pid].sentence() if pid and pid in d else "-")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--districts", type=int, default=0)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    ctx = load_context()
    ev = Evidence(ctx.bundle)
    codes = list(ctx.areas.codes)[: args.districts or None]
    counts, examples = measure(ctx, ev, codes)
    out = report(ev, codes, counts, examples)
    cards = named_cards(ctx)
    for k, v in cards.items():
        print(f"  {k}: {v}")
    print("Age split against DfE's national starts by level and age:")
    for line in age_check(ctx):
        print(f"  {line}")
    if args.json:
        args.json.write_text(json.dumps({"shares": out, "cards": cards}, indent=1))
    return 0


def measure(ctx, ev: Evidence, codes: list[str]) -> tuple[dict[str, Counter], dict[str, list[str]]]:
    """Counts of judged top-five first steps per profile, and examples."""
    counts: dict[str, Counter] = {k: Counter() for k in PROFILES}
    examples: dict[str, list[str]] = {}
    for code in codes:
        place = ctx.areas.district(code)
        for name, prof in PROFILES.items():
            travel = ctx.travel(place, prof.travel)
            groups = find_route_groups(ctx.bundle, prof, ctx.local_provider(travel), per_group=5)
            for r in groups.routes.get("earn", ())[:5]:  # apprenticeships are all in this group
                first = r.steps[0]
                if first.kind not in APPRENTICESHIP_KINDS:
                    continue
                counts[name]["first apprenticeships"] += 1
                for b in ev.judge(travel.codes, first.id, prof.age):
                    counts[name][b] += 1
                    examples.setdefault(b, []).append(f"{place.name}, {name}: #{r.rank} {first.title}")
    return counts, examples


def report(ev: Evidence, codes: list[str], counts: dict[str, Counter], examples: dict[str, list[str]]) -> dict:
    print(f"Top-five first-step apprenticeships over {len(codes)} districts ({ev.latest} provider figures):")
    out = {}
    for name, c in counts.items():
        n = c["first apprenticeships"]
        shares = {b: c[b] / n if n else 0.0 for b in ("mostly forces", "mostly older", "rare new")}
        out[name] = {"first_apprenticeships": n, **{b: round(v, 4) for b, v in shares.items()}}
        print(
            f"  {name:9s}: {n:5d} first steps; mostly forces {shares['mostly forces']:.1%}, "
            f"mostly older {shares['mostly older']:.1%}{'' if PROFILES[name].age < 19 else ' (not judged at 19+)'}, "
            f"rare new {shares['rare new']:.1%}"
        )
    for b, ex in examples.items():
        print(f"  e.g. {b}: " + "; ".join(ex[:3]))
    return out


def named_cards(ctx) -> dict[str, str]:
    """The route cards advisers asked about (Redcar, Telford, Blackpool), as the route finder shows them."""
    sixteen = Profile(age=16, qualification="level2", english_maths=True)
    return {
        "Redcar, Engineering technician": card(ctx, "TS10 1AA", sixteen, "Engineering technician"),
        "Redcar, Radio network technician": card(ctx, "TS10 1AA", sixteen, "Radio network technician"),
        "Telford, Aircraft maintenance": card(ctx, "TF3 4AA", sixteen, "Aircraft maintenance"),
        "Blackpool, Adult care worker": card(ctx, "FY1 1AA", Profile(age=16, qualification="none"), "Adult care worker"),
    }


if __name__ == "__main__":
    raise SystemExit(main())
