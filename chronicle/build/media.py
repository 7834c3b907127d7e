"""The site's images -> the copies to publish, each keyed on the image's bytes, the copy's
parameters and the engine; and the size of the copy each feed entry attaches, measured once.

A copy is an output file like a page: the output step makes it only when its key is new or its
file is not as the last build wrote it, so a rebuild processes only new or changed images.
An RSS enclosure must give its length in bytes, which only making the copy tells: the lengths
are kept in the cache under the copy's key, and a copy made to measure it is kept in memory
for the output step, so that no copy is ever made twice in one build.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronicle.build.keys import digest, engine_key
from chronicle.build.parallel import fork_map
from chronicle.model.media import ENCLOSURE_WIDTH, QUALITY, Copy, copy_at, image_copies
from chronicle.model.records import ImageMedia, Site
from chronicle.render.images import publish_copy


@dataclass
class Measured:
    lengths: dict[str, int] = field(default_factory=dict)
    """Bytes of each copy a feed entry attaches, by path."""
    made: dict[str, bytes] = field(default_factory=dict)
    """The copies made to measure them, by path (a cold build's), for the output step."""


def copies_to_publish(site: Site) -> dict[str, tuple[ImageMedia, Copy]]:
    """Every copy of every image, by path; an image used twice (by digest) is published once."""
    copies: dict[str, tuple[ImageMedia, Copy]] = {}
    for event in site.events:
        for item in event.media:
            if isinstance(item, ImageMedia):
                for copy in image_copies(item):
                    copies.setdefault(copy.path, (item, copy))
    return copies


def copy_key(image: ImageMedia, copy: Copy) -> str:
    """The image's bytes, the processing's parameters and the engine (whose code makes it)."""
    parameters = (copy.path, copy.format, str(copy.width), str(copy.height), repr(sorted(QUALITY.items())))
    return digest(engine_key(), "image-copy", image.digest, *parameters)


def measure_enclosures(
    copies: Mapping[str, tuple[ImageMedia, Copy]],
    root: Path,
    store: MutableMapping[str, Any],
    used: set[str],
    jobs: int,
) -> Measured:
    """The length of every copy the feeds attach: from `store` (the cache's), else by making
    the copy, in `jobs` workers (kept in `made`)."""
    measured = Measured()
    wanted: dict[str, tuple[ImageMedia, Copy]] = {}
    for image, _ in copies.values():
        enclosure = copy_at(image, ENCLOSURE_WIDTH)
        wanted.setdefault(enclosure.path, (image, enclosure))
    missing = []
    for path, (image, copy) in wanted.items():
        key = "image-length:" + copy_key(image, copy)
        used.add(key)
        if isinstance(store.get(key), int):
            measured.lengths[path] = store[key]
        else:
            missing.append((key, image, copy))

    def make(item: tuple[str, ImageMedia, Copy]) -> bytes:
        return publish_copy(root, item[1], item[2])

    for (key, _, copy), data in zip(missing, fork_map(make, missing, jobs), strict=True):
        store[key] = measured.lengths[copy.path] = len(data)
        measured.made[copy.path] = data
    return measured
