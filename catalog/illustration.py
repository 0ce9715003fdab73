"""
The palette illustration: a stylised Gel-Kayano 14 drawn from a shoe's colours, so a release
without a photo still gets a picture (never a broken image). Inline SVG built from
presentation attributes only: no external file, no `style` attribute for a strict CSP to
block, and no `id`, so several illustrations can share a page. Used by the templates
(`{% shoe_illustration %}`) and the admin's list thumbnails alike.
"""

from typing import TYPE_CHECKING

from django.utils.html import format_html

if TYPE_CHECKING:  # for the annotation only: the admin and templates pass the shoe
    from .models import Shoe

# A chunky runner seen from the lateral side, toe to the right, in a 240 × 120 box.
# {0} upper, {1} metallic overlays, {2} midsole, {3} heel counter and midsole wave.
SHOE_SVG = (
    '<svg class="shoe-illustration" viewBox="0 0 240 120" width="240" height="120" '
    'role="img" aria-label="{4}" xmlns="http://www.w3.org/2000/svg">'
    "<title>{4}</title>"
    '<g stroke="currentColor" stroke-opacity=".5" stroke-width="1.5" stroke-linejoin="round">'
    # chunky midsole, thickest at the heel, with toe spring
    '<path fill="{2}" d="M15 76C11 90 13 102 26 106H174C200 105 220 99 231 88L226 82Z"/>'
    # upper: heel, collar dip, tongue, lace line down to the toe
    '<path fill="{0}" d="M17 80C13 62 15 42 25 31L34 29C46 34 58 42 72 44C80 39 88 30 98 26'
    'C104 25 108 27 111 31L150 53C180 61 210 67 224 77C230 81 230 85 226 86Z"/>'
    # metallic overlays: two sweeping bands, a forefoot line and the toe cap
    '<path fill="{1}" d="M50 82C62 62 84 46 108 35L116 42C94 51 78 66 66 83Z'
    "M80 83C96 67 118 56 146 53L157 60C130 62 110 71 96 84Z"
    'M196 69C212 72 224 78 228 85L204 86C204 80 200 74 196 69Z"/>'
    # heel counter
    '<path fill="{3}" d="M17 80C13 62 15 42 25 31L34 30C29 46 31 64 43 81Z"/>'
    "</g>"
    # laces, midsole wave, GEL window, outsole and the overlay's shine
    '<path fill="none" stroke="currentColor" stroke-opacity=".35" stroke-width="3" '
    'stroke-dasharray="3 6" d="M102 31L149 56"/>'
    '<path fill="none" stroke="{3}" stroke-width="3" stroke-linecap="round" '
    'd="M28 96C44 88 58 102 76 94S108 88 126 96 162 100 180 94 210 90 222 90"/>'
    '<ellipse cx="33" cy="94" rx="7" ry="4" fill="{3}" fill-opacity=".6"/>'
    '<path fill="none" stroke="currentColor" stroke-opacity=".55" stroke-width="3" '
    'stroke-linecap="round" d="M26 106H174C198 105 218 99 229 89"/>'
    '<path fill="none" stroke="#fff" stroke-opacity=".6" stroke-width="1.5" '
    'stroke-linecap="round" d="M58 78C72 60 90 48 108 40M90 80C106 68 124 61 148 58"/>'
    "</svg>"
)


def palette_roles(colours: list[str]) -> tuple[str, str, str, str]:
    """Upper, overlay, midsole and accent colours from a palette of two to four."""
    colours = list(colours) or ["#f4f1ea", "#c0c4c8"]
    if len(colours) == 1:
        colours.append(colours[0])
    upper, overlay = colours[0], colours[1]
    midsole = colours[2] if len(colours) > 2 else upper
    accent = colours[3] if len(colours) > 3 else overlay
    return upper, overlay, midsole, accent


def illustration(colours: list[str], label: str) -> str:
    return format_html(SHOE_SVG, *palette_roles(colours), label)


def shoe_illustration(shoe: "Shoe") -> str:
    """Inline SVG of a Gel-Kayano 14 in `shoe`'s palette (colours are escaped all the same)."""
    return illustration(shoe.colours, f"The archive’s illustration of the {shoe.name}")
