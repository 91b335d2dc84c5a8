"""The demo-practice kit. Each app adds its content with @demo_step in its own demo.py; the
load_demo command runs the steps in order. Every step must be idempotent."""

from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO

from django.core.files.images import ImageFile
from wagtail.images.models import Image

STEPS: list[tuple[int, str, Callable]] = []


def demo_step(order: int, name: str):
    """Register a demo-content step. Lower orders run first; core uses 0-99."""

    def register(func):
        if all(existing != name for _, existing, _ in STEPS):
            STEPS.append((order, name, func))
        return func

    return register


@dataclass
class DemoContext:
    """What steps share: the home page, the site, and a progress printer."""

    out: Callable[[str], None]
    home: object = None
    site: object = None
    pages: dict = field(default_factory=dict)


def demo_image(*, title: str, seed: int, width: int = 1600, height: int = 900) -> Image:
    """A calm generated picture (soft gradient, a few overlapping circles), made once per title.

    An older, narrower picture of the same title gets a new file at the asked size, so its
    renditions are real pixels, not an upscaled small source.
    """
    existing = Image.objects.filter(title=title).first()
    if existing and existing.width >= width:
        return existing
    file = _painted(seed=seed, width=width, height=height, title=title)
    if existing:
        existing.renditions.all().delete()
        existing.file = file
        existing._set_image_file_metadata()
        existing.save()
        return existing
    image = Image(title=title, file=file)
    image._set_image_file_metadata()
    image.save()
    return image


def _painted(*, seed: int, width: int, height: int, title: str) -> ImageFile:
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFilter

    palettes = [
        ((226, 236, 229), (31, 77, 65), (230, 184, 156)),
        ((241, 238, 230), (168, 70, 31), (122, 156, 141)),
        ((232, 238, 242), (47, 93, 80), (214, 201, 170)),
        ((244, 236, 228), (88, 121, 108), (200, 130, 100)),
    ]
    base, deep, warm = palettes[seed % len(palettes)]
    img = PILImage.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(img)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(b * (1 - t * 0.25)) for b in base))
    for i in range(5):
        r = int(height * (0.18 + 0.07 * ((seed + i) % 4)))
        cx = int(width * ((seed * 37 + i * 211) % 100) / 100)
        cy = int(height * ((seed * 53 + i * 97) % 100) / 100)
        colour = deep if i % 2 else warm
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(radius=height // 18))
    buffer = BytesIO()
    img.save(buffer, format="JPEG", quality=82)
    slug = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
    return ImageFile(BytesIO(buffer.getvalue()), name=f"demo-{slug}.jpg")
