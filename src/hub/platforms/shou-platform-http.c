/* shou-platform-http.c: signed-parameter requests over libsoup. */
#include "config.h"

#include "protocol/shou-protocol.h"
#include "shou-platform-http.h"

struct _ShouPlatformHttp
{
  SoupSession *session;
  guint        calls;
};

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (a, b);
}

ShouPlatformParams *
shou_platform_params_new (void)
{
  return g_tree_new_full (compare_names, NULL, g_free, g_free);
}

void
shou_platform_params_set (ShouPlatformParams *params,
                          const char         *name,
                          const char         *value)
{
  g_return_if_fail (name != NULL && value != NULL);
  g_tree_replace (params, g_strdup (name), g_strdup (value));
}

void
shou_platform_params_set_int (ShouPlatformParams *params,
                              const char         *name,
                              gint64              value)
{
  g_tree_replace (params, g_strdup (name), g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

void
shou_platform_params_set_json (ShouPlatformParams *params,
                               const char         *name,
                               JsonObject         *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  g_tree_replace (params, g_strdup (name), json_to_string (node, FALSE));
}

const char *
shou_platform_params_get (ShouPlatformParams *params,
                          const char         *name)
{
  return g_tree_lookup (params, name);
}

static gboolean
append_form (gpointer key,
             gpointer value,
             gpointer user_data)
{
  GString *form = user_data;

  if (form->len > 0)
    g_string_append_c (form, '&');
  g_string_append_uri_escaped (form, key, NULL, FALSE);
  g_string_append_c (form, '=');
  g_string_append_uri_escaped (form, value, NULL, FALSE);
  return FALSE;
}

char *
shou_platform_params_to_form (ShouPlatformParams *params)
{
  GString *form = g_string_new (NULL);

  g_tree_foreach (params, append_form, form);
  return g_string_free (form, FALSE);
}

static gboolean
append_json (gpointer key,
             gpointer value,
             gpointer user_data)
{
  json_object_set_string_member (user_data, key, value);
  return FALSE;
}

JsonObject *
shou_platform_params_to_json (ShouPlatformParams *params)
{
  JsonObject *object = json_object_new ();

  g_tree_foreach (params, append_json, object);
  return object;
}

ShouPlatformParams *
shou_platform_params_from_form (const char *form)
{
  ShouPlatformParams *params = shou_platform_params_new ();
  g_autoptr(GHashTable) fields = form ? soup_form_decode (form) : NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (fields == NULL)
    return params;
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    shou_platform_params_set (params, key, value);
  return params;
}

ShouPlatformHttp *
shou_platform_http_new (guint timeout_seconds)
{
  ShouPlatformHttp *http = g_new0 (ShouPlatformHttp, 1);

  http->session = soup_session_new_with_options ("timeout", timeout_seconds,
                                                 "user-agent", "shouhou-hub", NULL);
  return http;
}

void
shou_platform_http_free (ShouPlatformHttp *http)
{
  if (http == NULL)
    return;
  g_clear_object (&http->session);
  g_free (http);
}

guint
shou_platform_http_get_calls (ShouPlatformHttp *http)
{
  return http->calls;
}

GBytes *
shou_platform_http_send (ShouPlatformHttp  *http,
                         const char        *url,
                         const char        *content_type,
                         char              *body,
                         const char        *header,
                         const char        *header_value,
                         GError           **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) request = g_bytes_new_take (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local = NULL;

  if (msg == NULL)
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST, "Bad URL %s", url);
      return NULL;
    }
  soup_message_set_request_body_from_bytes (msg, content_type, request);
  if (header != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), header, header_value);
  http->calls++;
  answer = soup_session_send_and_read (http->session, msg, NULL, &local);
  if (answer == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_UNAVAILABLE, "%s: %s", url,
                   local ? local->message : soup_message_get_reason_phrase (msg));
      return NULL;
    }
  return g_steal_pointer (&answer);
}

/* The answer's bytes as a JSON object. */
static JsonObject *
answer_object (const char  *url,
               GBytes      *body,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &local) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED, "%s: not a JSON object%s%s",
                   url, local ? ": " : "", local ? local->message : "");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

JsonObject *
shou_platform_http_post (ShouPlatformHttp    *http,
                         const char          *url,
                         ShouPlatformParams  *params,
                         gboolean             as_json,
                         GError             **error)
{
  g_autoptr(GBytes) body = NULL;
  char *text;

  if (as_json)
    {
      g_autoptr(JsonObject) object = shou_platform_params_to_json (params);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, object);
      text = json_to_string (node, FALSE);
    }
  else
    text = shou_platform_params_to_form (params);
  body = shou_platform_http_send (http, url, as_json ? "application/json;charset=utf-8"
                                                     : "application/x-www-form-urlencoded;charset=utf-8",
                                  text, NULL, NULL, error);
  return body ? answer_object (url, body, error) : NULL;
}

static gboolean
append_field (gpointer key,
              gpointer value,
              gpointer multipart)
{
  soup_multipart_append_form_string (multipart, key, value);
  return FALSE;
}

JsonObject *
shou_platform_http_post_multipart (ShouPlatformHttp    *http,
                                   const char          *url,
                                   ShouPlatformParams  *params,
                                   const char          *file_field,
                                   const char          *file_name,
                                   const char          *file_type,
                                   GBytes              *file,
                                   GError             **error)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *content_type = NULL;

  if (msg == NULL)
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST, "Bad URL %s", url);
      return NULL;
    }
  g_tree_foreach (params, append_field, multipart);
  soup_multipart_append_form_file (multipart, file_field, file_name, file_type, file);
  soup_multipart_to_message (multipart, soup_message_get_request_headers (msg), &request);
  /* The header soup_multipart_to_message() set, with its boundary. */
  content_type = g_strdup (soup_message_headers_get_one (soup_message_get_request_headers (msg), "Content-Type"));
  soup_message_set_request_body_from_bytes (msg, content_type, request);
  http->calls++;
  answer = soup_session_send_and_read (http->session, msg, NULL, &local);
  if (answer == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_UNAVAILABLE, "%s: %s", url,
                   local ? local->message : soup_message_get_reason_phrase (msg));
      return NULL;
    }
  return answer_object (url, answer, error);
}
