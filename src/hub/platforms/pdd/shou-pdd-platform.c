/* shou-pdd-platform.c: ShouHubPlatform for Pinduoduo shops: tokens,
 * actions, addresses; the pull is in shou-pdd-platform-pull.c, the rendering in
 * shou-pdd-platform-render.c. */
#include "config.h"

#include "hub/platforms/protocol/shou-protocol.h"
#include "hub/platforms/shou-platform-failure.h"
#include "shou-pdd-oauth.h"
#include "shou-pdd-platform-private.h"

static void platform_iface_init (ShouHubPlatformInterface *iface);
static ShouPlatformToken *exchange (gpointer     self,
                                    const char  *code,
                                    GError     **error);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShouPddPlatform, shou_pdd_platform, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHOU_TYPE_HUB_PLATFORM, platform_iface_init))

static void
shou_pdd_platform_dispose (GObject *object)
{
  ShouPddPlatform *self = SHOU_PDD_PLATFORM (object);

  shou_platform_base_clear (&self->base);
  g_clear_pointer (&self->client, shou_platform_client_free);
  G_OBJECT_CLASS (shou_pdd_platform_parent_class)->dispose (object);
}

static void
shou_pdd_platform_class_init (ShouPddPlatformClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_pdd_platform_dispose;
}

static void
shou_pdd_platform_init (ShouPddPlatform *self)
{
}

static gint64
client_now (gpointer self)
{
  return shou_platform_base_now (&((ShouPddPlatform *) self)->base);
}

static ShouPlatformToken *
refresh (gpointer     client,
         const char  *refresh_token,
         gint64       now_unix,
         GError     **error)
{
  return shou_pdd_oauth_refresh (client, refresh_token, error);
}

ShouPddPlatform *
shou_pdd_platform_new (ShouHubStore                 *store,
                       const ShouPddPlatformOptions *options,
                       GError                      **error)
{
  g_autoptr(ShouPddPlatform) self = g_object_new (SHOU_TYPE_PDD_PLATFORM, NULL);
  ShouPlatformClientOptions client = {
    .app_key = options->client_id,
    .app_secret = options->client_secret,
    .endpoint = options->endpoint,
    .clock = options->pace_clock,
    /* pdd.refund.list.increment.get: 100 calls per 10 s per shop (pdd-node-sdk limiters) */
    .app_interval = G_USEC_PER_SEC / 50,
    .shop_interval = G_USEC_PER_SEC / 10,
    .retry = { G_USEC_PER_SEC, 16 * G_USEC_PER_SEC, 5 },
    .now = client_now,
  };

  g_return_val_if_fail (options->client_id != NULL && options->client_secret != NULL, NULL);
  if (!shou_platform_base_init (&self->base, store, options, SHOU_PDD_WINDOW, error))
    return NULL;
  client.user_data = self;
  self->client = shou_platform_client_new (&client, SHOU_PDD_GATEWAY);
  self->base.session = (ShouPlatformSession) {
    self->base.tokens, "Pinduoduo", SHOU_PDD_REFRESH_AHEAD, refresh, self->client
  };
  /* The session's interface methods are shou-platform-base's. */
  shou_platform_base_attach (&self->base, self, self->client, exchange, self);
  return g_steal_pointer (&self);
}

const char *
shou_pdd_platform_get_shop_state (ShouPddPlatform *self,
                                  const char      *shop_id)
{
  return shou_platform_session_state (&self->base.session, shop_id);
}

gboolean
shou_pdd_platform_set_token (ShouPddPlatform *self,
                             const char      *shop_id,
                             const char      *access_token,
                             const char      *refresh_token,
                             gint64           expires_at,
                             GError         **error)
{
  return shou_platform_session_put (&self->base.session, shop_id, access_token, refresh_token, expires_at, error);
}

static ShouPlatformToken *
exchange (gpointer     self,
          const char  *code,
          GError     **error)
{
  return shou_pdd_oauth_exchange (((ShouPddPlatform *) self)->client, code, error);
}

gboolean
shou_pdd_platform_authorise (ShouPddPlatform *self,
                             const char      *shop_id,
                             const char      *pasted,
                             GError         **error)
{
  return shou_platform_session_authorise (&self->base.session, shop_id, pasted, exchange, self, error);
}

char *
shou_pdd_platform_auth_url (ShouPddPlatform *self,
                            const char      *redirect_uri,
                            const char      *state)
{
  return shou_pdd_oauth_url (self->base.client_id, redirect_uri, state);
}

