## names people type (clients, sources): saved as typed, never cut

err_client_long = The client's name is too long: at most { $limit } { $limit ->
        [one] character
       *[other] characters
    }. Nothing was saved: shorten the name and send it again.
source_name_long = The source's name is too long: at most { $limit } { $limit ->
        [one] character
       *[other] characters
    }. Nothing was saved.
