"""A PNG reader in the standard library (zlib, struct), enough to tell a chart from a blank image.

Checks the signature and every chunk's CRC, inflates the image data and undoes the scanline
filters, so a truncated or corrupt image fails here as it would in a browser.
"""
import struct
import zlib
from collections import Counter
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type -> samples per pixel


@dataclass
class Png:
    width: int
    height: int
    colour_type: int
    pixels: list  # rows of tuples

    @property
    def colours(self) -> Counter:
        return Counter(p for row in self.pixels for p in row)

    @property
    def distinct_colours(self) -> int:
        return len(self.colours)

    def share_unlike(self, background) -> float:
        """The fraction of pixels that differ from the background colour."""
        total = self.width * self.height
        return sum(n for c, n in self.colours.items() if c != background) / total

    def saturated_share(self, min_spread=60) -> float:
        """The fraction of pixels with a clear hue (max channel - min channel), e.g. a chart's lines."""
        if self.colour_type not in (2, 6):
            return 0.0
        total = self.width * self.height
        return sum(n for c, n in self.colours.items() if max(c[:3]) - min(c[:3]) >= min_spread) / total


def decode_png(data: bytes) -> Png:
    if not data.startswith(SIGNATURE):
        raise ValueError(f"not a PNG: starts with {data[:8]!r}")
    pos, idat, header = len(SIGNATURE), [], None
    while pos < len(data):
        if pos + 8 > len(data):
            raise ValueError(f"truncated chunk header at byte {pos}")
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if len(body) != length or zlib.crc32(kind + body) != crc:
            raise ValueError(f"chunk {kind!r} at byte {pos}: bad CRC or truncated")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None or not idat:
        raise ValueError("a PNG without IHDR or IDAT")
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or interlace != 0 or colour_type not in CHANNELS:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour_type}, interlace {interlace})")
    bpp = CHANNELS[colour_type]
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    if len(raw) != height * (stride + 1):
        raise ValueError(f"image data is {len(raw)} bytes, expected {height * (stride + 1)}")
    rows, previous = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
            elif f != 0:
                raise ValueError(f"row {y}: unknown filter {f}")
        rows.append([tuple(line[x * bpp:(x + 1) * bpp]) for x in range(width)])
        previous = line
    return Png(width, height, colour_type, rows)