void
shou_pdd_platform_set_windows_per_pull (ShouPddPlatform *self,
                                        guint            windows)
{
  g_return_if_fail (SHOU_IS_PDD_PLATFORM (self));
  self->base.windows_per_pull = MAX (windows, 1);
}

void
shou_pdd_platform_get_stats (ShouPddPlatform *self,
                             guint           *out_calls,
                             guint           *out_retries,
                             gint64          *out_waited)
{
  *out_calls = shou_platform_client_get_calls (self->client);
  *out_retries = self->client->retries;
  *out_waited = shou_platform_pace_get_waited (self->client->pace);
}

/* The interface */

static const ShouProfile *
pdd_get_profile (ShouHubPlatform *platform,
                 ShouPlatform     which)
{
  ShouProfiles *profiles = shou_profiles_get_default ();
  const ShouProfile *profile = shou_profiles_get (profiles, which);

  return profile ? profile : shou_profiles_get (profiles, SHOU_PLATFORM_PDD);
}

/* Every Pinduoduo shop in turn, each within its window budget, so that
 * one shop's backlog never starves the others. The checkpoint returned
 * counts the windows read. */
static gint64
pdd_pull_changes (ShouHubPlatform  *platform,
                  gint64            checkpoint,
                  GError          **error)
{
  ShouPddPlatform *self = SHOU_PDD_PLATFORM (platform);

  return shou_platform_base_pull (&self->base, SHOU_PLATFORM_PDD, shou_pdd_pull_shop, self);
}

static JsonObject *
pdd_render_request (ShouHubPlatform  *platform,
                    ShouHubAftersale *as)
{
  return shou_pdd_render (SHOU_PDD_PLATFORM (platform), as);
}

/* pdd.refund.agree and pdd.refund.returngoods.agree take their parameters
 * as one JSON "request" (pdd-rs pdd_refund_agree.rs, pdd-node-sdk
 * PddRefundAgree.ts); the answer's "result" says whether it succeeded. */
static gboolean
call_action (ShouPddPlatform   *self,
             ShouHubAftersale  *as,
             const ShouEvent   *event,
             ShouHubFailure   **failure)
{
  g_autofree char *token = shou_platform_base_token (&self->base, as->shop_id);
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(GTree) biz = shou_platform_params_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *raw = json_object_get_object_member (as->doc, "pdd");
  JsonObject *result;
  gboolean agree_return = event->kind == SHOU_EVENT_AGREE_RETURN;
  const char *type = agree_return ? "pdd.refund.returngoods.agree" : "pdd.refund.agree";

  if (token == NULL)
    {
      *failure = shou_hub_failure_new (503, "platform_session_expired",
                                       "The shop's Pinduoduo authorisation lapsed: authorise it again");
      return FALSE;
    }
  json_object_set_int_member (request, "after_sales_id", g_ascii_strtoll (as->platform_id, NULL, 10));
  json_object_set_string_member (request, "order_sn", json_object_get_string_member_with_default (raw, "order_sn", ""));
  json_object_set_string_member (request, "operate_desc", event->text ? event->text : "");
  if (agree_return)
    json_object_set_string_member (request, "return_address_id", event->address_id);
  shou_platform_params_set_json (biz, "request", request);
  answer = shou_pdd_client_call (self->client, as->shop_id, type, token, biz, "response", &error);
  if (answer == NULL)
    {
      shou_platform_session_note_error (&self->base.session, as->shop_id, error);
      *failure = shou_platform_failure_from_error (error, "Pinduoduo");
      return FALSE;
    }
  result = json_object_has_member (answer, "result") ? json_object_get_object_member (answer, "result") : NULL;
  if (result == NULL ||
      !(json_object_get_boolean_member_with_default (result, "succ", FALSE) ||
        json_object_get_boolean_member_with_default (result, "success", FALSE)))
    {
      *failure = shou_hub_failure_new (422, "platform_refused", "%s",
                                       result ? json_object_get_string_member_with_default (result, "message", "")
                                              : "No result in Pinduoduo's answer");
      (*failure)->reason = g_strdup ("pdd:result");
      return FALSE;
    }
  return TRUE;
}

