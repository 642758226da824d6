#include "config.h"

#include <glib/gi18n-lib.h>

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
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
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
  JsonObject *obj;
  JsonArray *changes;
  JsonNode *node;

  if (root == NULL)
    return NULL;
  obj = json_node_get_object (root);
  node = json_object_get_member (obj, "changes");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return bad (error, "changes", "changes"), NULL;
  if (!check_string (obj, "next_cursor", TRUE, "changes", error) ||
      !check_int (obj, "server_time", FALSE, "changes", error))
    return NULL;
  node = json_object_get_member (obj, "has_more");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return bad (error, "changes", "has_more"), NULL;

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
      JsonObject *change, *data;
      const char *kind;
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
      data = json_object_get_object_member (change, "data");
      if (g_str_equal (kind, "aftersale"))
        ok = shou_api_validate_aftersale (data, error);
      else if (g_str_equal (kind, "order"))
        ok = shou_api_validate_order (data, error);
      else if (g_str_equal (kind, "address"))
        ok = shou_api_validate_address (data, error);
      else
        continue;
      if (!ok)
        return NULL;
      if (g_strcmp0 (json_object_get_string_member (data, "id"),
                     json_object_get_string_member (change, "id")) != 0)
        return bad (error, "change", "id"), NULL;
      g_ptr_array_add (page->changes, json_object_ref (change));
      /* Serialised here, off the main thread, for the cache's copy. */
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
    *out_reason = g_strdup (json_object_get_string_member_with_default (err, "reason", NULL));
  if (out_current_version)
    *out_current_version = json_object_get_int_member_with_default (err, "current_version", -1);
  return TRUE;
}
