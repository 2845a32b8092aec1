## /sources <period>: the sources' text and chart; the diagnosis chart (/diagnose)

sources_report_header = <b>Sources</b> · { $period }{ $mode }
sources_report_line =
    <b>{ $source }</b>: { $leads ->
        [one] { $leads } lead
       *[other] { $leads } leads
    } (targeted { $share }) · meetings: set { $set }, held { $held }, paid { $paid } · { $conversion } { $conv }
sources_report_cohort = “{ $conversion }” is of the meetings set in this period: the part of those held that is paid by today.
sources_report_empty = No leads or meetings in this period.
sources_hint = Per-source numbers: /sources week, /sources month
chart_sources_title = Sources · { $period }
chart_sources_subtitle_period = { $team } · what happened in the period
chart_sources_subtitle_cohort = { $team } · the meetings set in the period, followed to today
chart_sources_counts = Counts, one scale for every bar:
chart_sources_shares = Shares, 0–100% scale:
chart_sources_conversion = { $conversion } (of the meetings set in the period)
chart_sources_more =
    { $count ->
        [one] { $count } more source is in the message text.
       *[other] { $count } more sources are in the message text.
    }

diag_chart_subtitle = { $period } · baseline: { $baseline }
diag_chart_baseline =
    { $kind ->
        [week] average of the { $count ->
            [one] previous week
           *[other] { $count } previous weeks
        }
        [month] average of the { $count ->
            [one] previous month
           *[other] { $count } previous months
        }
        [day] average of the { $count ->
            [one] previous day
           *[other] { $count } previous days
        }
       *[other] average of the { $count ->
            [one] previous period of the same length
           *[other] { $count } previous periods of the same length
        }
    }
diag_chart_baseline_days =
    { $kind ->
        [week] average of the same days of the { $count ->
            [one] previous week
           *[other] { $count } previous weeks
        }
        [month] average of the same days of the { $count ->
            [one] previous month
           *[other] { $count } previous months
        }
       *[other] average of the same days of the { $count ->
            [one] previous period
           *[other] { $count } previous periods
        }
    }
diag_chart_team = { $baseline }, whole team
diag_chart_plan = plan (lower bound)
diag_chart_scales = Shares on a 0–100% scale (the light band is 100%), each count on its own scale.
diag_chart_counts = { $metric }*
diag_chart_not_share_period = * “{ $metrics }” is not a share in this period (meetings cross period borders), so the counts are shown (on one scale).
diag_chart_more =
    { $count ->
        [one] { $count } more source is in the message text.
       *[other] { $count } more sources are in the message text.
    }
diag_chart_not_share_never = * “{ $metrics }” is not a share: a meeting can be held without being confirmed, so the counts are shown (on one scale).
