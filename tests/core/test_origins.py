"""The Content-Security-Policy's image sources match where django-storages puts media URLs."""

from urllib.parse import urlsplit

import pytest
from storages.backends.s3 import S3Storage

from config.settings.origins import media_origins

CONFIGS = [
    {},
    {"region_name": "ca-central-1"},
    {"custom_domain": "media.clinic.example"},
    {"endpoint_url": "https://s3.fr-par.scw.cloud", "region_name": "fr-par"},
    {"endpoint_url": "http://127.0.0.1:9000"},
]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: ",".join(c) or "aws")
def test_media_origin_is_where_the_storage_points(config):
    storage = S3Storage(
        bucket_name="practice-media",
        querystring_auth=False,
        access_key="test",
        secret_key="test",
        **config,
    )
    url = urlsplit(storage.url("images/room.jpg"))
    origins = media_origins(
        bucket="practice-media",
        custom_domain=config.get("custom_domain", ""),
        endpoint_url=config.get("endpoint_url", ""),
    )
    assert origins == [f"{url.scheme}://{url.netloc}"]


def test_media_served_by_the_site_needs_no_extra_origin():
    assert media_origins(bucket="", custom_domain="", endpoint_url="") == []
