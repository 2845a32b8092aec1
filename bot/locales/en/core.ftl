## access

private_bot =
    Hi! This bot is private: it keeps the numbers of one sales team.
    Ask your manager for an invite link.
deactivated = Your access to «{ $team }» is switched off. If that is a mistake, ask your manager for a new invite link.
managers_only = Only managers can do that. Your roles: { $roles }.
error_generic = Something went wrong, nothing was saved. Please try again in a minute.
unknown_command = I don't know that command. /help shows what you can do.

## roles

role_sdr = SDR (lead generator)
role_hunter = hunter (closer)
role_farmer = farmer (account manager)
role_manager = manager
roles_none = no roles yet

## start / help

welcome = Hi, { $name }! You are in «{ $team }» as { $roles }.
help_header = What you can do: tap a group to open it.
help_footer = Replies come in your language; change it with /lang.
cmd_log = one-tap buttons: calls, leads, meetings
cmd_call = a call: /call 75s, /call 4m in google
cmd_calls = the day's calls in bulk: /calls 85 260m (85 calls of 60 s+, 260 minutes on the line)
cmd_lead = a lead: /lead google targeted
cmd_meeting = a meeting: /meeting set Acme google @anna tomorrow 15:00, /meeting held 42
cmd_meetings = my open meetings, with buttons
cmd_paid = a payment: /paid 150000 #42 or /paid 150k Acme
cmd_proposal = a commercial offer sent: /proposal #42
cmd_undo = undo my last entry (within 24 hours)
cmd_history = my last 10 entries, with Void buttons; managers: /history @ivan
cmd_sources = lead sources; numbers per source: /sources week
cmd_source = manage sources: /source add google
cmd_import = import records: a CSV file with the caption /import
cmd_export = all records as CSV; for a period: /export 2026-11-01..2026-11-30
cmd_start = start and see your roles
cmd_help = what this bot can do
cmd_lang = language: /lang en or /lang ru
cmd_team = team members and their roles
cmd_invite = invite link for a role: /invite sdr
cmd_invites = active invite links, to revoke them
cmd_role = change roles: /role @ivan sdr hunter
cmd_remove = switch a member's access off: /remove @ivan
cmd_setchat = digests to the team's group: send there /setchat

## language

lang_current = Your language: English. To switch: /lang ru or /lang en.
lang_set = Done: I will speak English with you.
lang_usage = Which language? Example: /lang ru or /lang en.
