"""Classify the lines of a normalised report into the tokens of ``table.lark``.

Prose lines yield only headings. A statistics table starts at its header row
(``统计指标``) or at its first section row (``一、主动公开情况``) and ends at
its footer (``单位负责人：…``) or where prose resumes. Inside it each line is one
token: a row label by its ordinal, a unit, a value, a blank cell or a note.
The cells printed after a row label (on its line or the lines below) ride on
the label's :class:`LineToken` rather than going to the parser one by one: the
grammar is about the rows' hierarchy, and the parser's work grows with tokens.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, NamedTuple, Protocol, cast

import attrs

from govinfo.folding import compact, folded_key, key, text_cache
from govinfo.limits import MAX_TABLE_CELLS
from govinfo.tables.labels import ORDINAL_RE
from govinfo.tables.reading import tables_cut
from govinfo.text.cells import CellText, is_row_line, split_cells
from govinfo.text.normalize import Document, Line, LineKind
from govinfo.values import is_not_a_number, parse_value

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.catalogue import Catalogue
    from govinfo.models import Diagnostic

__all__ = ["CellToken", "Lexed", "LineToken", "tokenize"]

_KIND_BY_GROUP = {"sec": "SEC", "paren": "PAREN", "item": "ITEM", "where": "WHERE"}
_ROW_KINDS = frozenset({"SEC", "PAREN", "ITEM", "WHERE", "PLAIN"})
_CELL_KINDS = frozenset({"UNIT", "VALUE", "BLANK", "NOTE"})

_HEADER_KEYS = frozenset({"统计指标", "单位", "统计数", "指标名称", "计量单位"})
# A header row's other columns: the year (`2014年度`), 本年度, 历年累计 (provincial forms).
_HEADER_COLUMN_RE = re.compile(r"^(?:(?:19|20)\d\d年度?|本年度?|本年数|历年累计|累计)$")
_WORD_RE = re.compile(r"\S+")
_FOOTER_RE = re.compile(r"^(?:单位负责人|审核人|填报人|制表人|联系电话|填报日期)")
#: Table furniture: titles, the year line, the reporting unit (catalogue §1.4).
FURNITURE_RE = re.compile(
    r"^(?:附件\d*[:：]?)?(?:\d{4}年度?)?政府信息公开(?:工作)?(?:情况)?统计表$"
    r"|^\(\d{4}年度?\)$|^填报单位|^\([^()]{2,8}政府\)$|^附件\d*[:：]?$"
)
_PROSE_END_RE = re.compile(r"。.")
_MAX_HEADING_CHARS = 40


class CellToken(NamedTuple):
    """A cell printed after a row label: UNIT, VALUE, BLANK or NOTE, with its place."""

    type: str
    text: str
    line: int
    column: int


class LineToken(NamedTuple):
    """A token of ``table.lark``: its type, text and place.

    A row label's cells (in order) ride on it; other tokens have none. A plain
    tuple rather than Lark's ``Token``: the parser sees only the types
    (:mod:`govinfo.tables.old.grammar`), and a tuple is cheaper to build.
    """

    type: str
    text: str
    line: int
    column: int
    cells: list[CellToken]


@attrs.frozen(kw_only=True)
class Lexed:
    """Tokens for the grammar plus what the lexer set aside on the way."""

    tokens: tuple[LineToken, ...]
    #: Table furniture lines (titles, ``（2018年度）``, ``（市级政府）``).
    furniture: tuple[Line, ...]
    #: Lines of the document by number, for provenance.
    lines: tuple[Line, ...]
    #: ``tables-cut`` when the tables hold more than :data:`~govinfo.limits.MAX_TABLE_CELLS`.
    diagnostics: tuple[Diagnostic, ...] = ()


# Tokens other than row labels carry no cells: they share one list, never appended to.
_NO_CELLS: list[CellToken] = []


def tokenize(document: Document, catalogue: Catalogue) -> Lexed:
    """Turn a document into grammar tokens, one per meaningful line.

    Stops after :data:`~govinfo.limits.MAX_TABLE_CELLS` cells, with a
    ``tables-cut`` diagnostic where it stopped.
    """
    lexer = _LineLexer(catalogue)
    lexer.feed(document.lines)
    return Lexed(
        tokens=tuple(lexer.tokens),
        furniture=tuple(lexer.furniture),
        lines=document.lines,
        diagnostics=() if lexer.cut is None else (lexer.cut,),
    )


# Looked up once: an enum member's lookup goes through the enum type's __getattr__ hook.
_TEXT, _BLANK = LineKind.TEXT, LineKind.BLANK


class _LineLexer:
    """Prose mode yields headings; table mode yields one token per table line."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.plan = _planner(catalogue)
        self.tokens: list[LineToken] = []
        self.furniture: list[Line] = []
        self.in_table = False
        #: The open table is printed as a grid (pipe or tab rows).
        self.grid = False
        #: Row tokens of the open table so far.
        self.rows = 0
        #: The row token that cell tokens join, until another token comes.
        self.row: LineToken | None = None
        #: Cells (tokens) read so far, and where reading stopped at the limit.
        self.read = 0
        self.cut: Diagnostic | None = None

    def add(self, kind: str, text: str, line: int, column: int) -> None:
        """Queue a token for the parser; a cell joins the row it follows."""
        if self.read == MAX_TABLE_CELLS:
            self.cut = self.cut or tables_cut("old-table", line, column, text)
            return
        self.read += 1
        if kind in _CELL_KINDS and self.row is not None:
            self.row.cells.append(tuple.__new__(CellToken, (kind, text, line, column)))
            return
        # A cell with no row before it goes to the parser, which rejects it.
        if kind in _ROW_KINDS:
            self.rows += 1
            # tuple.__new__: the same LineToken without a NamedTuple's Python-level __new__.
            self.row = tuple.__new__(LineToken, (kind, text, line, column, []))
            self.tokens.append(self.row)
        else:
            self.row = None
            self.tokens.append(tuple.__new__(LineToken, (kind, text, line, column, _NO_CELLS)))

    def feed(self, lines: Sequence[Line]) -> None:
        """Lex ``lines``, up to the cell limit."""
        plan_of = self.plan
        catalogue = plan_of.catalogue
        for line in lines:
            kind = line.kind
            if kind is not _TEXT:
                # In tab-separated tables a tab-only line is an empty cell.
                if kind is _BLANK and self.in_table and line.raw.startswith("\t"):
                    self.add("BLANK", "", line.number, line.indent + 1)
                continue
            text = line.text
            if len(text) <= _CACHED_LINE_CHARS:
                plan = plan_of(text, self.in_table, self.grid)
            else:
                plan = _plan_line(text, catalogue, self.in_table, self.grid)
            if plan is not _QUIET:  # most prose lines
                self.apply(line, plan)
                if self.cut is not None:
                    return

    def apply(self, line: Line, plan: _LinePlan) -> None:
        """Do what ``plan`` says of ``line``."""
        ends_grid, furniture, opens, grid, reprint, column, tokens, closes = plan
        if ends_grid:
            self.in_table = False
        if furniture:
            self.furniture.append(line)
            return
        number = line.number
        if opens:
            self.in_table, self.grid, self.rows = True, grid, 0
            self.add("TABLE", "", number, column)
        elif reprint and self.rows:
            # The header row printed again (a table cut in two): a new printed table.
            self.rows = 0
            self.add("TABLE", "", number, column)
        for kind, body, at in tokens:
            if kind in _CELL_KINDS and self.row is not None and self.read < MAX_TABLE_CELLS:
                # add()'s commonest case, inline: a cell joins its row.
                self.read += 1
                self.row.cells.append(tuple.__new__(CellToken, (kind, body, number, at)))
                continue
            self.add(kind, body, number, at)
            if self.cut is not None:
                return
        if closes:
            self.in_table = False


