"""Images: what checking and publishing one costs, and what images do to the pages' budgets.

    python bench/media_weight.py                      # 2,000 events, every one with an image
    python bench/media_weight.py --events 2000 --photos 40 --report media.md

1. Per image: a camera-sized photo (4,032 x 3,024 JPEG, grain like a real one) is checked
   (`inspect_image`: decoded in full) and each of its six copies made (`encode_copy`), timed.
2. Per page: bench/generate.py's site (seed 1) with a `media:` entry on every event (one of
   `--photos` photos, a 70-character alt text, a caption and a credit), built cold; the
   largest page of each kind against the budgets (150 KB, 3,000 elements), and the build's
   time next to the same site without images.
"""

from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import time
from pathlib import Path

from budgets import MAX_BYTES, MAX_ELEMENTS, measure, table
from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from chronicle.model.media import image_copies  # noqa: E402
from chronicle.model.records import ImageMedia  # noqa: E402
from chronicle.render.images import encode_copy  # noqa: E402
from chronicle.source.images import inspect_image  # noqa: E402

ALT = "Officials shake hands in front of flags at the start of the talks, 2024"


def photo(seed: int, size: tuple[int, int] = (4032, 3024)) -> bytes:
    """A photo's worth of detail: shapes, gradients and sensor grain, saved as a camera would."""
    rng = random.Random(seed)
    small = Image.new("RGB", (size[0] // 8, size[1] // 8))
    draw = ImageDraw.Draw(small)
    for _ in range(60):
        x, y = rng.randrange(small.width), rng.randrange(small.height)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse([x, y, x + rng.randrange(20, 200), y + rng.randrange(20, 200)], fill=colour)
    image = small.filter(ImageFilter.GaussianBlur(6)).resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 18).convert("RGB")
    image = Image.blend(image, grain, 0.12)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def time_processing(photos: list[bytes]) -> list[str]:
    lines = [
        "| photo | bytes | check | copies made | each copy (ms) | all copies |",
        "| --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for number, data in enumerate(photos, 1):
        started = time.perf_counter()
        facts = inspect_image(data)
        checked = time.perf_counter() - started
        image = ImageMedia("media/x.jpg", ALT, "C", None, None, facts.digest, facts.format, *facts.size, None)  # type: ignore[arg-type]
        each = []
        for copy in image_copies(image):
            started = time.perf_counter()
            made = encode_copy(data, copy)
            each.append((copy.path.rsplit("-", 1)[1], time.perf_counter() - started, len(made)))
        total = sum(seconds for _, seconds, _ in each)
        shown = ", ".join(f"{name} {seconds * 1000:.0f} ({size // 1024} KB)" for name, seconds, size in each)
        figures = f"{len(data):,} | {checked * 1000:.0f} ms | {len(each)} | {shown} | {total * 1000:.0f} ms"
        lines.append(f"| {number} | {figures} |")
    return lines


def with_images(site: Path, photos: list[bytes]) -> None:
    (site / "media").mkdir(exist_ok=True)
    for number, data in enumerate(photos):
        (site / "media" / f"photo-{number}.jpg").write_bytes(data)
    for number, path in enumerate(sorted((site / "content" / "events").glob("*.yaml"))):
        entry = (
            f"media:\n  - file: media/photo-{number % len(photos)}.jpg\n    alt: {ALT}\n"
            "    caption: The delegations before the talks\n    credit: Example Agency\n"
        )
        path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")


def cold_build(site: Path, out: Path) -> float:
    command = [
        sys.executable,
        str(HERE.parent / "build.py"),
        "build",
        "--root",
        str(site),
        "--out",
        str(out),
        "--no-cache",
    ]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--photos", type=int, default=40, help="distinct photos shared by the events")
    parser.add_argument("--report", type=Path)
    args = parser.parse_args(argv)
    photos = [photo(seed) for seed in range(args.photos)]
    report = ["Checking and publishing one photo (4,032 x 3,024 JPEG):", "", *time_processing(photos[:3]), ""]
    folder = HERE / "out" / f"media-{args.events}"
    site = folder / "site"
    generate = [sys.executable, str(HERE / "generate.py"), "--events", str(args.events), "--out", str(site)]
    subprocess.run(generate, check=True, capture_output=True)
    plain = cold_build(site, folder / "plain")
    with_images(site, photos)
    illustrated = cold_build(site, folder / "output")
    kinds = measure(folder / "output")
    report += table(args.events, kinds)
    report.append(
        f"Cold build: {plain:.1f} s without images, {illustrated:.1f} s with one on every event "
        f"({args.photos} distinct photos, {args.photos * 6} copies made)."
    )
    over = [page for kind in kinds.values() for page in kind.over]
    print("\n".join(report))
    if args.report:
        args.report.write_text("\n".join(report) + "\n", encoding="utf-8")
    for page in over:
        print(f"over budget ({MAX_BYTES:,} bytes, {MAX_ELEMENTS:,} elements): {page}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
