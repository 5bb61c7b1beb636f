"""Check a `dubao --screenshot` PNG: big enough, not blank, and Chinese drawn with real CJK glyphs.

    python3 packaging/check_screenshot.py SHOT.png [--without-cjk SHOT_WITHOUT_CJK_FONTS.png]

Standard library only (zlib), so it runs on a bare Debian next to the installed package, where there is no
Pillow and no Qt for Python outside the bundle. "Real CJK glyphs" is judged against a second screenshot taken
with only a Latin font visible to fontconfig: there Chinese turns into identical empty boxes ("tofu") or gaps.
Cut the picture into 12×12 tiles: thousands of different characters give almost no two tiles with the same
ink pattern, while rows of identical boxes repeat a few patterns over and over. So the share of distinct ink
tiles must be high, clearly higher than in the no-CJK picture, and the two pictures must differ.
Exit status 0 when every check passes; one line per check on stdout either way.
"""

from __future__ import annotations

import argparse
import struct
import sys
import zlib
from pathlib import Path

MIN_SIZE = (800, 500)
TILE = 12
MIN_DISTINCT_TILES = 0.6  # measured on the sample issue: 0.90 with Noto CJK, 0.25 with boxes
MIN_DISTINCT_GAIN = 0.2  # over the picture taken without CJK fonts
MIN_CHANGED_SHARE = 0.02  # share of pixels that must differ between the two pictures
INK_THRESHOLD = 96  # luminance difference from the background that counts as ink


class Picture:
    """An 8-bit greyscale view of a PNG (enough for ink and edge counts)."""

    def __init__(self, width: int, height: int, grey: bytearray):
        self.width, self.height, self.grey = width, height, grey


def _paeth(left: int, up: int, up_left: int) -> int:
    estimate = left + up - up_left
    distance_left, distance_up, distance_corner = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
    if distance_left <= distance_up and distance_left <= distance_corner:
        return left
    return up if distance_up <= distance_corner else up_left


def read_png(path: Path) -> Picture:
    """Decode an 8-bit, non-interlaced RGB/RGBA/grey PNG (what Qt writes) into greyscale."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    position, compressed, header = 8, bytearray(), None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunk = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            compressed += chunk
        position += 12 + length
    if header is None:
        raise ValueError(f"{path} has no PNG header")
    width, height, depth, colour, _compression, _filter, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"{path}: unsupported PNG layout (depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(bytes(compressed))
    stride = width * channels
    previous = bytearray(stride)
    grey = bytearray(width * height)
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                up_left = previous[i - channels] if i >= channels else 0
                line[i] = (line[i] + _paeth(left, previous[i], up_left)) & 0xFF
        if channels >= 3:
            # integer luminance (ITU-R BT.601 weights), ignoring alpha
            red, green, blue = line[0::channels], line[1::channels], line[2::channels]
            grey[row * width : (row + 1) * width] = bytes(
                (299 * r + 587 * g + 114 * b) // 1000 for r, g, b in zip(red, green, blue)
            )
        else:
            grey[row * width : (row + 1) * width] = line[0::channels]
        previous = line
    return Picture(width, height, grey)


def ink_mask(picture: Picture) -> bytes:
    """1 where a pixel is ink: far from the most common grey (the background)."""
    histogram = [0] * 256
    for value in picture.grey:
        histogram[value] += 1
    background = max(range(256), key=histogram.__getitem__)
    return bytes(1 if abs(value - background) >= INK_THRESHOLD else 0 for value in picture.grey)


def distinct_tile_share(picture: Picture, ink: bytes) -> float:
    """Distinct ink patterns among the TILE×TILE tiles that hold some ink (see the module docstring)."""
    patterns: set[bytes] = set()
    inked = 0
    width = picture.width
    for top in range(0, picture.height - TILE + 1, TILE):
        for left in range(0, width - TILE + 1, TILE):
            tile = b"".join(ink[(top + y) * width + left : (top + y) * width + left + TILE] for y in range(TILE))
            if sum(tile) >= TILE // 2:
                inked += 1
                patterns.add(tile)
    return len(patterns) / inked if inked else 0.0


def changed_share(first: Picture, second: Picture) -> float:
    if (first.width, first.height) != (second.width, second.height):
        return 1.0
    changed = sum(1 for a, b in zip(first.grey, second.grey) if abs(a - b) > 32)
    return changed / len(first.grey)


def check(shot: Path, without_cjk: Path | None) -> list[tuple[bool, str]]:
    picture = read_png(shot)
    results = [
        (
            picture.width >= MIN_SIZE[0] and picture.height >= MIN_SIZE[1],
            f"size {picture.width}×{picture.height} (at least {MIN_SIZE[0]}×{MIN_SIZE[1]})",
        )
    ]
    ink = ink_mask(picture)
    ink_share = sum(ink) / len(ink)
    distinct = len(set(picture.grey))
    results.append((ink_share > 0.01 and distinct > 16, f"not blank: {ink_share:.1%} ink, {distinct} grey levels"))
    share = distinct_tile_share(picture, ink)
    results.append((share >= MIN_DISTINCT_TILES, f"varied glyphs: {share:.0%} of ink tiles distinct (≥ {MIN_DISTINCT_TILES:.0%})"))
    if without_cjk is not None:
        reference = read_png(without_cjk)
        reference_share = distinct_tile_share(reference, ink_mask(reference))
        changed = changed_share(picture, reference)
        results.append((share - reference_share >= MIN_DISTINCT_GAIN and changed >= MIN_CHANGED_SHARE,
                        f"CJK glyphs drawn: {share:.0%} distinct tiles against {reference_share:.0%} without CJK "
                        f"fonts (gain ≥ {MIN_DISTINCT_GAIN:.0%}); {changed:.1%} of pixels differ (≥ {MIN_CHANGED_SHARE:.0%})"))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shot", type=Path)
    parser.add_argument("--without-cjk", type=Path, help="the same screenshot taken with no CJK font available")
    args = parser.parse_args(argv)
    try:
        results = check(args.shot, args.without_cjk)
    except (OSError, ValueError, zlib.error) as error:
        print(f"FAIL cannot read the screenshot: {error}")
        return 1
    for passed, message in results:
        print(f"{'ok  ' if passed else 'FAIL'} {message}")
    return 0 if all(passed for passed, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
