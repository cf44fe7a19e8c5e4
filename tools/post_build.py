#!/usr/bin/env python3
"""Trunk post-build hook: make the staged bundle private and self-contained.

1. wasm-bindgen's JS glue carries comment lines with documentation links;
   the bundle must name no other host, so whole-line `//` comments are
   dropped from the JS and its Subresource-Integrity hash is recomputed.
2. Trunk loads the wasm with a small inline <script type="module">. The
   Content-Security-Policy forbids inline scripts, so each inline script of
   index.html is hashed and the hashes replace __INLINE_SCRIPT_HASHES__ in
   the policy: exactly those scripts may run, no other.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
index_path = os.path.join(staging, "index.html")
with open(index_path, encoding="utf-8") as f:
    html = f.read()


def digest(algorithm, data):
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


for name in sorted(os.listdir(staging)):
    if not name.endswith(".js"):
        continue
    path = os.path.join(staging, name)
    with open(path, "rb") as f:
        original = f.read()
    lines = original.decode("utf-8").split("\n")
    kept = "\n".join(line for line in lines if not line.lstrip().startswith("//")).encode("utf-8")
    if kept == original:
        continue
    with open(path, "wb") as f:
        f.write(kept)
    old, new = "sha384-" + digest("sha384", original), "sha384-" + digest("sha384", kept)
    html = html.replace(old, new)
    print("post_build.py: %s: dropped comment lines, integrity updated" % name)

bodies = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
if "__INLINE_SCRIPT_HASHES__" not in html:
    sys.exit("post_build.py: placeholder __INLINE_SCRIPT_HASHES__ not found in %s" % index_path)
hashes = " ".join("'sha256-%s'" % digest("sha256", b.encode("utf-8")) for b in bodies)
html = html.replace("__INLINE_SCRIPT_HASHES__", hashes)
with open(index_path, "w", encoding="utf-8") as f:
    f.write(html)
print("post_build.py: %d inline script(s) allowed by hash" % len(bodies))
