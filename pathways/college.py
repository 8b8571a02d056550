"""A college's branding and settings, read from one TOML file.

The file's path comes from the ``PATHWAYS_COLLEGE`` environment variable (or is passed in).
With no file the explorer runs as the neutral public site (:meth:`College.neutral`).
This module uses the standard library only, so the light launcher (``serve.py``) can import it.

Examples
--------
>>> College.neutral().is_neutral
True
>>> normalise_colour("#1D70B8")
'#1d70b8'
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pathways.errors import PathwaysError
from pathways.profile import ROUTES

__all__ = [
    "ENV_VAR",
    "KEYS",
    "LOGO_SUFFIXES",
    "College",
    "CollegeConfigError",
    "load_college",
    "normalise_colour",
    "contrast_ratio",
]

#: environment variable holding the path of the college's TOML file
ENV_VAR = "PATHWAYS_COLLEGE"
#: every key the file may hold
KEYS: tuple[str, ...] = ("name", "logo", "primary_colour", "default_area", "featured_routes", "careers_contact", "courses")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif")
MAX_FILE_BYTES = 64_000
MAX_NAME = 80
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ROUTE_BY_KEY = {r.casefold(): r for r in ROUTES}


class CollegeConfigError(PathwaysError):
    """The college's settings file cannot be used; the message names the key and the fix."""


@dataclass(frozen=True)
class College:
    """One organisation's settings. Every field is valid (see :func:`load_college`).

    Attributes
    ----------
    name : the organisation's name ("" for the neutral explorer)
    logo : an absolute file path or an https URL, or None
    primary_colour : ``#rrggbb`` (lower case) or None for the default theme
    default_area : what the start page should show in "Where do you live?" (resolved by the app)
    featured_routes : routes to show first, in the file's order
    careers_contact : an https URL, a ``mailto:`` or a ``tel:`` link for a careers appointment
    courses : absolute path of the course list (CSV or XLSX), or None
    source : the TOML file read, or None
    warnings : plain sentences about settings that work but may look poor (e.g. low contrast)
    """

    name: str = ""
    logo: str | None = None
    primary_colour: str | None = None
    default_area: str = ""
    featured_routes: tuple[str, ...] = ()
    careers_contact: str | None = None
    courses: Path | None = None
    source: Path | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def logo_link(self) -> str | None:
        """Where a click on the logo goes: the careers contact when it is a web address, else nowhere
        (Streamlit's logo takes only http(s) links; a ``mailto:`` or ``tel:`` contact is offered on the Plan page).

        >>> College(name="X", careers_contact="mailto:c@x.ac.uk").logo_link is None
        True
        >>> College(name="X", careers_contact="https://x.ac.uk/careers").logo_link
        'https://x.ac.uk/careers'
        """
        c = self.careers_contact
        return c if c and urlsplit(c).scheme == "https" else None

    @classmethod
    def neutral(cls) -> "College":
        """The public explorer, with no branding."""
        return cls()

    @property
    def is_neutral(self) -> bool:
        return not self.name

    @property
    def display_name(self) -> str:
        """The name to use in sentences ("At <name>: ...")."""
        return self.name or "a college near you"


# ------------------------------------------------------------------------------ loading
def load_college(path: Path | str | None = None) -> College:
    """Read a college's settings.

    Parameters
    ----------
    path : the TOML file; when None, the path in env ``PATHWAYS_COLLEGE`` (unset or empty:
        the neutral explorer).

    Raises
    ------
    CollegeConfigError
        for a missing or unreadable file, malformed TOML, an unknown key or a bad value; the
        message names the key and says how to fix it.
    """
    if path is None:
        env = os.environ.get(ENV_VAR, "").strip()
        if not env:
            return College.neutral()
        path = env
    path = Path(path).expanduser()
    data = _read_toml(path)
    base = path.resolve().parent
    _check_keys(data, path)
    warnings: list[str] = []
    colour = _colour(data.get("primary_colour"))
    if colour and contrast_ratio(colour, "#ffffff") < 4.5:
        warnings.append(
            f"primary_colour {colour} has a contrast of {contrast_ratio(colour, '#ffffff'):.1f}:1 with "
            "white button text (4.5:1 is the accessible minimum); consider a darker shade."
        )
    return College(
        name=_name(data.get("name")),
        logo=_logo(data.get("logo"), base),
        primary_colour=colour,
        default_area=_text("default_area", data.get("default_area"), 100),
        featured_routes=_routes(data.get("featured_routes")),
        careers_contact=_contact(data.get("careers_contact")),
        courses=_courses(data.get("courses"), base),
        source=path.resolve(),
        warnings=tuple(warnings),
    )


