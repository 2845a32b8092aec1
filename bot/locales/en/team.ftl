## invites

invite_usage =
    Which role is the invite for? Roles: sdr, hunter, farmer, manager.
    Example: /invite sdr
invite_unknown_role =
    I don't know the role «{ $role }». Roles: sdr, hunter, farmer, manager.
    Example: /invite hunter
invite_created =
    Invite link for { $role }, valid until { $expires }:
    { $link }

    Anyone who opens it joins «{ $team }» as { $role }. Send it to your reps privately; revoke it any time with /invites.
invites_header = Active invite links of «{ $team }»:
invites_item =
    { $n }. { $role }, until { $expires }
    { $link }
invites_empty = There are no active invite links. Create one: /invite sdr
invite_revoke_button = Revoke #{ $n } ({ $role })
invite_revoked = Invite link revoked.
invite_already_revoked = That link was already revoked or has expired.
invite_invalid = This invite link has expired or was revoked. Ask your manager for a new one.
joined = Welcome to «{ $team }», { $name }! Your roles: { $roles }.
joined_role_added = You are already in «{ $team }»; role added. Your roles: { $roles }.
joined_already = You are already in «{ $team }» with that role. Your roles: { $roles }.
joined_notify_managers = { $name } joined «{ $team }» as { $role }.

## team

team_header =
    «{ $team }»: { $count ->
        [one] { $count } member
       *[other] { $count } members
    }
team_line = { $n }. { $name }{ $username }: { $roles }
team_inactive = {" "}(switched off)
team_footer = Managers: /role { $n } sdr hunter, /remove { $n }.
member_usage_role =
    Whom and which roles? Name the member as in /team: by number, @username or name.
    Example: /role @ivan sdr hunter
member_usage_remove =
    Whom to switch off? Name the member as in /team: by number, @username or name.
    Example: /remove @ivan
member_not_found = I can't find «{ $query }» in the team. /team shows the list.
member_ambiguous = «{ $query }» matches several people: { $names }. Use the number from /team.
role_unknown = I don't know the role «{ $role }». Roles: sdr, hunter, farmer, manager.
roles_updated = { $name }: roles are now { $roles }.
last_manager = The team must keep at least one active manager; nothing changed.
admin_keeps_manager = { $name } is a bootstrap admin (ADMIN_IDS) and stays a manager; nothing changed.
member_removed = { $name } is switched off. Their history stays and counts in past reports.
member_already_removed = { $name } is already switched off.
member_reactivated = { $name } is back in the team.

## groups

setchat_done = Done: digests of «{ $team }» will come to this chat.
setchat_private = Send /setchat in the team's group chat, where digests should go.
group_hello_manager = Hi! I am the team's sales numbers bot. Send /setchat here to get the evening digests in this chat.
group_not_allowed = Only a manager of the team can add me to a group, so I am leaving. Ask your manager to add me.
