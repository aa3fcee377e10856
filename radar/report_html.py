"""``report.html``: the after-action review with its plots inline, for people who would
rather look than read.

Pure: the review (:func:`radar.report_review.build_review`) in, one self-contained HTML
page out (inline SVG, no scripts, no network). The text is the Markdown review, turned
into HTML by a converter for the few forms it uses (headings, lists, tables, paragraphs).

>>> "<svg" in render_html({"source": "x.csv", "bins": [{"start": "2026-11-22T07:00:00Z",
...     "mentions": 3, "negative": 1, "positive": 0}], "alerts": [], "days": False,
...     "bin_minutes": 1.0}, "# Evaluatie na afloop\\n")
True
"""

from __future__ import annotations

import html
import re
from typing import Any

from radar.signals import MIN_POSTS_FOR_SHARE
from radar.timeutil import parse_time

WIDTH, HEIGHT, PAD = 900, 220, 36


def volume_svg(review: dict[str, Any]) -> str:
    """Posts per bin (bars), negative share (red line), spikes and swings (markers)."""
    from radar.report_review import when_format

    bins = _grouped(review["bins"])
    if not bins:
        return ""
    when = when_format(review["days"])
    t0 = parse_time(bins[0]["start"])
    t1 = parse_time(review["bins"][-1]["start"]) + review["bin_minutes"] * 60
    per = review["bin_minutes"] * max(1, -(-len(review["bins"]) // MAX_BARS))
    top = max(b["mentions"] or 0 for b in bins) or 1
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD

    def x(t: float) -> float:
        return PAD + (t - t0) / max(t1 - t0, 1.0) * inner_w

    bar = max(inner_w / len(bins) - 0.5, 0.5)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="berichten en negatief aandeel door de tijd">',
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#888"/>',
    ]
    share: list[list[str]] = [[]]  # runs of bins with enough posts for a share
    for b in bins:
        n = b["mentions"] or 0
        left = x(parse_time(b["start"]))
        h = n / top * inner_h
        parts.append(
            f'<rect x="{left:.1f}" y="{HEIGHT - PAD - h:.1f}" width="{bar:.1f}" '
            f'height="{h:.1f}" fill="#4a78b5"/>'
        )
        if n >= MIN_POSTS_FOR_SHARE:
            share[-1].append(
                f"{left + bar / 2:.1f},{HEIGHT - PAD - (b['negative'] or 0) / n * inner_h:.1f}"
            )
        elif share[-1]:
            share.append([])
    for run in share:
        if len(run) > 1:
            parts.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="#c0392b" '
                'stroke-width="1.5" opacity="0.8"/>'
            )
        elif run:
            x0, y0 = run[0].split(",")
            parts.append(f'<circle cx="{x0}" cy="{y0}" r="2" fill="#c0392b" opacity="0.8"/>')
    for tick in (0, 50, 100):  # the share's axis, on the right
        y = HEIGHT - PAD - tick / 100 * inner_h
        parts.append(
            f'<text x="{WIDTH - PAD + 4}" y="{y + 4:.1f}" font-size="11" fill="#c0392b">'
            f"{tick}%</text>"
        )
    for a in review["alerts"]:
        ax = x(parse_time(a["since"]))
        colour = "#e67e22" if a["kind"] == "spike" else "#8e44ad"
        parts.append(
            f'<line x1="{ax:.1f}" y1="{PAD}" x2="{ax:.1f}" y2="{HEIGHT - PAD}" stroke="{colour}" '
            f'stroke-dasharray="4 3"><title>{html.escape(when(a["since"]) + " " + a["message"])}'
            "</title></line>"
        )
    parts += [
        f'<text x="{PAD}" y="{HEIGHT - 8}" font-size="12">{html.escape(when(t0))}</text>',
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" font-size="12" text-anchor="end">'
        f"{html.escape(when(t1))}</text>",
        f'<text x="{PAD}" y="{PAD - 10}" font-size="12">max {top} per {_duration(per)} '
        " · blauw: berichten · rood: aandeel negatief (vanaf "
        f"{MIN_POSTS_FOR_SHARE} berichten) · streep: piek (oranje) / omslag "
        "(paars)</text>",
        "</svg>",
    ]
    return "\n".join(parts)


