#!/usr/bin/env python3
"""Lists the Danish UI texts used in src/Foreningsbro.Web that have no English translation.

Keys are the string literals in L["..."] (views and code) and the DataAnnotations texts
(ErrorMessage = "...", Display(Name = "...")), which are localized through SharedResource.
Texts that reach L[...] through a variable are checked by tests instead: the enums' labels
(Data/Labels.cs) by tests/Foreningsbro.Tests/Data/LabelsTests.cs, stale-edit messages and the
search's time-of-day options by tests/Foreningsbro.Tests/Localization/LocalizationTests.cs.
The same extraction is re-implemented there, so an untranslated literal fails the test suite too.

Usage: scripts/localization-keys.py            # missing keys, exit 1 if any
       scripts/localization-keys.py --all      # every key used in the code
       scripts/localization-keys.py --unused   # translations no code uses any more
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
WEB = ROOT / "src" / "Foreningsbro.Web"
RESX = WEB / "Resources" / "SharedResource.en.resx"

LITERAL = r'"((?:[^"\\\n]|\\.)*)"'
PATTERNS = [
    re.compile(r'\b[Ll]\[\s*' + LITERAL),  # L["..."] in views, l["..."] in helpers given the localizer
    re.compile(r'\.GetString\(\s*' + LITERAL),
    re.compile(r'\bErrorMessage\s*=\s*' + LITERAL),
    re.compile(r'\bDisplay\(\s*Name\s*=\s*' + LITERAL),
]


def unescape(s: str) -> str:
    return re.sub(r'\\(u[0-9a-fA-F]{4}|.)',
                  lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1).startswith("u")
                  else {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(m.group(1), m.group(1)),
                  s)


def keys_in_code() -> dict[str, str]:
    """Key -> first file:line that uses it."""
    found: dict[str, str] = {}
    for path in sorted(WEB.rglob("*")):
        if path.suffix not in (".cs", ".cshtml") or any(p in ("bin", "obj") for p in path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            for m in pattern.finditer(text):
                key = unescape(m.group(1))
                line = text.count("\n", 0, m.start()) + 1
                found.setdefault(key, f"{path.relative_to(ROOT)}:{line}")
    return found


def keys_in_resx() -> set[str]:
    if not RESX.exists():
        return set()
    return {d.get("name") for d in ET.parse(RESX).getroot().findall("data")}


def main() -> int:
    used = keys_in_code()
    translated = keys_in_resx()
    if "--all" in sys.argv:
        for key in sorted(used):
            print(key)
        return 0
    if "--unused" in sys.argv:
        for key in sorted(translated - used.keys()):
            print(key)
        return 0
    missing = sorted(k for k in used if k not in translated)
    for key in missing:
        print(f"{used[key]}: {key}")
    if missing:
        print(f"{len(missing)} of {len(used)} keys have no translation in {RESX.relative_to(ROOT)}", file=sys.stderr)
        return 1
    print(f"All {len(used)} keys are translated.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
