## выгрузки для Excel: заголовки XLSX-отчёта (views/report.py)

report_sheet = Отчёт
report_column_person_id = ID в Telegram
report_column_name = имя
report_column_roles = роли
report_total = итого
