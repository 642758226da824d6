/* shou-hub-render.h: the members of a request (API.md "aftersale") that
 * every platform renders alike: identity, type, status, amounts, times,
 * the deadline core (or the platform) set and the version. Each platform
 * adds its actions, negotiation and documents. */
#pragma once

#include "hub/shou-hub-aftersale.h"

G_BEGIN_DECLS

/* Sets those members of @o from @as and @eval; @platform_status is the
 * platform's own status word. */
void shou_hub_render_common (JsonObject             *o,
                             ShouHubAftersale       *as,
                             const char             *platform_status,
                             const ShouEvaluation   *eval);

/* allowed_actions and blocked_actions: what core allows of @supported (the
 * actions the platform's API can carry); the rest blocked with core's
 * reason, or with @lacking_reason and @lacking_message () (translated: where
 * to do it instead) for those outside @supported. */
void shou_hub_render_actions (JsonObject             *o,
                              const ShouEvaluation   *eval,
                              guint                   supported,
                              const char             *lacking_reason,
                              const char           *(*lacking_message) (ShouAction action));
/* The same, and the actions in @no_call (bits) are ones the platform
 * publishes no call for: blocked with core's reason where core blocks
 * them, else with "no_platform_call" (a core reason the desktop
 * translates) instead of @lacking_reason. */
void shou_hub_render_actions_full (JsonObject             *o,
                                   const ShouEvaluation   *eval,
                                   guint                   supported,
                                   guint                   no_call,
                                   const char             *lacking_reason,
                                   const char           *(*lacking_message) (ShouAction action));

/* risks (the platform's warnings before a rejection, API.md "risks") as
 * core computes them under @profile at @now, and profile_version: the one
 * the request records, else @profile's. */
void shou_hub_render_risks   (JsonObject             *o,
                              ShouHubAftersale       *as,
                              const ShouProfile      *profile,
                              gint64                  now);

G_END_DECLS
