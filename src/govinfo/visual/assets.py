"""The page's inline style and script (no external file is ever loaded).

The script only measures: once the page is laid out it writes each marked
cell's box (``data-rect="x,y,width,height"``, page pixels) and whether it is
visible, so a test in a real browser can check the page as drawn.
"""

from __future__ import annotations

__all__ = ["ERROR_COLOUR", "SCRIPT", "STYLE", "WARNING_COLOUR"]

#: Backgrounds of the cells of errors and warnings (also read back by the browser test).
ERROR_COLOUR = "#f4a9a0"
WARNING_COLOUR = "#f9d976"

STYLE = f"""
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
  sans-serif; margin: 1.5em; color: #222; font-size: 14px; }}
h1 {{ font-size: 1.4em; }}
.facts {{ color: #555; }}
.outcome {{ font-weight: bold; padding: .4em .6em; background: #eef3f8; }}
.outcome.unchecked {{ background: #fff0d0; }}
table {{ border-collapse: collapse; margin: .5em 0 1.5em; }}
th, td {{ border: 1px solid #999; padding: .25em .45em; vertical-align: top; }}
th {{ background: #f3f3f3; font-weight: normal; }}
th.label {{ text-align: left; background: #fafafa; min-width: 6em; max-width: 22em; }}
th.group {{ background: #eee; }}
td.cell {{ min-width: 3.5em; text-align: right; }}
td.unit {{ text-align: center; color: #555; }}
td.void {{ background: repeating-linear-gradient(45deg, #f6f6f6, #f6f6f6 4px,
  #fff 4px, #fff 8px); }}
.value {{ display: block; font-size: 1.05em; }}
.where {{ display: block; color: #888; font-size: .72em; white-space: nowrap; }}
td.blank .value {{ color: #999; font-style: italic; }}
td.absent {{ border-style: dashed; }}
td.absent .value {{ color: #bbb; }}
td.mark.error {{ background: {ERROR_COLOUR}; }}
td.mark.warning {{ background: {WARNING_COLOUR}; }}
td.suspect {{ outline: 3px solid #b00000; outline-offset: -3px; }}
td.decided {{ outline: 2px dashed #7a5fb0; outline-offset: -2px; }}
td:target, li:target {{ box-shadow: 0 0 0 3px #1f5fbf; }}
.links a {{ font-size: .72em; margin-left: .3em; }}
.prose-note {{ display: block; font-size: .75em; color: #7a2b00; text-align: left; }}
.finding {{ margin: .4em 0; }}
.finding.error strong {{ color: #a00000; }}
.finding.warning strong {{ color: #8a5a00; }}
.finding.info strong {{ color: #666; }}
.rule, .numbers, .cells {{ font-size: .85em; color: #555; }}
.to-cell {{ margin-right: .6em; }}
"""

SCRIPT = """
(function () {
  var marked = document.querySelectorAll("td.mark");
  for (var i = 0; i < marked.length; i++) {
    var box = marked[i].getBoundingClientRect();
    marked[i].setAttribute("data-rect", [Math.round(box.left + window.scrollX),
      Math.round(box.top + window.scrollY), Math.round(box.width),
      Math.round(box.height)].join(","));
    var style = window.getComputedStyle(marked[i]);
    marked[i].setAttribute("data-visible",
      box.width > 0 && box.height > 0 && style.visibility !== "hidden" ? "1" : "0");
    marked[i].setAttribute("data-background", style.backgroundColor);
  }
  document.body.setAttribute("data-measured", String(marked.length));
})();
"""
