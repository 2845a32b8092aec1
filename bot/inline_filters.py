"""Magic filters (``F.chat.type == "private"``) checked in the event loop, not in a thread.

aiogram runs every filter that is not a coroutine function through ``asyncio.to_thread``,
and a magic filter's ``resolve`` is a plain function: each one a thread hand-off, a copied
context and an extra turn of the event loop, for an attribute comparison. A ``/call``
crossed three of them on its way to its router (issue 19). :func:`inline_magic_filters`
wraps each magic filter of the routers in a coroutine that resolves it in place; what it
matches is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import FilterObject

# Fail at start-up, not silently, if a future aiogram renames what is used here.
_FIELDS = ("callback", "awaitable", "magic")
if not all(name in FilterObject.__dataclass_fields__ for name in _FIELDS):
    raise RuntimeError(f"this aiogram's FilterObject lacks one of {', '.join(_FIELDS)}")


def _filters(router: Router) -> Iterator[FilterObject]:
    for observer in router.observers.values():
        yield from observer._handler.filters or ()
        for handler in observer.handlers:
            yield from handler.filters or ()
    for sub in router.sub_routers:
        yield from _filters(sub)


def _in_loop(resolve: Callable[[Any], Any]) -> Callable[..., Any]:
    async def resolved(event: Any, *_: Any, **__: Any) -> Any:
        return resolve(event)

    return resolved


def inline_magic_filters(router: Router) -> int:
    """Make the magic filters of ``router`` and its sub-routers resolve in the event
    loop; returns how many were changed (each at most once)."""
    changed = 0
    for found in _filters(router):
        if found.magic is not None and not found.awaitable:
            found.callback = _in_loop(found.callback)
            found.awaitable = True
            changed += 1
    return changed
