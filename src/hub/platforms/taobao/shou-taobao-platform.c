/* shou-taobao-platform.c: ShouHubPlatform for Taobao and Tmall shops:
 * authorisation, actions, addresses; the pull is in
 * shou-taobao-platform-pull.c, the rendering in shou-taobao-platform-render.c. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "core/shou-validate.h"
#include "hub/shou-hub-doc.h"
#include "hub/platforms/shou-platform-failure.h"
#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-taobao-actions.h"
#include "shou-taobao-platform-private.h"

static void platform_iface_init (ShouHubPlatformInterface *iface);
static ShouPlatformToken *exchange (gpointer     self,
                                    const char  *code,
                                    GError     **error);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShouTaobaoPlatform, shou_taobao_platform, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHOU_TYPE_HUB_PLATFORM, platform_iface_init))

static void
shou_taobao_platform_dispose (GObject *object)
{
  ShouTaobaoPlatform *self = SHOU_TAOBAO_PLATFORM (object);

  shou_platform_base_clear (&self->base);
  g_clear_pointer (&self->client, shou_platform_client_free);
  G_OBJECT_CLASS (shou_taobao_platform_parent_class)->dispose (object);
}

static void
shou_taobao_platform_class_init (ShouTaobaoPlatformClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_taobao_platform_dispose;
}

static void
shou_taobao_platform_init (ShouTaobaoPlatform *self)
{
}

static gint64
client_now (gpointer self)
{
  return shou_platform_base_now (&((ShouTaobaoPlatform *) self)->base);
}

static ShouPlatformToken *
refresh (gpointer     client,
         const char  *refresh_token,
         gint64       now_unix,
         GError     **error)
{
  return shou_taobao_oauth_refresh (client, refresh_token, error);
}

ShouTaobaoPlatform *
shou_taobao_platform_new (ShouHubStore                    *store,
                          const ShouTaobaoPlatformOptions *options,
                          GError                         **error)
{
  g_autoptr(ShouTaobaoPlatform) self = g_object_new (SHOU_TYPE_TAOBAO_PLATFORM, NULL);
  ShouPlatformClientOptions client = {
    .app_key = options->client_id,
    .app_secret = options->client_secret,
    .endpoint = options->endpoint,
    .clock = options->pace_clock,
    /* TOP publishes its flow control per app and API in the console, not in
     * the SDKs: 10 calls a second per app and 5 per shop is our choice,
     * and error 7 (App Call Limited) is retried with backoff. */
    .app_interval = G_USEC_PER_SEC / 10,
    .shop_interval = G_USEC_PER_SEC / 5,
    .retry = { G_USEC_PER_SEC, 16 * G_USEC_PER_SEC, 5 },
    .now = client_now,
  };

  g_return_val_if_fail (options->client_id != NULL && options->client_secret != NULL, NULL);
  if (!shou_platform_base_init (&self->base, store, options, SHOU_TAOBAO_WINDOW, error))
    return NULL;
  client.user_data = self;
  self->client = shou_platform_client_new (&client, SHOU_TAOBAO_GATEWAY);
  self->base.session = (ShouPlatformSession) {
    self->base.tokens, "Taobao", SHOU_TAOBAO_REFRESH_AHEAD, refresh, self->client
  };
  /* The session's interface methods are shou-platform-base's. */
  shou_platform_base_attach (&self->base, self, self->client, exchange, self);
  return g_steal_pointer (&self);
}

char *
shou_taobao_platform_session (ShouTaobaoPlatform *self,
                              const char         *shop_id)
{
  return shou_platform_session_token (&self->base.session, shop_id,
                                      shou_platform_base_now (&self->base) / G_USEC_PER_SEC);
}

const char *
shou_taobao_platform_get_shop_state (ShouTaobaoPlatform *self,
                                     const char         *shop_id)
{
  return shou_platform_session_state (&self->base.session, shop_id);
}

gboolean
shou_taobao_platform_set_token (ShouTaobaoPlatform *self,
                                const char         *shop_id,
                                const char         *access_token,
                                const char         *refresh_token,
                                gint64              expires_at,
                                GError            **error)
{
  return shou_platform_session_put (&self->base.session, shop_id, access_token, refresh_token, expires_at, error);
}

static ShouPlatformToken *
exchange (gpointer     self,
          const char  *code,
          GError     **error)
{
  return shou_taobao_oauth_exchange (((ShouTaobaoPlatform *) self)->client, code, error);
}

