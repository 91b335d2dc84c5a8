"""Counts of what content is read, without cookies or personal data.

A deferred script on public pages (static/js/page-count.js) posts the page's id to a beacon
(`views.beacon`, 204), which survives the page cache because the count is not made while the
page is built. Counts are kept per process and written in batches (`services`), one row per page
and day (`models.PageDayCount`). Nothing about the visitor is stored: no address, no browser, no
cookie; the address is read only by the rate limit, in the cache, and forgotten.
"""
