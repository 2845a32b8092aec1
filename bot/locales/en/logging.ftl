## logging (issue: calls, leads, meetings, payments, proposals)

saved = ✔️ Saved for { $name }: { $entry }
undo_button = ↩️ Undo
void_button = ✖️ Void #{ $n }
voided = ↩️ Voided: { $entry }
entry_call = 📞 call { $duration }, { $direction }{ $source }{ $client }, { $day }
entry_calls =
    📞 { $count ->
        [one] { $count } call
       *[other] { $count } calls
    } of 60 s+, { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } on the line, { $day }
entry_lead = 🧲 lead #{ $lead_id }{ $source }{ $qualification }{ $client }, { $day }
entry_lead_qualified = 🧲 lead #{ $lead_id } is now { $qualification }
entry_meeting_set = 🤝 meeting #{ $meeting_id } set: { $client }{ $source }{ $hunter }{ $when }, { $day }
entry_meeting_confirmed = ✅ meeting #{ $meeting_id } confirmed{ $client }, { $day }
entry_meeting_held = 🏁 meeting #{ $meeting_id } held{ $client }, { $day }
entry_meeting_cancelled = ✖️ meeting #{ $meeting_id } cancelled{ $client }, { $day }
entry_meeting_no_show = 🚫 meeting #{ $meeting_id }: client did not come{ $client }, { $day }
entry_payment_new = 💰 payment { $amount } for meeting #{ $meeting_id }{ $client }, { $day }
entry_payment_repeat = 💰 repeat sale { $amount }: { $client }, { $day }
entry_proposal = 📄 proposal sent{ $meeting }, { $day }
entry_import =
    📥 import of { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    }
