/* shou-platform-base.c: what every platform adapter holds and does alike. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-platform-base.h"

static gint64
real_now (gpointer user_data)
{
  return g_get_real_time ();
}

gint64
shou_platform_base_now (ShouPlatformBase *base)
{
  return base->now (base->user_data);
}

gboolean
shou_platform_base_init (ShouPlatformBase          *base,
                         ShouHubStore              *store,
                         const ShouPlatformOptions *options,
                         gint64                     max_window,
                         GError                   **error)
{
  base->store = g_object_ref (store);
  base->now = options->now ? options->now : real_now;
  base->user_data = options->user_data;
  base->client_id = g_strdup (options->client_id);
  base->windows_per_pull = options->windows_per_pull ? options->windows_per_pull : 48;
  base->pace_clock = options->pace_clock ? options->pace_clock : shou_platform_clock_real ();
  base->pull_budget = options->pull_budget;
  base->policy.max_length = max_window;
  base->policy.overlap = 120;
  base->policy.settle = 5;
  base->policy.min_step = 60;
  base->policy.first_from = options->first_from ? options->first_from
                                                : shou_platform_base_now (base) / G_USEC_PER_SEC - 86400;
  base->tokens = shou_platform_tokens_open (options->token_store, options->token_key_file, error);
  if (base->tokens == NULL)
    return FALSE;
  base->session.tokens = base->tokens;
  base->checkpoints = shou_platform_checkpoints_open (options->checkpoint_file, error);
  return base->checkpoints != NULL;
}

void
shou_platform_base_clear (ShouPlatformBase *base)
{
  g_clear_object (&base->store);
  g_clear_pointer (&base->tokens, shou_platform_tokens_free);
  g_clear_pointer (&base->checkpoints, shou_platform_checkpoints_free);
  g_clear_pointer (&base->client_id, g_free);
}

gint64
shou_platform_base_pull (ShouPlatformBase  *base,
                         ShouPlatform       which,
                         guint            (*pull_shop) (gpointer     data,
                                                        const char  *shop_id,
                                                        const char  *merchant_id,
                                                        GError     **error),
                         gpointer           data)
{
  g_autoptr(GPtrArray) shops = shou_hub_store_list_shop_ids (base->store);

  base->pull_deadline = base->pull_budget > 0
                          ? base->pace_clock->now (base->pace_clock->user_data) + base->pull_budget : 0;
  for (guint i = 0; i < shops->len; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *merchant = NULL;
      ShouPlatform kind;

      merchant = shou_hub_store_get_shop (base->store, shops->pdata[i], &kind);
      if (merchant == NULL || kind != which)
        continue;
      base->windows_read += pull_shop (data, shops->pdata[i], merchant, &local);
      if (local != NULL)
        g_message ("%s shop %s: pull stopped: %s", base->session.platform, (char *) shops->pdata[i],
                   local->message);
    }
  return base->windows_read;
}

guint
shou_platform_base_pull_shop (ShouPlatformBase       *base,
                              const ShouPlatformPull *calls,
                              const char             *shop_id,
                              const char             *merchant_id,
                              GError                **error)
{
  gint64 now = shou_platform_base_now (base) / G_USEC_PER_SEC;
  g_autofree char *token = shou_platform_session_token (&base->session, shop_id, now);
  g_autoptr(GError) local = NULL;
  ShouPlatformPull pull = *calls;
  guint read;

  if (token == NULL)
    return 0;
  pull.store = base->store;
  pull.checkpoints = base->checkpoints;
  pull.policy = &base->policy;
  pull.pace_clock = base->pace_clock;
  pull.deadline = base->pull_deadline;
  pull.windows_per_pull = base->windows_per_pull;
  read = shou_platform_pull_shop (&pull, shop_id, merchant_id, token, now, &local);
  if (local != NULL)
    {
      shou_platform_session_note_error (&base->session, shop_id, local);
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return read;
}

gboolean
shou_platform_base_check_action (const ShouProfile  *profile,
                                 guint               supported,
                                 const char       *(*lacking) (ShouAction action),
                                 ShouHubAftersale   *as,
                                 const ShouEvent    *event,
                                 gint64              at,
                                 ShouHubFailure    **failure)
{
  ShouRequestState checked = as->state;
  g_autoptr(GError) error = NULL;
  ShouAction action = event->kind == SHOU_EVENT_INTERCEPT ? SHOU_ACTION_INTERCEPT
                    : event->kind == SHOU_EVENT_AWAIT_RETURN ? SHOU_ACTION_AWAIT_RETURN
                    : event->kind == SHOU_EVENT_APPEAL ? SHOU_ACTION_APPEAL
                    : (ShouAction) (event->kind - SHOU_EVENT_AGREE_REFUND);

  if (((event->kind < SHOU_EVENT_AGREE_REFUND || event->kind > SHOU_EVENT_MESSAGE) &&
       action != SHOU_ACTION_INTERCEPT && action != SHOU_ACTION_AWAIT_RETURN && action != SHOU_ACTION_APPEAL) ||
      (supported & SHOU_ACTION_BIT (action)) == 0)
    {
      *failure = shou_hub_failure_new (422, "not_allowed", "%s", lacking (action));
      (*failure)->reason = g_strdup ("platform_backend");
      return FALSE;
    }
  if (!shou_rules_apply (profile, &checked, event, at, &error))
    {
      *failure = shou_hub_failure_from_rules (error);
      return FALSE;
    }
  return TRUE;
}

gboolean
shou_platform_base_check_carrier (const ShouEvent  *event,
                                  const char       *platform_code,
                                  const char       *platform,
                                  ShouHubFailure  **failure)
{
  if (event->carrier == NULL || !shou_carrier_is_other (event->carrier) || platform_code != NULL)
    return TRUE;
  *failure = shou_hub_failure_new (422, "not_allowed",
                                   "%s publishes no code for another carrier: choose a listed carrier", platform);
  (*failure)->reason = g_strdup ("other_carrier_not_offered");
  return FALSE;
}

gboolean
shou_platform_base_store (ShouPlatformBase  *base,
                          ShouHubAftersale  *as,
                          ShouHubFailure   **failure)
{
  g_autoptr(GError) error = NULL;

  if (shou_hub_store_put_aftersale (base->store, as, 0, &error))
    return TRUE;
  *failure = shou_hub_failure_new (500, "internal", "%s", error->message);
  return FALSE;
}

JsonArray *
shou_platform_base_addresses (ShouPlatformBase  *base,
                              const char        *merchant_id,
                              const char        *shop_id,
                              JsonArray         *list,
                              char           *(*to_contract) (JsonObject *address,
                                                              JsonObject *data))
{
  g_autoptr(GError) error = NULL;

  if (list != NULL && shou_hub_store_begin (base->store, &error))
    {
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          g_autoptr(JsonObject) data = json_object_new ();
          g_autofree char *id = to_contract (json_array_get_object_element (list, i), data);

          if (id != NULL && !shou_hub_store_put_address (base->store, id, shop_id, merchant_id, data, 1, FALSE, &error))
            break;
        }
      if (error == NULL)
        shou_hub_store_commit (base->store, &error);
      else
        shou_hub_store_rollback (base->store);
    }
  if (error != NULL)
    g_message ("%s shop %s: return addresses: %s", base->session.platform, shop_id, error->message);
  return shou_hub_store_list_addresses (base->store, merchant_id, shop_id);
}

static void
set_or_null (JsonObject *o,
             const char *name,
             JsonObject *from)
{
  JsonNode *node = json_object_get_member (from, name);

  json_object_set_member (o, name, node ? json_node_copy (node) : json_node_new (JSON_NODE_NULL));
}

void
shou_platform_base_render_documents (JsonObject       *o,
                                     ShouHubAftersale *as)
{
  JsonObject *nego = json_object_new ();

  json_object_set_string_member (nego, "phase", "none");
  json_object_set_null_member (nego, "wait_until");
  json_object_set_string_member (nego, "buyer_phone", "");
  json_object_set_array_member (nego, "rounds", json_array_new ());
  json_object_set_object_member (o, "negotiation", nego);
  for (const char *const *n = (const char *const[]) { "return_address", "return_shipment", "exchange_shipment",
                                                      "rejection", "line", NULL }; *n; n++)
    set_or_null (o, *n, as->doc);
  json_object_set_array_member (o, "evidence", json_array_ref (json_object_get_array_member (as->doc, "evidence")));
  json_object_set_array_member (o, "timeline", json_array_ref (json_object_get_array_member (as->doc, "timeline")));
}

static gboolean
no_evidence_upload (ShouHubPlatform   *platform,
                    ShouHubAftersale  *as,
                    const char        *sha256,
                    const char        *content_type,
                    GBytes            *bytes,
                    const char        *kind,
                    gint64             at,
                    GError           **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       /* Translators: a platform adapter that cannot upload evidence to the platform */
                       _("Upload the evidence in the platform's merchant backend"));
  return FALSE;
}

