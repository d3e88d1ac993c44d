"""Reading our QR codes back the way a phone would, independently of the encoder.

The generator makes its codes with zxing-cpp, so the tests read them with zbar (through pyzbar;
Debian's libzbar0, installed by scripts/install-test-tools), and read the error correction level
from the code's format information with the few lines below, written from ISO/IEC 18004 rather
than taken from either library.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

try:
    from pyzbar import pyzbar
except ImportError as error:  # the Python package is there but not the C library
    raise ImportError(f"{error}: the QR tests need zbar (run scripts/install-test-tools, or "
                      "apt-get install libzbar0)") from error


def decode(image: Image.Image) -> list[str]:
    """The texts of the QR codes zbar finds in ``image``."""
    return [r.data.decode("utf-8") for r in pyzbar.decode(image.convert("L"), symbols=[pyzbar.ZBarSymbol.QRCODE])]


def _format_words() -> dict[int, str]:
    """Every valid 15-bit format word -> its error correction level (ISO/IEC 18004, 7.9)."""
    words = {}
    for bits, level in ((0b01, "L"), (0b00, "M"), (0b11, "Q"), (0b10, "H")):
        for mask in range(8):
            data = (bits << 3) | mask
            remainder = data << 10
            for shift in range(4, -1, -1):  # BCH(15,5), generator x^10+x^8+x^5+x^4+x^2+x+1
                if remainder & (1 << (shift + 10)):
                    remainder ^= 0b10100110111 << shift
            words[((data << 10) | remainder) ^ 0b101010000010010] = level
    return words


FORMAT_WORDS = _format_words()


def modules(image: Image.Image, *, module_px: int, quiet: int) -> np.ndarray:
    """The dark modules of a code drawn at ``module_px`` pixels a module after ``quiet`` modules of
    margin, sampled at each module's centre (True = dark)."""
    grey = np.asarray(image.convert("L"))
    width = grey.shape[1] // module_px - 2 * quiet
    centres = (np.arange(width) + quiet) * module_px + module_px // 2
    return grey[np.ix_(centres, centres)] < 128


def error_correction(m: np.ndarray) -> str:
    """The error correction level in the format information beside the top-left finder pattern."""
    cells = [(8, c) for c in range(6)] + [(8, 7), (8, 8), (7, 8)] + [(r, 8) for r in range(5, -1, -1)]
    word = 0
    for r, c in cells:
        word = (word << 1) | int(m[r, c])
    assert word in FORMAT_WORDS, f"no valid format information (read {word:015b})"
    return FORMAT_WORDS[word]
