## typed vs telephony calls

# /stats where a telephony feed is connected: calls of 60 s+ typed by hand and from telephony
stats_typed_verified = Calls of 60 s+: typed { $typed }, from telephony { $verified } ({ $share } of all calls of 60 s+)
# a member's /stats in a group chat: the comparison is not posted there
stats_typed_verified_private = Calls checked against telephony: in a private chat with the bot only.
# in the evening, privately to the managers: whose typed calls are well above telephony's
over_typed_title = <b>Typed calls above what telephony recorded</b> · { $day }
over_typed_line = { $name }: typed { $typed }, from telephony { $verified } (difference { $excess })
over_typed_rule =
    Listed: typed calls of 60 s+ more than { $over } above those from telephony, and at least { $least ->
        [one] { $least } call
       *[other] { $least } calls
    } more. A reason to talk, not a verdict: the rep's number may not be linked (/unmatched, /link @name 101). Details: /stats @name
