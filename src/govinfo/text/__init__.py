"""Text: normalised lines with a source map, row lines split into cells, metadata, prose.

:mod:`.normalize` (folding, Traditional → Simplified, noise lines, columns kept),
:mod:`.cells` (a row line into cells), :mod:`.meta` (title, agency, year) and
:mod:`.prose` (figures the prose states). May import only the base modules
(errors, folding, values, models, catalogue), never carriers, tables or checks.
"""
