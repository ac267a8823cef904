"""Israeli Transverse Mercator (ITM, EPSG:2039) grid coordinates to WGS 84 degrees.

The CBS locality file gives each locality's position on the ITM grid (metres east and
north). ITM is a Transverse Mercator projection of the GRS 80 ellipsoid on the Israel 1993
datum; the inverse projection gives Israel 1993 latitude and longitude, and a seven-
parameter Helmert shift (the EPSG:2039 `towgs84` values) moves them to WGS 84.
"""

from __future__ import annotations

import numpy as np

A = 6378137.0
"""GRS 80 semi-major axis, metres (WGS 84 differs only in the 9th digit of f)."""
F = 1 / 298.257222101
"""GRS 80 flattening."""
E2 = F * (2 - F)

LAT0 = np.radians(31 + 44 / 60 + 3.817 / 3600)
LON0 = np.radians(35 + 12 / 60 + 16.261 / 3600)
K0 = 1.0000067
FALSE_EASTING = 219529.584
FALSE_NORTHING = 626907.390
"""ITM's origin, scale and false origin (Survey of Israel, as registered in EPSG:2039)."""

TO_WGS84 = (-24.0024, -17.1032, -17.8444, -0.33077, -1.85269, 1.66969, 5.4248)
"""Israel 1993 → WGS 84: shifts (m), rotations (arc-seconds, position vector) and scale
(ppm) of EPSG:2039's `towgs84`."""


def _meridian_arc(lat: np.ndarray) -> np.ndarray:
    """Distance along the meridian from the equator to `lat` (radians), metres."""
    e4, e6 = E2 * E2, E2**3
    return A * (
        (1 - E2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * lat
        - (3 * E2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * np.sin(2 * lat)
        + (15 * e4 / 256 + 45 * e6 / 1024) * np.sin(4 * lat)
        - (35 * e6 / 3072) * np.sin(6 * lat)
    )


def _inverse_tm(east: np.ndarray, north: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Israel 1993 latitude and longitude (radians) of ITM grid points (Snyder 1987, §8)."""
    ep2 = E2 / (1 - E2)
    m = _meridian_arc(LAT0) + (north - FALSE_NORTHING) / K0
    mu = m / (A * (1 - E2 / 4 - 3 * E2**2 / 64 - 5 * E2**3 / 256))
    e1 = (1 - np.sqrt(1 - E2)) / (1 + np.sqrt(1 - E2))
    phi1 = (
        mu
        + (3 * e1 / 2 - 27 * e1**3 / 32) * np.sin(2 * mu)
        + (21 * e1**2 / 16 - 55 * e1**4 / 32) * np.sin(4 * mu)
        + (151 * e1**3 / 96) * np.sin(6 * mu)
        + (1097 * e1**4 / 512) * np.sin(8 * mu)
    )
    sin1, cos1, tan1 = np.sin(phi1), np.cos(phi1), np.tan(phi1)
    c1 = ep2 * cos1**2
    t1 = tan1**2
    n1 = A / np.sqrt(1 - E2 * sin1**2)
    r1 = A * (1 - E2) / (1 - E2 * sin1**2) ** 1.5
    d = (east - FALSE_EASTING) / (n1 * K0)
    lat = phi1 - (n1 * tan1 / r1) * (
        d**2 / 2
        - (5 + 3 * t1 + 10 * c1 - 4 * c1**2 - 9 * ep2) * d**4 / 24
        + (61 + 90 * t1 + 298 * c1 + 45 * t1**2 - 252 * ep2 - 3 * c1**2) * d**6 / 720
    )
    lon = (
        LON0
        + (
            d
            - (1 + 2 * t1 + c1) * d**3 / 6
            + (5 - 2 * c1 + 28 * t1 - 3 * c1**2 + 8 * ep2 + 24 * t1**2) * d**5 / 120
        )
        / cos1
    )
    return lat, lon


def _helmert_to_wgs84(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shift Israel 1993 geodetic coordinates (radians, height 0) to WGS 84 (radians)."""
    n = A / np.sqrt(1 - E2 * np.sin(lat) ** 2)
    x = n * np.cos(lat) * np.cos(lon)
    y = n * np.cos(lat) * np.sin(lon)
    z = n * (1 - E2) * np.sin(lat)
    tx, ty, tz, rx, ry, rz, ppm = TO_WGS84
    rx, ry, rz = np.radians(np.array([rx, ry, rz]) / 3600)
    s = 1 + ppm * 1e-6
    x2 = tx + s * (x - rz * y + ry * z)
    y2 = ty + s * (rz * x + y - rx * z)
    z2 = tz + s * (-ry * x + rx * y + z)
    p = np.hypot(x2, y2)
    lat2 = np.arctan2(z2, p * (1 - E2))
    for _ in range(5):  # converges to well under a millimetre
        n2 = A / np.sqrt(1 - E2 * np.sin(lat2) ** 2)
        height = p / np.cos(lat2) - n2
        lat2 = np.arctan2(z2, p * (1 - E2 * n2 / (n2 + height)))
    return lat2, np.arctan2(y2, x2)


def itm_to_wgs84(east: np.ndarray, north: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """WGS 84 latitude and longitude (degrees) of ITM grid points (metres).

    >>> lat, lon = itm_to_wgs84(np.array([180270.0]), np.array([664860.0]))  # Tel Aviv-Yafo
    >>> round(float(lat[0]), 4), round(float(lon[0]), 4)
    (32.0764, 34.7894)
    """
    lat, lon = _inverse_tm(np.asarray(east, dtype=float), np.asarray(north, dtype=float))
    lat, lon = _helmert_to_wgs84(lat, lon)
    return np.degrees(lat), np.degrees(lon)
