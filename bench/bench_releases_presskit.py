"""Press kit build for a release with 40 photos of 3000 × 2000 px (about 100 MB of originals).

Prints the build time, the size of the ZIP and the peak memory (RSS) of the process that
builds it. The build runs in a fresh child process, the same function the Celery task calls,
so its peak memory is the worker's: the baseline is the process after loading Django,
WeasyPrint and the release; the difference is what building costs.

    .venv/bin/python bench/bench_releases_presskit.py
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_releases as common

PHOTOS = 40
SLUG = "bench-press-kit-40-foto"

CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})


def status(field):
    with open("/proc/self/status") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith(field + ":"))


import django
django.setup()
import weasyprint  # noqa: F401  (loaded before the baseline, as in a warm worker)
from releases.models import Release
from releases.presskit import presskit_build
release = Release.objects.prefetch_related("images").get(slug={slug!r})
Release.objects.filter(pk=release.pk).update(presskit_version=0)
baseline = status("VmRSS")
with open("/proc/self/clear_refs", "w") as handle:
    handle.write("5")  # reset the peak (VmHWM) to the current size: measure the build alone
started = time.perf_counter()
presskit_build(release_id=release.pk)
took = time.perf_counter() - started
peak = status("VmHWM")
release.refresh_from_db()
size = release.presskit_file.size
print(json.dumps({{"seconds": took, "baseline_kb": baseline, "peak_kb": peak, "zip_bytes": size}}))
"""


def photo(index: int) -> bytes:
    from PIL import Image

    noise = Image.effect_noise((3000, 2000), 12 + index % 3)
    image = Image.merge("RGB", (noise, noise.rotate(180), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def ensure_release() -> int:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from humas.models import Unit, User
    from releases.models import Release
    from releases.services import release_image_add

    release = Release.objects.filter(slug=SLUG).first()
    if release is None:
        user, _ = User.objects.get_or_create(username="bench", defaults={"is_staff": True})
        unit = Unit.objects.first() or Unit.objects.create(name="Dinas Bench", short_name="DB", slug="db")
        release = Release.objects.create(
            title="Press kit 40 foto",
            slug=SLUG,
            lead="Siaran pers dengan empat puluh foto untuk mengukur press kit.",
            body="<p>Isi siaran pers.</p>" * 20,
            unit=unit,
            author=user,
            last_edited_by=user,
        )
    user = release.author
    while (count := release.images.count()) < PHOTOS:
        upload = SimpleUploadedFile(f"foto-{count}.jpg", photo(count), content_type="image/jpeg")
        release_image_add(
            release_id=release.pk, actor=user, file=upload, caption=f"Foto {count}", credit="Humas", alt_text="foto"
        )
    now = timezone.now()
    Release.objects.filter(pk=release.pk).update(
        status=Release.Status.PUBLISHED, publish_at=now, went_public_at=now, approved_by=user
    )
    return sum(image.original.size for image in release.images.all())


def main() -> None:
    common.setup_django()
    common.ensure_database()
    started = time.monotonic()
    originals = ensure_release()
    print(f"release ready: {PHOTOS} photos, originals {originals / 1e6:.0f} MB ({time.monotonic() - started:.0f} s)")
    code = CHILD.format(root=str(common.ROOT), slug=SLUG)
    for run in (1, 2):
        output = subprocess.run(
            [sys.executable, "-c", code], env=common.bench_env(), capture_output=True, text=True, check=True
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        growth = (result["peak_kb"] - result["baseline_kb"]) / 1024
        print(
            f"run {run}: build {result['seconds']:.1f} s, ZIP {result['zip_bytes'] / 1e6:.0f} MB, "
            f"peak RSS {result['peak_kb'] / 1024:.0f} MB (baseline {result['baseline_kb'] / 1024:.0f} MB, "
            f"growth {growth:.0f} MB)"
        )


if __name__ == "__main__":
    main()
