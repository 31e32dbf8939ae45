// SPDX-License-Identifier: MIT
/* request.c - the request's lifetime (see request.h). */
#include "request.h"

#include <stdlib.h>
#include <string.h>

static void free_segment(struct cp_request_segment *s)
{
	free(s->name);
	free(s->node);
	free(s->file);
	free(s->path);
	free(s->string);
	free(s->data);
	free(s->fit_role);
	free(s->bootargs);
	free(s->initrd);
	free(s->module_args);
}

void cp_request_free(struct cp_request *req)
{
	free(req->kernel.file);
	free(req->kernel.fit_configuration);
	free(req->kernel.cmdline);
	free(req->kernel.initrd);
	for (int i = 0; i < req->nsegments; i++)
		free_segment(&req->segments[i]);
	free(req->segments);
	free(req->reserved);
	free(req->firmware);
	memset(req, 0, sizeof(*req));
}
