#!/usr/bin/python3
"""Generates the PS3.15 Annex E de-identification tables of NodeAgent.Core.

Reads the PS3.15 tables collected under ../shared/dicom-standard (see its README):

  ps3.15-E.1-1-confidentiality-profile-<edition>.json   Table E.1-1, every row with every option column
  ps3.15-E.1-1a-action-codes-<edition>.json             Table E.1-1a, the action codes
  ps3.15-E.3.10-1-safe-private-<edition>.json           Table E.3.10-1, safe private attributes

and writes two committed C# files:

  src/NodeAgent.Core/Deidentification/ConfidentialityProfile.g.cs   Table E.1-1, one text line per attribute
  src/NodeAgent.Core/Deidentification/SafePrivateAttributes.g.cs    Table E.3.10-1, one text line per element

Each source file's rows are checked against the SHA-256 the file records (computed as its
content_sha256_method says), every action code against Table E.1-1a, and every tag against its pattern,
so a damaged or hand-edited source table fails here rather than in a de-identified file.

Usage:
  generate-deidentification-profile.py [--standard DIR] [--edition 2026d] [--check]

With --check nothing is written: the output is regenerated in memory and the script exits 1 naming each
committed file that differs (or 2 when the source tables are missing or invalid). Python standard
library only; output is deterministic, with LF line endings.
"""

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

SCRIPT = "tools/generate-deidentification-profile.py"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STANDARD = REPO_ROOT.parent / "shared" / "dicom-standard"
DEFAULT_EDITION = "2026d"

PROFILE_OUT = Path("src/NodeAgent.Core/Deidentification/ConfidentialityProfile.g.cs")
SAFE_PRIVATE_OUT = Path("src/NodeAgent.Core/Deidentification/SafePrivateAttributes.g.cs")

# The option columns of Table E.1-1, in the table's order; the C# enum ProfileOption has the same order.
OPTION_COLUMNS = [
    "retain_safe_private",
    "retain_uids",
    "retain_device_identity",
    "retain_institution_identity",
    "retain_patient_characteristics",
    "retain_longitudinal_full_dates",
    "retain_longitudinal_modified_dates",
    "clean_descriptors",
    "clean_structured_content",
    "clean_graphics",
]

# The Table E.1-1 rows that name more than one attribute; their tag becomes a pattern in the C# table.
SPECIAL_TAGS = {
    "(50xx,xxxx)": "50XXXXXX",
    "(60xx,3000)": "60XX3000",
    "(60xx,4000)": "60XX4000",
    "(gggg,eeee) where gggg is odd": "ODD",
}

EXPECTED_ACTION_CODES = {"D", "Z", "X", "K", "C", "U", "Z/D", "X/Z", "X/D", "X/Z/D", "X/Z/U*"}
TAG = re.compile(r"^\(([0-9A-F]{4}),([0-9A-F]{4})\)$")
SAFE_TAG = re.compile(r"^\(([0-9A-Fa-f]{4}),[xX]{2}([0-9A-Fa-f]{2})\)$")
VALID_VRS = {
    "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL",
    "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US",
    "UT", "UV",
}


class GenerationError(Exception):
    """The source tables cannot be turned into C#; the message says why."""


