/* test fixture: stands in for drivers/hostname_from_env.c */
