"""Django's admin where the systemadministratör sees it: the changelist's search box is named
in Swedish, and the breadcrumbs' links are underlined (static/css/admin.css)."""

import pytest

from organisation.models import Roll
from tests.factories import AnvandareFactory


@pytest.mark.django_db
def test_the_admin_search_box_and_breadcrumbs(client):
    admin = AnvandareFactory.med_roll(
        Roll.SYSTEMADMINISTRATOR, username="admin", is_staff=True, is_superuser=True
    )
    client.force_login(admin)
    sida = client.get("/system/organisation/anvandare/")
    assert sida.status_code == 200
    assert 'alt="Sök"' in sida.text
    assert "Search" not in sida.text
    assert "css/admin.css" in sida.text
