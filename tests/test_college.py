"""The college settings loader, the themed launcher (serve.py) and the Dockerfile."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from pathways.college import ENV_VAR, College, CollegeConfigError, load_college

ROOT = Path(__file__).resolve().parent.parent
GOOD = """
name = "Example College"
logo = "logo.png"
primary_colour = "#8A1538"
default_area = "SR1"
featured_routes = ["digital", "Health and science", "Digital"]
careers_contact = "https://www.example.ac.uk/careers"
courses = "courses.csv"
"""


def write(tmp_path: Path, text: str, files: tuple[str, ...] = ("logo.png", "courses.csv")) -> Path:
    for name in files:
        (tmp_path / name).write_bytes(b"x")
    p = tmp_path / "college.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_good_file(tmp_path):
    c = load_college(write(tmp_path, GOOD))
    assert c.name == "Example College" and not c.is_neutral
    assert c.primary_colour == "#8a1538"
    assert c.featured_routes == ("Digital", "Health and science")
    assert c.logo == str((tmp_path / "logo.png").resolve())
    assert c.courses == (tmp_path / "courses.csv").resolve()
    assert c.default_area == "SR1" and c.careers_contact.startswith("https://")
    assert c.warnings == ()
    with pytest.raises(AttributeError):
        c.name = "x"  # frozen


def test_no_file_is_neutral(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert load_college() == College.neutral()
    monkeypatch.setenv(ENV_VAR, "  ")
    assert load_college().is_neutral


def test_env_var_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(write(tmp_path, GOOD)))
    assert load_college().name == "Example College"


def test_env_var_pointing_nowhere_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing.toml"))
    with pytest.raises(CollegeConfigError, match="could not find"):
        load_college()


def test_minimal_file_and_mailto(tmp_path):
    c = load_college(write(tmp_path, 'name = "X"\ncareers_contact = "mailto:careers@example.ac.uk"\n', ()))
    assert c.name == "X" and c.primary_colour is None and c.courses is None


def test_low_contrast_colour_is_a_warning(tmp_path):
    c = load_college(write(tmp_path, 'name = "X"\nprimary_colour = "#ffdd00"\n', ()))
    assert c.primary_colour == "#ffdd00" and "contrast" in c.warnings[0]


BAD = [
    ('name = "X\nprimary_colour = 1', "not valid TOML"),
    ('name = "X"\nprimary_color = "#123456"', "Unknown setting 'primary_color'.*primary_colour"),
    ('name = "X"\ncolour_scheme = 3', "Unknown setting 'colour_scheme'"),
    ('default_area = "SR1"', "'name' is missing"),
    ('name = "  "', "'name' is empty"),
    ("name = 3", "'name' must be text"),
    ('name = "X"\nprimary_colour = "maroon"', "primary_colour.*six hex digits"),
    ('name = "X"\nprimary_colour = "#12345"', "primary_colour"),
    ('name = "X"\nprimary_colour = "#12345g"', "primary_colour"),
    ('name = "X"\ncareers_contact = "http://example.ac.uk"', "careers_contact.*https"),
    ('name = "X"\ncareers_contact = "javascript:alert(1)"', "careers_contact"),
    ('name = "X"\ncareers_contact = "mailto:nobody"', "careers_contact"),
    ('name = "X"\nlogo = "javascript:alert(1)"', "logo"),
    ('name = "X"\nlogo = "missing.png"', "'logo' points to .*does not exist"),
    ('name = "X"\nlogo = "logo.exe"', "'logo' must be an image"),
    ('name = "X"\ncourses = "nope.csv"', "'courses' points to .*does not exist"),
    ('name = "X"\ncourses = "courses.pdf"', "'courses' must be a .csv or .xlsx"),
    ('name = "X"\nfeatured_routes = ["Digitl"]', "featured_routes.*Did you mean 'Digital'"),
    ('name = "X"\nfeatured_routes = "Digital"', "featured_routes.*list"),
]


@pytest.mark.parametrize("text, message", BAD)
def test_bad_files_name_the_key(tmp_path, text, message):
    with pytest.raises(CollegeConfigError, match=message):
        load_college(write(tmp_path, text))


def test_not_utf8_and_too_big(tmp_path):
    p = tmp_path / "c.toml"
    p.write_bytes(b'name = "\xff"')
    with pytest.raises(CollegeConfigError, match="UTF-8"):
        load_college(p)
    p.write_text("# x\n" * 20_000)
    with pytest.raises(CollegeConfigError, match="larger than"):
        load_college(p)


def test_example_file_in_docs_loads():
    c = load_college(ROOT / "docs/college/college.example.toml")
    assert c.name and c.courses is not None and c.courses.exists()


# ------------------------------------------------------------------------------ serve.py
sys.path.insert(0, str(ROOT))
import serve  # noqa: E402


def test_themed_command_line(tmp_path):
    college = load_college(write(tmp_path, GOOD))
    argv, env = serve.build_command(college, ["--server.port", "8600"], python="python", environ={"A": "1"})
    assert argv == ["python", "-m", "streamlit", "run", "app.py", "--theme.primaryColor", "#8a1538", "--server.port", "8600"]
    assert env == {"A": "1", ENV_VAR: str((tmp_path / "college.toml").resolve())}


def test_neutral_command_line():
    argv, env = serve.build_command(College.neutral(), [], python="python", environ={})
    assert argv == ["python", "-m", "streamlit", "run", "app.py"] and env == {}


def test_launcher_does_not_import_streamlit():
    code = "import sys; sys.argv=['serve.py']; import serve; print('streamlit' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_launcher_refuses_bad_settings_plainly(tmp_path):
    p = write(tmp_path, 'name = "X"\nprimary_colour = "red"\n', ())
    out = subprocess.run(
        [sys.executable, "serve.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", ENV_VAR: str(p)},
    )
    assert out.returncode == 2
    assert "primary_colour" in out.stderr and "Traceback" not in out.stderr


def test_streamlit_accepts_the_theme_option():
    """The option serve.py passes is a real Streamlit config option."""
    from streamlit import config

    assert "theme.primaryColor" in config._config_options_template  # noqa: SLF001
    assert "server.corsAllowedOrigins" in config._config_options_template  # noqa: SLF001


# ------------------------------------------------------------------------------ Dockerfile
def dockerfile() -> list[str]:
    text = (ROOT / "Dockerfile").read_text()
    return [ln.strip() for ln in re.sub(r"\\\n\s*", " ", text).splitlines() if ln.strip() and not ln.startswith("#")]


def test_dockerfile_slim_base_and_non_root_user():
    lines = dockerfile()
    assert lines[0] == "FROM python:3.11-slim"
    users = [ln.split()[1] for ln in lines if ln.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert any(ln.startswith("RUN pip install -r requirements.txt") for ln in lines)


def test_dockerfile_health_check_and_command():
    lines = dockerfile()
    health = [ln for ln in lines if ln.startswith("HEALTHCHECK")]
    assert len(health) == 1 and "http://127.0.0.1:8501/_stcore/health" in health[0] and "urllib" in health[0]
    assert "EXPOSE 8501" in lines
    cmd = [ln for ln in lines if ln.startswith("CMD ")][-1]
    import json

    argv = json.loads(cmd[4:])
    assert argv[:2] == ["python", "serve.py"]
    assert argv[argv.index("--server.port") + 1] == "8501" and argv[argv.index("--server.address") + 1] == "0.0.0.0"


def test_dockerfile_copies_what_exists():
    copied = []
    for ln in dockerfile():
        if ln.startswith("COPY "):
            parts = [p for p in shlex.split(ln)[1:] if not p.startswith("--")]
            copied += parts[:-1]
    for name in ("app.py", "serve.py", ".streamlit/", "views/", "pathways/", "data/", "requirements.txt"):
        assert name in copied, name
        assert (ROOT / name).exists(), name
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "data" not in ignored and "tests" in ignored and ".git" in ignored