gboolean
shou_taobao_platform_authorise (ShouTaobaoPlatform *self,
                                const char         *shop_id,
                                const char         *pasted,
                                GError            **error)
{
  return shou_platform_session_authorise (&self->base.session, shop_id, pasted, exchange, self, error);
}

char *
shou_taobao_platform_auth_url (ShouTaobaoPlatform *self,
                               const char         *redirect_uri,
                               const char         *state)
{
  return shou_taobao_oauth_url (self->base.client_id, redirect_uri, state);
}

void
shou_taobao_platform_get_stats (ShouTaobaoPlatform *self,
                                guint              *out_calls,
                                guint              *out_retries)
{
  *out_calls = shou_platform_client_get_calls (self->client);
  *out_retries = self->client->retries;
}

/* The interface */

static const ShouProfile *
taobao_get_profile (ShouHubPlatform *platform,
                    ShouPlatform     which)
{
  ShouProfiles *profiles = shou_profiles_get_default ();
  const ShouProfile *profile = shou_profiles_get (profiles, which);

  return profile ? profile : shou_profiles_get (profiles, SHOU_PLATFORM_TAOBAO);
}

/* Taobao shops, then Tmall shops, each within its window budget. */
static gint64
taobao_pull_changes (ShouHubPlatform  *platform,
                     gint64            checkpoint,
                     GError          **error)
{
  ShouTaobaoPlatform *self = SHOU_TAOBAO_PLATFORM (platform);

  shou_platform_base_pull (&self->base, SHOU_PLATFORM_TAOBAO, shou_taobao_pull_shop, self);
  return shou_platform_base_pull (&self->base, SHOU_PLATFORM_TMALL, shou_taobao_pull_shop, self);
}

static JsonObject *
taobao_render_request (ShouHubPlatform  *platform,
                       ShouHubAftersale *as)
{
  return shou_taobao_render (SHOU_TAOBAO_PLATFORM (platform), as);
}

static gint64
raw_version (JsonObject *refund_or_raw)
{
  g_autofree char *text = shou_protocol_json_code (refund_or_raw, "refund_version");

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* A large refund's agree fails and TOP sends the seller an SMS code (the
 * `code` parameter's documentation); how that failure reads is not
 * published, so any failure that speaks of the verification code counts. */
static gboolean
asks_for_code (const GError *error)
{
  return error != NULL && strstr (error->message, "验证码") != NULL;
}

ShouHubFailure *
shou_taobao_failure (ShouTaobaoPlatform *self,
                     ShouHubAftersale   *as,
                     const GError       *error,
                     gboolean            code_sent)
{
  ShouHubFailure *failure;

  if (!code_sent && asks_for_code (error))
    {
      failure = shou_hub_failure_new (422, "verification_code_required",
                                      "Taobao sent the seller an SMS verification code: repeat with it");
      failure->reason = g_strdup ("verification_code_required");
      return failure;
    }
  shou_platform_session_note_error (&self->base.session, as->shop_id, error);
  return shou_platform_failure_from_error (error, "Taobao");
}

/* Fills @biz for taobao.rp.returngoods.agree from the stored address (TOP
 * asks name, address, post, tel and mobile on Taobao). */
static void
return_address (ShouTaobaoPlatform *self,
                ShouHubAftersale   *as,
                const ShouEvent    *event,
                GTree              *biz)
{
  g_autoptr(JsonObject) address = shou_hub_store_get_address (self->base.store, as->merchant_id, event->address_id);
  g_autofree char *street = NULL;

  shou_platform_params_set (biz, "seller_address_id", event->address_id);
  if (address == NULL)
    return;
  street = g_strconcat (json_object_get_string_member_with_default (address, "province", ""),
                        json_object_get_string_member_with_default (address, "city", ""),
                        json_object_get_string_member_with_default (address, "district", ""),
                        json_object_get_string_member_with_default (address, "street", ""), NULL);
  shou_platform_params_set (biz, "name", json_object_get_string_member_with_default (address, "name", ""));
  shou_platform_params_set (biz, "address", street);
  shou_platform_params_set (biz, "post", json_object_get_string_member_with_default (address, "postcode", ""));
  shou_platform_params_set (biz, "mobile", json_object_get_string_member_with_default (address, "phone", ""));
}

/* The refund as TOP has it now; 409 when its refund_version moved since
 * the seller saw it (then stored, so the desktop reloads it). */
static JsonObject *
current_refund (ShouTaobaoPlatform  *self,
                ShouHubAftersale    *as,
                const char          *session,
                ShouHubFailure     **failure)
{
  JsonObject *raw = json_object_get_object_member (as->doc, "taobao");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) refund = shou_taobao_get_refund (self, as->shop_id, session, as->platform_id, &error);

  if (refund == NULL)
    {
      *failure = shou_taobao_failure (self, as, error, TRUE);
      return NULL;
    }
  if (raw_version (refund) != raw_version (raw))
    {
      shou_taobao_fill_aftersale (as, refund, as->state.platform);
      *failure = shou_hub_failure_new (409, "version_conflict",
                                       "The refund changed on Taobao since it was read");
      (*failure)->current_version = as->state.version;
      return NULL;
    }
  return g_steal_pointer (&refund);
}

