/* shou-hub-store.c: the storage interface: the engine's operations through
 * its class, and what is the same for every engine. */
#include "config.h"

#include "shou-hub-store.h"

G_DEFINE_ABSTRACT_TYPE (ShouHubStore, shou_hub_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (shou-hub-store-error-quark, shou_hub_store_error)

static void
shou_hub_store_class_init (ShouHubStoreClass *klass)
{
}

const char *
shou_hub_store_get_engine (ShouHubStore *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->engine;
}

static void
shou_hub_store_init (ShouHubStore *self)
{
}

ShouHubAftersale *
shou_hub_aftersale_new (void)
{
  ShouHubAftersale *as = g_new0 (ShouHubAftersale, 1);

  as->doc = json_object_new ();
  return as;
}

void
shou_hub_aftersale_free (ShouHubAftersale *as)
{
  if (as == NULL)
    return;
  g_free (as->id);
  g_free (as->shop_id);
  g_free (as->merchant_id);
  g_free (as->order_id);
  g_free (as->line_id);
  g_free (as->platform_id);
  g_free (as->reason_code);
  g_free (as->reason_text);
  g_free (as->buyer_text);
  g_free (as->return_address_id);
  g_clear_pointer (&as->doc, json_object_unref);
  g_free (as);
}

gboolean
shou_hub_token_equal (const char *a,
                      const char *b)
{
  g_autoptr(GChecksum) sum_a = NULL;
  g_autoptr(GChecksum) sum_b = NULL;
  guint8 digest_a[32], digest_b[32];
  gsize len_a = sizeof digest_a, len_b = sizeof digest_b;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;
  /* Hashing first hides the length and where the first difference is. */
  sum_a = g_checksum_new (G_CHECKSUM_SHA256);
  sum_b = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum_a, (const guchar *) a, strlen (a));
  g_checksum_update (sum_b, (const guchar *) b, strlen (b));
  g_checksum_get_digest (sum_a, digest_a, &len_a);
  g_checksum_get_digest (sum_b, digest_b, &len_b);
  for (gsize i = 0; i < sizeof digest_a; i++)
    diff |= digest_a[i] ^ digest_b[i];
  return diff == 0;
}

void
shou_hub_change_free (ShouHubChange *change)
{
  g_free (change->id);
  g_free (change);
}

gboolean
shou_hub_store_clear_default (ShouHubStore   *self,
                           const char  *shop_id,
                           const char  *except_id,
                           GError     **error)
{
  g_autoptr(JsonArray) list = shou_hub_store_list_addresses (self, shop_id);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *a = json_array_get_object_element (list, i);
      const char *id = json_object_get_string_member (a, "id");
      g_autofree char *merchant = NULL;

      if (g_strcmp0 (id, except_id) == 0 ||
          !json_object_get_boolean_member_with_default (a, "is_default", FALSE))
        continue;
      merchant = shou_hub_store_get_shop (self, shop_id, NULL);
      json_object_set_boolean_member (a, "is_default", FALSE);
      if (!shou_hub_store_put_address (self, id, shop_id, merchant, a,
                                    json_object_get_int_member (a, "version") + 1,
                                    FALSE, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
shou_hub_store_begin (ShouHubStore  *self,
                      GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->begin (self, error);
}

gboolean
shou_hub_store_commit (ShouHubStore  *self,
                       GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->commit (self, error);
}

void
shou_hub_store_rollback (ShouHubStore  *self)
{
  g_return_if_fail (SHOU_IS_HUB_STORE (self));
  SHOU_HUB_STORE_GET_CLASS (self)->rollback (self);
}

void
shou_hub_store_set_bulk (ShouHubStore  *self,
                         gboolean       bulk)
{
  g_return_if_fail (SHOU_IS_HUB_STORE (self));
  SHOU_HUB_STORE_GET_CLASS (self)->set_bulk (self, bulk);
}

gboolean
shou_hub_store_lock_key (ShouHubStore  *self,
                         const char    *merchant_id,
                         const char    *key,
                         GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->lock_key (self, merchant_id, key, error);
}

gboolean
shou_hub_store_is_empty (ShouHubStore  *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->is_empty (self);
}

gint64
shou_hub_store_next_id (ShouHubStore  *self,
                        const char    *kind)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), 0);
  return SHOU_HUB_STORE_GET_CLASS (self)->next_id (self, kind);
}

char *
shou_hub_store_checksum (ShouHubStore  *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->checksum (self);
}

