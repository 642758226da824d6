/* shou-request-item-private.h: what a row of the request list holds,
 * filled by the list's query (shou-request-list-query.c). */
#pragma once

#include "shou-request-item.h"
#include "shou-view.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;
  char   *shop_id;
  char   *shop_name;
  char   *order_no;
  char   *goods_title;
  char   *sku;
  char   *buyer;
  char   *reason_text;
  char   *conflict;
  char   *claim_holder;
  char  **tags;                /* sorted; %NULL for none */
  ShouPlatform      platform;
  ShouRequestType   type;
  ShouRequestStatus status;
  ShouLapse         on_lapse;
  gint64  amount_fen;
  gint64  deadline_at;
  guint   pending;
  gboolean logistics_stalled;
  gboolean exchange_shipped;
  gboolean deadline_approximate;
  ShouView home_view;          /* the sidebar view that lists it */
} ShouRequestItemData;

/* Takes the strings of @data. */
ShouRequestItem *shou_request_item_new_take (ShouRequestItemData *data);
/* TRUE when both rows would show the same (every field of their data):
 * a refresh keeps the row the list view already shows. */
gboolean shou_request_item_same_content (ShouRequestItem *a,
                                         ShouRequestItem *b);

G_END_DECLS
