/* shou-douyin-platform.c: ShouHubPlatform for 抖店 shops: authorisation
 * (the rest of the session is shou-platform-base's), actions, addresses; the pull is in shou-douyin-platform-pull.c, the
 * rendering in shou-douyin-platform-render.c. */
#include "config.h"

#include <string.h>

#include "hub/platforms/shou-platform-failure.h"
#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-douyin-actions.h"
#include "shou-douyin-map.h"
#include "shou-douyin-platform-private.h"

static void platform_iface_init (ShouHubPlatformInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShouDouyinPlatform, shou_douyin_platform, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHOU_TYPE_HUB_PLATFORM, platform_iface_init))

static void
shou_douyin_platform_dispose (GObject *object)
{
  ShouDouyinPlatform *self = SHOU_DOUYIN_PLATFORM (object);

  shou_platform_base_clear (&self->base);
  g_clear_pointer (&self->client, shou_platform_client_free);
  g_clear_pointer (&self->service_id, g_free);
  G_OBJECT_CLASS (shou_douyin_platform_parent_class)->dispose (object);
}

static void
shou_douyin_platform_class_init (ShouDouyinPlatformClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_douyin_platform_dispose;
}

static void
shou_douyin_platform_init (ShouDouyinPlatform *self)
{
}

static gint64
client_now (gpointer self)
{
  return shou_platform_base_now (&((ShouDouyinPlatform *) self)->base);
}

static ShouPlatformToken *
refresh (gpointer     client,
         const char  *refresh_token,
         gint64       now_unix,
         GError     **error)
{
  return shou_douyin_oauth_refresh (client, refresh_token, error);
}

static ShouPlatformToken *
exchange (gpointer     client,
          const char  *code,
          GError     **error)
{
  return shou_douyin_oauth_exchange (client, code, error);
}

ShouDouyinPlatform *
shou_douyin_platform_new (ShouHubStore                    *store,
                          const ShouDouyinPlatformOptions *options,
                          GError                         **error)
{
  g_autoptr(ShouDouyinPlatform) self = g_object_new (SHOU_TYPE_DOUYIN_PLATFORM, NULL);
  ShouPlatformClientOptions client = {
    .app_key = options->client_id,
    .app_secret = options->client_secret,
    .endpoint = options->endpoint,
    .clock = options->pace_clock,
    /* The SDK names no flow-control figures (the platform sets them per
     * app and API in its console): 10 calls a second per app and 5 per shop
     * is our choice, and code 60000 (rate limited) is retried with backoff. */
    .app_interval = G_USEC_PER_SEC / 10,
    .shop_interval = G_USEC_PER_SEC / 5,
    .retry = { G_USEC_PER_SEC, 16 * G_USEC_PER_SEC, 5 },
    .now = client_now,
  };

  g_return_val_if_fail (options->client_id != NULL && options->client_secret != NULL, NULL);
  if (!shou_platform_base_init (&self->base, store, options, SHOU_DOUYIN_WINDOW, error))
    return NULL;
  client.user_data = self;
  self->client = shou_platform_client_new (&client, SHOU_DOUYIN_GATEWAY);
  self->service_id = g_strdup (options->service_id);
  self->base.session = (ShouPlatformSession) {
    self->base.tokens, "Douyin", SHOU_DOUYIN_REFRESH_AHEAD, refresh, self->client
  };
  shou_platform_base_attach (&self->base, self, self->client, exchange, self->client);
  return g_steal_pointer (&self);
}

/* The interface */

static const ShouProfile *
douyin_get_profile (ShouHubPlatform *platform,
                    ShouPlatform     which)
{
  return shou_profiles_get (shou_profiles_get_default (), SHOU_PLATFORM_DOUYIN);
}

static gint64
douyin_pull_changes (ShouHubPlatform  *platform,
                     gint64            checkpoint,
                     GError          **error)
{
  ShouDouyinPlatform *self = SHOU_DOUYIN_PLATFORM (platform);

  return shou_platform_base_pull (&self->base, SHOU_PLATFORM_DOUYIN, shou_douyin_pull_shop, self);
}

