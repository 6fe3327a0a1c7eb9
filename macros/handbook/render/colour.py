"""Colour contrast, so text on an authority's own level colours always meets WCAG AA."""

from __future__ import annotations

BLACK = "#000000"
WHITE = "#ffffff"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour, as WCAG 2 defines it."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """Black or white, whichever contrasts more; one of them always reaches at least 4.5:1."""
    return BLACK if contrast(background, BLACK) >= contrast(background, WHITE) else WHITE
