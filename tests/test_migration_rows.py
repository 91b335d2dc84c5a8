"""After a transactional test has emptied the tables, the rows the migrations made come back
(tests/migration_rows.py), so a test that xdist hands the worker afterwards still finds them."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import Page, Site

from tests.migration_rows import ROWS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def emptied():
    """As at the end of a transactional test: flushed, post_migrate's rows made again."""
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False)
    ROWS.restore()


def test_the_staff_groups_come_back(emptied):
    assert Group.objects.filter(name="Reception").exists()


def test_the_groups_keep_their_permissions(emptied):
    assert Permission.objects.filter(group__name="Reception").exists()


def test_the_default_site_and_its_root_come_back(emptied):
    assert Site.objects.get(is_default_site=True).root_page.depth == 2


def test_new_rows_get_keys_past_the_ones_written_back(emptied):
    root = Page.get_first_root_node()
    assert root.add_child(instance=Page(title="After", slug="after")).pk > root.pk
