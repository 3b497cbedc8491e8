"""A simulated scanner: PDF pages rasterised at a scan quality and packed into an image-only PDF or image file.

Used by tests/test_ocr.py and benchmarks/bench_ocr.py; the qualities are the three the OCR was measured at.
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter


@dataclass(frozen=True)
class ScanQuality:
    name: str
    dpi: int
    skew_degrees: float = 0.0
    noise: float = 0.0  # standard deviation of grey-level noise (0..255)
    blur: float = 0.0  # radius of the scanner's softening
    jpeg_quality: int | None = None  # stored as JPEG at this quality; None: lossless
    black_and_white: bool = False  # thresholded to one bit, as a fax


CLEAN = ScanQuality("clean 300 dpi", 300)
OFFICE = ScanQuality("office 200 dpi grey", 200, skew_degrees=0.7, noise=12, blur=0.6, jpeg_quality=60)
FAX = ScanQuality("fax 150 dpi b/w", 150, skew_degrees=0.4, noise=25, blur=0.5, black_and_white=True)
QUALITIES = {"clean": CLEAN, "office": OFFICE, "fax": FAX}


def scan_page(page, quality: ScanQuality, turn: int = 0, seed: int = 0) -> Image.Image:
    """One PDF page as the scanner would give it; `turn` degrees counter-clockwise (fed in sideways)."""
    image = page.render(scale=quality.dpi / 72, grayscale=True).to_pil().convert("L")
    if quality.blur:
        image = image.filter(ImageFilter.GaussianBlur(quality.blur))
    if quality.skew_degrees:
        image = image.rotate(quality.skew_degrees, resample=Image.BICUBIC, fillcolor=255)
    if quality.noise:
        rng = np.random.default_rng(seed)
        pixels = np.asarray(image, dtype=np.float32) + rng.normal(0, quality.noise, (image.height, image.width))
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    if quality.black_and_white:
        image = image.point(lambda v: 255 if v > 150 else 0).convert("1")
    if turn:
        image = image.rotate(turn, expand=True, fillcolor=255 if image.mode == "L" else 1)
    return image


def _encoded(image: Image.Image, quality: ScanQuality) -> bytes:
    buffer = io.BytesIO()
    if quality.jpeg_quality:
        image.convert("L").save(buffer, "JPEG", quality=quality.jpeg_quality)
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


def scan_pages(source: Path, quality: ScanQuality, turns: dict[int, int] | None = None) -> list[Image.Image]:
    """Every page of the PDF `source` as scanned at `quality`; `turns` feeds pages (0-based) in turned."""
    pdf = pdfium.PdfDocument(str(source))
    try:
        return [scan_page(pdf[i], quality, (turns or {}).get(i, 0), seed=i) for i in range(len(pdf))]
    finally:
        pdf.close()


def draw_scan(out, image: Image.Image, quality: ScanQuality) -> None:
    """One reportlab canvas page holding only the scanned image, at its true size."""
    from reportlab.lib.utils import ImageReader
    width, height = image.width * 72 / quality.dpi, image.height * 72 / quality.dpi
    out.setPageSize((width, height))
    out.drawImage(ImageReader(io.BytesIO(_encoded(image, quality))), 0, 0, width, height)
    out.showPage()


def scan_pdf(source: Path, target: Path, quality: ScanQuality, turns: dict[int, int] | None = None) -> Path:
    """An image-only PDF of `source` at `quality`, as an archive's scanner makes it."""
    from reportlab.pdfgen import canvas
    out = canvas.Canvas(str(target))
    for image in scan_pages(source, quality, turns):
        draw_scan(out, image, quality)
    out.save()
    return target


def scan_image(source: Path, target: Path, quality: ScanQuality, turns: dict[int, int] | None = None) -> Path:
    """The pages of `source` as an image file (.png, .jpg; .tif holds every page)."""
    images = scan_pages(source, quality, turns)
    suffix = target.suffix.lower()
    if suffix in (".tif", ".tiff"):
        images[0].save(target, save_all=True, append_images=images[1:], dpi=(quality.dpi, quality.dpi),
                       compression="tiff_lzw" if images[0].mode != "1" else "group4")
    elif suffix in (".jpg", ".jpeg"):
        images[0].convert("L").save(target, quality=quality.jpeg_quality or 90, dpi=(quality.dpi, quality.dpi))
    else:
        images[0].save(target, dpi=(quality.dpi, quality.dpi))
    return target


def shuffled_words(text: str, seed: int = 0) -> str:
    """Gibberish with the letters of `text`: what a scanner's own OCR layer without Vietnamese reads."""
    rng = random.Random(seed)
    words = text.split()
    return " ".join("".join(rng.sample(w, len(w))) for w in words)
