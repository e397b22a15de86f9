#include <stdio.h>

#include "cmd/cmd.h"

int cmd_once(const struct mpb_opts *o, int argc, char **argv)
{
	(void)o;
	(void)argc;
	fprintf(stderr, "mpboot: %s: not implemented yet\n", argv[0]);
	return 2;
}
