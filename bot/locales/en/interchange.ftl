## import / export

import_usage = Send the CSV or Excel (.xlsx) file with the caption /import (add --dry-run to only check it).
import_too_big = The file is too large for Telegram import (over { $limit } MB): use python -m bot import.
export_caption = 📤 Records of «{ $team }»{ $period }: { $count } { $count ->
        [one] row
       *[other] rows
    }.
usage_export = Examples: /export, /export 2026-11-01..2026-11-30, /export excel (a file for Russian Excel: «;» separator, decimal comma), /export 2026-11-01..2026-11-30 excel

## the import summary (views/interchange.py)

import_rows_read = The file has { $rows } { $rows ->
        [one] row
       *[other] rows
    }.
import_done = { $count ->
        [0] Nothing new to import.
        [one] Imported { $count } row: { $details }.
       *[other] Imported { $count } rows: { $details }.
    }
import_would = { $count ->
        [0] Nothing new to import.
        [one] Would import { $count } row: { $details }.
       *[other] Would import { $count } rows: { $details }.
    }
import_skipped = Skipped { $count } { $count ->
        [one] row
       *[other] rows
    } already imported.
import_would_skip = Would skip { $count } { $count ->
        [one] row
       *[other] rows
    } already imported.
import_added_members = Added { $count } { $count ->
        [one] member
       *[other] members
    }: { $members }.
import_would_add_members = Would add { $count } { $count ->
        [one] member
       *[other] members
    }: { $members }.
import_member = { $name } ({ $person_id })
import_member_with_roles = { $name } ({ $person_id }, { $roles })
import_source = "{ $name }"
import_more_members = { $count } more { $count ->
        [one] member
       *[other] members
    }
import_more_sources = { $count } more { $count ->
        [one] source
       *[other] sources
    }
import_added_sources = Added { $count } { $count ->
        [one] source
       *[other] sources
    }: { $sources }.
import_would_add_sources = Would add { $count } { $count ->
        [one] source
       *[other] sources
    }: { $sources }.
import_dry_run_note = Dry run: nothing was written.
import_failed = Nothing was imported: { $count } { $count ->
        [one] error
       *[other] errors
    } in { $rows } { $rows ->
        [one] row
       *[other] rows
    }.
import_error_line = line { $line }: { $reason }
import_errors_more = … and { $count } more { $count ->
        [one] error
       *[other] errors
    }
import_empty_value = empty

## how many records of each kind

import_kind_call = { $count } { $count ->
        [one] call
       *[other] calls
    }
import_kind_lead = { $count } { $count ->
        [one] lead
       *[other] leads
    }
import_kind_meeting_set = { $count } { $count ->
        [one] meeting set
       *[other] meetings set
    }
import_kind_meeting_confirmed = { $count } { $count ->
        [one] meeting confirmed
       *[other] meetings confirmed
    }
import_kind_meeting_held = { $count } { $count ->
        [one] meeting held
       *[other] meetings held
    }
import_kind_meeting_cancelled = { $count } { $count ->
        [one] meeting cancelled
       *[other] meetings cancelled
    }
import_kind_meeting_no_show = { $count } { $count ->
        [one] no-show
       *[other] no-shows
    }
import_kind_payment = { $count } { $count ->
        [one] payment
       *[other] payments
    }
import_kind_proposal = { $count } { $count ->
        [one] proposal
       *[other] proposals
    }

## import errors: import_error_<code> (codes and values: storage/interchange.py, ERROR_CODES)

import_error_empty_file = the file is empty: the first line must be a header with the columns ({ $columns })
import_error_unreadable_csv = the CSV cannot be read: { $problem ->
        [unclosed_quote] a quote is opened and never closed
        [misplaced_quote] a cell has text after its closing quote
        [nul] the line contains a NUL byte
        [field_too_long] a cell is too long
       *[other] the format is broken
    }
import_error_unnamed_column = column { $position } of the header has no name
import_error_duplicate_column = column "{ $column }" appears twice in the header
import_error_unknown_column = unknown column "{ $column }"{ $suggestion ->
        [none] {""}
       *[other] {" "}(did you mean "{ $suggestion }"?)
    }; the columns are: { $columns }
