"""Naming a member in a command: number, @username, or name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.arguments import parse_role
from handlers.team_admin import split_member_and_roles
from services.members import find_members
from storage.models import Member


def member(id_: int, name: str, username: str | None = None, tg: int = 0) -> Member:
    return Member(
        id=id_,
        team_id=1,
        tg_user_id=tg or 1000 + id_,
        display_name=name,
        username=username,
        roles=frozenset({"sdr"}),
        language=None,
        tg_language=None,
        active=True,
    )


TEAM = [
    member(1, "Ivan Petrov", "ivan"),
    member(2, "Ivan Sidorov"),
    member(3, "Анна Каренина", "anna_k"),
]


def test_by_number_username_and_name():
    assert find_members(TEAM, "#2") == [TEAM[1]]
    assert find_members(TEAM, "2") == [TEAM[1]]
    assert find_members(TEAM, "1003") == [TEAM[2]]  # Telegram id
    assert find_members(TEAM, "@IVAN") == [TEAM[0]]
    assert find_members(TEAM, "ivan petrov") == [TEAM[0]]
    assert find_members(TEAM, "Ivan") == TEAM[:2]
    assert find_members(TEAM, "анна") == [TEAM[2]]
    assert find_members(TEAM, "Ив Сид") == []
    assert find_members(TEAM, "I S") == [TEAM[1]]
    assert find_members(TEAM, "") == []


def test_roles_in_both_languages():
    assert parse_role("Лидоруб") == "sdr"
    assert parse_role("хантер,") == "hunter"
    assert parse_role("farmer") == "farmer"
    assert parse_role("руководитель") == "manager"
    assert parse_role("менеджер") is None  # ambiguous in Russian sales: a rep, not the head


def test_split_member_and_roles():
    assert split_member_and_roles(["Ivan", "Petrov", "sdr", "хантер"]) == (
        "Ivan Petrov",
        ["sdr", "хантер"],
    )
    assert split_member_and_roles(["@ivan", "sdr", "pilot"]) == ("@ivan", ["sdr", "pilot"])
    assert split_member_and_roles(["Ivan"]) is None
    assert split_member_and_roles(["Ivan", "Petrov"]) is None


@given(st.text(max_size=80))
def test_lookup_never_raises(query):
    assert isinstance(find_members(TEAM, query), list)
