Match host a
	Hostname aa

Match host=b # comment
	Hostname bb
	Include ~/.ssh/ssh_config.i.*

Match host c
	Include ~/.ssh/ssh_config.i.*
	Hostname cc

Match host=m !user xxxyfake
	Include ~/.ssh/ssh_config.i.* # comment

Host d
	Hostname dd # comment

Host e
	Hostname ee
	Include ~/.ssh/ssh_config.i.*

Host f
	Include ~/.ssh/ssh_config.i.*
	Hostname ff

Host n
	Include ~/.ssh/ssh_config.i.*