class _LinePlan(NamedTuple):
    """What a line does to the lexer, given whether a table (and a grid) is open.

    A pure function of the line's text and those two states, so it is cached
    (:func:`_planner`): table lines repeat across the reports of a template.
    """

    #: The open grid table ends before this line (a line that is not a row).
    ends_grid: bool
    #: The line is table furniture (nothing else happens).
    furniture: bool
    #: The line opens a table (a TABLE token first) ...
    opens: bool
    #: ... printed as a grid (pipe or tab rows).
    grid: bool
    #: The line is the header row printed again: a new table if the open one has rows.
    reprint: bool
    #: Column of the line's text (after its indent), 1-based.
    column: int
    #: The line's tokens (type, text, column), cells included.
    tokens: tuple[tuple[str, str, int], ...]
    #: The table ends after this line (its footer, or prose).
    closes: bool


#: The plan of a line that changes nothing (most prose lines), shared.
_QUIET = _LinePlan(
    ends_grid=False,
    furniture=False,
    opens=False,
    grid=False,
    reprint=False,
    column=1,
    tokens=(),
    closes=False,
)


# Lines longer than this are planned every time: long lines (prose) rarely repeat.
_CACHED_LINE_CHARS = 128


class _Planner(Protocol):
    catalogue: Catalogue

    def __call__(self, text: str, in_table: bool, grid: bool) -> _LinePlan: ...  # noqa: FBT001


