/* SPDX-License-Identifier: GPL-2.0-only */
/* The test groups of the xen-netif harness, one per shared source file. */
#ifndef _XNIF_TESTS_H
#define _XNIF_TESTS_H

#include <string.h>

#include "tap.h"

/* A plan checker (plan_check.h) must find nothing wrong. */
#define XT_PLAN_OK(why)							\
	do {								\
		const char *_why = (why);				\
									\
		if (_why)						\
			xt_fail(__FILE__, __LINE__, "%s", _why);	\
	} while (0)

extern const struct xt_test ring_tests[];
extern const struct xt_test slots_tests[];
extern const struct xt_test tx_tests[];
extern const struct xt_test rx_tests[];
extern const struct xt_test xenstore_tests[];
extern const struct xt_test wire_tests[];
extern const struct xt_test staging_tests[];
extern const struct xt_test order_tests[];
extern const struct xt_test ctrl_tests[];
extern const struct xt_test ctrlfe_tests[];
extern const struct xt_test copy_tests[];
extern const struct xt_test txcopy_tests[];
extern const struct xt_test txslot_tests[];
extern const struct xt_test gref_tests[];
extern const struct xt_test param_tests[];

#endif /* _XNIF_TESTS_H */
