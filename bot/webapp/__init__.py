"""The live wallboard's web side: the Telegram Mini App and the office TV page."""
