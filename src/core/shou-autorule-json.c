/* shou-autorule-json.c: rules as JSON, for storage, export and import. */
#include "config.h"

#include "shou-autorule.h"
#include "shou-domain.h"

JsonObject *
shou_autorule_to_json (const ShouAutorule *rule)
{
  JsonObject *o;
  JsonArray *conds, *tags;

  g_return_val_if_fail (rule != NULL, NULL);

  o = json_object_new ();
  json_object_set_string_member (o, "id", rule->id);
  json_object_set_string_member (o, "name", rule->name ? rule->name : "");
  json_object_set_boolean_member (o, "enabled", rule->enabled);
  conds = json_array_new ();
  for (guint i = 0; i < rule->conds->len; i++)
    {
      const ShouAutoruleCond *c = g_ptr_array_index (rule->conds, i);
      JsonObject *co = json_object_new ();

      json_object_set_string_member (co, "kind", shou_autorule_cond_kind_to_string (c->kind));
      if (shou_autorule_cond_is_number (c->kind))
        json_object_set_int_member (co, "number", c->number);
      else
        json_object_set_string_member (co, "text", c->text ? c->text : "");
      json_array_add_object_element (conds, co);
    }
  json_object_set_array_member (o, "conds", conds);
  json_object_set_string_member (o, "action", shou_autorule_action_to_string (rule->action));
  if (rule->arg)
    json_object_set_string_member (o, "arg", rule->arg);
  else
    json_object_set_null_member (o, "arg");
  tags = json_array_new ();
  for (guint i = 0; rule->exclude_tags != NULL && rule->exclude_tags[i] != NULL; i++)
    json_array_add_string_element (tags, rule->exclude_tags[i]);
  json_object_set_array_member (o, "exclude_tags", tags);
  json_object_set_int_member (o, "cap_count", rule->cap_count);
  json_object_set_int_member (o, "cap_amount_fen", rule->cap_amount_fen);
  return o;
}

static gboolean
bad (GError     **error,
     const char  *member,
     const char  *what)
{
  g_set_error (error, SHOU_DOMAIN_ERROR, SHOU_DOMAIN_ERROR_INVALID, "%s: %s", member, what);
  return FALSE;
}

static gboolean
get_text (JsonObject  *o,
          const char  *member,
          gboolean     required,
          const char **out,
          GError     **error)
{
  JsonNode *n = json_object_get_member (o, member);

  *out = NULL;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    {
      if (required)
        {
          g_set_error (error, SHOU_DOMAIN_ERROR, SHOU_DOMAIN_ERROR_MISSING, "%s: missing", member);
          return FALSE;
        }
      return TRUE;
    }
  if (json_node_get_value_type (n) != G_TYPE_STRING)
    return bad (error, member, "expected a string");
  *out = json_node_get_string (n);
  return TRUE;
}

static gboolean
get_int (JsonObject *o,
         const char *member,
         gint64     *out,
         GError    **error)
{
  JsonNode *n = json_object_get_member (o, member);

  if (n == NULL || json_node_get_value_type (n) != G_TYPE_INT64)
    return bad (error, member, "expected an integer");
  *out = json_node_get_int (n);
  if (*out < 0)
    return bad (error, member, "expected a number of 0 or more");
  return TRUE;
}

static gboolean
read_conds (ShouAutorule *rule,
            JsonArray    *conds,
            GError      **error)
{
  for (guint i = 0; i < json_array_get_length (conds); i++)
    {
      JsonNode *n = json_array_get_element (conds, i);
      JsonObject *co;
      const char *kind_s = NULL, *text = NULL;
      ShouAutoruleCondKind kind;
      gint64 number = 0;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return bad (error, "conds", "expected objects");
      co = json_node_get_object (n);
      if (!get_text (co, "kind", TRUE, &kind_s, error))
        return FALSE;
      if (!shou_autorule_cond_kind_from_string (kind_s, &kind))
        return bad (error, "conds.kind", "unknown condition");
      if (shou_autorule_cond_is_number (kind) ? !get_int (co, "number", &number, error)
                                              : !get_text (co, "text", TRUE, &text, error))
        return FALSE;
      g_ptr_array_add (rule->conds, shou_autorule_cond_new (kind, text, number));
    }
  return TRUE;
}

