/* shou-hub-store-merchants.c: merchants, their tokens and shops, one
 * implementation for both engines through shou_hub_store_query(). */
#include "config.h"

#include "shou-hub-store-private.h"

gboolean
shou_hub_store_add_merchant (ShouHubStore  *self,
                             const char    *merchant_id,
                             const char    *name,
                             const char    *token,
                             GError       **error)
{
  const char *params[] = { merchant_id, name, token };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  /* The order they were added in: PostgreSQL counts with a serial column. */
  if (shou_hub_store_is_pg (self))
    rows = shou_hub_store_query (self, "INSERT INTO merchants (merchant_id, name, token) VALUES ($1, $2, $3)",
                                 "sss", params, error);
  else
    rows = shou_hub_store_query (self, "INSERT INTO merchants (merchant_id, name, token, ord) VALUES"
                                       " ($1, $2, $3, (SELECT COUNT(*) FROM merchants))", "sss", params, error);
  return rows != NULL;
}

char *
shou_hub_store_lookup_token (ShouHubStore *self,
                             const char   *token)
{
  g_autoptr(ShouHubRows) rows = NULL;
  char *merchant = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  /* The one lookup across merchants. Every merchant's token is compared,
   * in constant time, and the loop never stops early: the answer's timing
   * says nothing about the token. */
  rows = shou_hub_store_read (self, "SELECT merchant_id, token FROM merchants", NULL, NULL);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    if (shou_hub_token_equal (token, shou_hub_rows_text (rows, i, 1)) && merchant == NULL)
      merchant = g_strdup (shou_hub_rows_text (rows, i, 0));
  return merchant;
}

char *
shou_hub_store_get_token (ShouHubStore *self,
                          const char   *merchant_id)
{
  const char *params[] = { merchant_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT token FROM merchants WHERE merchant_id = $1", "s", params);
  return g_strdup (shou_hub_rows_text (rows, 0, 0));
}

char *
shou_hub_store_get_merchant_name (ShouHubStore *self,
                                  const char   *merchant_id)
{
  const char *params[] = { merchant_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT name FROM merchants WHERE merchant_id = $1", "s", params);
  return g_strdup (shou_hub_rows_text (rows, 0, 0));
}

GStrv
shou_hub_store_list_tokens (ShouHubStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT merchant_id, token FROM merchants ORDER BY ord", NULL, NULL);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s %s", shou_hub_rows_text (rows, i, 0),
                                               shou_hub_rows_text (rows, i, 1));

      g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

gboolean
shou_hub_store_add_shop (ShouHubStore  *self,
                         const char    *shop_id,
                         const char    *merchant_id,
                         ShouPlatform   platform,
                         const char    *name,
                         GError       **error)
{
  const char *params[] = { merchant_id, shop_id, shou_platform_to_string (platform), name };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  if (shou_hub_store_is_pg (self))
    rows = shou_hub_store_query (self, "INSERT INTO shops (merchant_id, id, platform, name) VALUES ($1, $2, $3, $4)",
                                 "ssss", params, error);
  else
    rows = shou_hub_store_query (self, "INSERT INTO shops (merchant_id, id, platform, name, ord) VALUES"
                                       " ($1, $2, $3, $4, (SELECT COUNT(*) FROM shops))", "ssss", params, error);
  return rows != NULL;
}

char *
shou_hub_store_get_shop (ShouHubStore *self,
                         const char   *shop_id,
                         ShouPlatform *out_platform)
{
  const char *params[] = { shop_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT merchant_id, platform FROM shops WHERE id = $1", "s", params);
  if (shou_hub_rows_count (rows) == 0)
    return NULL;
  if (out_platform != NULL && !shou_platform_from_string (shou_hub_rows_text (rows, 0, 1), out_platform))
    *out_platform = SHOU_PLATFORM_TAOBAO;
  return g_strdup (shou_hub_rows_text (rows, 0, 0));
}

JsonArray *
shou_hub_store_list_shops (ShouHubStore *self,
                           const char   *merchant_id)
{
  const char *params[] = { merchant_id };
  g_autoptr(ShouHubRows) rows = NULL;
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), array);
  rows = shou_hub_store_read (self, "SELECT id, platform, name, merchant_id FROM shops"
                                    " WHERE merchant_id = $1 ORDER BY ord", "s", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    {
      JsonObject *shop = json_object_new ();

      json_object_set_string_member (shop, "id", shou_hub_rows_text (rows, i, 0));
      json_object_set_string_member (shop, "platform", shou_hub_rows_text (rows, i, 1));
      json_object_set_string_member (shop, "name", shou_hub_rows_text (rows, i, 2));
      json_object_set_string_member (shop, "merchant_id", shou_hub_rows_text (rows, i, 3));
      json_array_add_object_element (array, shop);
    }
  return array;
}

GPtrArray *
shou_hub_store_list_shop_ids (ShouHubStore *self)
{
  g_autoptr(ShouHubRows) rows = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), ids);
  rows = shou_hub_store_read (self, "SELECT id FROM shops ORDER BY ord", NULL, NULL);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    g_ptr_array_add (ids, g_strdup (shou_hub_rows_text (rows, i, 0)));
  return ids;
}
