/* shou-sim-render.h: the simulated platform's requests in API.md shapes. */
#pragma once

#include "shou-sim-world.h"

G_BEGIN_DECLS

/* Rendering in API.md shapes. (transfer full) */
JsonObject        *shou_sim_world_render_aftersale  (ShouSimWorld     *self,
                                                     ShouHubAftersale *as);
/* The platform's own status word for @status, e.g. "WAIT_SELLER_AGREE". */
const char        *shou_sim_platform_status         (ShouPlatform      platform,
                                                     ShouRequestType   type,
                                                     ShouRequestStatus status);

/* The platform's timeline words for a lapse from @before (Chinese, as
 * platforms write them). */
const char        *shou_sim_lapse_text              (ShouLapse         lapse,
                                                     ShouRequestStatus before);
/* The platform's own id for request number @number, in its format.
 * (transfer full) */
char              *shou_sim_platform_request_id     (ShouPlatform      platform,
                                                     gint64            number);

G_END_DECLS