ShouAutorule *
shou_autorule_from_json (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(ShouAutorule) rule = NULL;
  const char *id, *name, *action_s, *arg;
  ShouAutoruleAction action;
  JsonNode *n;

  g_return_val_if_fail (object != NULL, NULL);

  if (!get_text (object, "id", TRUE, &id, error) ||
      !get_text (object, "name", TRUE, &name, error) ||
      !get_text (object, "action", TRUE, &action_s, error) ||
      !get_text (object, "arg", FALSE, &arg, error))
    return NULL;
  if (!shou_autorule_action_from_string (action_s, &action))
    {
      bad (error, "action", "unknown action");
      return NULL;
    }
  rule = shou_autorule_new (name, action, arg);
  g_free (rule->id);
  rule->id = g_strdup (id);
  n = json_object_get_member (object, "enabled");
  rule->enabled = n != NULL && json_node_get_value_type (n) == G_TYPE_BOOLEAN && json_node_get_boolean (n);
  n = json_object_get_member (object, "conds");
  if (n != NULL && !JSON_NODE_HOLDS_ARRAY (n))
    {
      bad (error, "conds", "expected an array");
      return NULL;
    }
  if (n != NULL && !read_conds (rule, json_node_get_array (n), error))
    return NULL;
  n = json_object_get_member (object, "exclude_tags");
  if (n != NULL && JSON_NODE_HOLDS_ARRAY (n))
    {
      JsonArray *a = json_node_get_array (n);
      GStrvBuilder *b = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (json_node_get_value_type (json_array_get_element (a, i)) == G_TYPE_STRING)
          g_strv_builder_add (b, json_array_get_string_element (a, i));
      rule->exclude_tags = g_strv_builder_end (b);
      g_strv_builder_unref (b);
    }
  if (!get_int (object, "cap_count", &rule->cap_count, error) ||
      !get_int (object, "cap_amount_fen", &rule->cap_amount_fen, error))
    return NULL;
  return g_steal_pointer (&rule);
}

char *
shou_autorules_to_text (GPtrArray *rules)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  JsonObject *o = json_object_new ();
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < rules->len; i++)
    json_array_add_object_element (a, shou_autorule_to_json (g_ptr_array_index (rules, i)));
  json_object_set_array_member (o, "autorules", a);
  json_node_take_object (root, o);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

GPtrArray *
shou_autorules_from_text (const char  *text,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) rules = NULL;
  JsonNode *root, *n;
  JsonArray *a;

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (n = json_object_get_member (json_node_get_object (root), "autorules")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (n))
    {
      bad (error, "autorules", "expected an array");
      return NULL;
    }
  a = json_node_get_array (n);
  rules = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_free);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      ShouAutorule *rule;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          bad (error, "autorules", "expected objects");
          return NULL;
        }
      rule = shou_autorule_from_json (json_node_get_object (e), error);
      if (rule == NULL)
        return NULL;
      g_ptr_array_add (rules, rule);
    }
  return g_steal_pointer (&rules);
}

JsonObject *
shou_autorule_action_params (const ShouAutorule *rule,
                             gint64              amount_fen)
{
  JsonObject *params;

  g_return_val_if_fail (rule != NULL, NULL);
  params = json_object_new ();

  switch (rule->action)
    {
    case SHOU_AUTORULE_AGREE_REFUND:
      json_object_set_int_member (params, "amount_fen", amount_fen);
      break;
    case SHOU_AUTORULE_AGREE_RETURN:
      json_object_set_string_member (params, "address_id", rule->arg ? rule->arg : "");
      break;
    case SHOU_AUTORULE_NEGOTIATE:
      {
        JsonArray *scripts = json_array_new ();

        if (rule->arg != NULL)
          json_array_add_string_element (scripts, rule->arg);
        json_object_set_int_member (params, "round", 1);
        json_object_set_array_member (params, "scripts", scripts);
      }
      break;
    case SHOU_AUTORULE_ADD_TAG:
    case SHOU_AUTORULE_NOTIFY:
    case SHOU_N_AUTORULE_ACTIONS:
    default:
      break;
    }
  return params;
}
