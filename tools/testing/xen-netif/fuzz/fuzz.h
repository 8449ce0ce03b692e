/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared bits of the xen-netif libFuzzer targets. */
#ifndef _XNIF_FUZZ_H
#define _XNIF_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

/* An invariant that must hold for every input: abort (a "crash") if not. */
#define FUZZ_ASSERT(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant failed: %s\n", \
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

/* A plan checker (plan_check.h) must find nothing wrong. */
#define FUZZ_PLAN_OK(why)						\
	do {								\
		const char *_why = (why);				\
									\
		if (_why) {						\
			fprintf(stderr, "%s:%d: invariant failed: %s\n", \
				__FILE__, __LINE__, _why);		\
			abort();					\
		}							\
	} while (0)

/* The next @bytes of the input, little-endian; missing bytes are zero. */
static inline unsigned int fuzz_get(const unsigned char **d, size_t *left,
				    unsigned int bytes)
{
	unsigned int v = 0, i;

	for (i = 0; i < bytes; i++) {
		if (*left) {
			v |= (unsigned int)**d << (8 * i);
			(*d)++;
			(*left)--;
		}
	}
	return v;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#endif /* _XNIF_FUZZ_H */
