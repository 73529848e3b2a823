#!/usr/bin/env python3
"""Turn a project rendered by `mx generate` into the peer templates the startup benchmark uses.

    python3 bench/make-peer-templates.py RENDERED_DIR [--name NAME] [--out bench/templates]

RENDERED_DIR is the project mx wrote (e.g. ./mxbenchproj after
`mx generate MLProjectSkeleton --name mxbenchproj --no-input`). NAME is the project name it was
rendered with (default: the directory's name). Use a distinctive name: every occurrence of NAME
(and of NAME in upper case) that is not part of a longer word becomes the template's project-name
placeholder, so a common word like "demo" would also catch unrelated text.

It writes, replacing what was there:
  OUT/cookiecutter/cookiecutter.json
  OUT/cookiecutter/{{cookiecutter.project_name}}/...   each file, name -> {{cookiecutter.project_name}}
                                                         (existing Jinja syntax kept literal with raw blocks)
  OUT/dotnet-new/.template.config/template.json        short name mx-bench-skeleton
  OUT/dotnet-new/...                                   each file, name -> the template's sourceName

Every file is rendered by its engine (no copy-only shortcut), as mx renders every file.
"""
import argparse
import json
import os
import re
import shutil
import sys

CC_VAR = "{{cookiecutter.project_name}}"
CC_VAR_UPPER = "{{cookiecutter.project_name|upper}}"
# dotnet new: sourceName is replaced (in contents and paths) by the -n value; an upper-case
# derived symbol covers NAME_IN_CAPS occurrences such as environment variable names.
DN_SOURCE = "mxbenchskeletonname"
DN_SOURCE_UPPER = DN_SOURCE.upper()
DN_SHORT_NAME = "mx-bench-skeleton"
JINJA_OPENERS = ("{{", "{%", "{#")


def name_pattern(name):
    # NAME or NAME.upper(), not glued to other letters or digits (underscores and hyphens are boundaries).
    alts = sorted({re.escape(name), re.escape(name.upper())}, key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z0-9])(" + "|".join(alts) + r")(?![A-Za-z0-9])")


def split_on_name(text, pat, name):
    """Yield ('lit', s) and ('name', 'lower'|'upper') parts."""
    pos = 0
    for m in pat.finditer(text):
        if m.start() > pos:
            yield "lit", text[pos:m.start()]
        yield "name", ("lower" if m.group(1) == name else "upper")
        pos = m.end()
    if pos < len(text):
        yield "lit", text[pos:]


def jinja_literal(s):
    # Keep text literal for Jinja: wrap it in a raw block when it holds (or ends in the start of)
    # Jinja syntax. A lone trailing "{" would merge with the "{{" of a following placeholder.
    if any(o in s for o in JINJA_OPENERS) or s.endswith("{"):
        if "{% endraw %}" in s or "{%endraw%}" in s:
            sys.exit("error: file content contains '{% endraw %}'; cannot escape it for cookiecutter")
        return "{% raw %}" + s + "{% endraw %}"
    return s


def to_cookiecutter(text, pat, name):
    out = []
    for kind, val in split_on_name(text, pat, name):
        if kind == "lit":
            out.append(jinja_literal(val))
        else:
            out.append(CC_VAR if val == "lower" else CC_VAR_UPPER)
    return "".join(out)


def to_dotnet_new(text, pat, name):
    if DN_SOURCE in text.lower():
        sys.exit(f"error: content already contains the placeholder {DN_SOURCE!r}")
    out = []
    for kind, val in split_on_name(text, pat, name):
        out.append(val if kind == "lit" else (DN_SOURCE if val == "lower" else DN_SOURCE_UPPER))
    return "".join(out)


def path_sub(rel, pat, name, lower, upper):
    return pat.sub(lambda m: lower if m.group(1) == name else upper, rel)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rendered_dir")
    ap.add_argument("--name", help="project name the directory was rendered with (default: its basename)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates"))
    args = ap.parse_args()

    src = os.path.abspath(args.rendered_dir)
    name = args.name or os.path.basename(src.rstrip("/"))
    if not os.path.isdir(src):
        sys.exit(f"error: {src} is not a directory")
    if not re.fullmatch(r"[a-z][a-z0-9]*", name):
        sys.exit(f"error: use a lower-case alphanumeric project name for the source render (got {name!r})")
    pat = name_pattern(name)

    files = []
    for root, dirs, fnames in os.walk(src):
        dirs.sort()
        for f in sorted(fnames):
            full = os.path.join(root, f)
            files.append(os.path.relpath(full, src))
    if not files:
        sys.exit(f"error: no files under {src}")

    cc_root = os.path.join(args.out, "cookiecutter")
    dn_root = os.path.join(args.out, "dotnet-new")
    for d in (cc_root, dn_root):
        if os.path.isdir(d):
            shutil.rmtree(d)
    cc_proj = os.path.join(cc_root, CC_VAR)
    os.makedirs(cc_proj)
    os.makedirs(os.path.join(dn_root, ".template.config"))

    # Loose occurrences (inside longer words) are left as they are; say how many, so a bad
    # choice of NAME is visible.
    loose = 0
    for rel in files:
        with open(os.path.join(src, rel), "rb") as fh:
            raw = fh.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            sys.exit(f"error: {rel} is not UTF-8 text; this script handles text files only")
        loose += len(re.findall(re.escape(name), text, re.I)) - len(pat.findall(text))
        if any(o in rel for o in JINJA_OPENERS):
            sys.exit(f"error: path {rel!r} contains Jinja syntax")
        mode = os.stat(os.path.join(src, rel)).st_mode & 0o777

        cc_path = os.path.join(cc_proj, path_sub(rel, pat, name, CC_VAR, CC_VAR_UPPER))
        dn_path = os.path.join(dn_root, path_sub(rel, pat, name, DN_SOURCE, DN_SOURCE_UPPER))
        for path, content in ((cc_path, to_cookiecutter(text, pat, name)),
                              (dn_path, to_dotnet_new(text, pat, name))):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            # newline="" keeps the line endings exactly as mx wrote them.
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(content)
            os.chmod(path, mode)

    with open(os.path.join(cc_root, "cookiecutter.json"), "w") as fh:
        json.dump({"project_name": name}, fh, indent=2)
        fh.write("\n")

    template = {
        "$schema": "http://json.schemastore.org/template",
        "author": "mx bench",
        "classifications": ["Benchmark"],
        "identity": "Mx.Bench.Skeleton",
        "name": "mx startup-benchmark peer of MLProjectSkeleton",
        "shortName": DN_SHORT_NAME,
        "sourceName": DN_SOURCE,
        "preferNameDirectory": False,
        "tags": {"type": "project"},
        "forms": {"mxBenchUpper": {"identifier": "upperCase"}},
        "symbols": {
            "nameUpper": {
                "type": "derived",
                "valueSource": "name",
                "valueTransform": "mxBenchUpper",
                "replaces": DN_SOURCE_UPPER,
                "fileRename": DN_SOURCE_UPPER,
            }
        },
    }
    with open(os.path.join(dn_root, ".template.config", "template.json"), "w") as fh:
        json.dump(template, fh, indent=2)
        fh.write("\n")

    total = sum(os.path.getsize(os.path.join(src, r)) for r in files)
    print(f"peer templates: {len(files)} files, {total} bytes from {src} (name {name!r}) -> {args.out}")
    if loose:
        print(f"note: {loose} occurrence(s) of {name!r} inside longer words were left unchanged")


if __name__ == "__main__":
    main()
