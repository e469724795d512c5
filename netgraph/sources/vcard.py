"""vCard files (``.vcf``, vCard 3.0 and 4.0), read with :mod:`vobject`.

Phones and address books export contacts as vCards. Each card's ``FN`` (or ``N``)
is the name, ``EMAIL`` the e-mail addresses, ``ORG`` the organization (its first
unit), ``TITLE`` the title, ``URL`` the profile URL, ``TEL`` the phones, ``NOTE`` the
notes and ``CATEGORIES`` the tags.
"""

from __future__ import annotations

from pathlib import Path

from netgraph.errors import DataError, Problem
from netgraph.sources._contacts import Contact, ImportResult, decode, merge

__all__ = ["import_vcard", "read_vcards"]

_WHAT = "a vCard file (.vcf) of cards starting with BEGIN:VCARD"


def _values(card, name: str) -> list:
    return [item.value for item in card.contents.get(name, [])]


def _text(value) -> str:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value if str(v).strip())
    return str(value or "").strip()


def read_vcards(path: str | Path) -> tuple[list[Contact], list[tuple[int, str]]]:
    """Read every card of a vCard file: the contacts and the cards skipped (no name).

    Raises
    ------
    DataError
        If the file is not a vCard file or a card cannot be parsed (naming its line).
    """
    import vobject

    path = Path(path)
    text = decode(path, _WHAT)
    if not text.lstrip().upper().startswith("BEGIN:VCARD"):
        first = text.strip().splitlines()[0][:80] if text.strip() else ""
        raise DataError([Problem(path.name, 1, None, first, _WHAT)])
    starts = [
        i + 1 for i, line in enumerate(text.splitlines()) if line.upper().startswith("BEGIN:VCARD")
    ]
    contacts, skipped = [], []
    try:
        for k, card in enumerate(vobject.readComponents(text, ignoreUnreadable=False)):
            line = starts[k] if k < len(starts) else 0
            name = " ".join(_text(_values(card, "fn")[0] if _values(card, "fn") else "").split())
            if not name and _values(card, "n"):
                n = _values(card, "n")[0]
                name = " ".join(f"{n.prefix} {n.given} {n.additional} {n.family}".split())
            if not name:
                skipped.append((line, "no name"))
                continue
            orgs = _values(card, "org")
            org = orgs[0] if orgs else ""
            org = org[0] if isinstance(org, list | tuple) and org else org
            categories = [
                c
                for v in _values(card, "categories")
                for c in (v if isinstance(v, list | tuple) else str(v).split(","))
            ]
            contacts.append(
                Contact(
                    name=name,
                    line=line,
                    emails=tuple(
                        dict.fromkeys(
                            _text(e).removeprefix("mailto:")
                            for e in _values(card, "email")
                            if _text(e)
                        )
                    ),
                    organization=_text(org),
                    title=_text(_values(card, "title")[0]) if _values(card, "title") else "",
                    url=_text(_values(card, "url")[0]) if _values(card, "url") else "",
                    phone=";".join(
                        _text(t).removeprefix("tel:") for t in _values(card, "tel") if _text(t)
                    ),
                    tags=tuple(c.strip() for c in categories if str(c).strip()),
                    notes=_text(_values(card, "note")[0]) if _values(card, "note") else "",
                )
            )
    except (vobject.base.ParseError, vobject.base.ValidateError) as exc:
        line = getattr(exc, "lineNumber", None)
        raise DataError(
            [Problem(path.name, line, None, str(exc).strip()[:80], _WHAT + " (a card is broken)")]
        ) from None
    return contacts, skipped


def import_vcard(target: str | Path, path: str | Path, *, me: str | None = None) -> ImportResult:
    r"""Merge a vCard file into a store (each card a person with a tie to the user).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from netgraph.sources.csv_folder import init
    >>> tmp = Path(tempfile.mkdtemp())
    >>> folder = init(tmp / "mine", name="Ana López")
    >>> _ = (tmp / "c.vcf").write_text(
    ...     "BEGIN:VCARD\nVERSION:4.0\nFN:Zoë Müller\nORG:Helio Labs\n"
    ...     "EMAIL:zoe@helio.example\nEND:VCARD\n")
    >>> import_vcard(folder, tmp / "c.vcf").added
    [('p002', 'Zoë Müller')]
    """
    path = Path(path)
    contacts, skipped = read_vcards(path)
    return merge(
        target, contacts, fmt="vcard", file=path.name, me=me, tie_kind="contact", skipped=skipped
    )
