/* shou-hub-platform.c: the platform interface's dispatch. */
#include "config.h"

#include "shou-hub-platform.h"

G_DEFINE_INTERFACE (ShouHubPlatform, shou_hub_platform, G_TYPE_OBJECT)

static void
shou_hub_platform_default_init (ShouHubPlatformInterface *iface)
{
}

#define IFACE(self) SHOU_HUB_PLATFORM_GET_IFACE (self)

gint64
shou_hub_platform_now (ShouHubPlatform *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), 0);
  return IFACE (self)->now (self);
}

const ShouProfile *
shou_hub_platform_get_profile (ShouHubPlatform *self,
                               ShouPlatform     platform)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), NULL);
  return IFACE (self)->get_profile (self, platform);
}

const ShouProfile *
shou_hub_platform_get_request_profile (ShouHubPlatform  *self,
                                       ShouHubAftersale *as)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), NULL);
  g_return_val_if_fail (as != NULL, NULL);
  return shou_hub_aftersale_resolve_profile (as, shou_hub_platform_get_profile (self, as->state.platform),
                                             shou_profiles_get_default ());
}

gint64
shou_hub_platform_pull_changes (ShouHubPlatform  *self,
                                gint64            checkpoint,
                                GError          **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), -1);
  return IFACE (self)->pull_changes (self, checkpoint, error);
}

ShouHubAftersale *
shou_hub_platform_fetch_request (ShouHubPlatform *self,
                                 const char      *merchant_id,
                                 const char      *id)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), NULL);
  return IFACE (self)->fetch_request (self, merchant_id, id);
}

JsonObject *
shou_hub_platform_render_request (ShouHubPlatform  *self,
                                  ShouHubAftersale *as)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), NULL);
  return IFACE (self)->render_request (self, as);
}

gboolean
shou_hub_platform_perform_action (ShouHubPlatform   *self,
                                  ShouHubAftersale  *as,
                                  const ShouEvent   *event,
                                  JsonObject        *params,
                                  gint64             at,
                                  ShouHubFailure   **failure)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), FALSE);
  return IFACE (self)->perform_action (self, as, event, params, at, failure);
}

guint
shou_hub_platform_perform_batch (ShouHubPlatform  *self,
                                 ShouHubBatchItem *items,
                                 guint             n,
                                 gint64            at)
{
  guint done = 0;

  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), 0);
  g_return_val_if_fail (items != NULL || n == 0, 0);

  for (guint i = 0; i < n; i++)
    g_clear_pointer (&items[i].failure, shou_hub_failure_free);
  if (IFACE (self)->perform_batch != NULL)
    IFACE (self)->perform_batch (self, items, n, at);
  else
    for (guint i = 0; i < n; i++)
      if (!IFACE (self)->perform_action (self, items[i].as, items[i].event, items[i].params, at, &items[i].failure) &&
          items[i].failure == NULL)
        items[i].failure = shou_hub_failure_new (500, "internal", "The action failed");
  for (guint i = 0; i < n; i++)
    done += items[i].failure == NULL;
  return done;
}

gboolean
shou_hub_platform_has_batch (ShouHubPlatform *self)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), FALSE);

  return IFACE (self)->perform_batch != NULL;
}

gboolean
shou_hub_platform_upload_evidence (ShouHubPlatform   *self,
                                   ShouHubAftersale  *as,
                                   const char        *sha256,
                                   const char        *content_type,
                                   GBytes            *bytes,
                                   const char        *kind,
                                   gint64             at,
                                   GError           **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), FALSE);
  return IFACE (self)->upload_evidence (self, as, sha256, content_type, bytes, kind, at, error);
}

JsonArray *
shou_hub_platform_list_addresses (ShouHubPlatform *self,
                                  const char      *merchant_id,
                                  const char      *shop_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), NULL);
  return IFACE (self)->list_addresses (self, merchant_id, shop_id);
}

gboolean
shou_hub_platform_change_address (ShouHubPlatform  *self,
                                  const char       *merchant_id,
                                  const char       *shop_id,
                                  const char       *address_id,
                                  JsonObject       *address,
                                  gint64            version,
                                  GError          **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), FALSE);
  return IFACE (self)->change_address (self, merchant_id, shop_id, address_id, address, version, error);
}

const char *
shou_hub_platform_carrier_name (ShouHubPlatform *self,
                                const char      *code)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), code);
  return IFACE (self)->carrier_name (self, code);
}

const char *
shou_hub_platform_shop_state (ShouHubPlatform *self,
                              const char      *shop_id)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), NULL);
  return IFACE (self)->shop_state ? IFACE (self)->shop_state (self, shop_id) : NULL;
}

char *
shou_hub_platform_auth_url (ShouHubPlatform *self,
                            const char      *redirect_uri,
                            const char      *state)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), NULL);
  return IFACE (self)->auth_url ? IFACE (self)->auth_url (self, redirect_uri, state) : NULL;
}

static gboolean
unsupported (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "This platform has no shop authorisations");
  return FALSE;
}

gboolean
shou_hub_platform_authorise (ShouHubPlatform  *self,
                             const char       *shop_id,
                             const char       *pasted,
                             GError          **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), FALSE);
  return IFACE (self)->authorise ? IFACE (self)->authorise (self, shop_id, pasted, error) : unsupported (error);
}

gboolean
shou_hub_platform_set_token (ShouHubPlatform  *self,
                             const char       *shop_id,
                             const char       *access_token,
                             gint64            expires_at,
                             GError          **error)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), FALSE);
  return IFACE (self)->set_token ? IFACE (self)->set_token (self, shop_id, access_token, expires_at, error)
                                 : unsupported (error);
}

JsonObject *
shou_hub_platform_cancel_order (ShouHubPlatform  *self,
                                const char       *merchant_id,
                                const char       *order_id,
                                gboolean          buyer_consulted,
                                gint64            at,
                                ShouHubFailure  **failure)
{
  g_return_val_if_fail (SHOU_IS_HUB_PLATFORM (self), NULL);
  if (IFACE (self)->cancel_order == NULL)
    {
      *failure = shou_hub_failure_new (422, "not_allowed", "This platform offers no order cancellation");
      (*failure)->reason = g_strdup (shou_reason_to_string (SHOU_REASON_NOT_FOR_PLATFORM));
      return NULL;
    }
  return IFACE (self)->cancel_order (self, merchant_id, order_id, buyer_consulted, at, failure);
}
