"""What the reporting body is allowed to do, read from its name (catalogue rule N9).

Only State Council departments and the governments of provinces, autonomous
regions, municipalities, 设区的市 and 自治州 (and offices reporting for them) can
make 规章. A name settles the question only for bodies below the city level:
townships, towns, sub-districts, counties, banners and districts, and their
departments. A 市 may be a 设区的市 or a county-level city, so it stays unknown.
"""

from __future__ import annotations

import re

__all__ = ["can_make_rules"]

# Levels that cannot make 规章: 乡, 镇, 街道(办事处), 县, 旗, and 区 other than 自治区.
_BELOW_CITY_RE = re.compile(r"乡|镇|街道|县|旗|(?<!自治)区")


def can_make_rules(agency: str | None) -> bool | None:
    """False when the agency's name shows it cannot make 规章; None when it does not say.

    >>> from govinfo.checks.bodies import can_make_rules
    >>> can_make_rules("兰山区人民政府"), can_make_rules("某某县交通运输局")
    (False, False)
    >>> can_make_rules("枣庄市人民政府") is None
    True
    """
    if not agency:
        return None
    return False if _BELOW_CITY_RE.search(agency) else None
