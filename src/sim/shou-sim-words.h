/* shou-sim-words.h: the simulated platform's own words and ids. */
#pragma once

#include "core/shou-core.h"

G_BEGIN_DECLS

/* The platform's timeline words for a lapse from @before (Chinese, as
 * platforms write them). */
const char *shou_sim_lapse_text          (ShouLapse         lapse,
                                          ShouRequestStatus before);
/* The platform's own id for request number @number, in its format.
 * (transfer full) */
char       *shou_sim_platform_request_id (ShouPlatform      platform,
                                          gint64            number);

G_END_DECLS
