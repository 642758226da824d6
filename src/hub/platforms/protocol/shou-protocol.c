/* shou-protocol.c: error domain, faults and strict parsers shared by the
 * real platforms' protocol modules. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/shou-money.h"
#include "shou-protocol.h"

G_DEFINE_QUARK (shou-protocol-error-quark, shou_protocol_error)

static const char * const kind_names[] = {
  "malformed", "session_expired", "rate_limited", "no_permission",
  "signature", "bad_request", "unavailable", "business", "other",
};

const char *
shou_protocol_error_to_string (ShouProtocolError kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
shou_protocol_error_is_retryable (ShouProtocolError kind)
{
  return kind == SHOU_PROTOCOL_ERROR_RATE_LIMITED ||
         kind == SHOU_PROTOCOL_ERROR_UNAVAILABLE;
}

static char *
utf8_or_null (const char *text)
{
  return text != NULL ? g_utf8_make_valid (text, -1) : NULL;
}

ShouProtocolFault *
shou_protocol_fault_new (ShouProtocolError  kind,
                         const char        *code,
                         const char        *message,
                         const char        *sub_code,
                         const char        *sub_message,
                         const char        *request_id)
{
  ShouProtocolFault *fault = g_new0 (ShouProtocolFault, 1);

  /* The platform's words go to logs and JSON: always UTF-8 (json-glib can
   * hand back raw bytes, see shou_protocol_sorted_json()). */
  fault->kind = kind;
  fault->code = utf8_or_null (code);
  fault->message = utf8_or_null (message);
  fault->sub_code = utf8_or_null (sub_code);
  fault->sub_message = utf8_or_null (sub_message);
  fault->request_id = utf8_or_null (request_id);
  return fault;
}

void
shou_protocol_fault_free (ShouProtocolFault *fault)
{
  if (fault == NULL)
    return;
  g_free (fault->code);
  g_free (fault->message);
  g_free (fault->sub_code);
  g_free (fault->sub_message);
  g_free (fault->request_id);
  g_free (fault);
}

void
shou_protocol_fault_set_error (const ShouProtocolFault *fault,
                               const char              *platform,
                               GError                 **error)
{
  g_return_if_fail (fault != NULL);
  g_set_error (error, SHOU_PROTOCOL_ERROR, fault->kind,
               "%s error %s%s%s: %s%s%s",
               platform,
               fault->code ? fault->code : "?",
               fault->sub_code ? "/" : "",
               fault->sub_code ? fault->sub_code : "",
               fault->message ? fault->message : "",
               fault->sub_message ? " — " : "",
               fault->sub_message ? fault->sub_message : "");
}

static gboolean
malformed (GError    **error,
           const char *what,
           const char *text)
{
  g_autofree char *head = g_strndup (text, 40);
  g_autofree char *shown = g_utf8_make_valid (head, -1);

  g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
               "%s: \"%s\"", what, shown);
  return FALSE;
}

gboolean
shou_protocol_parse_yuan (const char  *text,
                          gint64      *out_fen,
                          GError     **error)
{
  gint64 yuan = 0;
  gint64 fen = 0;
  const char *p;
  int decimals = 0;

  g_return_val_if_fail (out_fen != NULL, FALSE);

  if (text == NULL || *text == '\0')
    return malformed (error, "empty amount", "");
  p = text;
  if (!g_ascii_isdigit (*p))
    return malformed (error, "amount does not start with a digit", text);
  /* Bounded by the overflow check: SHOU_MONEY_MAX_FEN / 100 has 9 digits. */
  for (; g_ascii_isdigit (*p); p++)
    {
      yuan = yuan * 10 + (*p - '0');
      if (yuan > SHOU_MONEY_MAX_FEN / 100)
        return malformed (error, "amount too large", text);
    }
  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p) && decimals < 3; p++, decimals++)
        fen = fen * 10 + (*p - '0');
      if (decimals == 0)
        return malformed (error, "amount has a bare decimal point", text);
      if (decimals > 2)
        return malformed (error, "amount has more than two decimals", text);
      if (decimals == 1)
        fen *= 10;
    }
  if (*p != '\0')
    return malformed (error, "amount is not a plain decimal", text);
  fen += yuan * 100;
  if (fen > SHOU_MONEY_MAX_FEN)
    return malformed (error, "amount too large", text);
  *out_fen = fen;
  return TRUE;
}

gboolean
shou_protocol_check_fen (gint64   fen,
                         GError **error)
{
  if (fen < 0 || fen > SHOU_MONEY_MAX_FEN)
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                   "amount of %" G_GINT64_FORMAT " fen out of range", fen);
      return FALSE;
    }
  return TRUE;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
shou_protocol_concat_sorted (GHashTable *params,
                             const char *skip,
                             gboolean    skip_empty)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (params != NULL, NULL);

  keys = g_hash_table_get_keys_as_array (params, &n);
  qsort (keys, n, sizeof (gpointer), compare_keys);
  for (guint i = 0; i < n; i++)
    {
      const char *key = keys[i];
      const char *value = g_hash_table_lookup (params, key);

      if (skip != NULL && strcmp (key, skip) == 0)
        continue;
      if (skip_empty && (value == NULL || *value == '\0' || *key == '\0'))
        continue;
      g_string_append (out, key);
      g_string_append (out, value ? value : "");
    }
  return g_string_free (out, FALSE);
}

