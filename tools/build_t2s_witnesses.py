"""Write briefings/ingest/t2s_witnesses.py: the characters without which
OpenCC's t2s conversion leaves a text as it is.

Run from the repository root, with the project installed in .venv:

    .venv/bin/python tools/build_t2s_witnesses.py

OpenCC replaces the longest dictionary key that starts at each position.
A key that changes the text has a character that its replacement does not
have at the same place (深沈 -> 深沉: 沈); call that character a witness. A
text with no witness in it holds no changing key, so t2s returns it as it is,
and briefings.ingest.chinese skips the converter for it: most simplified
articles. The characters that change on their own are not enough: 657 keys
of OpenCC 1.4's TSPhrases change while none of their characters does.

The dictionaries are read from the installed OpenCC package (its t2s.json
and .ocd2 files), exported to text with the opencc_dict tool that its wheel
ships. tests/test_fast_forms.py builds the set again and compares, so an
upgrade of OpenCC that changes its dictionaries fails the tests until this
is run again. The dictionaries are OpenCC's, under the Apache License 2.0.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import opencc

OUTPUT = Path(__file__).resolve().parent.parent / "briefings" / "ingest" / "t2s_witnesses.py"
CONFIG = "t2s.json"


def opencc_files() -> tuple[Path, Path]:
    """(the folder of OpenCC's dictionaries and configs, its opencc_dict tool)."""
    clib = Path(opencc.__file__).resolve().parent / "clib"
    return clib / "share" / "opencc", clib / "bin" / "opencc_dict"


def dictionary_files(node) -> list[str]:
    """The .ocd2 files a config's dict entry names, groups included."""
    if node.get("type") == "group":
        return [name for item in node["dicts"] for name in dictionary_files(item)]
    return [node["file"]]


def witnesses() -> set[str]:
    share, tool = opencc_files()
    config = json.loads((share / CONFIG).read_text(encoding="utf-8"))
    steps = (
        [config["normalization"], config["conversion_chain"]]
        if "normalization" in config
        else [config["conversion_chain"]]
    )
    files = [name for step in steps for item in step for name in dictionary_files(item["dict"])]
    found: set[str] = set()
    with tempfile.TemporaryDirectory() as folder:
        for name in files:
            text = Path(folder) / (name + ".txt")
            subprocess.run(
                [str(tool), "-i", str(share / name), "-o", str(text), "-f", "ocd2", "-t", "text"],
                check=True,
                capture_output=True,
            )
            for line in text.read_text(encoding="utf-8").splitlines():
                key, _tab, values = line.partition("\t")
                replacement = values.split(" ")[0]  # the converter takes the first
                if replacement == key:
                    continue
                if len(replacement) != len(key):
                    found.update(key)  # no place-by-place comparison: every character
                else:
                    found.update(a for a, b in zip(key, replacement, strict=True) if a != b)
    return found


def main() -> int:
    chars = "".join(sorted(witnesses()))
    lines = [chars[start : start + 60] for start in range(0, len(chars), 60)]
    body = "\n".join(f'    "{line}"' for line in lines)
    OUTPUT.write_text(
        '"""Characters that OpenCC\'s t2s conversion may change (see\n'
        "tools/build_t2s_witnesses.py, which wrote this file from OpenCC "
        f'{opencc_version()}\'s\ndictionaries, Apache License 2.0). Do not edit by hand."""\n\n'
        f"T2S_WITNESSES = (\n{body}\n)\n",
        encoding="utf-8",
    )
    print(f"{OUTPUT}: {len(chars)} characters")
    return 0


def opencc_version() -> str:
    from importlib.metadata import version

    return version("opencc")


if __name__ == "__main__":
    sys.exit(main())
