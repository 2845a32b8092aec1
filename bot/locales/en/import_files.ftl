## import from spreadsheets: how the file was read, reading errors, progress (storage/spreadsheets.py, bot/progress.py)

import_read_as_csv = Read as { $encoding ->
        [utf-8] UTF-8
       *[other] Windows-1251
    }, delimiter { $delimiter ->
        [semicolon] “;”
        [tab] tab
       *[comma] “,”
    }.
import_read_as_xlsx = Read an Excel workbook, sheet “{ $sheet }”.
import_error_cell = cell { $cell }: { $reason }
import_failed_file = Nothing was imported: the file could not be read.
# a delimiter named in an error
import_separator = { $name ->
        [comma] “,”
        [semicolon] “;”
       *[tab] tab
    }

import_error_not_text = { $encoding ->
        [utf-8] the file is UTF-8, but byte { $byte } (position { $position }) is broken: the file is damaged, save it again as "CSV UTF-8"
       *[other] byte { $byte } (position { $position }) is neither UTF-8 nor Windows-1251, so this is not a CSV text file; save the table as "CSV UTF-8" or as an Excel workbook (.xlsx)
    }
import_error_not_a_table = { $kind ->
        [xls] this is an old-format Excel file (.xls): save it as "Excel Workbook (.xlsx)" or "CSV UTF-8"
       *[other] this is an archive, not an Excel workbook: send an .xlsx or .csv file
    }
import_error_unreadable_xlsx = the Excel workbook is damaged or incomplete and cannot be read: open it in Excel and save it again (.xlsx), or save it as "CSV UTF-8"
import_error_mixed_separators = the header mixes delimiters ({ $separators }): separate the columns with one of them, a comma, a semicolon or a tab
import_error_row_separator = the values are separated by { $separator ->
        [comma] commas
        [semicolon] semicolons
       *[tab] tabs
    } but the header by { $expected ->
        [comma] commas
        [semicolon] semicolons
       *[tab] tabs
    }: the whole file needs one delimiter
import_error_merged_cells = merged cells ({ $cells }): unmerge them, each value needs its own cell
import_error_formula_cell = formula { $formula }: the bot does not calculate formulas; replace it with its value (copy the column and paste it as values)
import_error_value_without_column = this cell's column has no name in the header: name the column or clear the cell

## import progress: one message, edited as it goes

import_progress_checked = ⏳ Import: checked { $done } of { $total } { $total ->
        [one] row
       *[other] rows
    }
import_progress_written = ⏳ Import: written { $done } of { $total } { $total ->
        [one] row
       *[other] rows
    }
