## импорт из таблиц: как прочитан файл, ошибки чтения, ход импорта (storage/spreadsheets.py, bot/progress.py)

import_read_as_csv = Прочитано как { $encoding ->
        [utf-8] UTF-8
       *[other] Windows-1251
    }, разделитель { $delimiter ->
        [semicolon] «;»
        [tab] — табуляция
       *[comma] «,»
    }.
import_read_as_xlsx = Прочитана книга Excel, лист «{ $sheet }».
import_error_cell = ячейка { $cell }: { $reason }
import_failed_file = Ничего не импортировано: файл не прочитан.
# разделитель, названный в ошибке
import_separator = { $name ->
        [comma] «,»
        [semicolon] «;»
       *[tab] табуляция
    }

import_error_not_text = { $encoding ->
        [utf-8] файл в кодировке UTF-8, но байт { $byte } (позиция { $position }) в ней не читается: файл повреждён, сохраните его заново как «CSV UTF-8»
       *[other] байт { $byte } (позиция { $position }) не читается ни как UTF-8, ни как Windows-1251 — это не текстовый CSV-файл. Сохраните таблицу как «CSV UTF-8» или как книгу Excel (.xlsx)
    }
import_error_not_a_table = { $kind ->
        [xls] это файл Excel старого формата (.xls): сохраните его как «Книга Excel (.xlsx)» или «CSV UTF-8»
       *[other] это архив, а не книга Excel: пришлите файл .xlsx или .csv
    }
import_error_unreadable_xlsx = книга Excel повреждена или неполна, её не удаётся прочитать: откройте её в Excel и сохраните заново (.xlsx) или сохраните как «CSV UTF-8»
import_error_mixed_separators = в заголовке разные разделители ({ $separators }): столбцы нужно разделять чем-то одним — запятой, точкой с запятой или табуляцией
import_error_row_separator = значения разделены { $separator ->
        [comma] запятыми
        [semicolon] точками с запятой
       *[tab] табуляцией
    }, а в заголовке — { $expected ->
        [comma] запятыми
        [semicolon] точками с запятой
       *[tab] табуляцией
    }: во всём файле нужен один разделитель
import_error_merged_cells = объединённые ячейки ({ $cells }): разъедините их — у каждого значения должна быть своя ячейка
import_error_formula_cell = формула { $formula }: бот не вычисляет формулы, замените её значением (скопируйте столбец и вставьте как значения)
import_error_value_without_column = у столбца этой ячейки нет названия в заголовке: подпишите столбец или очистите ячейку

## ход импорта: одно сообщение, которое обновляется

import_progress_checked = ⏳ Импорт: { $done ->
        [one] проверена { $done } строка
        [few] проверены { $done } строки
       *[many] проверено { $done } строк
    } из { $total }
import_progress_written = ⏳ Импорт: { $done ->
        [one] записана { $done } строка
        [few] записаны { $done } строки
       *[many] записано { $done } строк
    } из { $total }
