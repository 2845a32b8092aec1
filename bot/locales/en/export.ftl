## files for Excel: the XLSX report's headers (views/report.py)

report_sheet = Report
report_column_person_id = Telegram ID
report_column_name = name
report_column_roles = roles
report_total = total