def _read_toml(path: Path) -> dict:
    where = f"the college settings file {path}"
    if not path.is_file():
        raise CollegeConfigError(f"We could not find {where}. Check the path in {ENV_VAR}.")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CollegeConfigError(f"We could not read {where}: {exc.strerror or exc}.") from None
    if len(raw) > MAX_FILE_BYTES:
        raise CollegeConfigError(f"{where} is larger than {MAX_FILE_BYTES // 1000} kB; it should be a few lines.")
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CollegeConfigError(f"{where} is not UTF-8 text. Save it as UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        raise CollegeConfigError(f"{where} is not valid TOML ({exc}). Check quotes around text values.") from None


def _check_keys(data: dict, path: Path) -> None:
    for key in data:
        if key not in KEYS:
            near = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f" Did you mean '{near[0]}'?" if near else f" The keys are: {', '.join(KEYS)}."
            raise CollegeConfigError(f"Unknown setting '{key}' in {path.name}.{hint}")
    if "name" not in data:
        raise CollegeConfigError(f"The setting 'name' is missing from {path.name}: give the organisation's name.")


def _text(key: str, value: object, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CollegeConfigError(f"The setting '{key}' must be text in quotes.")
    text = " ".join("".join(ch for ch in value if ch.isprintable()).split())
    if len(text) > limit:
        raise CollegeConfigError(f"The setting '{key}' is longer than {limit} characters.")
    return text


def _name(value: object) -> str:
    name = _text("name", value, MAX_NAME)
    if not name:
        raise CollegeConfigError("The setting 'name' is empty: give the organisation's name.")
    return name


def normalise_colour(value: str) -> str:
    """``#RRGGBB`` in lower case; raises CollegeConfigError for anything else."""
    if not isinstance(value, str) or not _COLOUR.match(value.strip()):
        raise CollegeConfigError(
            f"The setting 'primary_colour' must be a colour like \"#1d70b8\" (a # and six hex digits), not {str(value)[:30]!r}."
        )
    return value.strip().lower()


def _colour(value: object) -> str | None:
    return None if value is None else normalise_colour(value)  # type: ignore[arg-type]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours.

    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    """

    def lum(c: str) -> float:
        chans = [int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _https(key: str, value: str, allow_contact: bool = False) -> str:
    text = value.strip()
    ok = len(text) <= 500 and not any(ch.isspace() or not ch.isprintable() for ch in text)
    parts = urlsplit(text) if ok else None
    if parts is not None and parts.scheme == "https" and "." in (parts.hostname or ""):
        return text
    if (
        allow_contact
        and parts is not None
        and parts.scheme == "mailto"
        and re.fullmatch(r"[^@\s/]+@[^@\s/]+\.[^@\s/]+", parts.path or "")
    ):
        return text
    if allow_contact and parts is not None and parts.scheme == "tel" and re.fullmatch(r"\+?[0-9][0-9-]{5,19}", parts.path or ""):
        return text
    allowed = "an https:// web address, a mailto: link or a tel: link" if allow_contact else "an https:// web address"
    raise CollegeConfigError(f"The setting '{key}' must be {allowed}, not {text[:60]!r}.")


def _logo(value: object, base: Path) -> str | None:
    if value is None:
        return None
    text = _text("logo", value, 500)
    if text.lower().startswith(("http://", "https://")):
        return _https("logo", text)
    if ":" in text.split("/")[0] and not re.match(r"^[A-Za-z]:[\\/]", text):
        raise CollegeConfigError("The setting 'logo' must be an image file path or an https:// web address.")
    p = (base / text).resolve()
    if p.suffix.lower() not in LOGO_SUFFIXES:
        raise CollegeConfigError(f"The setting 'logo' must be an image ({', '.join(LOGO_SUFFIXES)}), not '{p.name}'.")
    if not p.is_file():
        raise CollegeConfigError(f"The setting 'logo' points to {p}, which does not exist.")
    return str(p)


def _routes(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CollegeConfigError("The setting 'featured_routes' must be a list of route names in quotes.")
    out: list[str] = []
    for v in value:
        route = _ROUTE_BY_KEY.get(" ".join(v.split()).casefold())
        if route is None:
            near = difflib.get_close_matches(v, ROUTES, n=1, cutoff=0.5)
            hint = f" Did you mean '{near[0]}'?" if near else " Use the names listed in docs/college/README.md."
            raise CollegeConfigError(f"The setting 'featured_routes' has '{v[:60]}', which is not one of the 15 routes.{hint}")
        if route not in out:
            out.append(route)
    return tuple(out)


def _contact(value: object) -> str | None:
    if value is None:
        return None
    return _https("careers_contact", _text("careers_contact", value, 500), allow_contact=True)


def _courses(value: object, base: Path) -> Path | None:
    if value is None:
        return None
    text = _text("courses", value, 500)
    p = (base / text).resolve()
    if p.suffix.lower() not in (".csv", ".xlsx"):
        raise CollegeConfigError(f"The setting 'courses' must be a .csv or .xlsx file, not '{p.name}'.")
    if not p.is_file():
        raise CollegeConfigError(f"The setting 'courses' points to {p}, which does not exist.")
    return p
