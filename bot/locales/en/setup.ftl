## team setup (/setup)

cmd_setup = set up the team step by step: time zone, working days, digest time, plan, sources, invites
setup_header = <b>Team setup · step { $number } of { $total }</b>
setup_name =
    What is the team called? Reply with its name.
    Default: «{ $name }».
setup_language =
    Which language does the bot write in the team's chat and digests? Everyone can pick their own language with /lang.
    Default: { $language }.
setup_language_ru = Russian
setup_language_en = English
setup_language_button_ru = Русский
setup_language_button_en = English
setup_timezone =
    Which time zone does the team work in? Pick a city or type an IANA zone name, for example: Asia/Novosibirsk
    Default: { $zone }.
setup_zone_kaliningrad = Kaliningrad
setup_zone_moscow = Moscow
setup_zone_samara = Samara
setup_zone_yekaterinburg = Yekaterinburg
setup_zone_omsk = Omsk
setup_zone_novosibirsk = Novosibirsk
setup_zone_krasnoyarsk = Krasnoyarsk
setup_zone_irkutsk = Irkutsk
setup_zone_yakutsk = Yakutsk
setup_zone_vladivostok = Vladivostok
setup_zone_magadan = Magadan
setup_zone_kamchatka = Kamchatka
setup_workdays =
    Which days are working days? Tap the days to switch them on or off, then «Done». On working days the plan applies and the evening digest comes.
    Chosen: { $chosen }.
    Default: { $workdays }.
setup_digest_time =
    When should the evening digest come? The team's time: { $zone }. Pick a time or type it as HH:MM, for example: 18:45
    Default: { $time }.
setup_plan =
    The SDR's daily plan. The default is the article's plan; now:
    { $lines }
    Tap «Accept», or a metric's button to change its number.
setup_plan_line = • { $metric }: { $target }
setup_plan_target = The plan for «{ $metric }»: now { $target } a day. Type the new daily plan: a range such as 80-100, or one number such as 90.
setup_sources =
    Where do the leads come from? Type the sources separated by commas or one per line. Aliases go after «=», for example:
    Website, Avito
    Yandex = yandex, ya.direct
    { $current }
    Default: the list stays as it is.
setup_sources_current = Now: { $sources }.
setup_sources_none = There are no sources yet.
setup_invite_line = • { $role }: { $link }
setup_team =
    Invite the team: send each rep the link of their role.
    { $invites }

    { $chat }
    Default: the digests go to the managers privately.
setup_team_chat_unset = For the digests to go to the team's chat, add me to the team's group and send /setchat there: this step then counts as done.
setup_team_chat_set = The team's chat is connected. To send the digests to another group, add me there and send /setchat there.
setup_button_back = ← Back
setup_button_skip = Skip
setup_button_done = Done
setup_button_accept = Accept
setup_button_edit = Change: { $metric }
setup_button_again = Start over
setup_saved_name = ✅ Team name: «{ $name }».
setup_saved_language = ✅ Team language: { $language }.
setup_saved_timezone = ✅ Time zone: { $zone }.
setup_saved_workdays = ✅ Working days: { $workdays }.
setup_saved_digest_time = ✅ Evening digest: at { $time }.
setup_saved_plan = ✅ The SDR's plan is saved.
setup_saved_target = ✅ The plan for «{ $metric }» is saved.
setup_saved_sources = ✅ Sources saved.
setup_skipped = ⏭ Skipped: left as it was.
setup_resume = Let's go on with the setup where you left off.
setup_already_done = The setup is finished. Go through it again? The current values stay as the defaults.
setup_in_private = The team setup happens in a private chat: open the chat with me and send /setup.
setup_buttons = This question is answered with the buttons below it.
setup_stale = That question is behind us. The current one is below.
setup_err_no_days = At least one working day is needed.
setup_err_name_empty = The name cannot be empty. Type it, for example: Sales
setup_err_name_long =
    The name is too long: at most { $limit } { $limit ->
        [one] character
       *[other] characters
    }. For example: Sales
setup_err_zone_unknown = I don't know the time zone «{ $zone }». Pick a city with a button or type an IANA name, for example: Asia/Novosibirsk
setup_err_time_bad = «{ $value }» is not a time of day. Type HH:MM, for example: 18:45
setup_err_target_bad = «{ $value }» is not a plan. Type a range such as 80-100, or one number such as 90.
setup_err_sources_empty = I see no source. Type them separated by commas, for example: Website, Avito, Yandex = yandex
setup_err_sources_no_name = The line «{ $line }» has no source name before «=». For example: Yandex = yandex, ya.direct
setup_sources_nothing_saved = The list was not saved. Type it again, for example: Website, Avito, Yandex = yandex
setup_chat_confirmed = ✅ The team's chat is connected: the digests will go to the group.
setup_summary_title = <b>«{ $team }» is set up</b>. Each value can be changed with a command:
setup_summary_language = Team language: { $language } — /setup
setup_summary_timezone = Time zone: { $zone } — /timezone
setup_summary_workdays = Working days: { $workdays } — /workdays
setup_summary_digest = Evening digest: { $time } — /settime digest
setup_summary_plan =
    The SDR's daily plan — /setplan:
    { $lines }
setup_summary_sources = Sources: { $sources } — /source
setup_summary_sources_none = Sources: none yet — /source add
setup_summary_invites =
    Invites: { $count ->
        [one] { $count } active link
       *[other] { $count } active links
    } — /invite, /invites
setup_summary_chat_set = Team chat: connected — /setchat
setup_summary_chat_unset = Team chat: not connected, the digests go to the managers privately — /setchat in the team's group
setup_summary_footer = Go through the setup again: /setup
