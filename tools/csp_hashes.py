#!/usr/bin/env python3
"""Trunk post-build hook: allow exactly the inline scripts Trunk wrote.

Trunk loads the wasm module with a small inline <script type="module">. The
Content-Security-Policy forbids inline scripts, so this hook hashes each
inline script of the staged index.html and puts the hashes in the policy
in place of __INLINE_SCRIPT_HASHES__. No other inline script can run.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()
bodies = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(b.encode("utf-8")).digest()).decode() for b in bodies
)
if "__INLINE_SCRIPT_HASHES__" not in html:
    sys.exit("csp_hashes.py: placeholder __INLINE_SCRIPT_HASHES__ not found in %s" % path)
html = html.replace("__INLINE_SCRIPT_HASHES__", hashes)
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
print("csp_hashes.py: %d inline script(s) allowed by hash" % len(bodies))
