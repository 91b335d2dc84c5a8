"""The site's one e-mail outbox: every e-mail (booking, reminder, comment, contact) is written here
inside the transaction that caused it, then delivered by the worker with retries and back-off."""
