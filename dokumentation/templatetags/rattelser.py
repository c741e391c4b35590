"""`{% if post|kan_ratta:request.user %}`: whether to offer a record's correction links."""

from __future__ import annotations

from django import template

from dokumentation.rattelser.services import Post_, far_ratta, post_for
from organisation.models import Anvandare

register = template.Library()


@register.filter
def kan_ratta(objekt: Post_, anvandare: Anvandare) -> bool:
    return far_ratta(anvandare, objekt)


@register.filter
def posttyp(objekt: Post_) -> str:
    return post_for(objekt)
