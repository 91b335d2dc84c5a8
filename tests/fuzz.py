"""Generated hostile input for every public GET parameter and POST field.

Shared by the property tests (tests/<app>/test_fuzz.py, through the Django test client) and by
bench/fuzz.py (over HTTP against a running server). A `Target` names one form or URL and the
valid value of each of its fields; `requests_for` draws requests in which each field is either
its valid value, absent, a generated value or a list of them (repeated parameters).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from hypothesis import strategies as st

ABSENT = object()

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "\x1b[31mred",
    "\x7f",
    "\x85",
    "\r\n",
    "\t",
    "\u202eevil\u202c",
    "\u2066isolated\u2069",
    "\u200b",
    "\ufeff",
    "\uffff",
    "-1",
    "0",
    "00",
    "1e309",
    "NaN",
    "inf",
    "9" * 40,
    "-" + "9" * 40,
    "²",
    "١٢٣",
    "1-999912312359",
    "1-000101010000",
    "1-000000000000",
    "0-202601011000",
    "999999999-202601011000",
    "1--202601011000",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"; DROP TABLE booking_booking; --',
    "{{ 7*7 }}",
    "José Ñúñez",
    "Zoë 😀👩🏽‍⚕️",
    "中文テスト한국어",
    "مرحبا",
    "a@b.co",
    "on",
    "confirm",
    "apply_code",
    "release",
    "cancel",
    "rss",
    "FIRST15",
]


def slot_ids() -> st.SearchStrategy[str]:
    """Slot ids of every shape: years 0001-9999 (and the edges), odd practitioner ids."""
    return st.builds(
        lambda pid, year, rest: f"{pid}-{year:04d}{rest}",
        st.one_of(st.integers(0, 5), st.integers(0, 999_999_999)),
        st.one_of(st.sampled_from([1, 1970, 2026, 2027, 9999]), st.integers(0, 9999)),
        st.one_of(
            st.sampled_from(["12312359", "01010000", "13450000", "02300900", "06151000"]),
            st.from_regex(r"[0-9]{8}", fullmatch=True),
        ),
    )


def values() -> st.SearchStrategy[str]:
    """One hostile value."""
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(max_size=40),
        st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=20),
        st.integers(-(10**40), 10**40).map(str),
        slot_ids(),
        st.text(min_size=300, max_size=1200),
    )


def field_values(valid, extra=()) -> st.SearchStrategy:
    """A field's value in a request: valid, absent, generated, or repeated."""
    options = [st.just(ABSENT), values(), st.lists(values(), min_size=2, max_size=3)]
    if valid is not None:
        options[:0] = [st.just(valid), st.just(valid)]
    if extra:
        options.append(st.sampled_from(list(extra)))
    return st.one_of(options)


@dataclass
class Target:
    """One public URL and its fields: `query` go in the query string, `body` in a POST."""

    name: str
    path: str
    query: dict = field(default_factory=dict)
    body: dict | None = None  # None: GET only
    # Extra candidate values per field (e.g. tampered signed links).
    extra: dict = field(default_factory=dict)
    # Path segments to fuzz: {placeholder: valid}; `path` holds "{placeholder}".
    segments: dict = field(default_factory=dict)


@dataclass
class Request:
    target: str
    method: str
    path: str
    query: dict
    body: dict

    def __str__(self):
        return f"{self.method} {self.path} query={self.query!r} body={self.body!r}"


def _present(data: dict) -> dict:
    return {k: v for k, v in data.items() if v is not ABSENT}


def requests_for(target: Target) -> st.SearchStrategy[Request]:
    def fields(spec: dict):
        return st.fixed_dictionaries(
            {name: field_values(valid, target.extra.get(name, ())) for name, valid in spec.items()}
        )

    segments = st.fixed_dictionaries(
        {
            name: st.one_of(st.just(valid), values().filter(bool))
            for name, valid in target.segments.items()
        }
    )
    methods = ["GET"] if target.body is None else ["GET", "POST"]
    return st.builds(
        lambda method, parts, query, body: Request(
            target=target.name,
            method=method,
            path=target.path.format(**{k: quote(v, safe="") for k, v in parts.items()}),
            query=_present(query),
            body=_present(body) if method == "POST" else {},
        ),
        st.sampled_from(methods),
        segments,
        fields(target.query),
        fields(target.body or {}),
    )


def any_request(targets: list[Target]) -> st.SearchStrategy[Request]:
    return st.one_of([requests_for(t) for t in targets])


def tampered(token: str) -> list[str]:
    """Signed-link tokens that must be refused: cut, altered, padded, foreign."""
    return [
        token[:-2] + "xx",
        token[:-1],
        token[: len(token) // 2],
        token + "\x00",
        token.upper(),
        token.replace(":", "%3A"),
        "\u202e" + token,
        token + token,
    ]


def send(client, request: Request):
    """Send one generated request through a Django test client (or anything with get/post)."""
    from urllib.parse import urlencode

    url = request.path
    if request.query:
        url += "?" + urlencode(request.query, doseq=True)
    if request.method == "POST":
        return client.post(url, request.body)
    return client.get(url)