@functools.cache
def _planner(catalogue: Catalogue) -> _Planner:
    """:func:`_plan_line` over ``catalogue``, cached by a line's text and the lexer's state."""

    # A bounded cache: a worker reading thousands of reports keeps the latest lines.
    @functools.lru_cache(maxsize=8192)
    def plan(text: str, in_table: bool, grid: bool) -> _LinePlan:  # noqa: FBT001
        return _plan_line(text, catalogue, in_table, grid)

    planner = cast("_Planner", plan)
    planner.catalogue = catalogue
    return planner


def _plan_line(text: str, catalogue: Catalogue, in_table: bool, grid: bool) -> _LinePlan:  # noqa: FBT001
    """What the line ``text`` does in prose mode (``in_table`` false) or in a table."""
    row_line = is_row_line(text)
    # A row line in a table is read cell by cell: its whole-line key is not needed.
    facts = _NO_FACTS if in_table and row_line else _facts(text)
    line_key = facts.key
    old_active_key = _old_active_key(catalogue)
    # Split a row line only where an old table is, or may start.
    maybe_table = in_table or "统计指标" in line_key or old_active_key in line_key
    # split_cells reads a line's text only (a cell's line number is not used here).
    cells = split_cells(Line(0, text, text, _TEXT))[0] if maybe_table and row_line else None
    first = next((_facts(c.text) for c in cells if c.text), _NO_FACTS) if cells else facts
    ends_grid = in_table and grid and not row_line and not facts.footer
    if ends_grid:
        # A table printed as a grid (HTML, Word, pipes) ends where its grid ends.
        in_table = False
    column = len(text) - len(text.lstrip()) + 1
    # Built by position (a plan is made for every new line): the fields in order are
    # ends_grid, furniture, opens, grid, reprint, column, tokens, closes.
    if first.furniture:
        return _LinePlan(ends_grid, True, False, row_line, False, column, (), False)  # noqa: FBT003
    if in_table or _opens_table(first.key, old_active_key):
        reprint = bool(in_table and cells and folded_key(cells[0].text) in _HEADER_KEYS)
        if cells is not None:
            tokens, closes = _row_tokens(cells, catalogue)
        else:
            tokens, closes = _line_tokens(text, column, facts, catalogue)
        opens = not in_table
        return _LinePlan(ends_grid, False, opens, row_line, reprint, column, tokens, closes)  # noqa: FBT003
    if _is_heading(line_key):
        heading = (("HEADING", text.strip(), column),)
        return _LinePlan(ends_grid, False, False, row_line, False, column, heading, False)  # noqa: FBT003
    if ends_grid:
        return _LinePlan(True, False, False, row_line, False, column, (), False)  # noqa: FBT003
    return _QUIET


def _line_tokens(
    text: str, column: int, facts: _KeyFacts, catalogue: Catalogue
) -> tuple[tuple[tuple[str, str, int], ...], bool]:
    """The tokens of a table line that is not a row line (one cell, or words).

    Returns the tokens and whether the table ends after the line (its footer, or prose).
    """
    if facts.footer:
        return (("FOOTER", text.strip(), column),), True
    if facts.prose:
        return (), True
    spaced = _spaced_cells(text, catalogue)
    if spaced is None:
        return ((_table_kind(facts.key, catalogue), text.strip(), column),), False
    return tuple(spaced), False


@functools.cache
def _old_active_key(catalogue: Catalogue) -> str:
    return key(catalogue.by_id["old.active"].label)


