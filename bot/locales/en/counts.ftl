## how many of what: a number and its noun in the right form (1 call, 2 calls, 1.5 minutes)
## count_<metric>, for plans and pace: "59 calls to go today", "forecast for the period 412 calls"

count_calls_60 =
    { $count ->
        [one] { $count } call
       *[other] { $count } calls
    }
count_minutes_on_line =
    { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }
count_leads_new =
    { $count ->
        [one] { $count } lead
       *[other] { $count } leads
    }
count_meetings_set =
    { $count ->
        [one] { $count } meeting
       *[other] { $count } meetings
    }
count_meetings_held =
    { $count ->
        [one] { $count } meeting
       *[other] { $count } meetings
    }
count_meetings_held_as_hunter =
    { $count ->
        [one] { $count } meeting
       *[other] { $count } meetings
    }
count_payments_as_hunter =
    { $count ->
        [one] { $count } payment
       *[other] { $count } payments
    }
count_proposals =
    { $count ->
        [one] { $count } proposal
       *[other] { $count } proposals
    }
count_repeat_payments =
    { $count ->
        [one] { $count } repeat sale
       *[other] { $count } repeat sales
    }
count_sales_cycle_days_as_hunter =
    { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
