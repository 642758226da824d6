/* shou-pdd-platform-private.h: what shou-pdd-platform.c, -pull.c and
 * -render.c share. */
#pragma once

#include "hub/platforms/shou-platform-base.h"
#include "shou-pdd-client.h"
#include "shou-pdd-platform.h"

G_BEGIN_DECLS

struct _ShouPddPlatform
{
  GObject           parent_instance;
  ShouPlatformBase  base;
  ShouPddClient    *client;
};

#define SHOU_PDD_PAGE_SIZE   100
#define SHOU_PDD_MAX_PAGES   1000
#define SHOU_PDD_WINDOW      1800   /* pdd.refund.list.increment.get: at most 30 minutes */
#define SHOU_PDD_REFRESH_AHEAD 600  /* refresh a token this many seconds before it expires */

/* Reads @shop_id's windows up to the pull budget; the number read. */
guint             shou_pdd_pull_shop            (gpointer           self,
                                                 const char        *shop_id,
                                                 const char        *merchant_id,
                                                 GError           **error);
/* Fills @as from a list entry and a detail answer (either may be %NULL). */
void              shou_pdd_fill_aftersale       (ShouHubAftersale  *as,
                                                 JsonObject        *entry,
                                                 JsonObject        *detail);
/* Applies a new after_sales_status to @as (status, version, updated_at). */
void              shou_pdd_set_status           (ShouHubAftersale  *as,
                                                 gint64             after_sales_status,
                                                 gint64             at);
JsonObject       *shou_pdd_render               (ShouPddPlatform   *self,
                                                 ShouHubAftersale  *as);
/* The actions the adapter can carry to Pinduoduo. */
#define SHOU_PDD_SUPPORTED (SHOU_ACTION_BIT (SHOU_ACTION_AGREE_REFUND) | \
                            SHOU_ACTION_BIT (SHOU_ACTION_AGREE_RETURN) | \
                            SHOU_ACTION_BIT (SHOU_ACTION_CONFIRM_RECEIPT))
/* What Pinduoduo publishes no call for (issue 25): intercepting the
 * order's parcel (pdd-node-sdk's after-sales and logistics APIs have none;
 * pdd.rdc.pddgenius.sendgoods.cancel is an ERP's notice that an unshipped
 * order was not sent, not an intercept). Blocked as "no_platform_call". */
#define SHOU_PDD_NO_CALL (SHOU_ACTION_BIT (SHOU_ACTION_INTERCEPT))
/* The carrier as pdd.refund.exchange.shipping's shipping_id would take it:
 * ours for a listed one, %NULL for "other" (ids come from
 * pdd.logistics.companies.get, which lists no "other" company). */
const char       *shou_pdd_carrier_code         (const char        *carrier,
                                                 const char        *typed_name);
/* Why Pinduoduo's API cannot do @action (translated). */
const char       *shou_pdd_lacking_message      (ShouAction         action);

G_END_DECLS
