/* shou-hub-json.c: JSON text to and from the store. */
#include "config.h"

#include "shou-hub-json.h"

char *
shou_hub_json_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_node_set_object (node, object);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

JsonObject *
shou_hub_json_from_string (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return json_object_new ();
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

/* shou_hub_json_with_version() written at the end of @out, without a copy
 * of its own; FALSE (and nothing written) where that returns %NULL.
 * @len: the length of @data. */
gboolean
shou_hub_json_append_with_version (GString    *out,
                                   const char *data,
                                   gsize       len,
                                   const char *version,
                                   const char *updated_at)
{
  gboolean has_members;

  if (data == NULL)
    return FALSE;
  while (len > 0 && data[len - 1] != '}')
    len--;
  if (len <= 1)
    return FALSE;
  has_members = memchr (data, ':', len) != NULL;
  g_string_append_len (out, data, len - 1);
  if (has_members)
    g_string_append_c (out, ',');
  g_string_append_len (out, "\"version\":", 10);
  g_string_append (out, version);
  g_string_append_len (out, ",\"updated_at\":", 14);
  g_string_append (out, updated_at);
  g_string_append_c (out, '}');
  return TRUE;
}

char *
shou_hub_json_with_version (const char *data,
                            const char *version,
                            const char *updated_at)
{
  gsize len;

  if (data == NULL)
    return NULL;
  len = strlen (data);
  while (len > 0 && data[len - 1] != '}')
    len--;
  if (len <= 1)
    return NULL;
  return g_strdup_printf ("%.*s%s\"version\":%s,\"updated_at\":%s}", (int) (len - 1), data,
                          strchr (data, ':') != NULL ? "," : "", version, updated_at);
}
