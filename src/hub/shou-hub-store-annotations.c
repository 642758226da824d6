/* shou-hub-store-annotations.c: tags and internal notes on a request
 * (API.md "annotation"), one implementation for both engines through
 * shou_hub_store_query(). Every lookup names the merchant (API.md
 * "Scale"). */
#include "config.h"

#include "shou-hub-json.h"
#include "shou-hub-store-private.h"

gboolean
shou_hub_store_put_annotation (ShouHubStore  *self,
                               const char    *merchant_id,
                               JsonObject    *annotation,
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
  text = shou_hub_json_to_string (annotation);
  {
    const char *params[] = {
      merchant_id, json_object_get_string_member (annotation, "aftersale_id"), text,
      SHOU_HUB_I64 (v, json_object_get_int_member (annotation, "version")), SHOU_HUB_I64 (s, seq),
    };

    rows = shou_hub_store_query (self, "INSERT INTO annotations (merchant_id, aftersale_id, data, version,"
                                       " change_seq) VALUES ($1, $2, $3, $4, $5)"
                                       " ON CONFLICT (merchant_id, aftersale_id) DO UPDATE SET"
                                       " data = EXCLUDED.data, version = EXCLUDED.version,"
                                       " change_seq = EXCLUDED.change_seq",
                                 "sssii", params, error);
  }
  return rows != NULL;
}

JsonObject *
shou_hub_store_get_annotation (ShouHubStore *self,
                               const char   *merchant_id,
                               const char   *aftersale_id)
{
  const char *params[] = { merchant_id, aftersale_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  if (shou_hub_store_is_pg (self) && shou_hub_store_in_transaction (self))
    rows = shou_hub_store_read (self, "SELECT data FROM annotations WHERE merchant_id = $1 AND aftersale_id = $2"
                                      " FOR UPDATE", "ss", params);
  else
    rows = shou_hub_store_read (self, "SELECT data FROM annotations WHERE merchant_id = $1 AND aftersale_id = $2",
                                "ss", params);
  if (shou_hub_rows_count (rows) == 0)
    return NULL;
  return shou_hub_json_from_string (shou_hub_rows_text (rows, 0, 0));
}
