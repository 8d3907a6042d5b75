"""Small inline SVG bar charts for the report (a rate per day, one bar per agent): static
markup, no script, readable offline and in print."""

from __future__ import annotations

from html import escape

COLOURS = ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#5d4037", "#455a64")
HEIGHT, BAR, GAP, LEFT, TOP, BOTTOM = 160, 14, 18, 44, 12, 40


def rate_chart(title: str, days: list[str], series: dict[str, dict[str, float | None]]) -> str:
    """Grouped bars: for each day, each agent's rate (0–1); a missing rate leaves a gap."""
    names = list(series)
    group = max(len(names), 1) * BAR + GAP
    width = LEFT + len(days) * group + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {HEIGHT + TOP + BOTTOM}" '
             f'width="{width}" height="{HEIGHT + TOP + BOTTOM}"><title>{escape(title)}</title>']
    for tick in (0, 0.5, 1):
        y = TOP + HEIGHT * (1 - tick)
        parts.append(f'<line x1="{LEFT}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{tick:.0%}</text>')
    for d, day in enumerate(days):
        x0 = LEFT + d * group + GAP / 2
        for a, name in enumerate(names):
            value = series[name].get(day)
            if value is None:
                continue
            h = HEIGHT * value
            parts.append(f'<rect x="{x0 + a * BAR:.1f}" y="{TOP + HEIGHT - h:.1f}" width="{BAR - 2}" '
                         f'height="{h:.1f}" fill="{COLOURS[a % len(COLOURS)]}">'
                         f'<title>{escape(name)} {escape(day)}：{value:.1%}</title></rect>')
        parts.append(f'<text x="{x0 + len(names) * BAR / 2:.1f}" y="{TOP + HEIGHT + 16}" text-anchor="middle" '
                     f'font-size="11">{escape(day[5:])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def legend(names: list[str]) -> str:
    return "".join(f'<span class="key"><i style="background:{COLOURS[i % len(COLOURS)]}"></i>{escape(n)}</span>'
                   for i, n in enumerate(names))
