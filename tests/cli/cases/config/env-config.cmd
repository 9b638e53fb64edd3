printf "[defaults]\nlog_format = \"xml\"\n" > c.toml; ADX_CONFIG=c.toml adx id check 91310116052958608G
