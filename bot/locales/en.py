"""English texts. Placeholders are str.format fields; values are HTML-escaped."""

MESSAGES: dict[str, str] = {
    # access
    "private_bot": (
        "Hi! This bot is private: it keeps the numbers of one sales team.\n"
        "Ask your manager for an invite link."
    ),
    "deactivated": (
        "Your access to «{team}» is switched off. If that is a mistake, "
        "ask your manager for a new invite link."
    ),
    "managers_only": "Only managers can do that. Your roles: {roles}.",
    "error_generic": "Something went wrong, nothing was saved. Please try again in a minute.",
    "unknown_command": "I don't know that command. /help shows what you can do.",
    # roles
    "role_sdr": "SDR (lead generator)",
    "role_hunter": "hunter (closer)",
    "role_farmer": "farmer (account manager)",
    "role_manager": "manager",
    "roles_none": "no roles yet",
    # start / help
    "welcome": "Hi, {name}! You are in «{team}» as {roles}.",
    "help_header": "What you can do:",
    "help_manager_header": "Manager commands:",
    "help_footer": "Replies come in your language; change it with /lang.",
    "cmd_start": "start and see your roles",
    "cmd_help": "what this bot can do",
    "cmd_lang": "language: /lang en or /lang ru",
    "cmd_team": "team members and their roles",
    "cmd_invite": "invite link for a role: /invite sdr",
    "cmd_invites": "active invite links, revoke",
    "cmd_role": "change roles: /role @ivan sdr hunter",
    "cmd_remove": "switch a member off: /remove @ivan",
    "cmd_setchat": "send in the team group: digests go there",
    # language
    "lang_current": "Your language: English. To switch: /lang ru or /lang en.",
    "lang_set": "Done: I will speak English with you.",
    "lang_usage": "Which language? Example: /lang ru or /lang en.",
    # invites
    "invite_usage": (
        "Which role is the invite for? Roles: sdr, hunter, farmer, manager.\nExample: /invite sdr"
    ),
    "invite_unknown_role": (
        "I don't know the role «{role}». Roles: sdr, hunter, farmer, manager.\n"
        "Example: /invite hunter"
    ),
    "invite_created": (
        "Invite link for {role}, valid until {expires}:\n{link}\n\n"
        "Anyone who opens it joins «{team}» as {role}. "
        "Send it to your reps privately; revoke it any time with /invites."
    ),
    "invites_header": "Active invite links of «{team}»:",
    "invites_item": "{n}. {role}, until {expires}\n{link}",
    "invites_empty": "There are no active invite links. Create one: /invite sdr",
    "invite_revoke_button": "Revoke #{n} ({role})",
    "invite_revoked": "Invite link revoked.",
    "invite_already_revoked": "That link was already revoked or has expired.",
    "invite_invalid": (
        "This invite link has expired or was revoked. Ask your manager for a new one."
    ),
    "joined": "Welcome to «{team}», {name}! Your roles: {roles}.",
    "joined_role_added": "You are already in «{team}»; role added. Your roles: {roles}.",
    "joined_already": "You are already in «{team}» with that role. Your roles: {roles}.",
    "joined_notify_managers": "{name} joined «{team}» as {role}.",
    # team
    "team_header": "«{team}», {count} members:",
    "team_line": "{n}. {name}{username}: {roles}",
    "team_inactive": " (switched off)",
    "team_footer": "Managers: /role {n} sdr hunter, /remove {n}.",
    "member_usage_role": (
        "Whom and which roles? Name the member as in /team: by number, @username or name.\n"
        "Example: /role @ivan sdr hunter"
    ),
    "member_usage_remove": (
        "Whom to switch off? Name the member as in /team: by number, @username or name.\n"
        "Example: /remove @ivan"
    ),
    "member_not_found": "I can't find «{query}» in the team. /team shows the list.",
    "member_ambiguous": "«{query}» matches several people: {names}. Use the number from /team.",
    "role_unknown": "I don't know the role «{role}». Roles: sdr, hunter, farmer, manager.",
    "roles_updated": "{name}: roles are now {roles}.",
    "last_manager": "The team must keep at least one active manager; nothing changed.",
    "admin_keeps_manager": (
        "{name} is a bootstrap admin (ADMIN_IDS) and stays a manager; nothing changed."
    ),
    "member_removed": "{name} is switched off. Their history stays and counts in past reports.",
    "member_already_removed": "{name} is already switched off.",
    "member_reactivated": "{name} is back in the team.",
    # groups
    "setchat_done": "Done: digests of «{team}» will come to this chat.",
    "setchat_private": "Send /setchat in the team's group chat, where digests should go.",
    "group_hello_manager": (
        "Hi! I am the team's sales numbers bot. "
        "Send /setchat here to get the evening digests in this chat."
    ),
    "group_not_allowed": (
        "Only a manager of the team can add me to a group, so I am leaving. "
        "Ask your manager to add me."
    ),
}