import_error_missing_column = { $kinds ->
        [none] missing required column "{ $column }"
       *[other] missing column "{ $column }", required for { $kinds } rows
    }
import_error_wrong_width = the row has { $values } { $values ->
        [one] value
       *[other] values
    } but the header has { $columns } { $columns ->
        [one] column
       *[other] columns
    }
import_error_missing_field = { $column } is required{ $kind ->
        [none] {""}
       *[other] { $payment_kind ->
            [none] {" "}for { $kind } rows
           *[other] {" "}for { $kind } rows with payment_kind { $payment_kind }
        }
    }
import_error_unknown_kind = unknown kind "{ $value }"{ $suggestion ->
        [none] {""}
       *[other] {" "}(did you mean "{ $suggestion }"?)
    }; the kinds are: { $kinds }
import_error_bad_instant = occurred_at must be a date and time such as 2026-11-03T10:15:00+03:00, 2026-11-03 10:15 or 03.11.2026 10:15 (without an offset: in the team's time zone), got "{ $value }"
import_error_bad_user_id = { $column } must be a Telegram user id (a whole number greater than 0), got "{ $value }"
import_error_bad_number = { $column } must be a whole number of at least { $minimum }, got "{ $value }"
import_error_bad_amount = amount must be a decimal number greater than 0 with at most 2 decimals (e.g. 1500.50), got "{ $value }"
import_error_bad_choice = { $column } must be { $allowed }, got "{ $value }"
import_error_too_long = { $column } is longer than { $limit } { $limit ->
        [one] character
       *[other] characters
    }
import_error_column_not_for_kind = { $column } is only for { $kinds } rows, not { $kind }
import_error_repeat_payment_meeting_ref = meeting_ref is only for new payments (a repeat payment has no meeting), got "{ $meeting_ref }"
import_error_external_id_conflict = external_id "{ $external_id }" repeats line { $first_line } with different values
import_error_unknown_person = { $column } { $person_id } is not a member of the team "{ $team }"; add them first or let the import add missing members (--add-members)
import_error_meeting_ref_reused = meeting_ref "{ $meeting_ref }" is set again; it was set on line { $first_line } with different values (each meeting needs its own meeting_ref)
import_error_meeting_ref_taken = meeting_ref "{ $meeting_ref }" already names another meeting in the database (set by { $setter } ({ $setter_id }) at { $set_at }); each meeting needs its own meeting_ref
import_error_voided_meeting = meeting_ref "{ $meeting_ref }" names a meeting that was voided{ $kind ->
        [meeting_set] ; use another meeting_ref
       *[other] {""}
    }
import_error_unknown_meeting = meeting_ref "{ $meeting_ref }" does not match any meeting_set row in this file or any meeting in the database
import_error_broken_meeting = meeting_ref "{ $meeting_ref }" refers to the meeting_set row on line { $set_line }, which has errors
# why the meeting cannot take the step (refusal and status from metrics/lifecycle.py)
import_meeting_state = { $refusal ->
        [not_set] meeting is not set yet
        [already_set] meeting is already set
       *[other] { $status ->
            [confirmed] meeting is already confirmed
            [held] meeting is already held
            [cancelled] meeting is already cancelled
            [no_show] meeting is already a no-show
           *[set] meeting is already set
        }
    }
import_error_transition_refused = meeting_ref "{ $meeting_ref }": { $kind } at { $at } is refused: { import_meeting_state }{ $previous_at ->
        [none] {""}
       *[other] {" "}({ $refusal ->
            [not_set] it is set at { $previous_at }
           *[other] since { $previous_at }
        }, { $previous_line ->
            [none] in the database
           *[other] line { $previous_line }
        })
    }
import_error_stored_event_conflict = meeting_ref "{ $meeting_ref }": this row conflicts with the meeting's { $stored_kind } at { $stored_at } already in the database ({ import_meeting_state })
import_error_payment_before_held = meeting_ref "{ $meeting_ref }": a new payment needs a held meeting, and this one is held only at { $held_at }, after this payment
import_error_payment_meeting_not_held = meeting_ref "{ $meeting_ref }": a new payment needs a held meeting, and this one is not held (it is { $status ->
        [set] set
        [confirmed] confirmed
        [cancelled] cancelled
        [no_show] a no-show
       *[none] not set
    })
