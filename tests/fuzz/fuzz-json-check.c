/* Fuzz the strict JSON checker (core/shou-json-check.c) against json-glib:
 * whatever the checker accepts json-glib parses, to a tree no deeper than
 * the limit; the counted array's length is right; and the checker never
 * recurses, whatever the nesting. */
#include "config.h"

#include <stdint.h>
#include <json-glib/json-glib.h>

#include "core/shou-json-check.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
depth_of (JsonNode *node)
{
  guint deepest = 0;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) values = json_object_get_values (json_node_get_object (node));

      for (GList *l = values; l != NULL; l = l->next)
        deepest = MAX (deepest, depth_of (l->data));
      return deepest + 1;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        deepest = MAX (deepest, depth_of (json_array_get_element (array, i)));
      return deepest + 1;
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ShouJsonCheckLimits limits = { 8, FALSE, "changes", 0 };
  ShouJsonCheckLimits lax = { 8, TRUE, "changes", 3 };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;
  gboolean strict;
  gboolean relaxed;

  strict = shou_json_check ((const char *) data, size, &limits, &count, &error);
  g_assert_true (strict || error != NULL);
  g_clear_error (&error);
  relaxed = shou_json_check ((const char *) data, size, &lax, NULL, NULL);
  /* Duplicates allowed and a count limit: accepts no less, unless it counted over 3. */
  if (strict && count <= 3)
    g_assert_true (relaxed);
  if (!strict && !relaxed)
    return 0;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, &error))
    g_error ("The checker accepted what json-glib refuses: %s", error->message);
  if (json_parser_get_root (parser) != NULL)
    {
      JsonNode *root = json_parser_get_root (parser);

      g_assert_cmpuint (depth_of (root), <=, 8);
      if (strict && JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonNode *changes = json_object_get_member (json_node_get_object (root), "changes");

          if (changes != NULL && JSON_NODE_HOLDS_ARRAY (changes))
            g_assert_cmpuint (json_array_get_length (json_node_get_array (changes)), ==, count);
          else
            g_assert_cmpuint (count, ==, 0);
        }
    }
  return 0;
}