static JsonObject *
douyin_render_request (ShouHubPlatform  *platform,
                       ShouHubAftersale *as)
{
  return shou_douyin_render (SHOU_DOUYIN_PLATFORM (platform), as);
}

static gint64
raw_int (ShouHubAftersale *as,
         const char       *name)
{
  JsonObject *raw = json_object_get_object_member (as->doc, "douyin");

  return raw ? json_object_get_int_member_with_default (raw, name, 0) : 0;
}

static ShouHubFailure *
failure_of (ShouDouyinPlatform *self,
            ShouHubAftersale   *as,
            const GError       *error)
{
  shou_platform_session_note_error (&self->base.session, as->shop_id, error);
  return shou_platform_failure_from_error (error, "Douyin");
}

/* The request as 抖店 has it now; 409 when its update_time moved since the
 * seller saw it (then stored, so the desktop reloads it). */
static gboolean
check_current (ShouDouyinPlatform  *self,
               ShouHubAftersale    *as,
               const char          *token,
               ShouHubFailure     **failure)
{
  gint64 seen = raw_int (as, "update_time");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) detail = shou_douyin_get_detail (self, as->shop_id, token, as->platform_id, &error);

  if (detail == NULL)
    {
      *failure = failure_of (self, as, error);
      return FALSE;
    }
  shou_douyin_fill_aftersale (as, detail);
  if (raw_int (as, "update_time") != seen)
    {
      *failure = shou_hub_failure_new (409, "version_conflict",
                                       "The request changed on Douyin since it was read");
      (*failure)->current_version = as->state.version;
      return FALSE;
    }
  return TRUE;
}

/* afterSale/operate answers data.items[] {aftersale_id, status_code,
 * status_msg}: a non-zero status_code is a business failure. */
static gboolean
operate_result (JsonObject  *data,
                GError     **error)
{
  JsonNode *node = json_object_get_member (data, "items");
  JsonArray *items = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *code = item ? shou_protocol_json_code (item, "status_code") : NULL;

      if (code != NULL && g_strcmp0 (code, "0") != 0)
        {
          g_autoptr(ShouProtocolFault) fault =
            shou_protocol_fault_new (SHOU_PROTOCOL_ERROR_BUSINESS, code,
                                     shou_protocol_json_string (item, "status_msg"), NULL, NULL, NULL);

          shou_protocol_fault_set_error (fault, "抖店", error);
          return FALSE;
        }
    }
  return TRUE;
}

/* afterSale/applyLogisticsIntercept (api/afterSale_applyLogisticsIntercept,
 * zsmhub/doudian-sdk @b020c051): after_sale_id, op_from 1 (商家) and the
 * parcel in intercept_targets [{company_code, tracking_no}]; data says
 * success_count and failed_count, with unavailable_reason(_code) when the
 * parcel cannot be intercepted (a business failure in 抖店's words). */
static JsonObject *
intercept (ShouDouyinPlatform  *self,
           ShouHubAftersale    *as,
           const char          *token,
           GError             **error)
{
  JsonObject *raw = json_object_get_object_member (as->doc, "douyin");
  g_autoptr(JsonObject) params = json_object_new ();
  JsonArray *targets = json_array_new ();
  JsonObject *target = json_object_new ();
  g_autoptr(JsonObject) data = NULL;
  g_autofree char *code = NULL;

  json_object_set_string_member (target, "company_code",
                                 json_object_get_string_member_with_default (raw, "parcel_company_code", ""));
  json_object_set_string_member (target, "tracking_no",
                                 json_object_get_string_member_with_default (raw, "parcel_tracking_no", ""));
  json_array_add_object_element (targets, target);
  json_object_set_int_member (params, "after_sale_id", g_ascii_strtoll (as->platform_id, NULL, 10));
  json_object_set_int_member (params, "op_from", 1);
  json_object_set_array_member (params, "intercept_targets", targets);
  data = shou_douyin_client_call (self->client, as->shop_id, "afterSale/applyLogisticsIntercept", token, params, error);
  if (data == NULL)
    return NULL;
  if (json_object_get_int_member_with_default (data, "success_count", 0) > 0 &&
      json_object_get_int_member_with_default (data, "failed_count", 0) == 0)
    return g_steal_pointer (&data);
  code = shou_protocol_json_code (data, "unavailable_reason_code");
  {
    g_autoptr(ShouProtocolFault) fault =
      shou_protocol_fault_new (SHOU_PROTOCOL_ERROR_BUSINESS, code ? code : "intercept",
                               shou_protocol_json_string (data, "unavailable_reason"), NULL, NULL, NULL);

    shou_protocol_fault_set_error (fault, "抖店", error);
  }
  return NULL;
}

