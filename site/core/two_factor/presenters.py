"""Template context for the two-factor pages: the QR code and the key typed by hand."""

from base64 import b32encode
from typing import Any

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe


def setup_context(device: Any) -> dict[str, Any]:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return {
        "qr_svg": mark_safe(svg),  # generated here from our own data, never from input
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }
