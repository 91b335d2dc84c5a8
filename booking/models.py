"""Models of the booking app; see the booking issue for what lands here."""
