/* shou-hub-store-reviews.c: bad reviews (API.md "review"), one
 * implementation for both engines through shou_hub_store_query(). Every
 * lookup names the merchant (API.md "Scale"). */
#include "config.h"

#include "shou-hub-json.h"
#include "shou-hub-store-private.h"

#define I64 SHOU_HUB_I64

gboolean
shou_hub_store_put_review (ShouHubStore  *self,
                           const char    *merchant_id,
                           JsonObject    *review,
                           GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(ShouHubRows) rows = NULL;
  char v[24], s[24];
  gint64 seq;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  seq = shou_hub_store_next_seq (self, merchant_id, error);
  if (seq <= 0)
    return FALSE;
  text = shou_hub_json_to_string (review);
  {
    const char *params[] = {
      merchant_id, json_object_get_string_member (review, "id"),
      json_object_get_string_member (review, "shop_id"),
      json_object_get_string_member (review, "buyer_nick"),
      json_object_get_string_member (review, "rating"), text,
      I64 (v, json_object_get_int_member (review, "version")), I64 (s, seq),
    };

    rows = shou_hub_store_query (self, "INSERT INTO reviews (merchant_id, id, shop_id, buyer_nick, rating, data,"
                                       " version, change_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                                       " ON CONFLICT (merchant_id, id) DO UPDATE SET"
                                       " shop_id = EXCLUDED.shop_id, buyer_nick = EXCLUDED.buyer_nick,"
                                       " rating = EXCLUDED.rating, data = EXCLUDED.data,"
                                       " version = EXCLUDED.version, change_seq = EXCLUDED.change_seq",
                                 "ssssssii", params, error);
  }
  return rows != NULL;
}

JsonObject *
shou_hub_store_get_review (ShouHubStore *self,
                           const char   *merchant_id,
                           const char   *review_id)
{
  const char *params[] = { merchant_id, review_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  if (shou_hub_store_is_pg (self) && shou_hub_store_in_transaction (self))
    rows = shou_hub_store_read (self, "SELECT data FROM reviews WHERE merchant_id = $1 AND id = $2 FOR UPDATE",
                                "ss", params);
  else
    rows = shou_hub_store_read (self, "SELECT data FROM reviews WHERE merchant_id = $1 AND id = $2",
                                "ss", params);
  if (shou_hub_rows_count (rows) == 0)
    return NULL;
  return shou_hub_json_from_string (shou_hub_rows_text (rows, 0, 0));
}

guint
shou_hub_store_count_bad_reviews (ShouHubStore *self,
                                  const char   *merchant_id,
                                  const char   *buyer_nick)
{
  const char *params[] = { merchant_id, buyer_nick };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), 0);
  rows = shou_hub_store_read (self, "SELECT count(*) FROM reviews WHERE merchant_id = $1 AND buyer_nick = $2"
                                    " AND rating = 'bad'", "ss", params);
  return shou_hub_rows_count (rows) > 0 ? shou_hub_rows_int (rows, 0, 0) : 0;
}