MAX_BARS = 150


def _grouped(bins: list[dict[str, Any]], most: int = MAX_BARS) -> list[dict[str, Any]]:
    """At most ``most`` bars: neighbouring bins summed (a bar per minute over weeks is noise)."""
    size = max(1, -(-len(bins) // most))
    return [
        {
            "start": bins[i]["start"],
            **{k: sum(b.get(k) or 0 for b in bins[i : i + size]) for k in ("mentions", "negative")},
        }
        for i in range(0, len(bins), size)
    ]


def _duration(minutes: float) -> str:
    """``5 min``, ``2 uur``, ``1 dag``.

    >>> _duration(4.0), _duration(120.0), _duration(1440.0), _duration(260.0)
    ('4 min', '2 uur', '1 dag', '4 uur 20 min')
    >>> _duration(7.5), _duration(2880.0), _duration(2000.0)
    ('7.5 min', '2 dagen', '33 uur 20 min')
    """
    if minutes >= 1440 and minutes % 1440 == 0:
        days = round(minutes / 1440)
        return f"{days} {'dag' if days == 1 else 'dagen'}"
    if minutes >= 60:
        hours, rest = divmod(round(minutes), 60)
        return f"{hours} uur" + (f" {rest} min" if rest else "")
    return f"{minutes:g} min"


def _inline(text: str) -> str:
    text = html.escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"(?<!\w)_(.+?)_(?!\w)", r"<em>\1</em>", text)


def markdown_html(markdown: str) -> str:
    """HTML of the Markdown forms the review uses.

    >>> markdown_html("## A\\n\\n- b **c**\\n\\n| x | y |\\n|---|---|\\n| 1 | 2 |")
    '<h2>A</h2>\\n<ul>\\n<li>b <strong>c</strong></li>\\n</ul>\\n<table>\\n<tr><th>x</th><th>y</th></tr>\\n<tr><td>1</td><td>2</td></tr>\\n</table>'
    """
    out: list[str] = []
    block = ""
    for line in markdown.splitlines() + [""]:
        kind = "ul" if line.startswith("- ") else "table" if line.startswith("|") else ""
        if block and kind != block:
            out.append(f"</{block}>")
            block = ""
        if kind and not block:
            out.append(f"<{kind}>")
            block = kind
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            out.append(f"<h{level}>{_inline(line[level:].strip())}</h{level}>")
        elif kind == "ul":
            out.append(f"<li>{_inline(line[2:])}</li>")
        elif kind == "table":
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if all(set(c) <= {"-"} for c in cells):
                continue
            tag = "th" if out[-1] == "<table>" else "td"
            out.append("<tr>" + "".join(f"<{tag}>{_inline(c)}</{tag}>" for c in cells) + "</tr>")
        elif line.strip():
            out.append(f"<p>{_inline(line)}</p>")
    return "\n".join(out)


STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;"
    "line-height:1.45}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
    "padding:.3em .5em;vertical-align:top;text-align:left}th{background:#f3f3f3}"
    "svg{width:100%;height:auto;border:1px solid #eee}"
)


def render_html(review: dict[str, Any], markdown: str) -> str:
    """The review as one HTML page: the plot under the summary, then the sections."""
    body = markdown_html(markdown)
    plot = volume_svg(review)
    if plot:
        first_section = body.find("<h2>")
        at = first_section if first_section >= 0 else len(body)
        body = body[:at] + f"<figure>{plot}</figure>\n" + body[at:]
    title = html.escape(f"Evaluatie na afloop {review.get('source', '')}".strip())
    return (
        f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{STYLE}</style></head><body>\n{body}\n</body></html>\n"
    )