/* A picture TOP cannot take, as the seller's answer: 413 too_large or 415
 * unsupported_type with the translated reason. */
static ShouHubFailure *
proof_failure (const GError *error)
{
  if (g_error_matches (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_BIG))
    return shou_hub_failure_new (413, "too_large", "%s", error->message);
  return shou_hub_failure_new (415, "unsupported_type", "%s", error->message);
}

/* The refusal's proof: the first evidence the seller attached to it
 * (refuse_proof takes one picture), checked against TOP's limits; none
 * when none was attached, except on Tmall, which requires it. */
static gboolean
refusal_proof (ShouTaobaoPlatform  *self,
               ShouHubAftersale    *as,
               JsonObject          *params,
               GBytes             **out_bytes,
               char               **out_type,
               ShouHubFailure     **failure)
{
  JsonArray *evidence = params && json_object_has_member (params, "evidence")
                          ? json_object_get_array_member (params, "evidence") : NULL;
  const char *sha = evidence && json_array_get_length (evidence) > 0
                      ? json_array_get_string_element (evidence, 0) : NULL;
  g_autoptr(GError) error = NULL;

  if (sha == NULL)
    {
      if (as->state.platform != SHOU_PLATFORM_TMALL)
        return TRUE;
      *failure = shou_hub_failure_new (422, "not_allowed", "%s",
                                       /* Translators: taobao.refund.refuse requires a proof picture on Tmall */
                                       _("A Tmall refusal needs a proof picture: attach one"));
      (*failure)->reason = g_strdup ("evidence_required");
      return FALSE;
    }
  *out_bytes = shou_hub_store_get_evidence (self->base.store, as->merchant_id, sha, out_type);
  if (*out_bytes == NULL)
    {
      *failure = shou_hub_failure_bad ("evidence", "unknown_evidence", "No evidence %s on this request", sha);
      return FALSE;
    }
  if (!shou_taobao_check_proof (*out_type, g_bytes_get_size (*out_bytes), &error))
    {
      *failure = proof_failure (error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
call_action (ShouTaobaoPlatform  *self,
             ShouHubAftersale    *as,
             const ShouEvent     *event,
             JsonObject          *params,
             ShouHubFailure     **failure)
{
  g_autofree char *session = shou_taobao_platform_session (self, as->shop_id);
  g_autoptr(JsonObject) refund = NULL;
  g_autoptr(GTree) biz = shou_platform_params_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *code = params ? json_object_get_string_member_with_default (params, "verification_code", NULL) : NULL;
  const char *phase;
  gboolean tmall = as->state.platform == SHOU_PLATFORM_TMALL;

  if (session == NULL)
    {
      *failure = shou_hub_failure_new (503, "platform_session_expired",
                                       "The shop's Taobao authorisation lapsed: authorise it again");
      return FALSE;
    }
  if (event->kind == SHOU_EVENT_MESSAGE)
    {
      /* A message carries no refund_version: it never conflicts. */
      if (shou_taobao_check_message (event->text, &error))
        {
          shou_platform_params_set (biz, "refund_id", as->platform_id);
          shou_platform_params_set (biz, "content", event->text);
          answer = shou_taobao_client_call (self->client, as->shop_id, "taobao.refund.message.add", session, biz, &error);
        }
      if (answer == NULL)
        *failure = shou_taobao_failure (self, as, error, TRUE);
      return answer != NULL;
    }
  refund = current_refund (self, as, session, failure);
  if (refund == NULL)
    return FALSE;
  phase = shou_protocol_json_string (refund, "refund_phase");
  if (event->kind == SHOU_EVENT_REJECT || event->kind == SHOU_EVENT_INTERCEPT)
    {
      gboolean reject = event->kind == SHOU_EVENT_REJECT;

      shou_platform_params_set (biz, "refund_id", as->platform_id);
      shou_platform_params_set_int (biz, "refund_version", raw_version (refund));
      if (reject)
        {
          g_autoptr(GBytes) proof = NULL;
          g_autofree char *proof_type = NULL;

          if (!refusal_proof (self, as, params, &proof, &proof_type, failure))
            return FALSE;
          if (shou_taobao_check_refuse (event->text, proof ? g_bytes_get_size (proof) : 0, tmall, phase,
                                        raw_version (refund), &error))
            {
              ShouTaobaoFile file = { "refuse_proof", "refuse_proof", proof_type, proof };

              shou_platform_params_set (biz, "refund_phase", phase ? phase : "");
              shou_platform_params_set (biz, "refuse_message", event->text);
              answer = proof ? shou_taobao_client_call_file (self->client, as->shop_id, "taobao.refund.refuse",
                                                             session, biz, &file, &error)
                             : shou_taobao_client_call (self->client, as->shop_id, "taobao.refund.refuse",
                                                        session, biz, &error);
              if (answer != NULL && !shou_taobao_refuse_result (answer, &error))
                g_clear_pointer (&answer, json_object_unref);
            }
        }
      else if (!reject)
        answer = shou_taobao_client_call (self->client, as->shop_id, "taobao.rp.refund.intercept", session, biz, &error);
    }
  else if (event->kind == SHOU_EVENT_AGREE_RETURN)
    {
      shou_platform_params_set (biz, "refund_id", as->platform_id);
      shou_platform_params_set_int (biz, "refund_version", raw_version (refund));
      shou_platform_params_set (biz, "refund_phase", phase ? phase : "");
      shou_platform_params_set (biz, "remark", event->text ? event->text : "");
      return_address (self, as, event, biz);
      answer = shou_taobao_client_call (self->client, as->shop_id, "taobao.rp.returngoods.agree", session, biz, &error);
    }
  else
    {
      ShouTaobaoAgree agree = {
        as->platform_id,
        event->kind == SHOU_EVENT_AGREE_REFUND ? event->amount_fen : as->state.amount_fen,
        raw_version (refund), phase,
      };
      g_autofree char *infos = shou_taobao_refund_infos (&agree, 1, tmall, &error);

      if (infos != NULL)
        {
          shou_platform_params_set (biz, "refund_infos", infos);
          if (code != NULL)
            shou_platform_params_set (biz, "code", code);
          answer = shou_taobao_client_call (self->client, as->shop_id, "taobao.rp.refunds.agree", session, biz, &error);
        }
      if (answer != NULL)
        {
          node = json_node_init_object (json_node_alloc (), answer);
          if (!shou_taobao_agree_result (node, &error))
            g_clear_pointer (&answer, json_object_unref);
        }
    }
  if (answer == NULL)
    {
      *failure = shou_taobao_failure (self, as, error, code != NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
shou_taobao_perform_action (ShouHubPlatform   *platform,
                       ShouHubAftersale  *as,
                       const ShouEvent   *event,
                       JsonObject        *params,
                       gint64             at,
                       ShouHubFailure   **failure)
{
  ShouTaobaoPlatform *self = SHOU_TAOBAO_PLATFORM (platform);
  const ShouProfile *profile = taobao_get_profile (platform, as->state.platform);
  g_autofree char *session = NULL;
  g_autoptr(JsonObject) refund = NULL;

  shou_taobao_parcel_fill (as);
  if (!shou_platform_base_check_carrier (event, shou_taobao_carrier_code (event->carrier, event->carrier_name),
                                         "Taobao", failure) ||
      !shou_platform_base_check_action (profile, shou_taobao_supported (as), shou_taobao_lacking_message,
                                        as, event, at, failure) ||
      !call_action (self, as, event, params, failure))
    return FALSE;
  /* What TOP shows now, read back: the action went through either way. */
  session = shou_taobao_platform_session (self, as->shop_id);
  refund = session ? shou_taobao_get_refund (self, as->shop_id, session, as->platform_id, NULL) : NULL;
  if (refund != NULL)
    shou_taobao_fill_aftersale (as, refund, as->state.platform);
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

/* The contract's evidence is TOP's 退款留言/凭证: taobao.refund.message.add
 * with the picture as its image (a byte[] parameter, sent multipart),
 * within refuse_proof's 130,000 bytes so that it can prove a refusal too.
 * Then kept in the hub's store and attached, as the desktop expects. */
static gboolean
taobao_upload_evidence (ShouHubPlatform   *platform,
                        ShouHubAftersale  *as,
                        const char        *sha256,
                        const char        *content_type,
                        GBytes            *bytes,
                        const char        *kind,
                        gint64             at,
                        GError           **error)
{
  ShouTaobaoPlatform *self = SHOU_TAOBAO_PLATFORM (platform);
  g_autofree char *session = NULL;
  g_autoptr(GTree) biz = shou_platform_params_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) local = NULL;
  ShouTaobaoFile file = { "image", "evidence", content_type, bytes };

  if (!shou_taobao_check_proof (content_type, g_bytes_get_size (bytes), error))
    return FALSE;
  session = shou_taobao_platform_session (self, as->shop_id);
  if (session == NULL)
    {
      g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_SESSION_EXPIRED,
                           "The shop's Taobao authorisation lapsed: authorise it again");
      return FALSE;
    }
  shou_platform_params_set (biz, "refund_id", as->platform_id);
  shou_platform_params_set (biz, "content", SHOU_TAOBAO_EVIDENCE_CONTENT);
  answer = shou_taobao_client_call_file (self->client, as->shop_id, "taobao.refund.message.add", session,
                                         biz, &file, &local);
  if (answer == NULL)
    {
      shou_platform_session_note_error (&self->base.session, as->shop_id, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  shou_hub_doc_attach_evidence (as, sha256, content_type, g_bytes_get_size (bytes), kind, SHOU_ACTOR_SELLER, at);
  as->updated_at = at;
  return shou_hub_store_put_evidence (self->base.store, as->merchant_id, sha256, content_type, bytes, error) &&
         shou_hub_store_put_aftersale (self->base.store, as, 0, error);
}

/* taobao.logistics.address.search: addresses.address_result[] (contact_id,
 * contact_name, province, city, country = district, addr, zip_code, phone,
 * mobile_phone, cancel_def = the default return address). */
static char *
address_to_contract (JsonObject *a,
                     JsonObject *data)
{
  const char *mobile = a ? shou_protocol_json_string (a, "mobile_phone") : NULL;

  if (a == NULL || !json_object_has_member (a, "contact_id"))
    return NULL;
  json_object_set_string_member (data, "name", json_object_get_string_member_with_default (a, "contact_name", ""));
  json_object_set_string_member (data, "phone", mobile ? mobile : json_object_get_string_member_with_default (a, "phone", ""));
  json_object_set_string_member (data, "province", json_object_get_string_member_with_default (a, "province", ""));
  json_object_set_string_member (data, "city", json_object_get_string_member_with_default (a, "city", ""));
  json_object_set_string_member (data, "district", json_object_get_string_member_with_default (a, "country", ""));
  json_object_set_string_member (data, "street", json_object_get_string_member_with_default (a, "addr", ""));
  json_object_set_string_member (data, "postcode", json_object_get_string_member_with_default (a, "zip_code", ""));
  json_object_set_boolean_member (data, "is_default", json_object_get_boolean_member_with_default (a, "cancel_def", FALSE));
  return shou_protocol_json_code (a, "contact_id");
}

static JsonArray *
taobao_list_addresses (ShouHubPlatform *platform,
                       const char      *merchant_id,
                       const char      *shop_id)
{
  ShouTaobaoPlatform *self = SHOU_TAOBAO_PLATFORM (platform);
  g_autofree char *session = shou_taobao_platform_session (self, shop_id);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *wrap;

  if (session != NULL)
    body = shou_taobao_client_call (self->client, shop_id, "taobao.logistics.address.search", session, NULL, &error);
  if (error != NULL)
    shou_platform_session_note_error (&self->base.session, shop_id, error);
  wrap = body && json_object_has_member (body, "addresses") ? json_object_get_object_member (body, "addresses") : NULL;
  return shou_platform_base_addresses (&self->base, merchant_id, shop_id,
                                       wrap && json_object_has_member (wrap, "address_result")
                                         ? json_object_get_array_member (wrap, "address_result") : NULL,
                                       address_to_contract);
}

static char *
taobao_auth_url (ShouHubPlatform *platform,
                const char      *redirect_uri,
                const char      *state)
{
  return shou_taobao_platform_auth_url (SHOU_TAOBAO_PLATFORM (platform), redirect_uri, state);
}

static void
platform_iface_init (ShouHubPlatformInterface *iface)
{
  shou_platform_base_iface_init (iface);
  iface->get_profile = taobao_get_profile;
  iface->pull_changes = taobao_pull_changes;
  iface->render_request = taobao_render_request;
  iface->perform_action = shou_taobao_perform_action;
  iface->upload_evidence = taobao_upload_evidence;
  iface->list_addresses = taobao_list_addresses;
  iface->auth_url = taobao_auth_url;
  iface->perform_batch = shou_taobao_perform_batch;
}
