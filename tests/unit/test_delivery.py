"""Delivery: splitting, Telegram errors and rate limits, on a fake clock (no real sleeping)."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import pytest
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.methods import SendMessage

from bot.delivery import Delivery, album_sizes, split_text
from tests.support.fake_time import FakeTime
from tests.support.mocked_bot import MockedBot

USER = 501
GROUP = -100500
METHOD = SendMessage(chat_id=USER, text="x")


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


@pytest.fixture
def bot(fake: FakeTime) -> MockedBot:
    bot = MockedBot()
    times: list[tuple[float, Any]] = []
    original = bot.session.make_request

    async def timed(bot_: Any, method: Any, timeout: int | None = None) -> Any:  # noqa: ASYNC109
        times.append((fake.now, method))
        return await original(bot_, method, timeout)

    bot.session.make_request = timed  # type: ignore[method-assign]
    bot.times = times  # type: ignore[attr-defined]
    return bot


def make(bot: MockedBot, fake: FakeTime, **kwargs: Any) -> Delivery:
    return Delivery(bot, clock=fake.clock, sleep=fake.sleep, **kwargs)


def send_times(bot: MockedBot, chat_id: int | None = None) -> list[float]:
    return [
        t
        for t, m in bot.times  # type: ignore[attr-defined]
        if chat_id is None or int(m.chat_id) == chat_id
    ]


# -- splitting -------------------------------------------------------------------------


async def test_long_text_is_split_at_line_breaks(bot: MockedBot, fake: FakeTime) -> None:
    text = "\n".join(f"line {i:05d} " + "x" * (i % 70) for i in range(400))
    assert len(text) > 2 * 4096

    message = await make(bot, fake).send_text(USER, text)

    texts = bot.texts_to(USER)
    assert len(texts) >= 3
    assert all(len(t) <= 4096 for t in texts)
    assert "\n".join(texts) == text
    assert message is not None and message.text == texts[-1]


async def test_short_text_is_one_message_with_given_parse_mode(
    bot: MockedBot, fake: FakeTime
) -> None:
    await make(bot, fake).send_text(USER, "<b>hi</b>", parse_mode=None)
    [request] = bot.sent(USER)
    assert request.text == "<b>hi</b>"
    assert request.parse_mode is None


def test_a_line_longer_than_the_limit_is_cut_hard() -> None:
    text = "head\n" + "y" * 25 + "\ntail"
    parts = split_text(text, limit=10)
    assert all(len(p) <= 10 for p in parts)
    assert parts == ["head", "y" * 10, "y" * 10, "y" * 5 + "\ntail"]


async def test_long_caption_goes_partly_into_the_photo_rest_as_text(
    bot: MockedBot, fake: FakeTime
) -> None:
    caption = "\n".join(f"{i:03d} " + "z" * 40 for i in range(40))
    assert len(caption) > 1024

    message = await make(bot, fake).send_photo(USER, b"\x89PNG fake", caption=caption)

    [photo] = bot.sent(USER, method="sendPhoto")
    assert photo.photo.filename == "chart.png"
    assert len(photo.caption) <= 1024
    assert caption.startswith(photo.caption + "\n")
    texts = bot.texts_to(USER)
    assert photo.caption + "\n" + "\n".join(texts) == caption
    assert message is not None and message.caption == photo.caption
    # the rest follows the photo, not before it
    assert [r.__api_method__ for r in bot.requests] == ["sendPhoto", "sendMessage"]


# -- Telegram errors -------------------------------------------------------------------


async def test_retry_after_sleeps_then_sends_once(bot: MockedBot, fake: FakeTime) -> None:
    bot.session.fail_next("sendMessage", TelegramRetryAfter(METHOD, "Too Many Requests", 2))

    message = await make(bot, fake).send_text(USER, "digest")

    assert fake.sleeps == [2]
    assert message is not None
    assert len(bot.sent(USER)) == 2  # the refused attempt and the one that went through
    assert send_times(bot) == [1000.0, 1002.0]


@pytest.mark.parametrize(
    "refusal",
    [
        TelegramForbiddenError(METHOD, "Forbidden: bot was blocked by the user"),
        # a user who never opened a chat with the bot
        TelegramBadRequest(METHOD, "Bad Request: chat not found"),
    ],
    ids=["403 blocked", "400 chat not found"],
)
async def test_an_unreachable_private_chat_is_marked_once(
    bot: MockedBot, fake: FakeTime, refusal: Exception
) -> None:
    unreachable: list[int] = []

    async def on_unreachable(chat_id: int) -> None:
        unreachable.append(chat_id)

    bot.session.fail_next("sendMessage", refusal)
    delivery = make(bot, fake, on_unreachable=on_unreachable)

    result = await delivery.send_text(USER, "a\n" * 3000)  # would be two messages

    assert result is None
    assert unreachable == [USER]
    assert len(bot.sent(USER)) == 1
    assert fake.sleeps == []


async def test_forbidden_group_returns_none_without_callback(
    bot: MockedBot, fake: FakeTime
) -> None:
    unreachable: list[int] = []

    async def on_unreachable(chat_id: int) -> None:
        unreachable.append(chat_id)

    bot.session.fail_next("sendPhoto", TelegramForbiddenError(METHOD, "bot was kicked"))
    delivery = make(bot, fake, on_unreachable=on_unreachable)

    assert await delivery.send_photo(GROUP, b"png", caption="c") is None
    assert unreachable == []
    assert len(bot.requests) == 1


async def test_other_bad_requests_are_bugs_and_raised(bot: MockedBot, fake: FakeTime) -> None:
    bot.session.fail_next(
        "sendMessage", TelegramBadRequest(METHOD, "Bad Request: can't parse entities")
    )
    delivery = make(bot, fake)
    with pytest.raises(TelegramBadRequest):
        await delivery.send_text(USER, "<b>digest")


async def test_migration_resends_to_the_new_chat(bot: MockedBot, fake: FakeTime) -> None:
    new_group = -1001234
    migrations: list[tuple[int, int]] = []

    async def on_migrated(old: int, new: int) -> None:
        migrations.append((old, new))

    bot.session.fail_next("sendMessage", TelegramMigrateToChat(METHOD, "migrated", new_group))
    delivery = make(bot, fake, on_migrated=on_migrated)

    message = await delivery.send_text(GROUP, "digest")

    assert migrations == [(GROUP, new_group)]
    assert message is not None and message.chat.id == new_group
    assert bot.texts_to(new_group) == ["digest"]
    # later calls for the old id go straight to the new one
    await delivery.send_text(GROUP, "next")
    assert bot.texts_to(new_group) == ["digest", "next"]
    assert migrations == [(GROUP, new_group)]


async def test_network_errors_are_retried_with_backoff(bot: MockedBot, fake: FakeTime) -> None:
    for _ in range(2):
        bot.session.fail_next("sendMessage", TelegramNetworkError(METHOD, "timeout"))

    message = await make(bot, fake).send_text(USER, "digest")

    assert message is not None
    assert fake.sleeps == [1, 2]
    assert len(bot.sent(USER)) == 3


async def test_network_errors_reraised_after_max_retries(bot: MockedBot, fake: FakeTime) -> None:
    for _ in range(5):
        bot.session.fail_next("sendMessage", TelegramNetworkError(METHOD, "down"))

    with pytest.raises(TelegramNetworkError):
        await make(bot, fake, max_retries=3, backoff_cap=3).send_text(USER, "digest")

    assert fake.sleeps == [1, 2, 3]  # 1, 2, 4 capped at 3
    assert len(bot.sent(USER)) == 4


async def test_retry_after_reraised_after_max_retries(bot: MockedBot, fake: FakeTime) -> None:
    for _ in range(3):
        bot.session.fail_next("sendMessage", TelegramRetryAfter(METHOD, "flood", 5))

    with pytest.raises(TelegramRetryAfter):
        await make(bot, fake, max_retries=2).send_text(USER, "digest")
    assert fake.sleeps == [5, 5]


async def test_bad_request_is_reraised(bot: MockedBot, fake: FakeTime) -> None:
    bot.session.fail_next("sendMessage", TelegramBadRequest(METHOD, "can't parse entities"))

    with pytest.raises(TelegramBadRequest):
        await make(bot, fake).send_text(USER, "<b>broken")
    assert len(bot.requests) == 1
    assert fake.sleeps == []


# -- rate limits -----------------------------------------------------------------------


async def test_messages_to_one_chat_are_a_second_apart(bot: MockedBot, fake: FakeTime) -> None:
    delivery = make(bot, fake)
    for i in range(3):
        await delivery.send_text(USER, f"m{i}")

    times = send_times(bot, USER)
    assert len(times) == 3
    assert all(b - a >= 1 for a, b in itertools.pairwise(times))


async def test_global_limit_25_per_second(bot: MockedBot, fake: FakeTime) -> None:
    delivery = make(bot, fake)
    for chat_id in range(1, 27):
        await delivery.send_text(chat_id, "hello")

    times = send_times(bot)
    assert times[:25] == [1000.0] * 25
    assert times[25] == 1001.0


async def test_group_limit_20_per_minute(bot: MockedBot, fake: FakeTime) -> None:
    delivery = make(bot, fake)
    for i in range(21):
        await delivery.send_text(GROUP, f"m{i}")

    times = send_times(bot, GROUP)
    assert times[19] - times[0] < 60  # 20 fit in the minute (a second apart)
    assert times[20] == times[0] + 60  # the 21st waits for the first to leave the window


async def test_order_within_a_chat_is_kept_other_chats_in_parallel(
    bot: MockedBot, fake: FakeTime
) -> None:
    delivery = make(bot, fake)
    texts = [f"m{i}" for i in range(6)]

    await asyncio.gather(
        *(delivery.send_text(USER, t) for t in texts),
        delivery.send_text(USER + 1, "other"),
    )

    assert bot.texts_to(USER) == texts
    times = send_times(bot, USER)
    assert all(b - a >= 1 for a, b in itertools.pairwise(times))
    # the other chat did not wait behind the first one
    assert send_times(bot, USER + 1) == [1000.0]
    assert delivery._locks == {}  # locks are dropped once unused


# -- albums ----------------------------------------------------------------------------


def pngs(count: int) -> list[bytes]:
    return [b"\x89PNG chart %d" % i for i in range(count)]


def albums_to(bot: MockedBot, chat_id: int) -> list[list[tuple[bytes, str | None]]]:
    return [
        [(photo.media.data, photo.caption) for photo in request.media]
        for request in bot.sent(chat_id, method="sendMediaGroup")
    ]


async def test_charts_go_as_one_album_with_the_caption_on_the_first(
    bot: MockedBot, fake: FakeTime
) -> None:
    charts = pngs(4)
    messages = await make(bot, fake).send_album(USER, charts, "Отдел продаж · 27.11.2026")
    assert albums_to(bot, USER) == [
        [(charts[0], "Отдел продаж · 27.11.2026"), *((png, None) for png in charts[1:])]
    ]
    (request,) = bot.requests
    assert {photo.type for photo in request.media} == {"photo"}
    assert {photo.media.filename for photo in request.media} == {"chart.png"}
    assert messages is not None and len(messages) == 4


@pytest.mark.parametrize(
    ("count", "sizes"), [(2, [2]), (10, [10]), (11, [6, 5]), (21, [7, 7, 7]), (25, [9, 8, 8])]
)
async def test_more_than_ten_charts_are_several_albums_never_a_lone_photo(
    bot: MockedBot, fake: FakeTime, count: int, sizes: list[int]
) -> None:
    charts = pngs(count)
    messages = await make(bot, fake).send_album(USER, charts, "caption")
    albums = albums_to(bot, USER)
    assert [len(album) for album in albums] == sizes
    assert [png for album in albums for png, _ in album] == charts  # in order
    captions = [caption for album in albums for _, caption in album]
    assert captions == ["caption"] + [None] * (count - 1)
    assert messages is not None and len(messages) == count
    assert album_sizes(count) == sizes
    # one chat, one message a second: each album waits its turn
    times = send_times(bot, USER)
    assert all(b - a >= 1 for a, b in itertools.pairwise(times))


async def test_a_single_chart_is_a_plain_photo_and_none_sends_nothing(
    bot: MockedBot, fake: FakeTime
) -> None:
    delivery = make(bot, fake)
    assert await delivery.send_album(USER, [], "caption") == []
    assert bot.requests == []
    (message,) = await delivery.send_album(USER, pngs(1), "caption", filename="digest.png")
    (photo,) = bot.sent(USER, method="sendPhoto")
    assert (photo.caption, photo.photo.filename) == ("caption", "digest.png")
    assert message.caption == "caption"
    assert bot.sent(USER, method="sendMediaGroup") == []


async def test_a_long_album_caption_goes_on_as_text_after_the_albums(
    bot: MockedBot, fake: FakeTime
) -> None:
    caption = "\n".join(f"{i:03d} " + "z" * 40 for i in range(40))
    await make(bot, fake).send_album(USER, pngs(12), caption)
    albums = albums_to(bot, USER)
    head = albums[0][0][1]
    assert head is not None and len(head) <= 1024 and caption.startswith(head + "\n")
    assert head + "\n" + "\n".join(bot.texts_to(USER)) == caption
    assert [r.__api_method__ for r in bot.requests] == [
        "sendMediaGroup",
        "sendMediaGroup",
        "sendMessage",
    ]


async def test_an_album_to_a_blocked_user_marks_them_and_sends_no_more(
    bot: MockedBot, fake: FakeTime
) -> None:
    unreachable: list[int] = []

    async def on_unreachable(chat_id: int) -> None:
        unreachable.append(chat_id)

    bot.session.fail_next("sendMediaGroup", TelegramForbiddenError(METHOD, "bot was blocked"))
    delivery = make(bot, fake, on_unreachable=on_unreachable)
    assert await delivery.send_album(USER, pngs(14), "caption") is None
    assert unreachable == [USER]
    assert len(bot.requests) == 1  # the second album is not tried


async def test_an_album_is_retried_after_flood_control_and_follows_a_migration(
    bot: MockedBot, fake: FakeTime
) -> None:
    new_group = -1009876
    migrations: list[tuple[int, int]] = []

    async def on_migrated(old: int, new: int) -> None:
        migrations.append((old, new))

    bot.session.fail_next("sendMediaGroup", TelegramRetryAfter(METHOD, "flood", 3))
    bot.session.fail_next("sendMediaGroup", TelegramMigrateToChat(METHOD, "migrated", new_group))
    charts = pngs(3)
    messages = await make(bot, fake, on_migrated=on_migrated).send_album(GROUP, charts, "c")
    assert 3 in fake.sleeps
    assert migrations == [(GROUP, new_group)]
    assert messages is not None and {m.chat.id for m in messages} == {new_group}
    assert albums_to(bot, new_group) == [[(charts[0], "c"), (charts[1], None), (charts[2], None)]]


async def test_each_photo_of_an_album_counts_towards_a_groups_twenty_a_minute(
    bot: MockedBot, fake: FakeTime
) -> None:
    delivery = make(bot, fake)
    await delivery.send_album(GROUP, pngs(20), "caption")  # two albums of ten
    await delivery.send_text(GROUP, "after")
    album_times = [t for t, m in bot.times if m.__api_method__ == "sendMediaGroup"]  # type: ignore[attr-defined]
    (text_time,) = [t for t, m in bot.times if m.__api_method__ == "sendMessage"]  # type: ignore[attr-defined]
    assert album_times == [1000.0, 1001.0]
    assert text_time == 1060.0  # the twenty photos filled the group's minute
