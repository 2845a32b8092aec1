## импорт / экспорт

import_usage = Пришлите файл CSV или Excel (.xlsx) с подписью /import (с --dry-run — только проверить).
import_too_big = Файл слишком большой для импорта через Telegram (больше { $limit } МБ): используйте python -m bot import.
export_caption = 📤 Записи «{ $team }»{ $period }: { $count } { $count ->
        [one] строка
        [few] строки
       *[many] строк
    }.
usage_export = Примеры: /export, /export 2026-11-01..2026-11-30, /export excel (файл для Excel: разделитель «;», десятичная запятая), /export 2026-11-01..2026-11-30 excel

## итог импорта (views/interchange.py)

import_rows_read = В файле { $rows } { $rows ->
        [one] строка
        [few] строки
       *[many] строк
    }.
import_done = { $count ->
        [0] Новых строк нет.
        [one] Импортирована { $count } строка: { $details }.
        [few] Импортированы { $count } строки: { $details }.
       *[many] Импортировано { $count } строк: { $details }.
    }
import_would = { $count ->
        [0] Новых строк нет.
        [one] Будет импортирована { $count } строка: { $details }.
        [few] Будут импортированы { $count } строки: { $details }.
       *[many] Будет импортировано { $count } строк: { $details }.
    }
import_skipped = { $count ->
        [one] Пропущена { $count } строка, загруженная раньше.
        [few] Пропущены { $count } строки, загруженные раньше.
       *[many] Пропущено { $count } строк, загруженных раньше.
    }
import_would_skip = { $count ->
        [one] Будет пропущена { $count } строка, загруженная раньше.
        [few] Будут пропущены { $count } строки, загруженные раньше.
       *[many] Будет пропущено { $count } строк, загруженных раньше.
    }
import_added_members = { $count ->
        [one] Добавлен { $count } сотрудник: { $members }.
        [few] Добавлены { $count } сотрудника: { $members }.
       *[many] Добавлено { $count } сотрудников: { $members }.
    }
import_would_add_members = { $count ->
        [one] Будет добавлен { $count } сотрудник: { $members }.
        [few] Будут добавлены { $count } сотрудника: { $members }.
       *[many] Будет добавлено { $count } сотрудников: { $members }.
    }
import_member = { $name } ({ $person_id })
import_member_with_roles = { $name } ({ $person_id }, { $roles })
import_source = «{ $name }»
import_more_members = ещё { $count } { $count ->
        [one] сотрудник
        [few] сотрудника
       *[many] сотрудников
    }
import_more_sources = ещё { $count } { $count ->
        [one] источник
        [few] источника
       *[many] источников
    }
import_added_sources = { $count ->
        [one] Добавлен { $count } источник: { $sources }.
        [few] Добавлены { $count } источника: { $sources }.
       *[many] Добавлено { $count } источников: { $sources }.
    }
import_would_add_sources = { $count ->
        [one] Будет добавлен { $count } источник: { $sources }.
        [few] Будут добавлены { $count } источника: { $sources }.
       *[many] Будет добавлено { $count } источников: { $sources }.
    }
import_dry_run_note = Это была проверка: ничего не записано.
import_failed = Ничего не импортировано: { $count } { $count ->
        [one] ошибка
        [few] ошибки
       *[many] ошибок
    } в { $rows } { $rows ->
        [one] строке
       *[other] строках
    }.
import_error_line = строка { $line }: { $reason }
import_errors_more = … и ещё { $count } { $count ->
        [one] ошибка
        [few] ошибки
       *[many] ошибок
    }
import_empty_value = пусто

## сколько записей каждого вида

import_kind_call = { $count } { $count ->
        [one] звонок
        [few] звонка
       *[many] звонков
    }
import_kind_lead = { $count } { $count ->
        [one] лид
        [few] лида
       *[many] лидов
    }
import_kind_meeting_set = { $count } { $count ->
        [one] назначенная встреча
        [few] назначенные встречи
       *[many] назначенных встреч
    }
import_kind_meeting_confirmed = { $count } { $count ->
        [one] подтверждение встречи
        [few] подтверждения встреч
       *[many] подтверждений встреч
    }
import_kind_meeting_held = { $count } { $count ->
        [one] проведённая встреча
        [few] проведённые встречи
       *[many] проведённых встреч
    }
import_kind_meeting_cancelled = { $count } { $count ->
        [one] отмена встречи
        [few] отмены встреч
       *[many] отмен встреч
    }
import_kind_meeting_no_show = { $count } { $count ->
        [one] неявка
        [few] неявки
       *[many] неявок
    }
import_kind_payment = { $count } { $count ->
        [one] оплата
        [few] оплаты
       *[many] оплат
    }
import_kind_proposal = { $count } КП

## ошибки импорта: import_error_<код> (коды и значения: storage/interchange.py, ERROR_CODES)

import_error_empty_file = файл пуст: первой строкой нужен заголовок со столбцами ({ $columns })
import_error_unreadable_csv = файл не читается как CSV: { $problem ->
        [unclosed_quote] кавычка открыта и не закрыта
        [misplaced_quote] после закрывающей кавычки в ячейке есть ещё текст
        [nul] в строке есть нулевой байт (NUL)
        [field_too_long] слишком длинная ячейка
       *[other] нарушен формат
    }
