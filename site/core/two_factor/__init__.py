"""Two-factor authentication for the Wagtail admin: a thin layer over django-otp.

A TOTP authenticator app plus one-time recovery codes. `policy` says who must use it, the
middleware sends users to the set-up page or the code step, `services` writes the devices.
"""
