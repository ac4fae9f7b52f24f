"""Time of the split solver on run-together tables of 1,000 and 10,000 rows.

A generated table in table 三's shape: blocks of twenty rows of seven counts (six
applicant columns and their 总计, N3) under a total row per block whose columns
are the sums of the block's rows (N2). Every row is printed with its digits run
together (``713000074``), so each row has several candidate splits; the solver
decides what the rules allow. The floor, measured in the same run, is what any
solver must do first: enumerate each row's candidate splits
(:func:`govinfo.tables.digits.row_splits`) and read every candidate once.

The solver is *linear* when a row costs at 10,000 rows at most twice what it
costs at 1,000.

Usage: ``python bench/solver.py [--rows 1000 10000] [--repeat 3] [--seed 1]``
(``make bench``).
"""

from __future__ import annotations

import argparse
import functools
import gc
import random
import time
from decimal import Decimal
from typing import TYPE_CHECKING

from govinfo.tables.digits import TooMany, row_splits
from govinfo.tables.new.solve import Equation, Pending, solve

if TYPE_CHECKING:
    from collections.abc import Callable

COLUMNS = ("natural_person", "business", "research", "public_interest", "legal", "other")
BLOCK = 20
#: The seven cells of a row: six applicant columns, then 总计.
WIDTH = len(COLUMNS) + 1


def _counts(rng: random.Random) -> list[int]:
    # Mostly zeros and small counts, now and then a large one, as table 三 prints.
    return [rng.choice((0, 0, 0, 0, 1, 2, rng.randint(3, 40))) for _ in COLUMNS]


def table(rows: int, seed: int) -> tuple[list[list[str]], list[Equation]]:
    """The glued digits of ``rows`` rows (block total rows included) and their rules."""
    rng = random.Random(seed)
    runs: list[list[str]] = []
    rules: list[Equation] = []
    while len(runs) < rows:
        first = len(runs)
        block = [_counts(rng) for _ in range(min(BLOCK, rows - first - 1) or 1)]
        total = [sum(column) for column in zip(*block, strict=True)]
        runs.extend(["".join(str(v) for v in (*values, sum(values)))] for values in (*block, total))
        ids = range(first, len(runs))
        for key in ids:  # N3: the row's 总计 is the sum of its six columns
            terms = [(-1, f"r{key}.{c}") for c in range(len(COLUMNS))]
            rules.append(("N3", "=", ((1, f"r{key}.{len(COLUMNS)}"), *terms)))
        for column in range(WIDTH):  # N2: the block's total row is its rows' sum
            terms = [(-1, f"r{key}.{column}") for key in ids[:-1]]
            rules.append(("N2", "=", ((1, f"r{ids[-1]}.{column}"), *terms)))
    return runs, rules


def candidates(runs: list[list[str]]) -> list[Pending]:
    """Each row's candidate splits, as the solver takes them (the floor's work)."""
    pending = []
    for key, run in enumerate(runs):
        try:
            found = row_splits(run, WIDTH)
        except TooMany:
            continue
        cells = tuple(f"r{key}.{c}" for c in range(WIDTH))
        decoded = tuple(tuple(Decimal(piece) for piece in split) for split in found)
        pending.append(Pending(str(key), cells, decoded))
    return pending


def best(step: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``step``, in seconds.

    The objects already made are frozen out of the garbage collector first, so a
    run is not charged for rescanning its input (which grows with the table).
    """
    times = []
    gc.collect()
    gc.freeze()
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    gc.unfreeze()
    return min(times)


def main() -> None:
    """Print the solver's time per row beside the floor's, at each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print("split solver (digits run together): blocks of 20 rows of 7 counts, N3 and N2")
    header = f"{'rows':>7} {'floor s':>9} {'solve s':>9} {'µs/row':>8} {'ratio':>7} {'decided':>9}"
    print(header)
    print("-" * len(header))
    per_row: list[float] = []
    for rows in args.rows:
        runs, rules = table(rows, args.seed)
        floor = best(functools.partial(candidates, runs), args.repeat)
        pending = candidates(runs)
        solved = solve(pending, {}, "bench", rules=rules)
        seconds = best(functools.partial(solve, pending, {}, "bench", rules=rules), args.repeat)
        per_row.append(seconds / rows)
        decided = len(solved.values) / (rows * WIDTH)
        print(
            f"{rows:>7} {floor:>9.3f} {seconds:>9.3f} {seconds / rows * 1e6:>8.1f} "
            f"{seconds / floor:>6.2f}x {decided:>8.1%}"
        )
    growth = per_row[-1] / per_row[0]
    verdict = "linear" if growth <= 2 else "NOT linear"
    print(f"time per row, {args.rows[-1]} rows against {args.rows[0]}: {growth:.2f}x ({verdict})")
    print("ratio: solver time in floors (enumerating the candidate splits), same run")


if __name__ == "__main__":
    main()
