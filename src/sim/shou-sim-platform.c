/* shou-sim-platform.c: ShouHubPlatform over the simulated world. */
#include "config.h"

#include "shou-sim-orders.h"
#include "shou-sim-platform.h"
#include "shou-sim-render.h"

struct _ShouSimPlatform
{
  GObject       parent_instance;
  ShouSimWorld *world;
};

static void platform_iface_init (ShouHubPlatformInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShouSimPlatform, shou_sim_platform, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHOU_TYPE_HUB_PLATFORM, platform_iface_init))

static void
shou_sim_platform_dispose (GObject *object)
{
  ShouSimPlatform *self = SHOU_SIM_PLATFORM (object);

  g_clear_object (&self->world);
  G_OBJECT_CLASS (shou_sim_platform_parent_class)->dispose (object);
}

static void
shou_sim_platform_class_init (ShouSimPlatformClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_sim_platform_dispose;
}

static void
shou_sim_platform_init (ShouSimPlatform *self)
{
}

ShouSimPlatform *
shou_sim_platform_new (ShouSimWorld *world)
{
  ShouSimPlatform *self = g_object_new (SHOU_TYPE_SIM_PLATFORM, NULL);

  self->world = g_object_ref (world);
  shou_sim_world_set_renderer (world, shou_sim_world_render_aftersale);
  return self;
}

#define WORLD(p) (SHOU_SIM_PLATFORM (p)->world)
#define STORE(p) (shou_sim_world_get_db (WORLD (p)))

static gint64
sim_now (ShouHubPlatform *platform)
{
  return shou_sim_world_now (WORLD (platform));
}

static const ShouProfile *
sim_get_profile (ShouHubPlatform *platform,
                 ShouPlatform     which)
{
  return shou_sim_world_get_profile (WORLD (platform), which);
}

/* The simulated shops change in the store itself (buyers, test controls);
 * what is left to pull is the deadlines that lapsed on the clock. The
 * checkpoint counts the events the world applied. */
static gint64
sim_pull_changes (ShouHubPlatform  *platform,
                  gint64            checkpoint,
                  GError          **error)
{
  shou_sim_orders_process_lapses (WORLD (platform));
  shou_sim_world_process_lapses (WORLD (platform));
  return (gint64) shou_sim_world_get_events_applied (WORLD (platform));
}

static ShouHubAftersale *
sim_fetch_request (ShouHubPlatform *platform,
                   const char      *merchant_id,
                   const char      *id)
{
  ShouHubAftersale *as = merchant_id ? shou_hub_store_get_aftersale (STORE (platform), merchant_id, id)
                                     : shou_sim_world_find_request (WORLD (platform), id);

  if (as != NULL && merchant_id != NULL && g_strcmp0 (as->merchant_id, merchant_id) != 0)
    g_clear_pointer (&as, shou_hub_aftersale_free);
  return as;
}

static JsonObject *
sim_render_request (ShouHubPlatform  *platform,
                    ShouHubAftersale *as)
{
  return shou_sim_world_render_aftersale (WORLD (platform), as);
}

static gboolean
sim_perform_action (ShouHubPlatform   *platform,
                    ShouHubAftersale  *as,
                    const ShouEvent   *event,
                    JsonObject        *params,
                    gint64             at,
                    ShouHubFailure   **failure)
{
  g_autoptr(GError) error = NULL;

  if (!shou_sim_world_apply (WORLD (platform), as, event, params, at, failure))
    return FALSE;
  if (!shou_sim_world_save (WORLD (platform), as, &error))
    {
      *failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sim_upload_evidence (ShouHubPlatform   *platform,
                     ShouHubAftersale  *as,
                     const char        *sha256,
                     const char        *content_type,
                     GBytes            *bytes,
                     const char        *kind,
                     gint64             at,
                     GError           **error)
{
  shou_hub_doc_attach_evidence (as, sha256, content_type, g_bytes_get_size (bytes),
                                kind, SHOU_ACTOR_SELLER, at);
  as->updated_at = at;
  return shou_hub_store_put_evidence (STORE (platform), as->merchant_id, sha256, content_type, bytes, error) &&
         shou_sim_world_save (WORLD (platform), as, error);
}

static JsonArray *
sim_list_addresses (ShouHubPlatform *platform,
                    const char      *merchant_id,
                    const char      *shop_id)
{
  return shou_hub_store_list_addresses (STORE (platform), merchant_id, shop_id);
}

static gboolean
sim_change_address (ShouHubPlatform  *platform,
                    const char       *merchant_id,
                    const char       *shop_id,
                    const char       *address_id,
                    JsonObject       *address,
                    gint64            version,
                    GError          **error)
{
  ShouHubStore *store = STORE (platform);

  if (address == NULL)
    {
      g_autoptr(JsonObject) current = shou_hub_store_get_address (store, merchant_id, address_id);

      if (current == NULL)
        return TRUE;
      json_object_set_boolean_member (current, "is_default", FALSE);
      return shou_hub_store_put_address (store, address_id, shop_id, merchant_id, current,
                                         version, TRUE, error);
    }
  if (json_object_get_boolean_member_with_default (address, "is_default", FALSE) &&
      !shou_hub_store_clear_default (store, merchant_id, shop_id, address_id, error))
    return FALSE;
  return shou_hub_store_put_address (store, address_id, shop_id, merchant_id, address,
                                     version, FALSE, error);
}

static const char *
sim_carrier_name (ShouHubPlatform *platform,
                  const char      *code)
{
  return shou_sim_carrier_name (code);
}

static JsonObject *
sim_cancel_order (ShouHubPlatform  *platform,
                  const char       *merchant_id,
                  const char       *order_id,
                  gboolean          buyer_consulted,
                  gint64            at,
                  ShouHubFailure  **failure)
{
  return shou_sim_orders_cancel (WORLD (platform), merchant_id, order_id, buyer_consulted, at, failure);
}

static void
platform_iface_init (ShouHubPlatformInterface *iface)
{
  iface->now = sim_now;
  iface->get_profile = sim_get_profile;
  iface->pull_changes = sim_pull_changes;
  iface->fetch_request = sim_fetch_request;
  iface->render_request = sim_render_request;
  iface->perform_action = sim_perform_action;
  iface->upload_evidence = sim_upload_evidence;
  iface->list_addresses = sim_list_addresses;
  iface->change_address = sim_change_address;
  iface->carrier_name = sim_carrier_name;
  iface->cancel_order = sim_cancel_order;
}
