## import / export

import_usage = Send the CSV file with the caption /import (add --dry-run to only check it).
import_ok = 📥 Imported { $count } rows ({ $details }). Skipped as already imported: { $skipped }.
import_dry_ok = 📥 The file is valid: { $count } rows would be imported ({ $details }); nothing was written.
import_failed =
    📥 Nothing was imported: { $count } bad rows.
    { $errors }
import_not_csv = That is not a CSV file I can read (UTF-8, comma-separated).
import_too_big = The file is too large for Telegram import (over { $limit } MB): use python -m bot import.
export_caption = 📤 Records of «{ $team }»{ $period }: { $count } rows.
usage_export = Examples: /export, /export 2026-11-01..2026-11-30
