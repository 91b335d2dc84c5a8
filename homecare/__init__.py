"""Home programmes: a programme built for one patient from the library, sent by signed link."""