import_error_unnamed_column = у столбца { $position } в заголовке нет названия
import_error_duplicate_column = столбец { $column } указан в заголовке дважды
import_error_unknown_column = неизвестный столбец «{ $column }»{ $suggestion ->
        [none] .
       *[other] {" "}— может быть, «{ $suggestion }»?
    } Допустимые столбцы: { $columns }
import_error_missing_column = { $kinds ->
        [none] в заголовке нет обязательного столбца { $column }
       *[other] в заголовке нет столбца { $column }: он нужен для строк { $kinds }
    }
import_error_wrong_width = { $values } { $values ->
        [one] значение
        [few] значения
       *[many] значений
    }, а столбцов в заголовке — { $columns }
import_error_missing_field = не заполнено поле { $column }{ $kind ->
        [none] {""}
       *[other] { $payment_kind ->
            [none] {" "}(оно нужно в строках { $kind })
           *[other] {" "}(оно нужно в строках { $kind } с payment_kind { $payment_kind })
        }
    }
import_error_unknown_kind = неизвестный вид записи «{ $value }»{ $suggestion ->
        [none] .
       *[other] {" "}— может быть, «{ $suggestion }»?
    } Допустимые виды: { $kinds }
import_error_bad_instant = occurred_at «{ $value }»: нужны дата и время, например 2026-11-03T10:15:00+03:00, 2026-11-03 10:15 или 03.11.2026 10:15 (без смещения — время часового пояса команды)
import_error_bad_user_id = { $column } «{ $value }»: нужен ID пользователя в Telegram — целое число больше 0
import_error_bad_number = { $column } «{ $value }»: нужно целое число не меньше { $minimum }
import_error_bad_amount = amount «{ $value }»: нужна сумма больше 0; после точки — не более двух знаков (например, 1500.50)
import_error_bad_choice = { $column } «{ $value }»: допустимые значения — { $allowed }
import_error_too_long = { $column } длиннее { $limit } { $limit ->
        [one] символа
       *[other] символов
    }
import_error_column_not_for_kind = в строках { $kind } поле { $column } не заполняется: оно только для строк { $kinds }
import_error_repeat_payment_meeting_ref = meeting_ref «{ $meeting_ref }» у повторной оплаты (payment_kind repeat): она не связана со встречей, meeting_ref заполняют только у оплаты с payment_kind new
import_error_external_id_conflict = external_id «{ $external_id }» уже был в строке { $first_line }, но с другими значениями
import_error_unknown_person = { $column } { $person_id }: такого сотрудника нет в команде «{ $team }». Добавьте его в команду или импортируйте с --add-members, тогда недостающие сотрудники добавятся сами
import_error_meeting_ref_reused = встреча с meeting_ref «{ $meeting_ref }» уже назначена в строке { $first_line }, и там другие значения: у каждой встречи должен быть свой meeting_ref
import_error_meeting_ref_taken = meeting_ref «{ $meeting_ref }» уже есть в базе у другой встречи ({ $setter }, { $setter_id }, { $set_at }): у каждой встречи должен быть свой meeting_ref
import_error_voided_meeting = meeting_ref «{ $meeting_ref }»: эта встреча аннулирована{ $kind ->
        [meeting_set] , выберите другой meeting_ref
       *[other] {""}
    }
import_error_unknown_meeting = meeting_ref «{ $meeting_ref }»: такой встречи нет — ни строки meeting_set в этом файле, ни встречи в базе
import_error_broken_meeting = meeting_ref «{ $meeting_ref }» ссылается на строку meeting_set { $set_line }, а в ней есть ошибки
# состояние встречи, из-за которого шаг невозможен (refusal и status из metrics/lifecycle.py)
import_meeting_state = { $refusal ->
        [not_set] встреча ещё не назначена
        [already_set] встреча уже назначена
       *[other] { $status ->
            [confirmed] встреча уже подтверждена
            [held] встреча уже проведена
            [cancelled] встреча уже отменена
            [no_show] по встрече уже отмечена неявка
           *[set] встреча уже назначена
        }
    }
import_error_transition_refused = meeting_ref «{ $meeting_ref }»: { $kind } ({ $at }) не принимается — { import_meeting_state }{ $previous_at ->
        [none] {""}
       *[other] {" "}({ $refusal ->
            [not_set] её назначение — { $previous_at }
           *[other] с { $previous_at }
        }, { $previous_line ->
            [none] в базе
           *[other] строка { $previous_line }
        })
    }
import_error_stored_event_conflict = meeting_ref «{ $meeting_ref }»: строка противоречит событию { $stored_kind } ({ $stored_at }), которое уже есть в базе: с этой строкой к тому времени { import_meeting_state }
import_error_payment_before_held = meeting_ref «{ $meeting_ref }»: оплата с payment_kind new бывает только после проведённой встречи, а эта встреча проведена позже, { $held_at }
import_error_payment_meeting_not_held = meeting_ref «{ $meeting_ref }»: оплата с payment_kind new бывает только после проведённой встречи, а эта встреча { $status ->
        [set] только назначена
        [confirmed] только подтверждена
        [cancelled] отменена
        [no_show] не состоялась: клиент не пришёл
       *[none] не назначена
    }
