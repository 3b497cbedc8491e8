"""Dates to ISO at the precision the text gives; impossible dates are reported, never guessed."""
from __future__ import annotations

import datetime as dt


# "18/01/2023", "9/3/2023", "02-8-2022", "5 tháng 3 năm 2022", "ngày 05.6.2024"
DAY_DATE = (r"(?P<d>\d{1,2})\s*(?:[/\-.]\s*(?P<m>\d{1,2})\s*[/\-.]\s*|\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+)(?P<y>(?:19|20)\d{2})"
            r"(?![\d])")
MONTH_DATE = r"(?P<m>\d{1,2})\s*(?:/|-|\s+năm\s+)\s*(?P<y>(?:19|20)\d{2})(?![\d/])"
YEAR_DATE = r"(?P<y>(?:19|20)\d{2})(?![\d/])"
ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
QUARTER_DATE = r"(?P<q>IV|III|II|I|[1-4])\s*(?:/|-|\s+năm\s+)\s*(?P<y>(?:19|20)\d{2})(?![\d/])"



def iso_day(day: int, month: int, year: int) -> str | None:
    """'2023-01-18', or None when the date does not exist (20/20/2023)."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_month(month: int, year: int) -> str | None:
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


def iso_quarter(quarter: str, year: int) -> str | None:
    q = ROMAN_QUARTERS.get(quarter.upper())
    return f"{year:04d}-Q{q}" if q else None