static gboolean
no_address_writes (ShouHubPlatform  *platform,
                   const char       *merchant_id,
                   const char       *shop_id,
                   const char       *address_id,
                   JsonObject       *address,
                   gint64            version,
                   GError          **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "This platform adapter does not write return addresses: change them in the platform's seller backend");
  return FALSE;
}

static const char *
carrier_as_given (ShouHubPlatform *platform,
                  const char      *code)
{
  return code;
}

void
shou_platform_base_attach (ShouPlatformBase         *base,
                           gpointer                  platform,
                           ShouPlatformClient       *client,
                           ShouPlatformExchangeFunc  exchange,
                           gpointer                  exchange_data)
{
  base->client = client;
  base->exchange = exchange;
  base->exchange_data = exchange_data;
  g_object_set_data (platform, "shou-platform-base", base);
}

ShouPlatformBase *
shou_platform_base_of (gpointer platform)
{
  return g_object_get_data (platform, "shou-platform-base");
}

char *
shou_platform_base_token (ShouPlatformBase *base,
                          const char       *shop_id)
{
  return shou_platform_session_token (&base->session, shop_id, shou_platform_base_now (base) / G_USEC_PER_SEC);
}

static gint64
attached_now (ShouHubPlatform *platform)
{
  return shou_platform_base_now (shou_platform_base_of (platform));
}

