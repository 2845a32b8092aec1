"""Inbound webhooks from telephony and CRM providers: verification, parsing and serving."""
