/* shou-hub-http.c: answers in the contract's shapes. */
#include "config.h"

#include "hub/shou-hub-input.h"
#include "shou-hub-http.h"

void
shou_hub_http_common_headers (ShouHubContext    *ctx,
                              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gint64 now = shou_hub_platform_now (ctx->platform);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  g_autofree char *date = g_date_time_format (dt, "%a, %d %b %Y %H:%M:%S GMT");
  g_autofree char *us = g_strdup_printf ("%" G_GINT64_FORMAT, now);

  soup_message_headers_replace (headers, "Date", date);
  soup_message_headers_replace (headers, "X-Shou-Server-Time", us);
  /* libsoup before 3.3, on connections it accepts itself, never closes a
   * kept-alive connection that the client closed (CLOSE_WAIT, a descriptor
   * each) and keeps the GSocket of every connection it closed. Ours are
   * accepted by our own service (see on_incoming_cb), which avoids both;
   * closing after every answer there stays, so that the behaviour clients
   * were tested against (a new connection per request) does not change. */
  if (soup_get_major_version () == 3 && soup_get_minor_version () < 3)
    soup_message_headers_replace (headers, "Connection", "close");
}

char *
shou_hub_http_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_node_set_object (node, object);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

void
shou_hub_http_send_text (ShouHubContext    *ctx,
                         SoupServerMessage *msg,
                         guint              status,
                         char              *text)
{
  shou_hub_http_common_headers (ctx, msg);
  soup_server_message_set_status (msg, status, NULL);
  if (status == 204)
    {
      g_free (text);
      return;
    }
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, text, strlen (text));
}

void
shou_hub_http_send_json (ShouHubContext    *ctx,
                         SoupServerMessage *msg,
                         guint              status,
                         JsonObject        *body)
{
  shou_hub_http_send_text (ctx, msg, status, shou_hub_http_to_string (body));
}

void
shou_hub_http_send_failure (ShouHubContext    *ctx,
                            SoupServerMessage *msg,
                            ShouHubFailure    *failure)
{
  g_autoptr(JsonObject) body = shou_hub_failure_to_json (failure);

  if (failure->status == 401)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer realm=\"shouhou\"");
  shou_hub_http_send_json (ctx, msg, failure->status, body);
}

void
shou_hub_http_send_error (ShouHubContext    *ctx,
                          SoupServerMessage *msg,
                          guint              status,
                          const char        *code,
                          const char        *message)
{
  g_autoptr(ShouHubFailure) failure = shou_hub_failure_new (status, code, "%s", message);

  shou_hub_http_send_failure (ctx, msg, failure);
}

void
shou_hub_http_send_one (ShouHubContext    *ctx,
                        SoupServerMessage *msg,
                        guint              status,
                        const char        *name,
                        JsonObject        *object)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_object_member (body, name, object);
  shou_hub_http_send_json (ctx, msg, status, body);
}

char *
shou_hub_http_authenticate (ShouHubContext    *ctx,
                            SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  char *merchant = NULL;

  g_clear_pointer (&ctx->caller, shou_hub_staff_free);
  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    {
      g_autofree char *token = g_strstrip (g_strdup (auth + 7));

      if (*token != '\0')
        ctx->caller = shou_hub_store_lookup_staff (ctx->store, token);
      if (ctx->caller != NULL)
        merchant = g_strdup (ctx->caller->merchant_id);
    }
  if (merchant == NULL)
    shou_hub_http_send_error (ctx, msg, 401, "unauthorized",
                              auth == NULL ? "An Authorization: Bearer token is required"
                                           : "The token is not valid");
  return merchant;
}

ShouHubAftersale *
shou_hub_http_load_aftersale (ShouHubContext    *ctx,
                              SoupServerMessage *msg,
                              const char        *merchant,
                              const char        *id)
{
  ShouHubAftersale *as = shou_hub_platform_fetch_request (ctx->platform, merchant, id);

  if (as == NULL || g_strcmp0 (as->merchant_id, merchant) != 0)
    {
      g_clear_pointer (&as, shou_hub_aftersale_free);
      shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such after-sales request");
    }
  return as;
}

const char *
shou_hub_http_caller_key (ShouHubContext *ctx)
{
  return ctx->caller != NULL && ctx->caller->staff_id != NULL ? ctx->caller->staff_id : "";
}

GBytes *
shou_hub_http_request_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  return soup_message_body_flatten (body);
}

JsonObject *
shou_hub_http_parse_body (ShouHubContext    *ctx,
                          SoupServerMessage *msg)
{
  g_autoptr(GBytes) bytes = shou_hub_http_request_body (msg);
  g_autoptr(ShouHubFailure) failure = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonObject *object = shou_hub_input_parse (data, length, &failure);

  if (object == NULL)
    shou_hub_http_send_failure (ctx, msg, failure);
  return object;
}

