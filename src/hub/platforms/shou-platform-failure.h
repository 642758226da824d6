/* shou-platform-failure.h: a platform's SHOU_PROTOCOL_ERROR as the hub's
 * answer to the desktop (API.md "Errors"), the same for every adapter. */
#pragma once

#include "hub/shou-hub-failure.h"

G_BEGIN_DECLS

/* 503 platform_session_expired (authorise again), 503 platform_busy (flow
 * control or unavailable, after the retries), 422 platform_refused (the
 * platform's business refusal, its code and sub-code in the message), 502
 * platform_unavailable otherwise. @platform names it in messages. */
ShouHubFailure *shou_platform_failure_from_error (const GError *error,
                                                  const char   *platform);

G_END_DECLS
