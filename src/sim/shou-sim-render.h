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

G_END_DECLS
