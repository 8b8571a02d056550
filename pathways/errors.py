"""The package's exception hierarchy: every error a user could trigger is a PathwaysError
with a plain-English message that is safe to show on a page."""

from __future__ import annotations

__all__ = [
    "PathwaysError",
    "BundleError",
    "AreaNotFound",
    "OutsideEngland",
    "PlaceChoices",
    "UnknownProgramme",
    "UnknownOccupation",
]


class PathwaysError(Exception):
    """Base class: ``str(error)`` is a plain message fit to show to a person."""


class BundleError(PathwaysError):
    """The data bundle is missing, damaged or out of date.

    Attributes
    ----------
    table : the file or table that is wrong (or ``"manifest"``)
    problem : what is wrong, in plain words
    """

    REBUILD = "python -m pathways.ingest --raw ../shared/data/raw --out data"

    def __init__(self, table: str, problem: str) -> None:
        self.table = table
        self.problem = problem
        super().__init__(f"The data file '{table}' cannot be used: {problem}. Rebuild the data with: {self.REBUILD}")


class AreaNotFound(PathwaysError):
    """A postcode or place we could not find."""


class PlaceChoices(AreaNotFound):
    """A place name that fits more than one place (Kirkby, Newcastle), or that looks misspelt (Blackpol).

    ``str(error)`` names the choices in a plain sentence, so any page can show it as it is; a page that can
    offer buttons uses ``choices``.

    Attributes
    ----------
    choices : ``(label, query)`` pairs, best first: ``label`` to show ("Kirkby-in-Ashfield (Ashfield)"),
        ``query`` to type instead, which finds that one place
    ambiguous : True when several places share the name; False for a "did you mean" after a misspelling
    question : the message without the list, for a page that shows the choices as buttons
    """

    def __init__(
        self, message: str, choices: tuple[tuple[str, str], ...] = (), ambiguous: bool = False, question: str = ""
    ) -> None:
        super().__init__(message)
        self.choices = tuple(choices)
        self.ambiguous = ambiguous
        self.question = question or message


class OutsideEngland(PathwaysError):
    """A real place, but in Wales, Scotland, Northern Ireland or beyond."""


class UnknownProgramme(PathwaysError):
    """A programme reference that is not in the bundle."""


class UnknownOccupation(PathwaysError):
    """A job code (SOC 2020 unit group) that is not in the bundle."""


class UnknownRoute(PathwaysError):
    """A route id that is not among this learner's routes."""
