Include ~/.ssh/ssh_config.i.*
Hostname aa