static ShouHubAftersale *
stored_request (ShouHubPlatform *platform,
                const char      *merchant_id,
                const char      *id)
{
  return merchant_id ? shou_hub_store_get_aftersale (shou_platform_base_of (platform)->store, merchant_id, id) : NULL;
}

static const char *
attached_shop_state (ShouHubPlatform *platform,
                     const char      *shop_id)
{
  return shou_platform_session_state (&shou_platform_base_of (platform)->session, shop_id);
}

static gboolean
exchange_pasted (ShouHubPlatform  *platform,
                 const char       *shop_id,
                 const char       *pasted,
                 GError          **error)
{
  ShouPlatformBase *base = shou_platform_base_of (platform);

  return shou_platform_session_authorise (&base->session, shop_id, pasted, base->exchange, base->exchange_data, error);
}

static gboolean
put_token (ShouHubPlatform  *platform,
           const char       *shop_id,
           const char       *access_token,
           gint64            expires_at,
           GError          **error)
{
  return shou_platform_session_put (&shou_platform_base_of (platform)->session, shop_id, access_token, NULL,
                                    expires_at, error);
}

void
shou_platform_base_iface_init (ShouHubPlatformInterface *iface)
{
  iface->upload_evidence = no_evidence_upload;
  iface->change_address = no_address_writes;
  iface->carrier_name = carrier_as_given;
  iface->now = attached_now;
  iface->fetch_request = stored_request;
  iface->shop_state = attached_shop_state;
  iface->authorise = exchange_pasted;
  iface->set_token = put_token;
}
