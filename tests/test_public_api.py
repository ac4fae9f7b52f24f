"""The public surface: every name in __all__, documented, and nothing else leaks."""

from __future__ import annotations

import inspect

import govinfo


def test_all_is_sorted_and_complete() -> None:
    assert list(govinfo.__all__) == sorted(govinfo.__all__)
    for name in govinfo.__all__:
        assert hasattr(govinfo, name), name


def test_public_names_are_documented() -> None:
    for name in govinfo.__all__:
        obj = getattr(govinfo, name)
        assert inspect.getdoc(obj), name


def test_only_govinfo_errors_derive_from_the_root() -> None:
    for error in (govinfo.ReportSyntaxError, govinfo.InputError, govinfo.CatalogueError):
        assert issubclass(error, govinfo.GovinfoError)


def test_parse_bytes_keeps_a_source_given_apart_from_the_filename() -> None:
    page = "<p>某县2020年政府信息公开工作年度报告</p>".encode()
    named = govinfo.parse_bytes(page, filename="a.html", source="https://example.org/a")
    assert named.source == "https://example.org/a"
    assert govinfo.parse_bytes(page, filename="a.html").source == "a.html"
