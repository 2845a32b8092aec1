## sources

sources_header = Lead sources of «{ $team }»:
sources_line = • { $name }{ $aliases }
sources_aliases = {" "}(also: { $aliases })
sources_empty = No sources yet. A manager adds them: /source add google
sources_free_on = Reps may name new sources; they are added as they come.
sources_footer = Managers: /source add NAME, /source rename OLD NEW, /source merge OLD INTO, /source alias NAME ALIAS, /source free on|off
source_unknown = I don't know the source «{ $name }». Sources: { $sources }.
source_suggest = {" "}Did you mean «{ $suggestion }»?
source_added = Source «{ $name }» added.
source_renamed = Source «{ $old }» is now «{ $name }»; the old name still works.
source_merged = «{ $old }» is merged into «{ $name }»: its records count there now.
source_aliased = «{ $alias }» now means «{ $name }».
source_exists = There is already a source «{ $name }».
source_same = That is the same source: «{ $name }».
source_name_empty = The source needs a name.
source_free_set_on = Done: reps may name new sources.
source_free_set_off = Done: only sources on the list are accepted.
usage_source = Examples: /source add google, /source rename google Google Ads, /source merge yandex.direct yandex, /source alias google гугл, /source free on
