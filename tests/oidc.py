"""A real OpenID Connect provider inside the test suite: django-oauth-toolkit, installed only
in development (OIDC_TESTLEVERANTOR, set for pytest in pyproject.toml; its settings in
tests/oidc_installningar.py). It signs ID tokens with a key made for the run and tells the
groups, acr and amr the tests give its users."""

from __future__ import annotations

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

#: What the provider says of each of its users beyond their names: set by the tests.
PASTAENDEN: dict[str, dict[str, Any]] = {}


class Validator(OAuth2Validator):  # type: ignore[misc]
    # Every claim whatever the scope: the groups are not a standard scope's.
    oidc_claim_scope = None

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        anvandare = request.user
        return {
            "preferred_username": anvandare.username,
            "given_name": anvandare.first_name,
            "family_name": anvandare.last_name,
            "email": anvandare.email,
            **PASTAENDEN.get(anvandare.username, {}),
        }

    # A renewal (prompt=none) goes through silently: the authorisation view lets only a user
    # signed in at the provider this far (signed out, django-oauth-toolkit answers
    # login_required itself), and oauthlib's request does not carry the user.
    def validate_silent_login(self, request: Any) -> bool:
        return True

    def validate_silent_authorization(self, request: Any) -> bool:
        return True
