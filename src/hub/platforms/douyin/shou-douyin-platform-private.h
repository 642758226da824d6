/* shou-douyin-platform-private.h: what shou-douyin-platform.c, -pull.c and
 * -render.c share. */
#pragma once

#include "shou-douyin-client.h"
#include "shou-douyin-platform.h"

G_BEGIN_DECLS

struct _ShouDouyinPlatform
{
  GObject           parent_instance;
  ShouPlatformBase  base;
  ShouDouyinClient *client;
  char             *service_id;   /* the service market's id of the app (authorisation page) */
};

#define SHOU_DOUYIN_PAGE_SIZE     100   /* afterSale/List: size "最多100个" */
#define SHOU_DOUYIN_MAX_PAGES     1000
#define SHOU_DOUYIN_WINDOW        3600  /* our choice: the SDK names no limit for the update window */
#define SHOU_DOUYIN_REFRESH_AHEAD 3600  /* token/refresh within the last hour gives a new pair */

/* afterSale/Detail's data for @aftersale_id. (transfer full) */
JsonObject *shou_douyin_get_detail      (ShouDouyinPlatform *self,
                                         const char         *shop_id,
                                         const char         *token,
                                         const char         *aftersale_id,
                                         GError            **error);
/* Fills @as from afterSale/Detail's data. */
void        shou_douyin_fill_aftersale  (ShouHubAftersale   *as,
                                         JsonObject         *detail);
/* Reads one shop's windows within the pull budget; the number read. */
guint       shou_douyin_pull_shop       (gpointer            self,
                                         const char         *shop_id,
                                         const char         *merchant_id,
                                         GError            **error);
JsonObject *shou_douyin_render          (ShouDouyinPlatform *self,
                                         ShouHubAftersale   *as);
/* The actions the adapter carries: afterSale/operate's, and the intercept
 * of the order's parcel (afterSale/applyLogisticsIntercept). */
#define SHOU_DOUYIN_SUPPORTED (SHOU_ACTION_BIT (SHOU_ACTION_AGREE_REFUND) | \
                               SHOU_ACTION_BIT (SHOU_ACTION_AGREE_RETURN) | \
                               SHOU_ACTION_BIT (SHOU_ACTION_CONFIRM_RECEIPT) | \
                               SHOU_ACTION_BIT (SHOU_ACTION_INTERCEPT))
/* The order's parcel step from what the detail said (the state's
 * parcel_step; the step is not stored). */
void        shou_douyin_parcel_fill     (ShouHubAftersale   *as);
/* The carrier as afterSale/operate's logistics.company_code takes it:
 * ours for a listed one, %NULL for "other" (no such code is published). */
const char *shou_douyin_carrier_code    (const char         *carrier,
                                         const char         *typed_name);
/* Why the adapter cannot do @action through the open platform (translated). */
const char *shou_douyin_lacking_message (ShouAction          action);
/* Why evidence is not uploaded through the open platform (translated):
 * afterSale/submitEvidence and afterSale/operate take picture URLs only. */
const char *shou_douyin_evidence_message (void);

G_END_DECLS
