/* shou-store-stats.h: after-sales statistics over the cache, for one shop
 * or all shops and a period of Asia/Shanghai calendar days.
 *
 * A request counts in the period it was opened in. What each figure
 * counts (see request_facts in shou-store-stats-schema.h):
 * - intervened: the platform stepped in (status intervention, the buyer
 *   escalated, or the platform ruled);
 * - negotiated: a negotiation round was sent; its outcome is accepted (the
 *   buyer accepted a proposal), withdrawn (the buyer withdrew), rejected
 *   (the seller rejected afterwards) or still open;
 * - decided: the seller acted (anything but a message) or a deadline lapsed
 *   and the platform decided; before_deadline: the seller acted before any
 *   such lapse; lapsed: the platform decided because a deadline lapsed;
 * - handling time: from opening to the seller's first action;
 * - refunded: the refund of a successful cancel/refund/return (the accepted
 *   partial refund when there was one, else the amount asked);
 *   compensated: an accepted compensation proposal; shipping: the return
 *   shipping of a successful return or exchange the seller bears;
 * - orders: orders cached with their creation day in the period; the
 *   refund rate is unknown (orders_known FALSE) when there are none.
 */
#pragma once

#include "shou-store.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_STATS_BY_REASON,
  SHOU_STATS_BY_SKU,
  SHOU_STATS_BY_SHOP,
  SHOU_STATS_BY_PLATFORM,
  SHOU_STATS_BY_TYPE,
  SHOU_STATS_N_BY
} ShouStatsBy;

typedef struct
{
  char   *key;        /* reason code, SKU, shop key, platform, type */
  char   *label;      /* shop name for SHOU_STATS_BY_SHOP, else NULL */
  guint   n;
  gint64  amount_fen; /* amount asked (reasons, SKUs, shops) */
} ShouStatsCount;

typedef struct
{
  gint64     from;              /* UTC µs, inclusive */
  gint64     to;                /* UTC µs, exclusive */
  guint      requests;
  gint64     requested_fen;
  guint      orders;
  gboolean   orders_known;
  guint      quality;           /* reason quality_problem */
  guint      intervened;
  guint      negotiated;
  guint      nego_accepted;
  guint      nego_withdrawn;
  guint      nego_rejected;
  guint      decided;
  guint      before_deadline;
  guint      lapsed;
  guint      handled;
  gint64     handled_avg_us;    /* 0 when none */
  gint64     handled_p90_us;    /* upper bound of the histogram bucket; 0 when none */
  guint      refunded;
  gint64     refunded_fen;
  guint      compensated;
  gint64     compensated_fen;
  guint      shipping;
  gint64     shipping_fen;
  GPtrArray *by[SHOU_STATS_N_BY]; /* of ShouStatsCount, largest first, then by key */
} ShouStats;

/* Start (UTC µs) of the Asia/Shanghai day that @t falls in. */
gint64     shou_stats_day_start       (gint64       t);
/* The figures of @shop_key (a shop's key, NULL for all shops) over
 * [@from, @to): both are rounded down to Shanghai midnights. */
ShouStats *shou_store_get_stats       (ShouStore   *self,
                                       const char  *shop_key,
                                       gint64       from,
                                       gint64       to,
                                       GError     **error);
void       shou_stats_free            (ShouStats   *stats);
/* @num / @den as a fraction, or -1 when @den is 0. */
double     shou_stats_rate            (guint        num,
                                       guint        den);
/* The share of negotiations accepted or withdrawn among those that ended
 * (accepted, withdrawn or rejected); -1 when none ended. */
double     shou_stats_nego_success    (const ShouStats *stats);

/* One Shanghai day's figures, for the line charts. */
typedef struct
{
  gint64 day_start;   /* UTC µs of the day's Shanghai midnight */
  guint  requests;
  guint  orders;
  guint  quality;
  guint  intervened;
} ShouStatsDay;

/* A SKU's requests and, among them, those for a quality problem. */
typedef struct
{
  char  *sku;
  guint  n;
  guint  quality;
} ShouStatsSku;

/* One ShouStatsDay per Shanghai day of [@from, @to), zeros included. */
GArray    *shou_store_get_stats_daily (ShouStore   *self,
                                       const char  *shop_key,
                                       gint64       from,
                                       gint64       to,
                                       GError     **error);
/* The @limit SKUs with the most requests opened in [@from, @to), each
 * with its quality problems (ShouStatsSku), the most first, then by SKU. */
GPtrArray *shou_store_get_top_skus    (ShouStore   *self,
                                       const char  *shop_key,
                                       gint64       from,
                                       gint64       to,
                                       guint        limit,
                                       GError     **error);
/* Requests the platform is deciding now (status intervention), whenever
 * they were opened; -1 on error. */
gint64     shou_store_count_open_interventions (ShouStore   *self,
                                                const char  *shop_key,
                                                GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouStats, shou_stats_free)

G_END_DECLS
