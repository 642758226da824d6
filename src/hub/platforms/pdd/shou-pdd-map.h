/* shou-pdd-map.h: Pinduoduo's words in the contract's, keyed per API and
 * field where Pinduoduo numbers the same thing differently in different
 * places (after_sales_type: the list's filter counts from 1 = all, the
 * detail's answer from 1 = refund only). Sources: tests/data/platforms/
 * README.md "Pinduoduo". */
#pragma once

#include "core/shou-core.h"

G_BEGIN_DECLS

typedef struct
{
  ShouRequestStatus status;
  gboolean          exchange_shipped;  /* the seller's shipment has left */
} ShouPddStatus;

/* after_sales_status (pdd.refund.list.increment.get and
 * pdd.refund.information.get): %FALSE for an unknown code or 0 (无售后).
 * @return_shipped: the buyer filled return logistics (tracking_number /
 * express_no), which Pinduoduo's status 7 does not tell apart. */
gboolean    shou_pdd_map_status        (gint64           after_sales_status,
                                        gboolean         return_shipped,
                                        ShouPddStatus   *out);
/* after_sales_type of pdd.refund.information.get (1 refund only … 5 repair). */
gboolean    shou_pdd_map_detail_type   (gint64           after_sales_type,
                                        ShouRequestType *out);
/* The list's after_sales_type filter for @type (1 = all when @all). */
gint64      shou_pdd_map_list_type_filter (gboolean      all,
                                           ShouRequestType type);
/* The codes a fake or a test walks (every documented status). */
const gint64 *shou_pdd_map_all_statuses (guint          *n);
/* user_shipping_status (detail: "0" not chosen, "1" not received, "2"
 * received) with express_no for goods on their way back. */
ShouGoodStatus shou_pdd_map_good_status (const char     *user_shipping_status,
                                         gboolean        return_shipped);
/* A buyer's reason text (after_sale_reason / after_sales_reason) as one of
 * the contract's buyer reason codes, "other" when none fits. */
const char *shou_pdd_map_reason        (const char      *text);
/* A yuan amount as Pinduoduo writes it ("12.30", "0.01", "5") to fen,
 * exactly; %FALSE for anything else (more than two decimals, a sign, text). */
gboolean    shou_pdd_map_yuan_to_fen   (const char      *yuan,
                                        gint64          *out_fen);
/* A time field: unix seconds as digits, or "YYYY-MM-DD HH:MM:SS" in Beijing
 * time (UTC+8); UTC microseconds, 0 when empty or unreadable. */
gint64      shou_pdd_map_time          (const char      *text);

G_END_DECLS
