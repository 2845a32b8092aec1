## /sources <period>: the sources' text and chart

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
