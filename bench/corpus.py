"""The benchmark's generated corpus: govinfo.synth with a fixed seed.

The same builder and renderer as the Hypothesis strategies in
``govinfo.strategies``, driven by a seeded ``random.Random`` so that the corpus,
and the figures measured on it, are the same from run to run.
"""

from __future__ import annotations

import random

from govinfo.testing import (
    NEW_TEMPLATES,
    OLD_TEMPLATES,
    consistent_values,
    render_report,
    shapes_for,
)

_AGENCIES = ("青禾县人民政府", "云溪区人民政府", "松岚市人民政府", "澄柳县人民政府办公室")


def generate(count: int, seed: int, *, new: bool = False) -> list[str]:
    """``count`` report texts cycling through the old (or new) templates and their shapes.

    Every fifth report carries noise lines; every seventh is in Traditional script.
    """
    rng = random.Random(seed)
    templates = NEW_TEMPLATES if new else OLD_TEMPLATES
    reports: list[str] = []
    for index in range(count):
        template = templates[index % len(templates)]
        shapes = shapes_for(template)
        shape = shapes[(index // len(templates)) % len(shapes)]
        agency = rng.choice(_AGENCIES)
        values = consistent_values(template, rng.randint, blanks=index % 3 == 0, agency=agency)
        reports.append(
            render_report(
                values,
                template,
                shape,
                agency=agency,
                year={"old-2014": 2014, "new-2019": 2019, "new-2021": 2022}.get(template, 2018),
                noise=index % 5 == 0,
                traditional=index % 7 == 0,
                spelling=rng.randint,
            )
        )
    return reports