static gboolean
pdd_perform_action (ShouHubPlatform   *platform,
                    ShouHubAftersale  *as,
                    const ShouEvent   *event,
                    JsonObject        *params,
                    gint64             at,
                    ShouHubFailure   **failure)
{
  ShouPddPlatform *self = SHOU_PDD_PLATFORM (platform);
  const ShouProfile *profile = pdd_get_profile (platform, SHOU_PLATFORM_PDD);

  /* Pinduoduo publishes no call for it (SHOU_PDD_NO_CALL). */
  if (event->kind == SHOU_EVENT_INTERCEPT)
    {
      *failure = shou_hub_failure_new (422, "not_allowed", "%s",
                                       shou_reason_get_message (SHOU_REASON_NO_PLATFORM_CALL));
      (*failure)->reason = g_strdup (shou_reason_to_string (SHOU_REASON_NO_PLATFORM_CALL));
      return FALSE;
    }
  if (!shou_platform_base_check_carrier (event, shou_pdd_carrier_code (event->carrier, event->carrier_name),
                                         "Pinduoduo", failure) ||
      !shou_platform_base_check_action (profile, SHOU_PDD_SUPPORTED, shou_pdd_lacking_message,
                                        as, event, at, failure) ||
      !call_action (self, as, event, failure))
    return FALSE;
  /* What Pinduoduo shows next: 4 商家同意退款，退款中; 7 已同意退货退款，待用户发货. */
  shou_pdd_set_status (as, event->kind == SHOU_EVENT_AGREE_RETURN ? 7 : 4, at);
  if (event->kind == SHOU_EVENT_AGREE_RETURN)
    {
      JsonObject *address = json_object_new ();

      json_object_set_string_member (address, "id", event->address_id);
      json_object_set_object_member (as->doc, "return_address", address);
    }
  return shou_platform_base_store (&self->base, as, failure);
}

/* A refund_address_list entry in the contract's fields. */
static char *
address_to_contract (JsonObject *a,
                     JsonObject *data)
{
  JsonNode *id_node = a ? json_object_get_member (a, "refund_address_id") : NULL;
  const char *is_default;

  if (id_node == NULL || !JSON_NODE_HOLDS_VALUE (id_node))
    return NULL;
  is_default = json_object_get_string_member_with_default (a, "is_default", "");
  json_object_set_string_member (data, "name", json_object_get_string_member_with_default (a, "refund_name", ""));
  json_object_set_string_member (data, "phone", json_object_get_string_member_with_default (a, "refund_phone", ""));
  json_object_set_string_member (data, "province", json_object_get_string_member_with_default (a, "province_name", ""));
  json_object_set_string_member (data, "city", json_object_get_string_member_with_default (a, "city_name", ""));
  json_object_set_string_member (data, "district", json_object_get_string_member_with_default (a, "district_name", ""));
  json_object_set_string_member (data, "street", json_object_get_string_member_with_default (a, "refund_address", ""));
  json_object_set_string_member (data, "postcode", "");
  json_object_set_boolean_member (data, "is_default", g_strcmp0 (is_default, "1") == 0 || g_strcmp0 (is_default, "true") == 0);
  return json_node_get_value_type (id_node) == G_TYPE_STRING ? g_strdup (json_node_get_string (id_node))
           : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id_node));
}

/* pdd.refund.address.list.get: the shop's return addresses, stored so that
 * agree_return can name one. */
static JsonArray *
pdd_list_addresses (ShouHubPlatform *platform,
                    const char      *merchant_id,
                    const char      *shop_id)
{
  ShouPddPlatform *self = SHOU_PDD_PLATFORM (platform);
  g_autofree char *token = shou_platform_base_token (&self->base, shop_id);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
    body = shou_pdd_client_call (self->client, shop_id, "pdd.refund.address.list.get", token, NULL,
                                 "refund_address_list_get_response", &error);
  if (error != NULL)
    shou_platform_session_note_error (&self->base.session, shop_id, error);
  return shou_platform_base_addresses (&self->base, merchant_id, shop_id,
                                       body && json_object_has_member (body, "refund_address_list")
                                         ? json_object_get_array_member (body, "refund_address_list") : NULL,
                                       address_to_contract);
}

static char *
pdd_auth_url (ShouHubPlatform *platform,
             const char      *redirect_uri,
             const char      *state)
{
  return shou_pdd_platform_auth_url (SHOU_PDD_PLATFORM (platform), redirect_uri, state);
}

static void
platform_iface_init (ShouHubPlatformInterface *iface)
{
  shou_platform_base_iface_init (iface);
  iface->get_profile = pdd_get_profile;
  iface->pull_changes = pdd_pull_changes;
  iface->render_request = pdd_render_request;
  iface->perform_action = pdd_perform_action;
  iface->list_addresses = pdd_list_addresses;
  iface->auth_url = pdd_auth_url;
}
