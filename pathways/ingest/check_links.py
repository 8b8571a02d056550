"""Check the programme -> occupation links of the BUILT bundle.

``python -m pathways.ingest.check_links`` prints

* the share of approved apprenticeship standards with at least one SOC 2020 link, and
* the accuracy on the hand-check of the 60 most-started standards
  (``tests/fixtures/standard_soc_handcheck.csv``): a standard counts as right when its best link
  (highest confidence, then rank 1) is the unit group judged correct by hand from the ONS
  descriptions.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from pathways.bundle import DATA_DIR, load_bundle

__all__ = ["HANDCHECK", "best_links", "handcheck_accuracy", "linked_share", "main"]

HANDCHECK = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "standard_soc_handcheck.csv"


def best_links(links: pd.DataFrame) -> pd.Series:
    """Each programme's best SOC code: the rank-1 link (the ingest's documented choice of best)."""
    ordered = links.sort_values(["programme_id", "rank", "confidence"], ascending=[True, True, False])
    return ordered.drop_duplicates("programme_id").set_index("programme_id")["soc"]


def linked_share(standards: pd.DataFrame, links: pd.DataFrame) -> float:
    """Share of approved (not paused) standards with at least one link."""
    approved = standards.loc[standards["status"] == "approved", "programme_id"]
    return float(approved.isin(set(links["programme_id"])).mean()) if len(approved) else 0.0


def handcheck_accuracy(links: pd.DataFrame, handcheck: pd.DataFrame) -> tuple[float, pd.DataFrame]:
    """Accuracy of the best links against the hand-check, and the rows that disagree."""
    best = best_links(links)
    hc = handcheck.assign(got=handcheck["programme_id"].map(best))
    hc["ok"] = hc["got"] == hc["expected_soc"]
    return float(hc["ok"].mean()) if len(hc) else 0.0, hc[~hc["ok"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pathways.ingest.check_links", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="bundle folder")
    parser.add_argument("--handcheck", type=Path, default=HANDCHECK)
    args = parser.parse_args(argv)
    bundle = load_bundle(args.data)
    links, standards = bundle.programme_occupations, bundle.standards
    handcheck = pd.read_csv(args.handcheck, dtype=str)
    share = linked_share(standards, links)
    accuracy, wrong = handcheck_accuracy(links, handcheck)
    titles = bundle.occupations.set_index("soc")["title"]
    print(f"approved standards linked to an occupation: {share:.1%}")
    print(f"hand-check accuracy (best link == expected unit group): {accuracy:.1%} of {len(handcheck)}")
    for row in wrong.itertuples():
        print(f"  {row.programme_id} {row.title}: expected {row.expected_soc} {row.expected_title}; "
              f"got {row.got} {titles.get(row.got, '')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
