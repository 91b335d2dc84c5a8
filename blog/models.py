"""Models of the blog app; see the blog issue for what lands here."""
