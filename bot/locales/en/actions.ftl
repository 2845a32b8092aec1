## action items: findings of the diagnosis someone took on (/actions)

cmd_actions = action items from the diagnosis; reassign one: /actions assign 3 @ivan
help_actions = <code>/actions</code> — action items taken from /diagnose and the digest, with Done buttons
usage_actions = Examples: /actions — the open action items; /actions assign 3 @ivan — give item #3 to another member (managers)
act_take_button = { $n }. Make an action item: { $subject }
act_taken_button = ✅ { $n }. Action item: { $subject }
act_reference_baseline = baseline { $value }
act_reference_plan = plan of at least { $value }
act_created =
    📌 <b>Action item #{ $item_id }</b>
    { $situation } — { $subject }
    Check: { $check }
    Owner: { $owner } · due: by the end of { $due }
    Watching: { $metric } — { $taken } when taken ({ $reference })
    The weekly digest compares the numbers with the baseline: once the indicator recovers, the item closes by itself. All items: /actions
act_created_toast = Action item #{ $item_id } made
act_exists_toast = Already an action item: #{ $item_id }, owner { $owner }
act_gone = The numbers have changed: the diagnosis no longer shows this finding. Run /diagnose again.
act_refused = A manager, or the member the finding is about, can make it an action item.
act_list_header_team =
    📌 <b>The team's action items</b>: { $count } { $count ->
        [one] item
       *[other] items
    }
    Numbers: this week so far; the baseline of meetings is scaled to its working days.
act_list_header_own =
    📌 <b>Your action items</b>: { $count } { $count ->
        [one] item
       *[other] items
    }
    Numbers: this week so far; the baseline of meetings is scaled to its working days.
act_item =
    <b>#{ $item_id }. { $situation }</b> — { $subject }
    Check: { $check }
    Owner: { $owner } · due { $due }{ $late }
    { $numbers }
act_overdue_mark = {" "}· ⏰ overdue
act_numbers = { $metric } { $now } ({ $reference })
act_list_footer = Done it? Press Done. Otherwise the weekly digest closes the item once the indicator has recovered.
act_list_empty = No open action items. Make one with the button under a /diagnose answer or under the digest's "What to check".
act_done_button = ✅ Done #{ $item_id }
act_done_toast = Action item #{ $item_id } closed.
act_done_gone = This action item is closed already.
act_done_refused = Its owner or a manager can close an action item.
act_digest_title = <b>Action items</b>:
act_digest_improved = ✅ #{ $item_id } { $subject }: { $numbers } — recovered, item closed
act_digest_carried = ⏳ #{ $item_id } { $subject }: { $numbers } — not fixed yet, due { $due }
act_digest_overdue = ⏰ #{ $item_id } { $subject }: { $numbers } — overdue (was due { $due }), owner { $owner }
act_digest_see = All action items: /actions
act_assigned = Action item #{ $item_id } reassigned: the owner is now { $owner }.
act_assign_missing = There is no open action item #{ $item_id }. The list: /actions
act_assign_managers = Only a manager can give an action item to someone else.
act_assign_unknown = No member «{ $who }» found. Example: /actions assign 3 @ivan
