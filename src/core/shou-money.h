/* shou-money.h: money is integer fen (1/100 yuan), never floating point. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHOU_MONEY_ERROR (shou_money_error_quark ())

typedef enum
{
  SHOU_MONEY_ERROR_EMPTY,
  SHOU_MONEY_ERROR_SYNTAX,       /* not digits with an optional . and 1–2 decimals */
  SHOU_MONEY_ERROR_PRECISION,    /* more than two decimals, e.g. "12.345" */
  SHOU_MONEY_ERROR_NEGATIVE,
  SHOU_MONEY_ERROR_OVERFLOW,
  SHOU_MONEY_ERROR_RANGE,        /* outside what the conversion allows */
} ShouMoneyError;

GQuark   shou_money_error_quark (void);

/**
 * shou_money_format:
 * @fen: amount in fen; may be negative
 *
 * Returns: (transfer full): "¥12.30" style text.
 */
char    *shou_money_format      (gint64       fen);

/* Like shou_money_format() without the currency sign: "12.30". */
char    *shou_money_format_plain (gint64      fen);

/**
 * shou_money_parse:
 * @text: "12", "12.3", "12.30", "¥12.30" or "￥12.30"; surrounding spaces ignored
 * @out_fen: (out): the amount in fen
 *
 * Rejects "12.345", "-1", "1e3", "", and amounts above SHOU_MONEY_MAX_FEN.
 * Returns: %TRUE on success, else sets a #SHOU_MONEY_ERROR.
 */
gboolean shou_money_parse       (const char  *text,
                                 gint64      *out_fen,
                                 GError     **error);

/**
 * shou_money_refund_from_keep:
 * @paid_fen: what the buyer paid for the line
 * @keep_fen: what the buyer is still willing to pay the seller
 * @out_refund_fen: (out): the refund, @paid_fen - @keep_fen
 *
 * Taobao's refund form (seed 001 篇六) asks the buyer how much they still pay
 * the seller, not how much comes back: of 25 yuan, "给卖家20元" refunds 5
 * yuan, and 0 refunds everything. The contract's `amount_fen` is always the
 * refund; this converts exactly. @keep_fen must be 0 to @paid_fen - 1 fen
 * (keeping all of it asks for no refund): SHOU_MONEY_ERROR_NEGATIVE or
 * SHOU_MONEY_ERROR_RANGE otherwise.
 * Returns: %TRUE on success.
 */
gboolean shou_money_refund_from_keep (gint64       paid_fen,
                                      gint64       keep_fen,
                                      gint64      *out_refund_fen,
                                      GError     **error);

/* The inverse, for a platform form that is filled from our amount. */
gint64   shou_money_keep_from_refund (gint64       paid_fen,
                                      gint64       refund_fen);

/* 100 million yuan: well above any single order, far below G_MAXINT64. */
#define SHOU_MONEY_MAX_FEN ((gint64) 10000000000)

G_END_DECLS
