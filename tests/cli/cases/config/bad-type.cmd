printf "[profiles.city]\ntimeout = \"30\"\n" > adx.toml; adx config check
