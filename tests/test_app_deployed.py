"""A deployed copy of the app: a college's name, courses and colour; and a damaged data bundle."""

from pathlib import Path

import pytest

from tests.apptest_helpers import open_page as run

pytestmark = pytest.mark.slow  # (left out by make test-fast)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def college_env(tmp_path, monkeypatch):
    cfg = tmp_path / "college.toml"
    cfg.write_text(
        'name = "Wearside Test College"\nprimary_colour = "#8a1538"\ndefault_area = "SR1"\n'
        'featured_routes = ["Digital"]\ncareers_contact = "https://www.example.ac.uk/careers"\n'
        f'courses = "{(ROOT / "docs/college/courses_template.csv").as_posix()}"\n'
    )
    monkeypatch.setenv("PATHWAYS_COLLEGE", str(cfg))
    _forget_college()
    yield cfg
    monkeypatch.delenv("PATHWAYS_COLLEGE")
    _forget_college()


def _forget_college() -> None:
    """The college and its courses are cached per server (process): drop them between tests."""
    from views import cache

    cache.forget_college()


def test_college_courses_are_a_first_step_for_a_matching_learner(college_env):
    at = run("routes", {"where": "SR1 1AA", "age": "17", "q": "level2", "em": "1"})
    assert not at.exception
    assert any(s.value == "Start at Wearside Test College" for s in at.subheader)
    assert any("At Wearside Test College:" in m.value for m in at.markdown)


def test_no_college_courses_for_a_learner_far_away(college_env):
    at = run("routes", {"where": "TR1 1AA", "age": "17", "q": "level2", "em": "1", "t": "home"})
    assert not at.exception
    assert not any("Wearside Test College" in s.value for s in at.subheader)


def test_start_page_uses_the_college_default_area_and_name(college_env):
    at = run("start", {})
    assert at.text_input[0].value == "SR1"
    assert any("Wearside Test College" in c.value for c in at.caption)


def test_launcher_applies_the_college_colour(college_env):
    from pathways.college import load_college
    from serve import build_command

    argv, env = build_command(load_college(college_env), [])
    assert "--theme.primaryColor" in argv and "#8a1538" in argv


def test_course_list_check_on_the_about_page_reports_bad_rows():
    """The uploader is exercised through the same function it calls; AppTest cannot upload files."""
    from pathways.bundle import load_bundle
    from pathways.courses import CourseLookups, read_course_bytes

    data = (
        "title,level,route,campus postcode,start dates,duration,link\n"
        "Plumbing,2,Construction and the built environment,SR1 3SD,September 2026,1 year,https://example.ac.uk/p\n"
        '=HYPERLINK("http://evil"),2,Digital,SR1 3SD,September 2026,1 year,https://example.ac.uk/x\n'
        "Welding,2,Engineering and manufacturing,EH1 1AA,soon,1 year,javascript:alert(1)\n"
    ).encode()
    checked = read_course_bytes(data, "courses.csv", CourseLookups.from_bundle(load_bundle()))
    assert len(checked.courses) == 1 and {p.row for p in checked.problems} == {3, 4}


def test_a_damaged_bundle_stops_the_app_with_the_file_and_the_fix(tmp_path, monkeypatch):
    import shutil

    from views import cache

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "occupations.parquet").write_bytes(b"PAR1 not really")
    monkeypatch.setenv("PATHWAYS_DATA", str(data))
    cache._context.clear()
    try:
        at = run("routes", {"where": "TS10 1AA"})
        assert not at.exception
        assert any("cannot start" in e.value for e in at.error)
        text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.code)
        assert "occupations.parquet" in text and "python -m pathways.ingest" in text
    finally:
        monkeypatch.delenv("PATHWAYS_DATA")
        cache._context.clear()