static gboolean
call_action (ShouDouyinPlatform  *self,
             ShouHubAftersale    *as,
             const ShouEvent     *event,
             ShouHubFailure     **failure)
{
  g_autofree char *token = shou_platform_base_token (&self->base, as->shop_id);
  ShouAction action = (ShouAction) (event->kind - SHOU_EVENT_AGREE_REFUND);
  ShouDouyinOperate op = { 0 };
  g_autoptr(JsonNode) params = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (token == NULL)
    {
      *failure = shou_hub_failure_new (503, "platform_session_expired",
                                       "The shop's Douyin authorisation lapsed: authorise it again");
      return FALSE;
    }
  if (!check_current (self, as, token, failure))
    return FALSE;
  if (event->kind == SHOU_EVENT_INTERCEPT)
    {
      answer = intercept (self, as, token, &error);
      if (answer == NULL)
        *failure = failure_of (self, as, error);
      return answer != NULL;
    }
  if (!shou_douyin_operate_type (action, raw_int (as, "aftersale_type"), raw_int (as, "aftersale_status"), &op.type))
    {
      *failure = shou_hub_failure_new (422, "not_allowed", "%s", shou_douyin_lacking_message (action));
      (*failure)->reason = g_strdup ("platform_backend");
      return FALSE;
    }
  op.aftersale_id = as->platform_id;
  op.update_time = raw_int (as, "update_time");
  if (event->kind == SHOU_EVENT_AGREE_RETURN)
    op.receiver_address_id = event->address_id ? g_ascii_strtoll (event->address_id, NULL, 10) : 0;
  params = shou_douyin_operate_params (&op, &error);
  if (params != NULL)
    answer = shou_douyin_client_call (self->client, as->shop_id, "afterSale/operate", token,
                                      json_node_get_object (params), &error);
  if (answer == NULL || !operate_result (answer, &error))
    {
      *failure = failure_of (self, as, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
douyin_perform_action (ShouHubPlatform   *platform,
                       ShouHubAftersale  *as,
                       const ShouEvent   *event,
                       JsonObject        *params,
                       gint64             at,
                       ShouHubFailure   **failure)
{
  ShouDouyinPlatform *self = SHOU_DOUYIN_PLATFORM (platform);
  const ShouProfile *profile = douyin_get_profile (platform, as->state.platform);
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) detail = NULL;

  shou_douyin_parcel_fill (as);
  if (!shou_platform_base_check_carrier (event, shou_douyin_carrier_code (event->carrier, event->carrier_name),
                                         "Douyin", failure) ||
      !shou_platform_base_check_action (profile, SHOU_DOUYIN_SUPPORTED, shou_douyin_lacking_message,
                                        as, event, at, failure) ||
      !call_action (self, as, event, failure))
    return FALSE;
  /* What 抖店 shows now, read back: the action went through either way. */
  token = shou_platform_base_token (&self->base, as->shop_id);
  detail = token ? shou_douyin_get_detail (self, as->shop_id, token, as->platform_id, NULL) : NULL;
  if (detail != NULL)
    shou_douyin_fill_aftersale (as, detail);
  else
    as->state.version++;
  if (event->kind == SHOU_EVENT_AGREE_RETURN)
    {
      JsonObject *address = json_object_new ();

      json_object_set_string_member (address, "id", event->address_id);
      json_object_set_object_member (as->doc, "return_address", address);
    }
  if (event->kind == SHOU_EVENT_INTERCEPT)
    {
      /* The seller's choice about the parcel; the refund follows its return. */
      as->state.parcel_wait = SHOU_PARCEL_WAIT_INTERCEPT;
      as->state.parcel_wait_at = at;
    }
  return shou_platform_base_store (&self->base, as, failure);
}

/* /address/list: data.address_list[] {address_id, reciever_name (sic),
 * receiver_provinc (sic), receiver_city, receiver_district,
 * receiver_detail, is_default (return default)}; no phone is listed. */
static char *
address_to_contract (JsonObject *a,
                     JsonObject *data)
{
  g_autofree char *is_default = a ? shou_protocol_json_code (a, "is_default") : NULL;

  if (a == NULL || !json_object_has_member (a, "address_id"))
    return NULL;
  json_object_set_string_member (data, "name", json_object_get_string_member_with_default (a, "reciever_name", ""));
  json_object_set_string_member (data, "phone", "");
  json_object_set_string_member (data, "province", json_object_get_string_member_with_default (a, "receiver_provinc", ""));
  json_object_set_string_member (data, "city", json_object_get_string_member_with_default (a, "receiver_city", ""));
  json_object_set_string_member (data, "district", json_object_get_string_member_with_default (a, "receiver_district", ""));
  json_object_set_string_member (data, "street", json_object_get_string_member_with_default (a, "receiver_detail", ""));
  json_object_set_string_member (data, "postcode", "");
  json_object_set_boolean_member (data, "is_default", g_strcmp0 (is_default, "1") == 0);
  return shou_protocol_json_code (a, "address_id");
}

static JsonArray *
douyin_list_addresses (ShouHubPlatform *platform,
                       const char      *merchant_id,
                       const char      *shop_id)
{
  ShouDouyinPlatform *self = SHOU_DOUYIN_PLATFORM (platform);
  g_autofree char *token = shou_platform_base_token (&self->base, shop_id);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *list;

  json_object_set_int_member (params, "page_no", 1);
  json_object_set_int_member (params, "page_size", 100);
  if (token != NULL)
    body = shou_douyin_client_call (self->client, shop_id, "address/list", token, params, &error);
  if (error != NULL)
    shou_platform_session_note_error (&self->base.session, shop_id, error);
  list = body ? json_object_get_member (body, "address_list") : NULL;
  return shou_platform_base_addresses (&self->base, merchant_id, shop_id,
                                       list && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL,
                                       address_to_contract);
}

/* The service market's page; the redirect is the one registered there, so
 * @redirect_uri is not sent. %NULL without a service-id. */
static char *
douyin_auth_url (ShouHubPlatform *platform,
                 const char      *redirect_uri,
                 const char      *state)
{
  ShouDouyinPlatform *self = SHOU_DOUYIN_PLATFORM (platform);

  return self->service_id ? shou_douyin_oauth_url (self->service_id, state) : NULL;
}

/* afterSale/submitEvidence {aftersale_id, comment, evidence: at most 4
 * picture URLs} and afterSale/operate's evidence[].url take pictures
 * already on the web; the hub has none to give (see the README). */
static gboolean
douyin_upload_evidence (ShouHubPlatform   *platform,
                        ShouHubAftersale  *as,
                        const char        *sha256,
                        const char        *content_type,
                        GBytes            *bytes,
                        const char        *kind,
                        gint64             at,
                        GError           **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, shou_douyin_evidence_message ());
  return FALSE;
}

static void
platform_iface_init (ShouHubPlatformInterface *iface)
{
  shou_platform_base_iface_init (iface);
  iface->get_profile = douyin_get_profile;
  iface->pull_changes = douyin_pull_changes;
  iface->render_request = douyin_render_request;
  iface->perform_action = douyin_perform_action;
  iface->upload_evidence = douyin_upload_evidence;
  iface->list_addresses = douyin_list_addresses;
  iface->auth_url = douyin_auth_url;
}
