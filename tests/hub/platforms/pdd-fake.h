/* pdd-fake.h: a protocol-level Pinduoduo gateway on 127.0.0.1 for tests.
 * It checks every request's client_id, timestamp and MD5 sign (computed
 * here on its own, not with the adapter's code) and answers a wrong one
 * with an error_response; serves pdd.refund.list.increment.get (window at
 * most 30 minutes, pages at most 100), pdd.refund.information.get, the two
 * agree calls, the return-address list and the token calls; injects
 * flow-control (52101) and session-expired (10019) answers; and moves cases
 * through Pinduoduo's statuses. It runs its own thread and main context,
 * so the adapter's synchronous calls can reach it from the test's thread.
 * The rest of its interface is platform-fake.h; @type and @status of a
 * case are the detail's after_sales_type and after_sales_status. */
#pragma once

#include "platform-fake.h"

G_BEGIN_DECLS

PlatformFake *pdd_fake_new (const char *client_id,
                            const char *client_secret);

G_END_DECLS
