/* shou-hub-row.c: requests as rows, JSON as text. */
#include "config.h"

#include "shou-hub-row.h"

#define TEXT(v, t)   ((v)->text = (t), (v)->is_text = TRUE)
#define NUMBER(v, n) ((v)->number = (n), (v)->is_text = FALSE)

void
shou_hub_row_from_aftersale (ShouHubAftersale  *as,
                             ShouHubValue      *v,
                             char             **doc_text)
{
  const ShouRequestState *s = &as->state;

  /* Members newer than the columns live in the document. */
  if (as->doc != NULL)
    shou_request_state_parcel_to_json (s, as->doc);
  *doc_text = shou_hub_json_to_string (as->doc);
  memset (v, 0, sizeof (ShouHubValue) * SHOU_HUB_AFTERSALE_N_VALUES);
  TEXT (&v[0], as->id);
  TEXT (&v[1], as->shop_id);
  TEXT (&v[2], as->merchant_id);
  TEXT (&v[3], as->order_id);
  TEXT (&v[4], as->line_id);
  TEXT (&v[5], as->platform_id);
  TEXT (&v[6], as->reason_code);
  TEXT (&v[7], as->reason_text);
  TEXT (&v[8], as->buyer_text);
  TEXT (&v[9], as->return_address_id);
  NUMBER (&v[10], as->shipping_fen);
  NUMBER (&v[11], as->updated_at);
  NUMBER (&v[12], s->platform);
  NUMBER (&v[13], s->type);
  NUMBER (&v[14], s->status);
  NUMBER (&v[15], s->order_state);
  NUMBER (&v[16], s->cod);
  NUMBER (&v[17], s->opened_at);
  NUMBER (&v[18], s->status_since);
  NUMBER (&v[19], s->amount_fen);
  NUMBER (&v[20], s->paid_fen);
  NUMBER (&v[21], s->good_status);
  NUMBER (&v[22], s->nego_phase);
  NUMBER (&v[23], s->nego_sent_at);
  NUMBER (&v[24], s->return_shipped);
  NUMBER (&v[25], s->last_logistics_at);
  NUMBER (&v[26], s->status_before_intervention);
  NUMBER (&v[27], s->version);
  TEXT (&v[28], *doc_text);
  NUMBER (&v[29], s->exchange_shipped);
  NUMBER (&v[30], s->nego_proposal);
  NUMBER (&v[31], s->nego_amount_fen);
}

static gint64
number (ShouHubRowText text,
        gpointer       row,
        guint          column)
{
  const char *t = text (row, column);

  return t != NULL ? g_ascii_strtoll (t, NULL, 10) : 0;
}

ShouHubAftersale *
shou_hub_row_to_aftersale (ShouHubRowText text,
                           gpointer       row)
{
  ShouHubAftersale *as = g_new0 (ShouHubAftersale, 1);
  ShouRequestState *s = &as->state;

  as->id = g_strdup (text (row, 0));
  as->shop_id = g_strdup (text (row, 1));
  as->merchant_id = g_strdup (text (row, 2));
  as->order_id = g_strdup (text (row, 3));
  as->line_id = g_strdup (text (row, 4));
  as->platform_id = g_strdup (text (row, 5));
  as->reason_code = g_strdup (text (row, 6));
  as->reason_text = g_strdup (text (row, 7));
  as->buyer_text = g_strdup (text (row, 8));
  as->return_address_id = g_strdup (text (row, 9));
  as->shipping_fen = number (text, row, 10);
  as->updated_at = number (text, row, 11);
  s->platform = number (text, row, 12);
  s->type = number (text, row, 13);
  s->status = number (text, row, 14);
  s->order_state = number (text, row, 15);
  s->cod = number (text, row, 16);
  s->opened_at = number (text, row, 17);
  s->status_since = number (text, row, 18);
  s->amount_fen = number (text, row, 19);
  s->paid_fen = number (text, row, 20);
  s->good_status = number (text, row, 21);
  s->nego_phase = number (text, row, 22);
  s->nego_sent_at = number (text, row, 23);
  s->return_shipped = number (text, row, 24);
  s->last_logistics_at = number (text, row, 25);
  s->status_before_intervention = number (text, row, 26);
  s->version = number (text, row, 27);
  as->doc = shou_hub_json_from_string (text (row, 28));
  shou_request_state_parcel_from_json (s, as->doc);
  s->exchange_shipped = number (text, row, 29);
  s->nego_proposal = number (text, row, 30);
  s->nego_amount_fen = number (text, row, 31);
  as->change_seq = number (text, row, SHOU_HUB_AFTERSALE_COL_CHANGE_SEQ);
  return as;
}
