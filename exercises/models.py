"""Models of the exercises app; see the exercises issue for what lands here."""
