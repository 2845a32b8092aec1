## the live wallboard: /board, /tv and the menu button

cmd_board = the team's live board: funnel, plan vs fact, sources, trend
cmd_tv = the board for the office TV: /tv (the link), /tv new (a new link), /tv revoke (switch it off)
board_menu_button = Board
board_button = Open the board
board_intro_rep =
    The live board: your plan and fact and the team's numbers — funnel, sources, weekly trend; the ranking when your manager has opened it. The numbers update by themselves while the board is open.
    Open it with the button below or with the «Board» button of the chat menu.
board_intro_manager =
    The live board: the team's funnel, each rep's plan and fact, the ranking, sources, weekly trend. The numbers update by themselves while the board is open.
    Open it with the button below or with the «Board» button of the chat menu. The board for the office TV: /tv
board_in_group = The board opens in your private chat with the bot: press the button below.
board_group_button = Open the board in a private chat
board_off_manager =
    The live board is off: WEBAPP_URL is not set.
    To switch it on: set WEBAPP_URL in .env to the public https address the bot serves the board at (e.g. https://bot.example.com/app), give that domain to the bot at @BotFather (/setdomain) and restart the bot. Details: README, section «The live wallboard».
board_off_rep = The live board is not switched on yet. Ask your manager to switch it on.
tv_link =
    The board for the office TV:
    { $url }

    Open the link in the TV's browser: it shows names and numbers only, turns through its panels and keeps itself up to date. The link is secret: anyone who has it sees the board.
    /tv revoke switches it off at once, /tv new gives a new link instead of this one.
tv_link_new =
    A new link for the TV; the old one no longer opens:
    { $url }

    Open it in the TV's browser: it shows names and numbers only, turns through its panels and keeps itself up to date. The link is secret: anyone who has it sees the board.
    /tv revoke switches it off at once.
tv_revoked = The TV link is switched off: it no longer opens the board. A new link: /tv
tv_none = There was no TV link, nothing to switch off. Create one: /tv
tv_private_only = The TV link is secret: send /tv to me in a private chat.
usage_tv = Examples: /tv (the link for the TV), /tv new (a new link; the old one stops opening), /tv revoke (switch the link off)
