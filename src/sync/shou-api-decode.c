#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/shou-core.h"
#include "shou-api-decode.h"

static gboolean
bad (GError    **error,
     const char *what,
     const char *field)
{
  g_set_error (error, SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE,
               _("The server sent an unexpected answer (%s: %s)"), what, field);
  return FALSE;
}

static JsonNode *
parse (GBytes  *bytes,
       GError **error)
{
  /* Mutable: sealing every node of a page took a tenth of parsing it. */
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;
  JsonNode *root;

  if (data == NULL || len == 0)
    {
      bad (error, "body", "empty");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      bad (error, "JSON", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bad (error, "body", "not an object");
      return NULL;
    }
  return json_node_ref (root);
}

/* Member checks: absent is fine unless @required; present must have the type. */
static gboolean
check_value (JsonObject  *obj,
             const char  *name,
             GType        type,
             gboolean     required,
             const char  *what,
             GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? bad (error, what, name) : TRUE;
  if (json_node_get_value_type (node) != type)
    return bad (error, what, name);
  return TRUE;
}

#define check_string(obj, name, required, what, error) \
  check_value (obj, name, G_TYPE_STRING, required, what, error)
#define check_int(obj, name, required, what, error) \
  check_value (obj, name, G_TYPE_INT64, required, what, error)

static gboolean
check_type (JsonObject  *obj,
            const char  *name,
            JsonNodeType type,
            const char  *what,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_TYPE (node) != type)
    return bad (error, what, name);
  return TRUE;
}

