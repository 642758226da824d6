#include "config.h"

#include <math.h>

#include "core/shou-json-check.h"
#include "core/shou-validate.h"
#include "hub/shou-hub-input.h"

static gboolean
fail (ShouHubFailure **failure,
      ShouHubFailure  *f)
{
  if (failure != NULL)
    *failure = f;
  else
    shou_hub_failure_free (f);
  return FALSE;
}

JsonObject *
shou_hub_input_parse (const char       *data,
                      gsize             length,
                      ShouHubFailure  **failure)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (length > SHOU_HUB_MAX_JSON_BYTES)
    {
      fail (failure, shou_hub_failure_new (413, "too_large",
                                           "The body is %" G_GSIZE_FORMAT " bytes; at most %d are accepted",
                                           length, SHOU_HUB_MAX_JSON_BYTES));
      return NULL;
    }
  if (data == NULL || length == 0)
    {
      fail (failure, shou_hub_failure_new (400, "bad_json", "The body is empty; a JSON object is expected"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      fail (failure, shou_hub_failure_new (400, "bad_json", "The body is not valid UTF-8"));
      return NULL;
    }
  /* Strict JSON, in constant stack, before json-glib (which recurses once
   * per level and accepts comments, 'quotes', 0x1F and duplicate keys). */
  if (!shou_json_check (data, length, NULL, NULL, &error))
    {
      fail (failure, shou_hub_failure_new (400, "bad_json", "The body is not strict JSON: %s", error->message));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &error))
    {
      fail (failure, shou_hub_failure_new (400, "bad_json", "The body is not valid JSON: %s", error->message));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (failure, shou_hub_failure_new (400, "bad_json", "The body must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

char *
shou_hub_input_hash (const char *scope,
                     JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  g_checksum_update (sum, (const guchar *) scope, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) text, -1);
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
shou_hub_input_check_fields (JsonObject         *object,
                             const char * const *allowed,
                             const char         *prefix,
                             ShouHubFailure    **failure)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *field = prefix ? g_strconcat (prefix, ".", l->data, NULL)
                                        : g_strdup (l->data);

        return fail (failure, shou_hub_failure_bad (field, "unknown_field",
                                                    "Unknown field \"%s\"", field));
      }
  return TRUE;
}

static JsonNode *
member (JsonObject      *object,
        const char      *name,
        gboolean         required,
        ShouHubFailure **failure,
        gboolean        *ok)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        *ok = fail (failure, shou_hub_failure_bad (name, "missing_field",
                                                   "The field \"%s\" is required", name));
      return NULL;
    }
  return node;
}

gboolean
shou_hub_input_string (JsonObject      *object,
                       const char      *name,
                       gboolean         required,
                       const char     **out,
                       ShouHubFailure **failure)
{
  gboolean ok;
  JsonNode *node = member (object, name, required, failure, &ok);

  *out = NULL;
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (failure, shou_hub_failure_bad (name, "wrong_type",
                                                "The field \"%s\" must be a string", name));
  *out = json_node_get_string (node);
  /* Stored as the seller wrote it, without zero-width and bidi controls;
   * NUL, terminal escapes and other controls are refused. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *clean = shou_text_clean (*out, -1, &error);

    if (clean == NULL)
      return fail (failure, shou_hub_failure_bad (name, "invalid_text",
                                                  "The field \"%s\" holds control characters", name));
    if (!g_str_equal (clean, *out))
      {
        json_object_set_string_member (object, name, clean);
        *out = json_object_get_string_member (object, name);
      }
  }
  if (required && **out == '\0')
    return fail (failure, shou_hub_failure_bad (name, "empty",
                                                "The field \"%s\" must not be empty", name));
  return TRUE;
}

gboolean
shou_hub_input_int (JsonObject      *object,
                    const char      *name,
                    gboolean         required,
                    gint64          *out,
                    ShouHubFailure **failure)
{
  gboolean ok;
  JsonNode *node = member (object, name, required, failure, &ok);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE &&
          fabs (json_node_get_double (node)) >= 9.2e18)
        return fail (failure, shou_hub_failure_bad (name, "overflow",
                                                    "The field \"%s\" is too large", name));
      return fail (failure, shou_hub_failure_bad (name, "wrong_type",
                                                  "The field \"%s\" must be an integer", name));
    }
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
shou_hub_input_amount (JsonObject      *object,
                       const char      *name,
                       gboolean         required,
                       gint64          *out,
                       ShouHubFailure **failure)
{
  gint64 value = 0;
  gboolean present = object && json_object_has_member (object, name) &&
                     !JSON_NODE_HOLDS_NULL (json_object_get_member (object, name));

  if (!shou_hub_input_int (object, name, required, &value, failure))
    {
      if (failure != NULL && *failure != NULL &&
          g_strcmp0 ((*failure)->detail, "overflow") == 0)
        {
          g_free ((*failure)->detail);
          (*failure)->detail = g_strdup ("amount_overflow");
        }
      return FALSE;
    }
  if (!present)
    return TRUE;
  if (value < 0)
    return fail (failure, shou_hub_failure_bad (name, "negative_amount",
                                                "The amount \"%s\" must not be negative", name));
  if (value > SHOU_MONEY_MAX_FEN)
    return fail (failure, shou_hub_failure_bad (name, "amount_overflow",
                                                "The amount \"%s\" is above the largest accepted amount", name));
  *out = value;
  return TRUE;
}

gboolean
shou_hub_input_amount_upto (JsonObject      *object,
                            const char      *name,
                            gint64           max_fen,
                            gint64          *out,
                            ShouHubFailure **failure)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  gint64 value = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  /* -0 and 0.0 are zero, not "no amount". */
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE &&
      json_node_get_double (node) == 0.0)
    return fail (failure, shou_hub_failure_bad (name, "amount_out_of_range",
                                                "The amount \"%s\" must be at least 1 fen", name));
  if (!shou_hub_input_amount (object, name, TRUE, &value, failure))
    return FALSE;
  if (!shou_validate_amount (value, max_fen, NULL))
    return fail (failure, shou_hub_failure_bad (name, "amount_out_of_range",
                                                "The amount \"%s\" must be from 1 fen to %" G_GINT64_FORMAT " fen",
                                                name, MAX (max_fen, 0)));
  *out = value;
  return TRUE;
}