gboolean
shou_hub_store_add_merchant (ShouHubStore  *self,
                             const char    *merchant_id,
                             const char    *name,
                             const char    *token,
                             GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->add_merchant (self, merchant_id, name, token, error);
}

char *
shou_hub_store_lookup_token (ShouHubStore  *self,
                             const char    *token)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->lookup_token (self, token);
}

char *
shou_hub_store_get_token (ShouHubStore  *self,
                          const char    *merchant_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->get_token (self, merchant_id);
}

char *
shou_hub_store_get_merchant_name (ShouHubStore  *self,
                                  const char    *merchant_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->get_merchant_name (self, merchant_id);
}

GStrv
shou_hub_store_list_tokens (ShouHubStore  *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->list_tokens (self);
}

gboolean
shou_hub_store_add_shop (ShouHubStore  *self,
                         const char    *shop_id,
                         const char    *merchant_id,
                         ShouPlatform   platform,
                         const char    *name,
                         GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->add_shop (self, shop_id, merchant_id, platform, name, error);
}

char *
shou_hub_store_get_shop (ShouHubStore  *self,
                         const char    *shop_id,
                         ShouPlatform  *out_platform)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->get_shop (self, shop_id, out_platform);
}

JsonArray *
shou_hub_store_list_shops (ShouHubStore  *self,
                           const char    *merchant_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->list_shops (self, merchant_id);
}

GPtrArray *
shou_hub_store_list_shop_ids (ShouHubStore  *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->list_shop_ids (self);
}

gboolean
shou_hub_store_put_order (ShouHubStore  *self,
                          const char    *order_id,
                          const char    *shop_id,
                          const char    *merchant_id,
                          JsonObject    *data,
                          gint64         version,
                          gint64         updated_at,
                          GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->put_order (self, order_id, shop_id, merchant_id, data, version, updated_at, error);
}

JsonObject *
shou_hub_store_get_order (ShouHubStore  *self,
                          const char    *order_id,
                          char         **out_merchant_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->get_order (self, order_id, out_merchant_id);
}

char *
shou_hub_store_get_order_text (ShouHubStore  *self,
                               const char    *order_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->get_order_text (self, order_id);
}

GPtrArray *
shou_hub_store_list_order_ids (ShouHubStore  *self,
                               const char    *merchant_id,
                               guint          limit)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->list_order_ids (self, merchant_id, limit);
}

gboolean
shou_hub_store_put_aftersale (ShouHubStore      *self,
                              ShouHubAftersale  *as,
                              gint64             lapse_at,
                              GError           **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->put_aftersale (self, as, lapse_at, error);
}

ShouHubAftersale *
shou_hub_store_get_aftersale (ShouHubStore  *self,
                              const char    *aftersale_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->get_aftersale (self, aftersale_id);
}

char *
shou_hub_store_find_line_request (ShouHubStore  *self,
                                  const char    *line_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->find_line_request (self, line_id);
}

GPtrArray *
shou_hub_store_list_due (ShouHubStore  *self,
                         gint64         cutoff,
                         guint          limit)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->list_due (self, cutoff, limit);
}

GPtrArray *
shou_hub_store_sample_aftersales (ShouHubStore  *self,
                                  int            status,
                                  guint          limit)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->sample_aftersales (self, status, limit);
}

gboolean
shou_hub_store_address_in_use (ShouHubStore  *self,
                               const char    *address_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->address_in_use (self, address_id);
}

gboolean
shou_hub_store_put_address (ShouHubStore  *self,
                            const char    *address_id,
                            const char    *shop_id,
                            const char    *merchant_id,
                            JsonObject    *data,
                            gint64         version,
                            gboolean       deleted,
                            GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->put_address (self, address_id, shop_id, merchant_id, data, version, deleted, error);
}

JsonObject *
shou_hub_store_get_address (ShouHubStore  *self,
                            const char    *address_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->get_address (self, address_id);
}

JsonArray *
shou_hub_store_list_addresses (ShouHubStore  *self,
                               const char    *shop_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->list_addresses (self, shop_id);
}

gboolean
shou_hub_store_put_evidence (ShouHubStore  *self,
                             const char    *merchant_id,
                             const char    *sha256,
                             const char    *content_type,
                             GBytes        *bytes,
                             GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->put_evidence (self, merchant_id, sha256, content_type, bytes, error);
}