gboolean
shou_api_validate_aftersale (JsonObject  *obj,
                             GError     **error)
{
  static const char * const strings[] = {
    "order_id", "line_id", "reason_code", "reason_text", "buyer_text",
    "on_lapse", "deadline_actor", "good_status", "platform_status",
  };
  static const char * const ints[] = {
    "amount_fen", "shipping_fen", "opened_at", "updated_at", "deadline_at",
  };
  ShouRequestStatus status;
  ShouRequestType type;
  ShouPlatform platform;
  JsonArray *allowed;

  if (!check_string (obj, "id", TRUE, "aftersale", error) ||
      !check_string (obj, "shop_id", TRUE, "aftersale", error) ||
      !check_string (obj, "status", TRUE, "aftersale", error) ||
      !check_string (obj, "type", TRUE, "aftersale", error) ||
      !check_string (obj, "platform", TRUE, "aftersale", error) ||
      !check_int (obj, "version", TRUE, "aftersale", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (!check_string (obj, strings[i], FALSE, "aftersale", error))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    if (!check_int (obj, ints[i], FALSE, "aftersale", error))
      return FALSE;
  if (!check_type (obj, "negotiation", JSON_NODE_OBJECT, "aftersale", error) ||
      !check_type (obj, "return_address", JSON_NODE_OBJECT, "aftersale", error) ||
      !check_type (obj, "return_shipment", JSON_NODE_OBJECT, "aftersale", error) ||
      !check_type (obj, "exchange_shipment", JSON_NODE_OBJECT, "aftersale", error) ||
      !check_type (obj, "evidence", JSON_NODE_ARRAY, "aftersale", error) ||
      !check_type (obj, "timeline", JSON_NODE_ARRAY, "aftersale", error) ||
      !check_type (obj, "allowed_actions", JSON_NODE_ARRAY, "aftersale", error) ||
      !check_type (obj, "blocked_actions", JSON_NODE_ARRAY, "aftersale", error))
    return FALSE;

  if (!shou_status_from_string (json_object_get_string_member (obj, "status"), &status))
    return bad (error, "aftersale", "status");
  if (!shou_request_type_from_string (json_object_get_string_member (obj, "type"), &type))
    return bad (error, "aftersale", "type");
  if (!shou_platform_from_string (json_object_get_string_member (obj, "platform"), &platform))
    return bad (error, "aftersale", "platform");

  if (json_object_has_member (obj, "allowed_actions") &&
      (allowed = json_object_get_array_member (obj, "allowed_actions")) != NULL)
    for (guint i = 0; i < json_array_get_length (allowed); i++)
      if (json_node_get_value_type (json_array_get_element (allowed, i)) != G_TYPE_STRING)
        return bad (error, "aftersale", "allowed_actions");

  if (json_object_has_member (obj, "negotiation") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (obj, "negotiation")))
    {
      JsonObject *nego = json_object_get_object_member (obj, "negotiation");
      if (!check_string (nego, "phase", FALSE, "negotiation", error) ||
          !check_type (nego, "rounds", JSON_NODE_ARRAY, "negotiation", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
shou_api_validate_order (JsonObject  *obj,
                         GError     **error)
{
  JsonArray *lines;

  if (!check_string (obj, "id", TRUE, "order", error) ||
      !check_string (obj, "shop_id", TRUE, "order", error) ||
      !check_string (obj, "order_no", FALSE, "order", error) ||
      !check_string (obj, "state", FALSE, "order", error) ||
      !check_int (obj, "version", FALSE, "order", error) ||
      !check_int (obj, "created_at", FALSE, "order", error) ||
      !check_int (obj, "paid_fen", FALSE, "order", error) ||
      !check_type (obj, "buyer", JSON_NODE_OBJECT, "order", error) ||
      !check_type (obj, "lines", JSON_NODE_ARRAY, "order", error))
    return FALSE;
  if (json_object_has_member (obj, "buyer") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (obj, "buyer")) &&
      !check_string (json_object_get_object_member (obj, "buyer"), "nick", FALSE, "order.buyer", error))
    return FALSE;
  if (json_object_has_member (obj, "lines") &&
      (lines = json_object_get_array_member (obj, "lines")) != NULL)
    for (guint i = 0; i < json_array_get_length (lines); i++)
      {
        JsonNode *node = json_array_get_element (lines, i);
        if (!JSON_NODE_HOLDS_OBJECT (node))
          return bad (error, "order", "lines");
        if (!check_string (json_node_get_object (node), "id", TRUE, "order.lines", error) ||
            !check_string (json_node_get_object (node), "title", FALSE, "order.lines", error))
          return FALSE;
      }
  return TRUE;
}

gboolean
shou_api_validate_address (JsonObject  *obj,
                           GError     **error)
{
  return check_string (obj, "id", TRUE, "address", error) &&
         check_string (obj, "shop_id", TRUE, "address", error) &&
         check_int (obj, "version", FALSE, "address", error);
}

/* Each change's "data" is kept as the server sent it: serialising the
 * parsed tree again took a fifth of decoding a page. The spans come from
 * a strict JSON (RFC 8259) scan of the same bytes json-glib accepted; on
 * anything it does not follow (json-glib's extensions, escaped or repeated
 * member names, deep nesting) the page falls back to serialising. */
typedef struct
{
  const char *p;
  const char *end;
} Scan;

#define SCAN_MAX_DEPTH 256

static void
scan_ws (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
scan_char (Scan *s,
           char  c)
{
  scan_ws (s);
  if (s->p >= s->end || *s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

/* A string; *escaped tells whether it holds escapes. */
static gboolean
scan_string (Scan        *s,
             const char **start,
             gsize       *len,
             gboolean    *escaped)
{
  if (!scan_char (s, '"'))
    return FALSE;
  *start = s->p;
  *escaped = FALSE;
  while (s->p < s->end)
    {
      guchar c = *s->p;

      if (c == '"')
        {
          *len = s->p - *start;
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c == '\\')
        {
          *escaped = TRUE;
          if (++s->p >= s->end)
            return FALSE;
          if (*s->p == 'u')
            {
              if (s->end - s->p < 5)
                return FALSE;
              for (guint i = 1; i <= 4; i++)
                if (!g_ascii_isxdigit (s->p[i]))
                  return FALSE;
              s->p += 4;
            }
          else if (strchr ("\"\\/bfnrt", *s->p) == NULL || *s->p == '\0')
            return FALSE;
        }
      s->p++;
    }
  return FALSE;
}

static gboolean
scan_digits (Scan *s)
{
  const char *start = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > start;
}

static gboolean
scan_value (Scan  *s,
            guint  depth)
{
  const char *str;
  gsize len;
  gboolean escaped;

  scan_ws (s);
  if (s->p >= s->end || depth > SCAN_MAX_DEPTH)
    return FALSE;
  switch (*s->p)
    {
    case '{':
      s->p++;
      if (scan_char (s, '}'))
        return TRUE;
      do
        if (!scan_string (s, &str, &len, &escaped) || !scan_char (s, ':') ||
            !scan_value (s, depth + 1))
          return FALSE;
      while (scan_char (s, ','));
      return scan_char (s, '}');

    case '[':
      s->p++;
      if (scan_char (s, ']'))
        return TRUE;
      do
        if (!scan_value (s, depth + 1))
          return FALSE;
      while (scan_char (s, ','));
      return scan_char (s, ']');

    case '"':
      return scan_string (s, &str, &len, &escaped);

    case 't':
    case 'f':
    case 'n':
      for (const char * const *lit = (const char * const[]) { "true", "false", "null", NULL }; *lit; lit++)
        if ((gsize) (s->end - s->p) >= strlen (*lit) && strncmp (s->p, *lit, strlen (*lit)) == 0)
          {
            s->p += strlen (*lit);
            return TRUE;
          }
      return FALSE;

    default:
      if (*s->p == '-')
        s->p++;
      if (s->p < s->end && *s->p == '0')
        s->p++;
      else if (s->p >= s->end || *s->p < '1' || *s->p > '9' || !scan_digits (s))
        return FALSE;
      if (s->p < s->end && *s->p == '.' && (s->p++, !scan_digits (s)))
        return FALSE;
      if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
        {
          s->p++;
          if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
            s->p++;
          if (!scan_digits (s))
            return FALSE;
        }
      return TRUE;
    }
}

static gboolean
is_name (const char *str,
         gsize       len,
         const char *name)
{
  return len == strlen (name) && memcmp (str, name, len) == 0;
}

/* The byte span of each element's "data" in the "changes" array of the
 * page @text, as pairs (offset, length) in a GArray of gsize; length 0
 * where there is none. NULL if @text is not strict JSON as expected. */
static GArray *
scan_data_spans (const char *text,
                 gsize       len)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, TRUE, sizeof (gsize));
  Scan s = { text, text + len };
  gboolean seen_changes = FALSE;
  const char *str;
  gsize slen;
  gboolean escaped;

  if (!scan_char (&s, '{') || scan_char (&s, '}'))
    return NULL;
  do
    {
      if (!scan_string (&s, &str, &slen, &escaped) || escaped || !scan_char (&s, ':'))
        return NULL;
      if (!is_name (str, slen, "changes"))
        {
          if (!scan_value (&s, 1))
            return NULL;
          continue;
        }
      if (seen_changes || !scan_char (&s, '['))
        return NULL;
      seen_changes = TRUE;
      if (scan_char (&s, ']'))
        continue;
      do
        {
          gsize span[2] = { 0, 0 };

          scan_ws (&s);
          if (s.p >= s.end || *s.p != '{')
            {
              if (!scan_value (&s, 1))
                return NULL;
            }
          else if (s.p++, !scan_char (&s, '}'))
            {
              do
                {
                  gboolean is_data;
                  const char *value;

                  if (!scan_string (&s, &str, &slen, &escaped) || escaped || !scan_char (&s, ':'))
                    return NULL;
                  is_data = is_name (str, slen, "data");
                  if (is_data && span[1] != 0)
                    return NULL;
                  scan_ws (&s);
                  value = s.p;
                  if (!scan_value (&s, 2))
                    return NULL;
                  if (is_data)
                    {
                      span[0] = value - text;
                      span[1] = s.p - value;
                    }
                }
              while (scan_char (&s, ','));
              if (!scan_char (&s, '}'))
                return NULL;
            }
          g_array_append_vals (spans, span, 2);
        }
      while (scan_char (&s, ','));
      if (!scan_char (&s, ']'))
        return NULL;
    }
  while (scan_char (&s, ','));
  if (!scan_char (&s, '}'))
    return NULL;
  scan_ws (&s);
  if (s.p != s.end)
    return NULL;
  return g_steal_pointer (&spans);
}

void
shou_changes_page_free (ShouChangesPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->changes, g_ptr_array_unref);
  g_clear_pointer (&page->data_texts, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}

ShouChangesPage *
shou_api_decode_changes_page (GBytes  *bytes,
                              GError **error)
{
  g_autoptr(JsonNode) root = parse (bytes, error);
  g_autoptr(ShouChangesPage) page = NULL;
  g_autoptr(GArray) spans = NULL;
  JsonObject *obj;
  JsonArray *changes;
  JsonNode *node, *node_changes;
  const char *data;
  gsize len;

  if (root == NULL)
    return NULL;
  obj = json_node_get_object (root);
  node = node_changes = json_object_get_member (obj, "changes");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return bad (error, "changes", "changes"), NULL;
  if (!check_string (obj, "next_cursor", TRUE, "changes", error) ||
      !check_int (obj, "server_time", FALSE, "changes", error))
    return NULL;
  node = json_object_get_member (obj, "has_more");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return bad (error, "changes", "has_more"), NULL;

  data = g_bytes_get_data (bytes, &len);
  spans = scan_data_spans (data, len);
  if (spans != NULL && spans->len != 2 * json_array_get_length (json_node_get_array (node_changes)))
    g_clear_pointer (&spans, g_array_unref);

  page = g_new0 (ShouChangesPage, 1);
  page->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  page->data_texts = g_ptr_array_new_with_free_func (g_free);
  page->next_cursor = g_strdup (json_object_get_string_member (obj, "next_cursor"));
  page->has_more = json_node_get_boolean (node);
  page->server_time = json_object_get_int_member_with_default (obj, "server_time", 0);

  changes = json_node_get_array (json_object_get_member (obj, "changes"));
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonNode *el = json_array_get_element (changes, i);
      JsonObject *change, *data_obj;
      const char *kind;
      const gsize *span;
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        return bad (error, "changes", "change"), NULL;
      change = json_node_get_object (el);
      if (!check_string (change, "kind", TRUE, "change", error) ||
          !check_string (change, "id", TRUE, "change", error) ||
          !check_type (change, "data", JSON_NODE_OBJECT, "change", error) ||
          !check_int (change, "seq", FALSE, "change", error))
        return NULL;
      if (!json_object_has_member (change, "data") ||
          JSON_NODE_HOLDS_NULL (json_object_get_member (change, "data")))
        return bad (error, "change", "data"), NULL;
      kind = json_object_get_string_member (change, "kind");
      data_obj = json_object_get_object_member (change, "data");
      if (g_str_equal (kind, "aftersale"))
        ok = shou_api_validate_aftersale (data_obj, error);
      else if (g_str_equal (kind, "order"))
        ok = shou_api_validate_order (data_obj, error);
      else if (g_str_equal (kind, "address"))
        ok = shou_api_validate_address (data_obj, error);
      else
        /* Another kind (a claim, or one a newer hub adds): the store keeps
         * what it does not know, so that a later version can use it. */
        ok = TRUE;
      if (!ok)
        return NULL;
      if ((g_str_equal (kind, "aftersale") || g_str_equal (kind, "order") || g_str_equal (kind, "address")) &&
          g_strcmp0 (json_object_get_string_member (data_obj, "id"),
                     json_object_get_string_member (change, "id")) != 0)
        return bad (error, "change", "id"), NULL;
      g_ptr_array_add (page->changes, json_object_ref (change));
      /* The cache's copy, prepared here off the main thread. */
      span = spans ? &g_array_index (spans, gsize, 2 * i) : NULL;
      if (span != NULL && span[1] > 0 && data[span[0]] == '{' &&
          g_utf8_validate_len (data + span[0], span[1], NULL))
        g_ptr_array_add (page->data_texts, g_strndup (data + span[0], span[1]));
      else
        g_ptr_array_add (page->data_texts, json_to_string (json_object_get_member (change, "data"), FALSE));
    }

  return g_steal_pointer (&page);
}

GPtrArray *
shou_api_decode_shops (GBytes  *bytes,
                       GError **error)
{
  g_autoptr(JsonNode) root = parse (bytes, error);
  g_autoptr(GPtrArray) ret = NULL;
  JsonNode *node;
  JsonArray *shops;

  if (root == NULL)
    return NULL;
  node = json_object_get_member (json_node_get_object (root), "shops");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return bad (error, "shops", "shops"), NULL;
  shops = json_node_get_array (node);
  ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < json_array_get_length (shops); i++)
    {
      JsonNode *el = json_array_get_element (shops, i);
      JsonObject *shop;
      ShouPlatform platform;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        return bad (error, "shops", "shop"), NULL;
      shop = json_node_get_object (el);
      if (!check_string (shop, "id", TRUE, "shop", error) ||
          !check_string (shop, "platform", TRUE, "shop", error) ||
          !check_string (shop, "name", FALSE, "shop", error))
        return NULL;
      if (!shou_platform_from_string (json_object_get_string_member (shop, "platform"), &platform))
        return bad (error, "shop", "platform"), NULL;
      g_ptr_array_add (ret, json_object_ref (shop));
    }
  return g_steal_pointer (&ret);
}

static JsonObject *
decode_member (GBytes      *bytes,
               const char  *member,
               GError     **error)
{
  g_autoptr(JsonNode) root = parse (bytes, error);
  JsonNode *node;

  if (root == NULL)
    return NULL;
  node = json_object_get_member (json_node_get_object (root), member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return bad (error, member, member), NULL;
  return json_object_ref (json_node_get_object (node));
}

JsonObject *
shou_api_decode_aftersale (GBytes  *bytes,
                           GError **error)
{
  g_autoptr(JsonObject) obj = decode_member (bytes, "aftersale", error);

  if (obj == NULL || !shou_api_validate_aftersale (obj, error))
    return NULL;
  return g_steal_pointer (&obj);
}

JsonObject *
shou_api_decode_evidence (GBytes  *bytes,
                          GError **error)
{
  g_autoptr(JsonObject) obj = decode_member (bytes, "evidence", error);

  if (obj == NULL || !check_string (obj, "id", TRUE, "evidence", error))
    return NULL;
  return g_steal_pointer (&obj);
}

JsonObject *
shou_api_decode_address (GBytes  *bytes,
                         GError **error)
{
  g_autoptr(JsonObject) obj = decode_member (bytes, "address", error);

  if (obj == NULL || !shou_api_validate_address (obj, error))
    return NULL;
  return g_steal_pointer (&obj);
}

JsonObject *
shou_api_decode_object (GBytes  *bytes,
                        GError **error)
{
  g_autoptr(JsonNode) root = parse (bytes, error);

  if (root == NULL)
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

gboolean
shou_api_decode_error (GBytes  *bytes,
                       char   **out_code,
                       char   **out_message,
                       char   **out_reason,
                       gint64  *out_current_version)
{
  g_autoptr(JsonNode) root = parse (bytes, NULL);
  JsonNode *node;
  JsonObject *err;

  if (root == NULL)
    return FALSE;
  node = json_object_get_member (json_node_get_object (root), "error");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  err = json_node_get_object (node);
  if (!check_string (err, "code", TRUE, "error", NULL) ||
      !check_string (err, "message", FALSE, "error", NULL) ||
      !check_string (err, "reason", FALSE, "error", NULL))
    return FALSE;

  if (out_code)
    *out_code = g_strdup (json_object_get_string_member (err, "code"));
  if (out_message)
    *out_message = g_strdup (json_object_get_string_member_with_default (err, "message", NULL));
  if (out_reason)
    {
      JsonNode *detail = json_object_get_member (err, "detail");

      *out_reason = g_strdup (json_object_get_string_member_with_default (err, "reason", NULL));
      /* A 400's "detail" says why as a code, which the UI can translate. */
      if (*out_reason == NULL && detail != NULL && JSON_NODE_HOLDS_VALUE (detail) &&
          json_node_get_value_type (detail) == G_TYPE_STRING)
        *out_reason = g_strdup (json_node_get_string (detail));
    }
  if (out_current_version)
    *out_current_version = json_object_get_int_member_with_default (err, "current_version", -1);
  return TRUE;
}

static JsonObject *
holder_of (JsonObject *obj)
{
  JsonNode *node = obj ? json_object_get_member (obj, "holder") : NULL;
  JsonObject *holder;
  JsonNode *name, *staff;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  holder = json_node_get_object (node);
  name = json_object_get_member (holder, "name");
  staff = json_object_get_member (holder, "staff_id");
  if (name == NULL || json_node_get_value_type (name) != G_TYPE_STRING ||
      (staff != NULL && !JSON_NODE_HOLDS_NULL (staff) && json_node_get_value_type (staff) != G_TYPE_STRING))
    return NULL;
  return holder;
}

gboolean
shou_api_decode_error_holder (GBytes  *bytes,
                              char   **out_staff_id,
                              char   **out_name)
{
  g_autoptr(JsonNode) root = parse (bytes, NULL);
  JsonNode *node;
  JsonObject *holder;

  if (root == NULL)
    return FALSE;
  node = json_object_get_member (json_node_get_object (root), "error");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (holder = holder_of (json_node_get_object (node))) == NULL)
    return FALSE;
  *out_staff_id = g_strdup (json_object_get_string_member_with_default (holder, "staff_id", NULL));
  *out_name = g_strdup (json_object_get_string_member (holder, "name"));
  return TRUE;
}

JsonObject *
shou_api_decode_claim (GBytes  *bytes,
                       GError **error)
{
  g_autoptr(JsonNode) root = parse (bytes, error);
  JsonNode *node;
  JsonObject *claim;

  if (root == NULL)
    return NULL;
  node = json_object_get_member (json_node_get_object (root), "claim");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return bad (error, "claim", "claim"), NULL;
  claim = json_node_get_object (node);
  if (holder_of (claim) == NULL)
    return bad (error, "claim", "holder"), NULL;
  if (!check_int (claim, "expires_at", TRUE, "claim", error))
    return NULL;
  return json_object_ref (claim);
}
