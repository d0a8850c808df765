"""Who gets which role after signing in, and when the [auth] secrets can work."""

from __future__ import annotations

import pytest

from ple.access import Access, from_settings, person
from ple.signin import (
    NOT_SIGNED_IN,
    Person,
    Role,
    Roles,
    auth_problems,
    local_person,
    may_write,
    person_from_claims,
    providers,
)

ROLES = Roles(
    editors=("ana.lopez@cx.agency.gov", "@editors.agency.gov"), editor_groups=("ple-editors",)
)


def signed_in(**claims) -> Person:
    return person_from_claims({"is_logged_in": True, **claims}, ROLES)


def test_an_address_on_the_editors_list_makes_an_editor_whatever_its_case():
    ana = signed_in(email="Ana.Lopez@CX.agency.gov", name="Ana Lopez", sub="a1")
    assert ana.role is Role.editor and ana.may_edit and ana.signed_in
    assert str(ana) == "Ana Lopez <ana.lopez@cx.agency.gov>"


def test_a_domain_entry_covers_that_domain_only():
    assert signed_in(email="sam@editors.agency.gov").may_edit
    assert not signed_in(email="sam@sub.editors.agency.gov").may_edit
    assert not signed_in(email="sam@editors.agency.gov.evil.example").may_edit


def test_a_group_claim_makes_an_editor():
    assert signed_in(email="kim@agency.gov", groups=["staff", "ple-editors"]).may_edit
    assert signed_in(email="kim@agency.gov", groups="ple-editors").may_edit
    custom = Roles(editor_groups=("cx",), groups_claim="roles")
    assert person_from_claims({"email": "kim@agency.gov", "roles": ["cx"]}, custom).may_edit


def test_everyone_else_who_signs_in_is_a_viewer():
    vera = signed_in(email="vera@agency.gov", name="Vera Viewer")
    assert vera.role is Role.viewer and vera.may_view and not vera.may_edit


def test_an_unverified_address_counts_for_nothing():
    claimed = signed_in(email="ana.lopez@cx.agency.gov", email_verified=False)
    assert claimed.role is Role.viewer


def test_with_a_viewers_list_only_the_people_on_it_get_in():
    roles = Roles(editors=("ana@agency.gov",), viewers=("@agency.gov", "guest@example.org"))
    assert person_from_claims({"email": "bo@agency.gov"}, roles).role is Role.viewer
    assert person_from_claims({"email": "guest@example.org"}, roles).role is Role.viewer
    stranger = person_from_claims({"email": "eve@example.org"}, roles)
    assert stranger.role is None and not stranger.may_view
    assert person_from_claims({"email": "ana@agency.gov"}, roles).may_edit


def test_the_recorded_name_falls_back_to_the_address_then_the_subject():
    assert signed_in(email="x@agency.gov").name == "x@agency.gov"
    assert signed_in(sub="00u1abc").name == "00u1abc"
    assert signed_in(preferred_username="jdoe", email="j@agency.gov").name == "jdoe"


def test_who_may_write_and_what_the_others_are_told():
    assert may_write(local_person()) is None
    viewer = signed_in(email="vera@agency.gov", name="Vera Viewer")
    assert "Only editors can save" in may_write(viewer)
    assert "Vera Viewer <vera@agency.gov>, a viewer" in may_write(viewer)
    assert "not signed in" in may_write(NOT_SIGNED_IN)


def test_without_sign_in_the_computer_user_is_an_editor_and_with_it_nobody_until_signed_in():
    assert person(Access(), None) == local_person()
    server = Access(sign_in=True, roles=ROLES)
    assert person(server, {}) is NOT_SIGNED_IN
    assert (
        person(server, {"is_logged_in": False, "email": "ana.lopez@cx.agency.gov"}) is NOT_SIGNED_IN
    )
    assert person(server, {"is_logged_in": True, "email": "ana.lopez@cx.agency.gov"}).may_edit


def test_sign_in_and_editors_come_from_the_environment_before_the_secrets():
    secrets = {
        "server": {
            "sign_in": True,
            "editors": ["a@agency.gov"],
            "viewers": ["@x.gov"],
            "editor_groups": "cx",
            "groups_claim": "roles",
        }
    }
    access = from_settings({}, secrets)
    assert access.sign_in and access.roles == Roles(
        ("a@agency.gov",), ("@x.gov",), ("cx",), "roles"
    )
    overridden = from_settings({"PLE_SIGN_IN": "1", "PLE_EDITORS": "B@agency.gov, @y.gov"}, secrets)
    assert overridden.roles.editors == ("b@agency.gov", "@y.gov")
    assert from_settings({"PLE_SIGN_IN": "0"}, secrets).sign_in is False
    assert from_settings({}, {"server": {"sign_in": "yes"}}).sign_in is False  # TOML true only
    assert from_settings({}, None).sign_in is False


GOOD_AUTH = {
    "redirect_uri": "https://cx.agency.gov/oauth2callback",
    "cookie_secret": "f" * 64,
    "client_id": "ple",
    "client_secret": "s3cret",
    "server_metadata_url": "https://login.agency.gov/.well-known/openid-configuration",
}


def test_complete_auth_secrets_have_no_problems():
    assert auth_problems({"auth": GOOD_AUTH}) == []
    assert providers({"auth": GOOD_AUTH}) == ["default"]


@pytest.mark.parametrize(
    ("secrets", "expected"),
    [
        (None, "no [auth] table"),
        ({"server": {}}, "no [auth] table"),
        (
            {"auth": {k: v for k, v in GOOD_AUTH.items() if k != "cookie_secret"}},
            "[auth] has no cookie_secret",
        ),
        ({"auth": {**GOOD_AUTH, "cookie_secret": "short"}}, "at least 32"),
        ({"auth": {**GOOD_AUTH, "redirect_uri": "https://cx.agency.gov/"}}, "/oauth2callback"),
        (
            {"auth": {k: v for k, v in GOOD_AUTH.items() if k != "client_secret"}},
            "[auth] has no client_secret",
        ),
        (
            {
                "auth": {
                    "redirect_uri": GOOD_AUTH["redirect_uri"],
                    "cookie_secret": GOOD_AUTH["cookie_secret"],
                }
            },
            "names no provider",
        ),
        (
            {
                "auth": {
                    "redirect_uri": GOOD_AUTH["redirect_uri"],
                    "cookie_secret": GOOD_AUTH["cookie_secret"],
                    "okta": {"client_id": "ple"},
                }
            },
            "[auth.okta] has no server_metadata_url",
        ),
    ],
)
def test_what_keeps_sign_in_from_working_is_named(secrets, expected):
    assert any(expected in problem for problem in auth_problems(secrets)), auth_problems(secrets)


def test_named_providers_are_offered_in_order():
    secrets = {
        "auth": {
            "redirect_uri": GOOD_AUTH["redirect_uri"],
            "cookie_secret": GOOD_AUTH["cookie_secret"],
            "microsoft": {
                k: GOOD_AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")
            },
            "okta": {
                k: GOOD_AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")
            },
        }
    }
    assert providers(secrets) == ["microsoft", "okta"] and auth_problems(secrets) == []
