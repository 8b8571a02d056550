"""British National Grid (OSGB36) eastings and northings to WGS84 latitude and longitude."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

__all__ = ["osgb36_to_wgs84"]

_AIRY_A, _AIRY_B = 6377563.396, 6356256.909  # Airy 1830
_AIRY_E2 = 1 - (_AIRY_B * _AIRY_B) / (_AIRY_A * _AIRY_A)


def osgb36_to_wgs84(easting: Iterable[float], northing: Iterable[float]) -> tuple[np.ndarray, np.ndarray]:
    """Convert British National Grid coordinates to WGS84 latitude and longitude (degrees).

    Inverse transverse Mercator on the Airy 1830 ellipsoid, then the standard OSGB36 -> WGS84
    Helmert transformation (accurate to a few metres, ample for area centroids).
    """
    phi, lam = _grid_to_airy(np.asarray(easting, dtype=float), np.asarray(northing, dtype=float))
    return _airy_to_wgs84(phi, lam)


def _grid_to_airy(e: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inverse transverse Mercator: grid eastings and northings -> OSGB36 latitude and longitude (radians)."""
    a, b = _AIRY_A, _AIRY_B
    f0, lat0, lon0 = 0.9996012717, math.radians(49.0), math.radians(-2.0)
    n0, e0 = -100000.0, 400000.0
    e2 = _AIRY_E2
    nn = (a - b) / (a + b)

    def meridional(lat: np.ndarray) -> np.ndarray:
        d, s = lat - lat0, lat + lat0
        return (
            b
            * f0
            * (
                (1 + nn + 1.25 * nn**2 + 1.25 * nn**3) * d
                - (3 * nn + 3 * nn**2 + 21 / 8 * nn**3) * np.sin(d) * np.cos(s)
                + (15 / 8 * nn**2 + 15 / 8 * nn**3) * np.sin(2 * d) * np.cos(2 * s)
                - 35 / 24 * nn**3 * np.sin(3 * d) * np.cos(3 * s)
            )
        )

    lat = (n - n0) / (a * f0) + lat0
    for _ in range(20):
        lat = lat + (n - n0 - meridional(lat)) / (a * f0)
    sin, cos, tan = np.sin(lat), np.cos(lat), np.tan(lat)
    nu = a * f0 / np.sqrt(1 - e2 * sin**2)
    rho = a * f0 * (1 - e2) / (1 - e2 * sin**2) ** 1.5
    eta2 = nu / rho - 1
    sec = 1 / cos
    de = e - e0
    vii = tan / (2 * rho * nu)
    viii = tan / (24 * rho * nu**3) * (5 + 3 * tan**2 + eta2 - 9 * tan**2 * eta2)
    ix = tan / (720 * rho * nu**5) * (61 + 90 * tan**2 + 45 * tan**4)
    x = sec / nu
    xi = sec / (6 * nu**3) * (nu / rho + 2 * tan**2)
    xii = sec / (120 * nu**5) * (5 + 28 * tan**2 + 24 * tan**4)
    xiia = sec / (5040 * nu**7) * (61 + 662 * tan**2 + 1320 * tan**4 + 720 * tan**6)
    phi = lat - vii * de**2 + viii * de**4 - ix * de**6
    lam = lon0 + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return phi, lam


def _airy_to_wgs84(phi: np.ndarray, lam: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """OSGB36 latitude and longitude (radians) to cartesian (Airy), Helmert to WGS84, back to geodetic
    (GRS80/WGS84) latitude and longitude in degrees."""
    a, e2 = _AIRY_A, _AIRY_E2
    nu1 = a / np.sqrt(1 - e2 * np.sin(phi) ** 2)
    x1 = nu1 * np.cos(phi) * np.cos(lam)
    y1 = nu1 * np.cos(phi) * np.sin(lam)
    z1 = nu1 * (1 - e2) * np.sin(phi)
    tx, ty, tz, s = 446.448, -125.157, 542.060, -20.4894e-6
    rx, ry, rz = (math.radians(v / 3600) for v in (0.1502, 0.2470, 0.8421))
    x2 = tx + (1 + s) * x1 - rz * y1 + ry * z1
    y2 = ty + rz * x1 + (1 + s) * y1 - rx * z1
    z2 = tz - ry * x1 + rx * y1 + (1 + s) * z1
    a2, b2 = 6378137.000, 6356752.3141
    e22 = 1 - (b2 * b2) / (a2 * a2)
    p = np.sqrt(x2**2 + y2**2)
    phi2 = np.arctan2(z2, p * (1 - e22))
    for _ in range(10):
        nu2 = a2 / np.sqrt(1 - e22 * np.sin(phi2) ** 2)
        phi2 = np.arctan2(z2 + e22 * nu2 * np.sin(phi2), p)
    return np.degrees(phi2), np.degrees(np.arctan2(y2, x2))
