"""The editors' brand colours, made safe: valid hex only, and text that stays readable on them."""

import re

DEFAULT_COLOURS = {"primary": "#8c1c13", "accent": "#1d4e89"}
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def valid_colour(value, fallback):
    return value if isinstance(value, str) and HEX_COLOUR.fullmatch(value) else fallback


def relative_luminance(hex_colour):
    channels = []
    for i in (1, 3, 5):
        c = int(hex_colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast_with_white(hex_colour):
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def text_colour_on(hex_colour):
    """Black or white, whichever reads better on the given background (WCAG relative luminance)."""
    luminance = relative_luminance(hex_colour)
    return "#ffffff" if (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) else "#111111"


def readable_on_white(*candidates):
    """The first colour with AA contrast (4.5:1) on white, so pale brand colours never hurt legibility."""
    for colour in candidates:
        if contrast_with_white(colour) >= 4.5:
            return colour
    return "#1a1a1a"


DARK_SURFACE = "#232323"  # the lighter of the dark scheme's backgrounds, so the stricter one


def contrast(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _mix_with_white(hex_colour, share):
    channels = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in channels)


def readable_on_dark(hex_colour, background=DARK_SURFACE):
    """The brand colour lightened just enough for AA contrast (4.5:1) in the dark scheme."""
    for step in range(21):
        candidate = _mix_with_white(hex_colour, step / 20)
        if contrast(candidate, background) >= 4.5:
            return candidate
    return "#ffffff"
