## приглашения

invite_usage =
    Для какой роли приглашение? Роли: лидоруб (sdr), хантер (hunter), фермер (farmer), руководитель (manager).
    Пример: /invite лидоруб
invite_unknown_role =
    Не знаю роль «{ $role }». Роли: лидоруб (sdr), хантер (hunter), фермер (farmer), руководитель (manager).
    Пример: /invite хантер
invite_created =
    Ссылка-приглашение для роли «{ $role }», действует до { $expires }:
    { $link }

    Кто откроет её, войдёт в «{ $team }» с ролью «{ $role }». Отправьте её сотрудникам лично; отозвать можно в любой момент: /invites.
invites_header = Активные приглашения «{ $team }»:
invites_item =
    { $n }. { $role }, до { $expires }
    { $link }
invites_empty = Активных приглашений нет. Создать: /invite лидоруб
invite_revoke_button = Отозвать №{ $n } ({ $role })
invite_revoked = Приглашение отозвано.
invite_already_revoked = Это приглашение уже отозвано или истекло.
invite_invalid = Ссылка-приглашение истекла или отозвана. Попросите у руководителя новую.
joined = Добро пожаловать в «{ $team }», { $name }! Ваши роли: { $roles }.
joined_role_added = Вы уже в «{ $team }»; роль добавлена. Ваши роли: { $roles }.
joined_already = Вы уже в «{ $team }» с этой ролью. Ваши роли: { $roles }.
joined_notify_managers = Новый участник «{ $team }»: { $name }, роль — { $role }.

## команда

team_header =
    «{ $team }»: { $count ->
        [one] { $count } сотрудник
        [few] { $count } сотрудника
        [many] { $count } сотрудников
       *[other] { $count } сотрудника
    }
team_line = { $n }. { $name }{ $username }: { $roles }
team_inactive = {" "}(доступ отключён)
team_footer = Руководителю: /role { $n } лидоруб хантер, /remove { $n }.
member_usage_role =
    Кому и какие роли? Укажите сотрудника как в /team: номером, @username или именем.
    Пример: /role @ivan лидоруб хантер
member_usage_remove =
    Кого отключить? Укажите сотрудника как в /team: номером, @username или именем.
    Пример: /remove @ivan
member_not_found = Не нахожу «{ $query }» в команде. Список: /team.
member_ambiguous = «{ $query }» подходит нескольким: { $names }. Укажите номер из /team.
role_unknown = Не знаю роль «{ $role }». Роли: лидоруб (sdr), хантер (hunter), фермер (farmer), руководитель (manager).
roles_updated = { $name }: теперь роли — { $roles }.
last_manager = В команде должен остаться хотя бы один руководитель; ничего не изменено.
admin_keeps_manager = { $name } — администратор из ADMIN_IDS и остаётся руководителем; ничего не изменено.
member_removed = { $name }: доступ отключён. История сохраняется и учитывается в прошлых отчётах.
member_already_removed = { $name }: доступ уже отключён.
member_reactivated = { $name } снова в команде.

## группы

setchat_done = Готово: дайджесты «{ $team }» будут приходить в этот чат.
setchat_private = Отправьте /setchat в групповом чате команды, куда слать дайджесты.
group_hello_manager = Здравствуйте! Я бот с цифрами отдела продаж. Отправьте здесь /setchat, чтобы вечерние дайджесты приходили в этот чат.
group_not_allowed = Добавить меня в группу может только руководитель команды, поэтому я выхожу. Попросите руководителя добавить меня.
