/* shou-hub-store.c: the storage interface: the engine's operations through
 * its class, and what is the same for every engine. */
#include "config.h"

#include "shou-hub-store-private.h"

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
shou_hub_store_put_aftersale (ShouHubStore      *self,
                              ShouHubAftersale  *as,
                              gint64             lapse_at,
                              GError           **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return SHOU_HUB_STORE_GET_CLASS (self)->put_aftersale (self, as, lapse_at, error);
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

/* Shared code's access (shou-hub-store-private.h) */

ShouHubRows *
shou_hub_store_query (ShouHubStore        *self,
                      const char          *sql,
                      const char          *types,
                      const char * const  *params,
                      GError             **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  return CLASS (self)->query (self, sql, types, params, error);
}

gint64
shou_hub_store_each_row (ShouHubStore        *self,
                         const char          *sql,
                         const char          *types,
                         const char * const  *params,
                         ShouHubRowFunc       func,
                         gpointer             user_data,
                         GError             **error)
{
  ShouHubRowQuery query = { sql, types, params, func, user_data };

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), -1);
  return CLASS (self)->each_row (self, &query, error);
}

ShouHubRows *
shou_hub_store_read (ShouHubStore        *self,
                     const char          *sql,
                     const char          *types,
                     const char * const  *params)
{
  g_autoptr(GError) error = NULL;
  ShouHubRows *rows = shou_hub_store_query (self, sql, types, params, &error);

  if (rows == NULL)
    {
      g_warning ("shouhou-hub: %s", error->message);
      rows = shou_hub_rows_new (1);
    }
  return rows;
}

gint64
shou_hub_store_next_seq (ShouHubStore  *self,
                         const char    *merchant_id,
                         GError       **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), 0);
  return CLASS (self)->next_seq (self, merchant_id, error);
}

gboolean
shou_hub_store_in_transaction (ShouHubStore *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  return CLASS (self)->in_transaction (self);
}

gboolean
shou_hub_store_is_pg (ShouHubStore *self)
{
  return g_str_equal (shou_hub_store_get_engine (self), "postgresql");
}