gboolean
shou_hub_input_bool (JsonObject      *object,
                     const char      *name,
                     gboolean        *out,
                     ShouHubFailure **failure)
{
  gboolean ok;
  JsonNode *node = member (object, name, FALSE, failure, &ok);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (failure, shou_hub_failure_bad (name, "wrong_type",
                                                "The field \"%s\" must be true or false", name));
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
shou_hub_input_strings (JsonObject      *object,
                        const char      *name,
                        JsonArray      **out,
                        ShouHubFailure **failure)
{
  gboolean ok;
  JsonNode *node = member (object, name, FALSE, failure, &ok);
  JsonArray *array;

  *out = NULL;
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (failure, shou_hub_failure_bad (name, "wrong_type",
                                                "The field \"%s\" must be an array of strings", name));
  array = json_node_get_array (node);
  if (json_array_get_length (array) > 100)
    return fail (failure, shou_hub_failure_bad (name, "too_many",
                                                "The field \"%s\" has too many items", name));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
        return fail (failure, shou_hub_failure_bad (name, "wrong_type",
                                                    "The field \"%s\" must be an array of strings", name));
    }
  *out = array;
  return TRUE;
}

gboolean
shou_hub_input_tracking (const char      *carrier,
                         const char      *tracking_no,
                         ShouHubFailure **failure)
{
  g_autoptr(GError) error = NULL;

  if (shou_carrier_find (carrier) == NULL)
    return fail (failure, shou_hub_failure_bad ("carrier", "unknown_carrier",
                                                "Unknown carrier code \"%s\"", carrier));
  if (!shou_validate_tracking_number (carrier, tracking_no, &error))
    return fail (failure, shou_hub_failure_bad ("tracking_no", "invalid_tracking_no",
                                                "Invalid tracking number: %s", error->message));
  return TRUE;
}

gboolean
shou_hub_input_shipment (JsonObject      *object,
                         const char     **carrier,
                         const char     **tracking_no,
                         const char     **carrier_name,
                         ShouHubFailure **failure)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL;

  *carrier_name = NULL;
  if (!shou_hub_input_string (object, "carrier", TRUE, carrier, failure) ||
      !shou_hub_input_string (object, "tracking_no", TRUE, tracking_no, failure))
    return FALSE;
  if (!shou_carrier_is_other (*carrier))
    return shou_hub_input_tracking (*carrier, *tracking_no, failure);

  if (!shou_hub_input_string (object, "carrier_name", TRUE, &name, failure))
    return FALSE;
  if (!shou_validate_carrier_name (name, &error))
    return fail (failure, shou_hub_failure_bad ("carrier_name", "invalid_carrier_name",
                                                "Invalid carrier name: %s", error->message));
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (name));

    if (!g_str_equal (trimmed, name))
      json_object_set_string_member (object, "carrier_name", trimmed);
  }
  *carrier_name = json_object_get_string_member (object, "carrier_name");
  if (!shou_validate_tracking_number (*carrier, *tracking_no, &error))
    return fail (failure, shou_hub_failure_bad ("tracking_no", "invalid_tracking_no",
                                                "Invalid tracking number: %s", error->message));
  /* Stored and sent as "OTHER" whatever case the client wrote. */
  if (!g_str_equal (*carrier, SHOU_CARRIER_OTHER))
    {
      json_object_set_string_member (object, "carrier", SHOU_CARRIER_OTHER);
      *carrier = json_object_get_string_member (object, "carrier");
    }
  return TRUE;
}

gboolean
shou_hub_input_text (const ShouProfile  *profile,
                     const char         *field,
                     const char         *text,
                     ShouHubFailure    **failure)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return TRUE;
  if (!shou_validate_message (profile, text, &error))
    {
      const char *detail = "invalid_text";

      if (g_error_matches (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_LONG))
        detail = "too_long";
      else if (g_error_matches (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY))
        detail = "empty";
      return fail (failure, shou_hub_failure_bad (field, detail, "%s", error->message));
    }
  if (!shou_validate_no_sensitive (text, &error))
    return fail (failure, shou_hub_failure_bad (field, "sensitive_word", "%s", error->message));
  return TRUE;
}

gboolean
shou_hub_input_params (JsonObject      *body,
                       JsonObject     **out,
                       ShouHubFailure **failure)
{
  JsonNode *node = json_object_get_member (body, "params");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (failure, shou_hub_failure_bad ("params", "wrong_type", "The field \"params\" must be an object"));
  *out = json_node_get_object (node);
  return TRUE;
}
