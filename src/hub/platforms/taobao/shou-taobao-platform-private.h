/* shou-taobao-platform-private.h: what shou-taobao-platform.c, -pull.c and
 * -render.c share. */
#pragma once

#include "shou-taobao-client.h"
#include "shou-taobao-platform.h"

G_BEGIN_DECLS

struct _ShouTaobaoPlatform
{
  GObject           parent_instance;
  ShouPlatformBase  base;
  ShouTaobaoClient *client;
};

#define SHOU_TAOBAO_PAGE_SIZE     100   /* taobao.refunds.receive.get: page_size at most 100 */
#define SHOU_TAOBAO_MAX_PAGES     1000
#define SHOU_TAOBAO_WINDOW        3600  /* our choice: TOP publishes no limit for the modified window */
#define SHOU_TAOBAO_REFRESH_AHEAD 600   /* refresh a token this many seconds before it expires */

/* The fields asked of taobao.refund.get. */
#define SHOU_TAOBAO_DETAIL_FIELDS \
  "refund_id,tid,oid,title,num,total_fee,refund_fee,payment,status,good_status,has_good_return," \
  "reason,desc,created,modified,order_status,refund_phase,dispute_type,refund_version,cs_status," \
  "refund_remind_timeout,sid,company_name"

/* The shop's usable session; %NULL when it has none or it lapsed. (transfer full) */
char       *shou_taobao_platform_session (ShouTaobaoPlatform *self,
                                          const char         *shop_id);
/* taobao.refund.get for @refund_id. (transfer full) */
JsonObject *shou_taobao_get_refund       (ShouTaobaoPlatform *self,
                                          const char         *shop_id,
                                          const char         *session,
                                          const char         *refund_id,
                                          GError            **error);
/* Fills @as from a refund (list entry or detail) of a shop of @which. */
void        shou_taobao_fill_aftersale   (ShouHubAftersale   *as,
                                          JsonObject         *refund,
                                          ShouPlatform        which);
/* Sets @as's parcel_step from the order's status TOP sent. */
void        shou_taobao_parcel_fill      (ShouHubAftersale   *as);
/* Reads one shop's windows within the pull budget; the number read. */
guint       shou_taobao_pull_shop        (gpointer            self,
                                          const char         *shop_id,
                                          const char         *merchant_id,
                                          GError            **error);
JsonObject *shou_taobao_render           (ShouTaobaoPlatform *self,
                                          ShouHubAftersale   *as);
/* The actions the adapter can carry to TOP: the agrees, the refusal
 * (taobao.refund.refuse, with the first attached picture as its
 * refuse_proof; required on Tmall), the message (taobao.refund.message.add)
 * and the intercept of the order's parcel (taobao.rp.refund.intercept).
 * Evidence goes through taobao.refund.message.add's image. */
#define SHOU_TAOBAO_SUPPORTED (SHOU_ACTION_BIT (SHOU_ACTION_AGREE_REFUND) | \
                               SHOU_ACTION_BIT (SHOU_ACTION_AGREE_RETURN) | \
                               SHOU_ACTION_BIT (SHOU_ACTION_CONFIRM_RECEIPT) | \
                               SHOU_ACTION_BIT (SHOU_ACTION_REJECT) | \
                               SHOU_ACTION_BIT (SHOU_ACTION_MESSAGE) | \
                               SHOU_ACTION_BIT (SHOU_ACTION_INTERCEPT))
/* The content of the message that carries a piece of evidence to TOP
 * (taobao.refund.message.add needs content; the buyer sees it). */
#define SHOU_TAOBAO_EVIDENCE_CONTENT "商家上传凭证"
/* What the adapter carries for @as's shop. */
guint       shou_taobao_supported        (ShouHubAftersale   *as);
/* The carrier as TOP takes it: ours for a listed one; for "other" the name
 * the seller typed, which tmall.exchange.consigngoods carries in its free
 * logistics_company_name (TOP publishes no "other" company code). */
const char *shou_taobao_carrier_code     (const char         *carrier,
                                          const char         *typed_name);
/* Why the adapter cannot do @action through TOP (translated). */
const char *shou_taobao_lacking_message  (ShouAction          action);

/* What TOP's @error means for @as's action (the SMS code asked, when
 * @code_sent is %FALSE, is 422 verification_code_required). (transfer full) */
ShouHubFailure *shou_taobao_failure     (ShouTaobaoPlatform *self,
                                         ShouHubAftersale   *as,
                                         const GError       *error,
                                         gboolean            code_sent);
/* The interface's perform_action (shou-taobao-platform.c) and perform_batch
 * (shou-taobao-platform-batch.c). */
gboolean    shou_taobao_perform_action  (ShouHubPlatform    *platform,
                                         ShouHubAftersale   *as,
                                         const ShouEvent    *event,
                                         JsonObject         *params,
                                         gint64              at,
                                         ShouHubFailure    **failure);
void        shou_taobao_perform_batch   (ShouHubPlatform    *platform,
                                         ShouHubBatchItem   *items,
                                         guint               n,
                                         gint64              at);

G_END_DECLS
