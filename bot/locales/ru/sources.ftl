## источники

sources_header = Источники лидов «{ $team }»:
sources_line = • { $name }{ $aliases }
sources_aliases = {" "}(ещё: { $aliases })
sources_empty = Источников пока нет. Руководитель добавляет их: /source add google
sources_free_on = Сотрудники могут называть новые источники, они добавляются сами.
sources_footer = Руководителю: /source add ИМЯ, /source rename СТАРОЕ НОВОЕ, /source merge ИЗ В, /source alias ИМЯ СИНОНИМ, /source free on|off
source_unknown = Не знаю источник «{ $name }». Источники: { $sources }.
source_suggest = {" "}Может быть, «{ $suggestion }»?
source_added = Источник «{ $name }» добавлен.
source_renamed = Источник «{ $old }» теперь называется «{ $name }»; старое имя тоже работает.
source_merged = «{ $old }» объединён с «{ $name }»: его записи теперь считаются там.
source_aliased = «{ $alias }» теперь означает «{ $name }».
source_exists = Источник «{ $name }» уже есть.
source_same = Это один и тот же источник: «{ $name }».
source_name_empty = У источника должно быть имя.
source_free_set_on = Готово: сотрудники могут называть новые источники.
source_free_set_off = Готово: принимаются только источники из списка.
usage_source = Примеры: /source add google, /source rename google Google Ads, /source merge yandex.direct yandex, /source alias google гугл, /source free on
