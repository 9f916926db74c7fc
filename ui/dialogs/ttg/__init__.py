"""Through the Gate dialogs: actions, referrals, contacts and custody events."""
