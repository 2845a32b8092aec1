"""Thin aiogram routers, one per feature; ``get_routers`` gives them in order.

Order matters: public routers first, then the member and manager routers
(each guarded by a router-level filter), and the fallback last, which answers
strangers, reps who try manager commands, and unknown commands.
"""

from aiogram import Router


def get_routers() -> list[Router]:
    from handlers import (
        actions,
        board,
        calls,
        diagnosis,
        digests,
        entries,
        fallback,
        feeds,
        groups,
        interchange,
        invites,
        join,
        leads,
        meetings,
        payments,
        plans,
        quicklog,
        races,
        ramp,
        reports,
        schedule,
        score,
        setup,
        sources,
        start,
        suggest,
        team,
        team_admin,
        trend,
    )

    routers = [
        groups.router,
        board.router,
        join.router,
        start.router,
        team.router,
        calls.router,
        leads.router,
        meetings.router,
        payments.router,
        entries.router,
        quicklog.router,
        reports.router,
        races.router,
        trend.router,
        suggest.router,  # /setplan ... suggest, before the typed /setplan
        plans.router,
        score.router,
        ramp.router,
        digests.router,
        diagnosis.router,
        actions.router,
        schedule.router,
        feeds.router,
        sources.router,
        invites.router,
        interchange.router,
        team_admin.router,
        setup.router,
        fallback.router,
    ]
    # Routers are module-level singletons and aiogram lets a router have one
    # parent; detach them so a fresh Dispatcher can be built again in the same
    # process (every handler test builds its own).
    for router in routers:
        router._parent_router = None
    return routers
