Include ~/.ssh/ssh_config.i