entry_void_mark = {" "}(void)
dir_in = incoming
dir_out = outgoing
qual_targeted = targeted
qual_non_targeted = non-targeted
with_source = , source { $source }
with_client = , { $client }
with_hunter = , hunter { $hunter }
with_when = , on { $when }
with_meeting = {" "}for meeting #{ $meeting_id }
no_client = no client name
usage_call = How long was the call? Examples: /call 75s, /call 2m30s, /call 1:15, /call 4m in google, /call 3m yesterday
usage_calls = How many calls of 60 s+ and how many minutes on the line? Example: /calls 85 260m (85 calls, 260 minutes), /calls 85 260m yesterday
usage_lead = Examples: /lead google, /lead google targeted, /lead yandex non, /lead 17 targeted (qualify lead #17)
usage_meeting = Examples: /meeting set Acme LLC google @anna tomorrow 15:00, /meeting confirm 42, /meeting held 42, /meeting noshow 42, /meeting cancel 42
usage_paid = Examples: /paid 150000 #42 (payment for meeting 42), /paid 150k Acme LLC (repeat sale to an existing client)
usage_proposal = Examples: /proposal, /proposal #42
err_bad_duration = «{ $value }» is not a duration: use 75s, 2m30s or 1:15.
err_duration_ambiguous = «{ $value }»: seconds or minutes? Write 75s or 2m.
err_duration_negative = A call cannot last «{ $value }».
err_duration_too_long = «{ $value }» is over 4 hours: that cannot be one call.
err_amount_not_positive = The amount must be more than zero, got «{ $value }».
err_amount_too_large = «{ $value }» is too large for one payment.
err_day_in_future = «{ $value }» is in the future: entries can only be backdated.
err_day_too_old = «{ $value }» is too long ago: the earliest day you can log is { $limit }.
err_bad_day = «{ $value }» is not a day I understand: use yesterday or 2026-11-26.
err_bad_time = «{ $value }» is not a time: use 15:00.
err_meeting_time_out_of_range = «{ $value }» is too far from today for a meeting.
err_count_out_of_range = «{ $value }» is not a sensible number of calls.
err_bad_amount = «{ $value }» is not an amount: use 150000, 150 000, 150k or 1.5m.
err_extra_words = I did not understand «{ $value }».
calls_minutes_too_few =
    { $count ->
        [one] { $count } call of 60 s+ takes at least { $count } minute on the line
       *[other] { $count } calls of 60 s+ take at least { $count } minutes on the line
    }, not { $minutes }.
refused_meeting_not_found = There is no meeting #{ $meeting_id }. /meetings lists yours.
refused_meeting_not_yours = Meeting #{ $meeting_id } is not yours: only its setter, its hunter or a manager can change it.
refused_meeting_lifecycle = Meeting #{ $meeting_id } is already { $current }: it cannot be { $event } now.
refused_meeting_step_too_early = Meeting #{ $meeting_id } already has a step on { $last_day }: the next step cannot be dated earlier.
refused_payment_before_held = Meeting #{ $meeting_id } was held on { $held_day }: its payment cannot be dated earlier.
refused_meeting_not_held = Meeting #{ $meeting_id } is { $current }, not held: record the payment after it is held (/meeting held { $meeting_id }).
refused_lead_not_found = There is no lead #{ $lead_id }.
refused_lead_not_yours = Lead #{ $lead_id } is someone else's: only they or a manager can qualify it.
refused_entry_not_found = There is no entry #{ $entry_id }.
refused_entry_already_void = That entry is already void.
refused_entry_not_yours = That entry is someone else's: only they or a manager can void it.
refused_void_later_first = Meeting #{ $meeting_id } has later steps or payments: undo those first (/history).
nothing_to_undo = Nothing to undo: you have no entries from the last 24 hours.
hunter_unknown = There is no hunter «{ $name }» in the team. Hunters: { $hunters }.
meeting_client_missing = Who is the meeting with? Example: /meeting set Acme LLC google @anna
status_set = set
status_confirmed = confirmed
status_held = held
status_cancelled = cancelled
status_no_show = no-show
status_void = void
event_confirmed = confirmed
event_held = held
event_cancelled = cancelled
event_no_show = marked as no-show
btn_confirm = ✅ Confirmed
btn_held = 🏁 Held
btn_noshow = 🚫 No-show
btn_cancel = ✖️ Cancel
meeting_card =
    🤝 Meeting #{ $meeting_id }: { $client }
    Status: { $status }
    Source: { $source }
    Set by: { $setter }
    Hunter: { $hunter }
    When: { $when }{ $paid }
meeting_card_paid =
    {""}
    Paid: { $amount }
not_given = —
meeting_for_hunter = { $setter } set a meeting for you:
meetings_line = #{ $meeting_id } { $client } · { $when } · { $status }{ $hunter }
meeting_unknown_action = What should happen to the meeting? set, confirm, held, noshow or cancel.
meeting_number_missing = Which meeting? Give its number, e.g. 42 or #42.
meetings_header = Your open meetings:
meetings_empty = You have no open meetings.
meetings_more =
    …and { $count ->
        [one] { $count } more meeting
       *[other] { $count } more meetings
    }.
history_header = Your last entries:
history_header_of = Last entries of { $name }:
history_empty = No entries yet.
history_line = #{ $n } { $entry }
usage_history = Example: /history, or for a manager: /history @ivan
log_header = One tap logs an entry for today. Logged today: { $summary }
log_summary = 📞 { $calls } · ⏱ { $minutes } min · 🧲 { $leads } · 🤝 { $set } · 🏁 { $held }
log_last = Last: { $entry }
log_call_1 = 📞 call 1 min
log_call_3 = 📞 call 3 min
log_call_5 = 📞 call 5 min
log_call_short = 📞 no answer (0 s)
log_lead = 🧲 lead
log_lead_targeted = 🎯 targeted lead
log_meeting_set = 🤝 meeting set
log_proposal = 📄 proposal
log_meetings = 🏁 my meetings
log_undo = ↩️ undo last
log_saved_toast = Saved: { $entry }
