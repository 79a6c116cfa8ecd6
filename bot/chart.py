"""A score card as a PNG: the three factors and the disruption score as bars, and where the
occupation sits among all ESCO occupations. Pillow only (no plotting stack), pure: card and
numbers in, bytes out, so the Discord adapter can render it in a worker thread."""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from prompts.card_view import SCORE
from prompts.numbers import share_phrase
from scoring.card import ScoreCard
from scoring.model import FACTORS
from scoring.vocabulary import FACTOR_NAMES

WIDTH, HEIGHT = 800, 420
BG, INK, MUTED, GRID = "#ffffff", "#1f2328", "#656d76", "#d0d7de"
COLOURS = {
    "skill_vulnerability": "#cf222e",
    "task_automation": "#bc4c00",
    "ai_complementarity": "#1a7f37",
    "disruption": "#6639ba",
}
NAMES = {**FACTOR_NAMES, "disruption": SCORE}


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType: the fixed bitmap font
        return ImageFont.load_default()


def render_card_chart(card: ScoreCard, all_disruptions: Sequence[float]) -> bytes:
    img = Image.new("RGB", (WIDTH, HEIGHT), BG)
    draw = ImageDraw.Draw(img)
    title, small, body = _font(22), _font(13), _font(16)
    label = card.occupation.label
    draw.text((24, 16), label[:60], fill=INK, font=title)
    draw.text(
        (24, 46),
        f"{card.band} AI disruption risk, {share_phrase(card.percentile)} "
        f"ESCO occupations (model {card.model_version})",
        fill=MUTED,
        font=small,
    )
    left, right, top = 220, WIDTH - 80, 84
    bars = [(key, card.factor(key)) for key in FACTORS] + [("disruption", card.disruption)]
    for i, (key, value) in enumerate(bars):
        y = top + i * 42
        draw.text((24, y + 4), NAMES[key], fill=INK, font=body)
        draw.rectangle((left, y, right, y + 26), outline=GRID, fill="#f6f8fa")
        draw.rectangle((left, y, left + (right - left) * value / 100, y + 26), fill=COLOURS[key])
        draw.text((right + 8, y + 4), f"{value:.1f}", fill=INK, font=body)
    _distribution(draw, all_disruptions, card.disruption, left, right, 270, small)
    return _finish(img, draw, small)


def _finish(img: Image.Image, draw: ImageDraw.ImageDraw, font) -> bytes:
    """The source line every chart carries, and the PNG bytes."""
    draw.text(
        (24, HEIGHT - 22),
        "Scores 0-100. Source: ESCO classification of the European Commission.",
        fill=MUTED,
        font=font,
    )
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _distribution(draw, values, score, left, right, top, font, bins: int = 25) -> None:
    """A histogram of every occupation's disruption score with this one marked."""
    draw.text((24, top + 30), "Among all\noccupations", fill=INK, font=font)
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int(float(v) / 100 * bins))] += 1
    peak = max(counts) or 1
    width = (right - left) / bins
    height = 90
    for i, c in enumerate(counts):
        x = left + i * width
        h = height * c / peak
        draw.rectangle((x + 1, top + height - h, x + width - 1, top + height), fill="#c8b6ea")
    x = left + (right - left) * score / 100
    draw.line((x, top - 6, x, top + height + 4), fill=COLOURS["disruption"], width=3)
    draw.text((x - 14, top + height + 6), f"{score:.0f}", fill=COLOURS["disruption"], font=font)
    draw.text((left, top + height + 6), "0", fill=MUTED, font=font)
    draw.text((right - 20, top + height + 6), "100", fill=MUTED, font=font)


def render_comparison_chart(a: ScoreCard, b: ScoreCard) -> bytes:
    """Two cards in one chart: each factor and the score as a pair of bars, the first
    occupation solid, the second hatched lighter, so the gap reads at a glance."""
    img = Image.new("RGB", (WIDTH, HEIGHT), BG)
    draw = ImageDraw.Draw(img)
    title, small, body = _font(22), _font(13), _font(16)
    draw.text((24, 16), f"{a.occupation.label[:34]} vs {b.occupation.label[:34]}", fill=INK,
              font=title)  # fmt: skip
    draw.text((24, 46), f"solid: {a.occupation.label[:40]}   light: {b.occupation.label[:40]}",
              fill=MUTED, font=small)  # fmt: skip
    left, right, top = 220, WIDTH - 80, 80
    keys = [*FACTORS, "disruption"]
    for i, key in enumerate(keys):
        y = top + i * 70
        draw.text((24, y + 12), NAMES[key], fill=INK, font=body)
        for j, card in enumerate((a, b)):
            value = card.disruption if key == "disruption" else card.factor(key)
            row = y + j * 26
            draw.rectangle((left, row, right, row + 22), outline=GRID, fill="#f6f8fa")
            fill = COLOURS[key] if j == 0 else _lighter(COLOURS[key])
            draw.rectangle((left, row, left + (right - left) * value / 100, row + 22), fill=fill)
            draw.text((right + 8, row + 3), f"{value:.1f}", fill=INK, font=body)
    return _finish(img, draw, small)


def _lighter(colour: str) -> str:
    """Half way to white."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*((c + 255) // 2 for c in (r, g, b)))
