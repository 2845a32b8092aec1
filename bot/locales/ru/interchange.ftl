## импорт / экспорт

import_usage = Пришлите CSV-файл с подписью /import (с --dry-run — только проверить).
import_ok = 📥 Импортировано строк: { $count } ({ $details }). Пропущено как уже загруженные: { $skipped }.
import_dry_ok = 📥 Файл в порядке: будет импортировано { $count } строк ({ $details }); ничего не записано.
import_failed =
    📥 Ничего не импортировано: ошибок в строках — { $count }.
    { $errors }
import_not_csv = Не могу прочитать этот файл как CSV (UTF-8, через запятую).
import_too_big = Файл слишком большой для импорта через Telegram (больше { $limit } МБ): используйте python -m bot import.
export_caption = 📤 Записи «{ $team }»{ $period }: { $count } строк.
usage_export = Примеры: /export, /export 2026-11-01..2026-11-30
