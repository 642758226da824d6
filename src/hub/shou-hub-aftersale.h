/* shou-hub-aftersale.h: one after-sales request as the hub stores it. */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-core.h"

G_BEGIN_DECLS

/* One after-sales request as stored: core's state in columns, the rest
 * (negotiation rounds, addresses, shipments, evidence, timeline) in @doc. */
typedef struct
{
  char             *id;
  char             *shop_id;
  char             *merchant_id;
  char             *order_id;
  char             *line_id;
  char             *platform_id;
  char             *reason_code;
  char             *reason_text;
  char             *buyer_text;
  char             *return_address_id;
  gint64            shipping_fen;
  gint64            updated_at;
  gint64            change_seq;
  ShouRequestState  state;
  JsonObject       *doc;
  /* Written with the row when set (never read back by get): the request as
   * the contract renders it, valid until @rendered_until (0: until the next
   * write), which the change feed serves without rendering again. */
  char             *rendered;
  gint64            rendered_until;
} ShouHubAftersale;

ShouHubAftersale *shou_hub_aftersale_new  (void);
void              shou_hub_aftersale_free (ShouHubAftersale *as);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouHubAftersale, shou_hub_aftersale_free)

/* The rule profile version the request was opened under (kept in @doc as
 * "profile_version"), or %NULL for a request from before it was kept. */
const char       *shou_hub_aftersale_get_profile_version (ShouHubAftersale *as);
/* The profile that runs @as: the version it was opened under, from @set
 * (a Tmall request may run a Taobao version), else @current. A profile
 * change never rewrites deadlines already running. (transfer none) */
const ShouProfile *shou_hub_aftersale_resolve_profile   (ShouHubAftersale  *as,
                                                         const ShouProfile *current,
                                                         ShouProfiles      *set);

G_END_DECLS
