/* shou-douyin-sign.c: 抖店 request signing (see the header for the rule). */
#include "config.h"

#include <string.h>

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-douyin-sign.h"

static const char * const method_names[] = { "hmac-sha256", "md5" };

const char *
shou_douyin_sign_method_to_string (ShouDouyinSignMethod method)
{
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (method_names), NULL);
  return method_names[method];
}

gboolean
shou_douyin_sign_method_from_string (const char           *text,
                                     ShouDouyinSignMethod *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (method_names); i++)
    if (strcmp (text, method_names[i]) == 0)
      {
        *out = (ShouDouyinSignMethod) i;
        return TRUE;
      }
  return FALSE;
}

char *
shou_douyin_method_from_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  if (*path == '/')
    path++;
  return g_strdelimit (g_strdup (path), "/", '.');
}

/* Go's encoding/json with SetEscapeHTML(false), as the official SDK runs it:
 * \" \\ \n \r \t \b \f, other controls as \u00xx, and U+2028/U+2029 escaped
 * (Gson in the Java SDK writes the same). */
static void
append_string (GString    *out,
               const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
            {
              g_string_append (out, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
              p += 2;
            }
          else
            g_string_append_c (out, (char) *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
append_node (GString   *out,
             JsonNode  *node,
             guint      depth,
             GError   **error)
{
  if (depth > 64)
    {
      g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST,
                           "param_json nests too deep");
      return FALSE;
    }
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          return TRUE;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          return TRUE;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          return TRUE;
        default:
          g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST,
                               "param_json holds a non-integer number");
          return FALSE;
        }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (!append_node (out, json_array_get_element (array, i), depth + 1, error))
              return FALSE;
          }
        g_string_append_c (out, ']');
        return TRUE;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);
        g_autoptr(GPtrArray) names = g_ptr_array_new ();

        for (GList *l = members; l != NULL; l = l->next)
          g_ptr_array_add (names, l->data);
        g_ptr_array_sort (names, compare_names);
        g_string_append_c (out, '{');
        for (guint i = 0; i < names->len; i++)
          {
            const char *name = g_ptr_array_index (names, i);

            if (i > 0)
              g_string_append_c (out, ',');
            append_string (out, name);
            g_string_append_c (out, ':');
            if (!append_node (out, json_object_get_member (object, name), depth + 1, error))
              return FALSE;
          }
        g_string_append_c (out, '}');
        return TRUE;
      }
    default:
      g_return_val_if_reached (FALSE);
    }
}

char *
shou_douyin_param_json (JsonNode  *params,
                        GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (params == NULL)
    return g_strdup ("{}");
  if (!JSON_NODE_HOLDS_OBJECT (params))
    {
      g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST,
                           "param_json must be an object");
      return NULL;
    }
  if (!append_node (out, params, 0, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
shou_douyin_sign (const char           *app_key,
                  const char           *secret,
                  const char           *method,
                  gint64                timestamp,
                  const char           *param_json,
                  ShouDouyinSignMethod  sign_method)
{
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (app_key != NULL && secret != NULL && method != NULL, NULL);
  g_return_val_if_fail (param_json != NULL, NULL);

  pattern = g_strdup_printf ("%sapp_key%smethod%sparam_json%stimestamp%" G_GINT64_FORMAT "v2%s",
                             secret, app_key, method, param_json, timestamp, secret);
  if (sign_method == SHOU_DOUYIN_SIGN_MD5)
    return shou_protocol_digest (G_CHECKSUM_MD5, NULL, pattern);
  return shou_protocol_digest (G_CHECKSUM_SHA256, secret, pattern);
}

GHashTable *
shou_douyin_request_params (const char  *app_key,
                            const char  *secret,
                            const char  *path,
                            const char  *access_token,
                            gint64       now_usec,
                            JsonNode    *params,
                            char       **out_body,
                            GError     **error)
{
  g_autofree char *body = NULL;
  g_autofree char *method = NULL;
  gint64 timestamp = now_usec / G_USEC_PER_SEC;
  GHashTable *query;

  g_return_val_if_fail (app_key != NULL && secret != NULL && path != NULL, NULL);
  g_return_val_if_fail (out_body != NULL, NULL);

  body = shou_douyin_param_json (params, error);
  if (body == NULL)
    return NULL;
  method = shou_douyin_method_from_path (path);
  query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (query, g_strdup ("app_key"), g_strdup (app_key));
  g_hash_table_insert (query, g_strdup ("method"), g_strdup (method));
  g_hash_table_insert (query, g_strdup ("timestamp"),
                       g_strdup_printf ("%" G_GINT64_FORMAT, timestamp));
  g_hash_table_insert (query, g_strdup ("v"), g_strdup ("2"));
  g_hash_table_insert (query, g_strdup ("sign_method"), g_strdup ("hmac-sha256"));
  g_hash_table_insert (query, g_strdup ("sign"),
                       shou_douyin_sign (app_key, secret, method, timestamp, body,
                                         SHOU_DOUYIN_SIGN_HMAC_SHA256));
  if (access_token != NULL && *access_token != '\0')
    g_hash_table_insert (query, g_strdup ("access_token"), g_strdup (access_token));
  *out_body = g_steal_pointer (&body);
  return query;
}

gboolean
shou_douyin_verify (GHashTable *query,
                    const char *param_json,
                    const char *secret)
{
  const char *app_key, *method, *timestamp_text, *v, *method_text;
  ShouDouyinSignMethod sign_method = SHOU_DOUYIN_SIGN_MD5;
  gint64 timestamp;
  g_autofree char *expected = NULL;

  g_return_val_if_fail (query != NULL && secret != NULL, FALSE);

  app_key = g_hash_table_lookup (query, "app_key");
  method = g_hash_table_lookup (query, "method");
  timestamp_text = g_hash_table_lookup (query, "timestamp");
  v = g_hash_table_lookup (query, "v");
  method_text = g_hash_table_lookup (query, "sign_method");
  if (app_key == NULL || method == NULL || timestamp_text == NULL || param_json == NULL ||
      g_strcmp0 (v, "2") != 0 ||
      !g_ascii_string_to_signed (timestamp_text, 10, 0, G_MAXINT64, &timestamp, NULL))
    return FALSE;
  /* The guide: sign_method absent means md5. */
  if (method_text != NULL && !shou_douyin_sign_method_from_string (method_text, &sign_method))
    return FALSE;
  expected = shou_douyin_sign (app_key, secret, method, timestamp, param_json, sign_method);
  return shou_protocol_sign_equal (g_hash_table_lookup (query, "sign"), expected);
}
