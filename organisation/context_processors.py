from typing import Any

from django.http import HttpRequest

from organisation.behorighet import roller as anvandarens_roller


def roller(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's roles, so the menu shows only what they may open."""
    return {"roller": anvandarens_roller(request.user)}
