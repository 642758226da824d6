/* shou-hub-store-care.c: complaints, return visits and logistics
 * incidents (API.md "complaint"), one table and one implementation for
 * both engines through shou_hub_store_query(). Every lookup names the
 * merchant and the kind (API.md "Scale"). */
#include "config.h"

#include "shou-hub-json.h"
#include "shou-hub-store-private.h"

gboolean
shou_hub_store_put_care (ShouHubStore  *self,
                         const char    *merchant_id,
                         const char    *kind,
                         JsonObject    *object,
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
  text = shou_hub_json_to_string (object);
  {
    const char *params[] = {
      merchant_id, kind, json_object_get_string_member (object, "id"),
      json_object_get_string_member (object, "shop_id"), text,
      SHOU_HUB_I64 (v, json_object_get_int_member (object, "version")), SHOU_HUB_I64 (s, seq),
    };

    /* An id names one object of one kind: the kind is not updated. */
    rows = shou_hub_store_query (self, "INSERT INTO care (merchant_id, kind, id, shop_id, data, version, change_seq)"
                                       " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (merchant_id, id) DO UPDATE"
                                       " SET data = EXCLUDED.data, version = EXCLUDED.version,"
                                       " change_seq = EXCLUDED.change_seq",
                                 "sssssii", params, error);
  }
  return rows != NULL;
}

JsonObject *
shou_hub_store_get_care (ShouHubStore *self,
                         const char   *merchant_id,
                         const char   *kind,
                         const char   *id)
{
  const char *params[] = { merchant_id, kind, id };
  g_autoptr(ShouHubRows) rows = NULL;
  gboolean lock = shou_hub_store_is_pg (self) && shou_hub_store_in_transaction (self);

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, lock ? "SELECT data FROM care WHERE merchant_id = $1 AND kind = $2 AND id = $3"
                                           " FOR UPDATE"
                                         : "SELECT data FROM care WHERE merchant_id = $1 AND kind = $2 AND id = $3",
                              "sss", params);
  if (shou_hub_rows_count (rows) == 0)
    return NULL;
  return shou_hub_json_from_string (shou_hub_rows_text (rows, 0, 0));
}