GBytes *
shou_hub_store_get_evidence (ShouHubStore  *self,
                             const char    *merchant_id,
                             const char    *sha256,
                             char         **out_content_type)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->get_evidence (self, merchant_id, sha256, out_content_type);
}

gboolean
shou_hub_store_get_idempotent (ShouHubStore  *self,
                               const char    *merchant_id,
                               const char    *key,
                               char         **out_body_hash,
                               guint         *out_status,
                               char         **out_response)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->get_idempotent (self, merchant_id, key, out_body_hash, out_status, out_response);
}

gboolean
shou_hub_store_put_idempotent (ShouHubStore  *self,
                               const char    *merchant_id,
                               const char    *key,
                               const char    *body_hash,
                               guint          status,
                               const char    *response,
                               gint64         now,
                               GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->put_idempotent (self, merchant_id, key, body_hash, status, response, now, error);
}

GPtrArray *
shou_hub_store_list_changes (ShouHubStore  *self,
                             const char    *merchant_id,
                             gint64         after,
                             guint          limit)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return SHOU_HUB_STORE_GET_CLASS (self)->list_changes (self, merchant_id, after, limit);
}

void
shou_hub_staff_free (ShouHubStaff *staff)
{
  if (staff == NULL)
    return;
  g_free (staff->merchant_id);
  g_free (staff->staff_id);
  g_free (staff->name);
  g_free (staff->role);
  g_free (staff);
}

#define CLASS(self) SHOU_HUB_STORE_GET_CLASS (self)

gboolean
shou_hub_store_add_staff (ShouHubStore        *self,
                          const ShouHubStaff  *staff,
                          const char          *token,
                          GError             **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return CLASS (self)->add_staff (self, staff, token, error);
}

ShouHubStaff *
shou_hub_store_lookup_staff (ShouHubStore *self,
                             const char   *token)
{
  g_autofree char *merchant = NULL;
  ShouHubStaff *staff;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);

  /* Both lists are compared in full, whichever matches. */
  merchant = shou_hub_store_lookup_token (self, token);
  staff = CLASS (self)->lookup_staff (self, token);
  if (merchant != NULL && staff == NULL)
    {
      staff = g_new0 (ShouHubStaff, 1);
      staff->merchant_id = g_steal_pointer (&merchant);
      staff->name = shou_hub_store_get_merchant_name (self, staff->merchant_id);
      staff->role = g_strdup ("owner");
    }
  return staff;
}

ShouHubStaff *
shou_hub_store_get_staff (ShouHubStore *self,
                          const char   *merchant_id,
                          const char   *staff_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return CLASS (self)->get_staff (self, merchant_id, staff_id);
}

char *
shou_hub_store_get_claim (ShouHubStore *self,
                          const char   *merchant_id,
                          const char   *aftersale_id,
                          gint64       *out_expires_at)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return CLASS (self)->get_claim (self, merchant_id, aftersale_id, out_expires_at);
}

gboolean
shou_hub_store_put_claim (ShouHubStore  *self,
                          const char    *merchant_id,
                          const char    *aftersale_id,
                          const char    *staff_id,
                          gint64         expires_at,
                          GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return CLASS (self)->put_claim (self, merchant_id, aftersale_id, staff_id, expires_at, error);
}

gboolean
shou_hub_store_add_audit (ShouHubStore  *self,
                          const char    *merchant_id,
                          const char    *staff_id,
                          const char    *action,
                          const char    *aftersale_id,
                          gint64         amount_fen,
                          const char    *day,
                          guint          status,
                          gint64         at,
                          GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return CLASS (self)->add_audit (self, merchant_id, staff_id, action, aftersale_id, amount_fen,
                                  day, status, at, error);
}

JsonArray *
shou_hub_store_list_audit (ShouHubStore *self,
                           const char   *merchant_id,
                           guint         limit)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return CLASS (self)->list_audit (self, merchant_id, limit);
}

gint64
shou_hub_store_day_total (ShouHubStore *self,
                          const char   *merchant_id,
                          const char   *staff_id,
                          const char   *day)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), 0);
  return CLASS (self)->day_total (self, merchant_id, staff_id, day);
}

GPtrArray *
shou_hub_store_list_staff (ShouHubStore *self,
                           const char   *merchant_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return CLASS (self)->list_staff (self, merchant_id);
}

gboolean
shou_hub_store_remove_staff (ShouHubStore  *self,
                             const char    *merchant_id,
                             const char    *staff_id,
                             GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return CLASS (self)->remove_staff (self, merchant_id, staff_id, error);
}
