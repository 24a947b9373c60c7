#!/usr/bin/env bash
# Re-extracts the translatable strings into i18n/cherha.pot and merges them into the
# catalogs: i18n/uk.po keeps its translations (new strings arrive untranslated, for a
# translator), i18n/en.po is regenerated with msgen (English msgids are the English text).
# The test i18n_catalogs_complete fails until every string is translated in both.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cmake -DSOURCE_DIR="$root" -DXGETTEXT="$(command -v xgettext)" -DOUT="$root/i18n/cherha.pot" \
      -P cmake/ExtractStrings.cmake
msgmerge --quiet --update --backup=none --no-fuzzy-matching --sort-output i18n/uk.po i18n/cherha.pot
msgen --sort-output -o i18n/en.new i18n/cherha.pot
# keep the English header (language and plural forms)
{ sed -n '1,/^$/p' i18n/en.po | sed '/^$/d'; echo; cat i18n/en.new; } > i18n/en.po.tmp
mv i18n/en.po.tmp i18n/en.po && rm -f i18n/en.new
msgattrib --no-obsolete -o i18n/uk.po i18n/uk.po
for po in i18n/uk.po i18n/en.po; do
    printf '%s: ' "$po"; msgfmt --check --statistics -o /dev/null "$po"
done