def load_table(path):
    """Loads one of the JSON tables and checks its rows against the SHA-256 it records."""
    if not path.is_file():
        raise GenerationError(f"{path} does not exist")
    document = json.loads(path.read_text(encoding="utf-8"))
    rows = document.get("rows")
    if not isinstance(rows, list) or not rows:
        raise GenerationError(f"{path.name} has no rows")
    recorded = document.get("content_sha256")
    # The method the README and the file describe: sha256 of json.dumps(rows, sort_keys=True,
    # separators=(',',':'), ensure_ascii=False) encoded as UTF-8.
    actual = hashlib.sha256(
        json.dumps(rows, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    if recorded != actual:
        raise GenerationError(f"{path.name}: rows hash to {actual}, but the file records {recorded}")
    return document, rows, actual


def check_text(value, what):
    if "|" in value or "\n" in value or "\r" in value or '"""' in value:
        raise GenerationError(f"{what} {value!r} holds a character the packed table cannot carry")
    return value


def profile_lines(rows, action_codes):
    """One line per Table E.1-1 row: tag|basic|options|R|name, sorted by tag, the patterns last."""
    lines = []
    seen = set()
    for row in rows:
        tag_text = row["tag"]
        if tag_text in SPECIAL_TAGS:
            tag = SPECIAL_TAGS[tag_text]
            order = (1, tag)
        else:
            match = TAG.match(tag_text)
            if not match:
                raise GenerationError(f"Table E.1-1 tag {tag_text!r} is neither (gggg,eeee) nor a known pattern")
            tag = match.group(1) + match.group(2)
            order = (0, tag)
        if tag in seen:
            raise GenerationError(f"Table E.1-1 lists {tag_text} twice")
        seen.add(tag)

        basic = row["basic_profile"]
        if basic not in action_codes:
            raise GenerationError(f"{tag_text}: basic profile action {basic!r} is not in Table E.1-1a")
        options = row.get("options", {})
        unknown = set(options) - set(OPTION_COLUMNS)
        if unknown:
            raise GenerationError(f"{tag_text}: unknown option columns {sorted(unknown)}")
        columns = []
        for column in OPTION_COLUMNS:
            code = options.get(column)
            if code is None:
                columns.append("-")
            elif code in action_codes and len(code) == 1:
                columns.append(code)
            else:
                raise GenerationError(f"{tag_text}: option {column} gives {code!r}, not a single Table E.1-1a code")
        retired = "R" if row.get("retired") else ""
        name = check_text(row["name"].strip(), "Attribute name")
        lines.append((order, f"{tag}|{basic}|{''.join(columns)}|{retired}|{name}"))
    lines.sort(key=lambda item: item[0])
    return [line for _, line in lines]


def safe_private_lines(rows):
    """One line per Table E.3.10-1 row: gggg|ee|VR|creator, sorted by group, creator and element."""
    lines = []
    seen = set()
    for row in rows:
        match = SAFE_TAG.match(row["tag"])
        if not match:
            raise GenerationError(f"Table E.3.10-1 tag {row['tag']!r} is not (gggg,xxee)")
        group = match.group(1).upper()
        element = match.group(2).upper()
        if int(group, 16) % 2 == 0:
            raise GenerationError(f"Table E.3.10-1 tag {row['tag']} is not in an odd (private) group")
        creator = check_text(row["private_creator"].strip(), "Private creator")
        if not creator:
            raise GenerationError(f"Table E.3.10-1 tag {row['tag']} has no private creator")
        # NEMA writes "OW/OB" for alternatives and leaves a few blank; the VR is informative only.
        vrs = [vr.strip() for vr in row.get("vr", "").split("/") if vr.strip()]
        for vr in vrs:
            if vr not in VALID_VRS:
                raise GenerationError(f"Table E.3.10-1 tag {row['tag']} has VR {vr!r}")
        key = (group, creator, element)
        if key in seen:
            raise GenerationError(f"Table E.3.10-1 lists ({group},xx{element}) of {creator!r} twice")
        seen.add(key)
        lines.append((key, f"{group}|{element}|{'/'.join(vrs)}|{creator}"))
    lines.sort(key=lambda item: item[0])
    return [line for _, line in lines]


def render_profile(edition, source_name, digest, lines, action_rows):
    codes = "\n".join(f"    //   {row['code']:<7} {row['description']}" for row in action_rows)
    columns = "\n".join(f"    //   {index}  {column}" for index, column in enumerate(OPTION_COLUMNS))
    table = "\n".join(f"        {line}" for line in lines)
    return f'''// <auto-generated/>
// Generated by {SCRIPT} from {source_name}
// (PS3.15 {edition} Table E.1-1; rows SHA-256 {digest}).
// Content (c) NEMA. Do not edit: change the generator and run it again.

namespace NodeAgent.Core.Deidentification;

public sealed partial class ConfidentialityProfile
{{
    /// <summary>The DICOM edition whose PS3.15 Table E.1-1 and Table E.3.10-1 the profile was generated from.</summary>
    public const string Edition = "{edition}";

    private const int RowCount = {len(lines)};

    // One line per attribute of PS3.15 Table E.1-1, in tag order: tag|basic|options|R when retired|name.
    // tag: ggggeeee in hexadecimal; an X is a digit that varies: 50XXXXXX is (50xx,xxxx) Curve Data,
    // 60XX3000 and 60XX4000 are Overlay Data and Overlay Comments; ODD is "(gggg,eeee) where gggg is odd",
    // every private attribute.
    // basic: the Basic Profile action as Table E.1-1 writes it. The codes of Table E.1-1a:
{codes}
    // options: one character per option column, in this order ('-' where the option gives no action):
{columns}
    private const string Table = """
{table}
        """;
}}
'''


def render_safe_private(edition, source_name, digest, lines):
    table = "\n".join(f"        {line}" for line in lines)
    return f'''// <auto-generated/>
// Generated by {SCRIPT} from {source_name}
// (PS3.15 {edition} Table E.3.10-1; rows SHA-256 {digest}).
// Content (c) NEMA. Do not edit: change the generator and run it again.

namespace NodeAgent.Core.Deidentification;

public static partial class SafePrivateAttributes
{{
    private const int RowCount = {len(lines)};

    // One line per safe private attribute of PS3.15 Table E.3.10-1: gggg|ee|VR|private creator, where the
    // attribute is (gggg,xxee) in the block xx that the private creator reserves (PS3.5 7.8.1). Sorted by
    // group, creator and element. The VR is informative ('/' joins alternatives; empty where NEMA gives none).
    private const string Table = """
{table}
        """;
}}
'''


def generate(standard, edition):
    profile_path = standard / f"ps3.15-E.1-1-confidentiality-profile-{edition}.json"
    codes_path = standard / f"ps3.15-E.1-1a-action-codes-{edition}.json"
    safe_path = standard / f"ps3.15-E.3.10-1-safe-private-{edition}.json"

    _, code_rows, _ = load_table(codes_path)
    action_codes = {row["code"] for row in code_rows}
    if action_codes != EXPECTED_ACTION_CODES:
        raise GenerationError(
            f"Table E.1-1a has codes {sorted(action_codes)}; the engine knows {sorted(EXPECTED_ACTION_CODES)}")

    profile_document, profile_rows, profile_digest = load_table(profile_path)
    if profile_document.get("edition") != edition:
        raise GenerationError(f"{profile_path.name} says edition {profile_document.get('edition')!r}")
    _, safe_rows, safe_digest = load_table(safe_path)

    return {
        PROFILE_OUT: render_profile(
            edition, profile_path.name, profile_digest, profile_lines(profile_rows, action_codes), code_rows),
        SAFE_PRIVATE_OUT: render_safe_private(edition, safe_path.name, safe_digest, safe_private_lines(safe_rows)),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--standard", type=Path, default=DEFAULT_STANDARD,
                        help="folder holding the PS3.15 JSON tables (default: ../shared/dicom-standard)")
    parser.add_argument("--edition", default=DEFAULT_EDITION, help="DICOM edition of the tables (default: 2026d)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a committed file differs from what would be generated")
    args = parser.parse_args()

    try:
        outputs = generate(args.standard.resolve(), args.edition)
    except (GenerationError, KeyError, ValueError, OSError) as error:
        print(f"{SCRIPT}: {error}", file=sys.stderr)
        return 2

    stale = []
    for relative, text in outputs.items():
        path = REPO_ROOT / relative
        if args.check:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
            if current != text:
                stale.append(relative)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {relative}")

    if stale:
        for relative in stale:
            print(f"{relative} is not current; run {SCRIPT} and commit its output", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
