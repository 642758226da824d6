/* shou-hub-row.h: a stored after-sales request as a row of columns, the
 * same for every engine. */
#pragma once

#include "hub/shou-hub-json.h"
#include "hub/shou-hub-aftersale.h"

G_BEGIN_DECLS

/* The aftersales table's columns in the order both engines bind and read
 * them; change_seq, lapse_at, rendered and rendered_until are written by the
 * engine. */
#define SHOU_HUB_AFTERSALE_COLUMNS \
  "id, shop_id, merchant_id, order_id, line_id, platform_id, reason_code, reason_text," \
  " buyer_text, return_address_id, shipping_fen, updated_at, platform, type, status," \
  " order_state, cod, opened_at, status_since, amount_fen, paid_fen, good_status, nego_phase," \
  " nego_sent_at, return_shipped, last_logistics_at, status_before, version, doc," \
  " exchange_shipped, nego_proposal, nego_amount_fen, change_seq, lapse_at, rendered, rendered_until"
#define SHOU_HUB_AFTERSALE_N_VALUES 32  /* without the four the engine writes */
#define SHOU_HUB_AFTERSALE_COL_CHANGE_SEQ 32

typedef struct
{
  const char *text;     /* a text column when not %NULL… */
  gint64      number;   /* …else this integer */
  gboolean    is_text;
} ShouHubValue;

/* Fills @values[SHOU_HUB_AFTERSALE_N_VALUES] from @as; texts point into @as
 * and into *@doc_text, which the caller frees after binding. */
void              shou_hub_row_from_aftersale (ShouHubAftersale *as,
                                               ShouHubValue     *values,
                                               char            **doc_text);
/* A column of the current row as text (%NULL for SQL NULL). */
typedef const char *(*ShouHubRowText) (gpointer row,
                                       guint    column);
/* (transfer full): the request in the row, read in the column order of
 * SHOU_HUB_AFTERSALE_COLUMNS. */
ShouHubAftersale *shou_hub_row_to_aftersale   (ShouHubRowText    text,
                                               gpointer          row);

G_END_DECLS