def _opens_table(line_key: str, old_active_key: str) -> bool:
    if line_key.startswith(("统计指标", "指标名称")):
        return True
    match = ORDINAL_RE.match(line_key)
    return bool(match and match["sec"] and line_key[match.end() :] == old_active_key)


def _row_tokens(
    cells: list[CellText], catalogue: Catalogue
) -> tuple[tuple[tuple[str, str, int], ...], bool]:
    """A table row printed on one line (pipes or tabs): a token per cell.

    Returns the tokens and whether the row is the table's footer (which ends it).
    """
    tokens: list[tuple[str, str, int]] = []
    labelled = False
    for cell in cells:
        cell_key = folded_key(cell.text)
        if not labelled and not cell_key:
            continue  # the empty cells before the label
        if not labelled and _FOOTER_RE.match(cell_key):
            tokens.append(("FOOTER", cell.text, cell.column))
            return tuple(tokens), True
        kind = _table_kind(cell_key, catalogue) if cell_key else "BLANK"
        labelled = True
        tokens.append((kind, cell.text, cell.column))
    return tuple(tokens), False


class _KeyFacts(NamedTuple):
    """A text's key and what it says of the line, looked up at once."""

    key: str
    furniture: bool
    footer: bool
    #: A sentence goes on after a full stop, in a line longer than a heading: prose.
    prose: bool


# Table lines repeat within and across reports: their facts are cached.
@text_cache(maxsize=8192)
def _facts(text: str) -> _KeyFacts:
    line_key = compact(text)
    return _KeyFacts(
        key=line_key,
        furniture=FURNITURE_RE.match(line_key) is not None,
        footer=_FOOTER_RE.match(line_key) is not None,
        prose=len(line_key) > _MAX_HEADING_CHARS and _PROSE_END_RE.search(line_key) is not None,
    )


_NO_FACTS = _KeyFacts(key="", furniture=False, footer=False, prose=False)


def _spaced_cells(text: str, catalogue: Catalogue) -> list[tuple[str, str, int]] | None:
    """A table line printed with spaces between its cells (PDF text), as tokens.

    ``（一）主动公开政府信息数 条 120`` gives the label, the unit and the value: the
    words at the end that are units, values or placeholders are cells, the words
    before them the label (which may hold spaces). A line of header words gives a
    HEAD token each. ``None`` when the line is one cell.
    """
    if " " not in text.strip():
        return None  # one cell (most lines of one-cell-per-line tables)
    words = list(_WORD_RE.finditer(text))
    if len(words) < 2:
        return None
    keys = [folded_key(w.group()) for w in words]
    if all(k in _HEADER_KEYS or _HEADER_COLUMN_RE.match(k) for k in keys):
        return [("HEAD", w.group(), w.start() + 1) for w in words]
    end = len(words)
    while end > 0 and _table_kind(keys[end - 1], catalogue) in {"UNIT", "VALUE"}:
        end -= 1
    if end == len(words):
        return None
    cells = [
        (_table_kind(k, catalogue), w.group(), w.start() + 1)
        for w, k in zip(words[end:], keys[end:], strict=True)
    ]
    if end:
        label = text[words[0].start() : words[end - 1].end()]
        cells.insert(0, (_table_kind(folded_key(label), catalogue), label, words[0].start() + 1))
    return cells


@functools.lru_cache(maxsize=8192)
def _table_kind(line_key: str, catalogue: Catalogue) -> str:
    if line_key in _HEADER_KEYS:
        return "HEAD"
    if line_key in catalogue.units:
        return "UNIT"
    if parse_value(line_key) is not None or is_not_a_number(line_key):
        return "VALUE"  # 不适用 too: a value cell's text, flagged not_a_number when read
    if line_key in catalogue.note_keys:
        return "NOTE"
    match = ORDINAL_RE.match(line_key)
    if match is not None:
        return _KIND_BY_GROUP[str(match.lastgroup)]
    return "PLAIN"


def _is_heading(line_key: str) -> bool:
    """A short prose line that starts with a heading ordinal (not ``其中：``)."""
    match = ORDINAL_RE.match(line_key)
    if match is None or match["where"]:
        return False
    body = line_key[match.end() :]
    return bool(body) and len(line_key) <= _MAX_HEADING_CHARS and not _PROSE_END_RE.search(line_key)