char *
shou_protocol_digest (GChecksumType  type,
                      const char    *key,
                      const char    *data)
{
  g_return_val_if_fail (data != NULL, NULL);

  if (key == NULL)
    return g_compute_checksum_for_string (type, data, -1);
  return g_compute_hmac_for_data (type, (const guchar *) key, strlen (key),
                                  (const guchar *) data, strlen (data));
}

char *
shou_protocol_format_cst (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) cst = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (8 * 3600);

  g_return_val_if_fail (utc != NULL, NULL);
  cst = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (cst, "%Y-%m-%d %H:%M:%S");
}

gint64
shou_protocol_parse_time (const char *text)
{
  g_autoptr(GTimeZone) beijing = NULL;
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi, s;
  char tail;

  if (text == NULL || *text == '\0')
    return 0;
  if (strspn (text, "0123456789") == strlen (text))
    return g_ascii_strtoll (text, NULL, 10) * G_USEC_PER_SEC;
  if (sscanf (text, "%4d-%2d-%2d %2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &tail) != 6)
    return 0;
  beijing = g_time_zone_new_offset (8 * 3600);
  dt = g_date_time_new (beijing, y, mo, d, h, mi, s);
  return dt ? g_date_time_to_unix (dt) * G_USEC_PER_SEC : 0;
}

gboolean
shou_protocol_sign_equal (const char *a,
                          const char *b)
{
  gsize la, lb;
  guint diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;
  la = strlen (a);
  lb = strlen (b);
  if (la != lb || la == 0)
    return FALSE;
  for (gsize i = 0; i < la; i++)
    diff |= (guint) (g_ascii_tolower (a[i]) ^ g_ascii_tolower (b[i]));
  return diff == 0;
}

/* Go's encoding/json with SetEscapeHTML(false), as the official SDK runs it:
 * \" \\ \n \r \t \b \f, other controls as \u00xx, and U+2028/U+2029 escaped
 * (Gson in the Java SDK writes the same). */
static gboolean
append_string (GString    *out,
               const char *s,
               GError    **error)
{
  /* json-glib's scanner takes octal escapes ("\220"), so a parsed string
   * can hold bytes that are not UTF-8; the signed text must be UTF-8. */
  if (!g_utf8_validate (s, -1, NULL))
    {
      g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST,
                           "business parameters hold text that is not UTF-8");
      return FALSE;
    }
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
  return TRUE;
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
                           "business parameters nest too deep");
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
          return append_string (out, json_node_get_string (node), error);
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          return TRUE;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          return TRUE;
        default:
          g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST,
                               "business parameters hold a non-integer number");
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
            if (!append_string (out, name, error))
              return FALSE;
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
shou_protocol_sorted_json (JsonNode  *params,
                           GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (params == NULL)
    return g_strdup ("{}");
  if (!JSON_NODE_HOLDS_OBJECT (params))
    {
      g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST,
                           "business parameters must be a JSON object");
      return NULL;
    }
  if (!append_node (out, params, 0, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}


gboolean
shou_protocol_name_index (const char * const *names,
                          guint               n,
                          const char         *text,
                          guint              *out_index)
{
  for (guint i = 0; text != NULL && i < n; i++)
    if (strcmp (names[i], text) == 0)
      {
        if (out_index != NULL)
          *out_index = i;
        return TRUE;
      }
  return FALSE;
}

GHashTable *
shou_protocol_params_new (const char *app_key,
                          const char *method,
                          char       *timestamp,
                          const char *v)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (params, g_strdup ("app_key"), g_strdup (app_key));
  g_hash_table_insert (params, g_strdup ("method"), g_strdup (method));
  g_hash_table_insert (params, g_strdup ("timestamp"), timestamp);
  g_hash_table_insert (params, g_strdup ("v"), g_strdup (v));
  return params;
}

const char *
shou_protocol_json_string (JsonObject *object,
                           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

char *
shou_protocol_json_code (JsonObject *object,
                         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

JsonObject *
shou_protocol_parse_object (JsonParser *parser,
                            const char *body,
                            gssize      length,
                            const char *platform,
                            GError    **error)
{
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, body, length, &local))
    {
      g_autofree char *why = g_utf8_make_valid (local->message, -1);

      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                   "%s response is not JSON: %s", platform, why);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                   "%s response is not a JSON object", platform);
      return NULL;
    }
  return json_node_get_object (root);
}

ShouRequestStatus
shou_protocol_with_intervention (ShouRequestStatus status,
                                 gboolean          intervention)
{
  if (!intervention || status == SHOU_STATUS_SUCCESS || status == SHOU_STATUS_CLOSED)
    return status;
  return SHOU_STATUS_INTERVENTION;
}
