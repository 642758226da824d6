/* shou-profile-load.c: loading and validating platform rule profiles (JSON) */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "shou-profile-private.h"
#include "shou-time.h"

#define SHOU_PROFILE_SCHEMA 1

G_DEFINE_QUARK (shou-profile-error-quark, shou_profile_error)

/* Parsing context: the file name and a JSON path for error messages. */
typedef struct
{
  const char *name;
  GError    **error;
} Ctx;

static gboolean G_GNUC_PRINTF (4, 5)
fail (Ctx        *ctx,
      int         code,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (ctx->error, SHOU_PROFILE_ERROR, code, "%s: %s: %s",
               ctx->name, path, msg);
  return FALSE;
}

static JsonNode *
member (Ctx        *ctx,
        JsonObject *obj,
        const char *parent,
        const char *key,
        gboolean    required,
        gboolean   *ok)
{
  JsonNode *node = json_object_get_member (obj, key);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *path = parent[0] ? g_strdup_printf ("%s.%s", parent, key)
                                            : g_strdup (key);
          *ok = fail (ctx, SHOU_PROFILE_ERROR_MISSING, path, "required field is missing");
        }
      return NULL;
    }
  return node;
}

static char *
join_path (const char *parent,
           const char *key)
{
  return parent[0] ? g_strdup_printf ("%s.%s", parent, key) : g_strdup (key);
}

static gboolean
read_string (Ctx         *ctx,
             JsonObject  *obj,
             const char  *parent,
             const char  *key,
             gboolean     required,
             const char **out)
{
  gboolean ok;
  JsonNode *node = member (ctx, obj, parent, key, required, &ok);
  g_autofree char *path = join_path (parent, key);

  *out = NULL;
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "expected a string");
  *out = json_node_get_string (node);
  if (required && (*out)[0] == '\0')
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "must not be empty");
  return TRUE;
}

static gboolean
read_bool (Ctx        *ctx,
           JsonObject *obj,
           const char *parent,
           const char *key,
           gboolean    required,
           gboolean    dflt,
           gboolean   *out)
{
  gboolean ok;
  JsonNode *node = member (ctx, obj, parent, key, required, &ok);
  g_autofree char *path = join_path (parent, key);

  *out = dflt;
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "expected true or false");
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A tri-state filter: absent = -1 (any), false = 0, true = 1. */
static gboolean
read_filter (Ctx        *ctx,
             JsonObject *obj,
             const char *parent,
             const char *key,
             int        *out)
{
  gboolean value;
  gboolean ok;

  *out = -1;
  if (member (ctx, obj, parent, key, FALSE, &ok) == NULL)
    return ok;
  if (!read_bool (ctx, obj, parent, key, TRUE, FALSE, &value))
    return FALSE;
  *out = value ? 1 : 0;
  return TRUE;
}

static gboolean
read_int (Ctx        *ctx,
          JsonObject *obj,
          const char *parent,
          const char *key,
          gboolean    required,
          gint64      min,
          gint64      max,
          gint64      dflt,
          gint64     *out)
{
  gboolean ok;
  JsonNode *node = member (ctx, obj, parent, key, required, &ok);
  g_autofree char *path = join_path (parent, key);
  gint64 v;

  *out = dflt;
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "expected an integer");
  v = json_node_get_int (node);
  if (v < min || v > max)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path,
                 "%" G_GINT64_FORMAT " is out of range %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                 v, min, max);
  *out = v;
  return TRUE;
}

static gboolean
read_duration (Ctx        *ctx,
               JsonObject *obj,
               const char *parent,
               const char *key,
               gboolean    required,
               gboolean    allow_working_days,
               gint64     *out_usec,
               int        *out_working_days)
{
  const char *text;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = join_path (parent, key);
  int wd = 0;

  *out_usec = 0;
  if (out_working_days != NULL)
    *out_working_days = 0;
  if (!read_string (ctx, obj, parent, key, required, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!shou_duration_parse (text, out_usec, &wd, &local_error))
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "%s", local_error->message);
  if (wd > 0 && (!allow_working_days || *out_usec != 0))
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path,
                 "working days (\"wd\") are not allowed here or cannot be mixed with other units");
  if (wd == 0 && *out_usec <= 0)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "duration must be positive");
  if (out_working_days != NULL)
    *out_working_days = wd;
  return TRUE;
}

/* The member @key of @obj if it holds a @type node; a missing member is
 * an error only when @required, a wrong type always. */
static JsonNode *
read_typed (Ctx          *ctx,
            JsonObject   *obj,
            const char   *parent,
            const char   *key,
            gboolean      required,
            JsonNodeType  type,
            const char   *expected,
            gboolean     *ok)
{
  JsonNode *node = member (ctx, obj, parent, key, required, ok);
  g_autofree char *path = join_path (parent, key);

  if (node == NULL)
    return NULL;
  if (JSON_NODE_TYPE (node) != type)
    {
      *ok = fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "%s", expected);
      return NULL;
    }
  return node;
}

static JsonObject *
read_object (Ctx        *ctx,
             JsonObject *obj,
             const char *parent,
             const char *key,
             gboolean    required,
             gboolean   *ok)
{
  JsonNode *node = read_typed (ctx, obj, parent, key, required, JSON_NODE_OBJECT,
                               "expected an object", ok);

  return node != NULL ? json_node_get_object (node) : NULL;
}

static JsonArray *
read_array (Ctx        *ctx,
            JsonObject *obj,
            const char *parent,
            const char *key,
            gboolean    required,
            gboolean   *ok)
{
  JsonNode *node = read_typed (ctx, obj, parent, key, required, JSON_NODE_ARRAY,
                               "expected an array", ok);

  return node != NULL ? json_node_get_array (node) : NULL;
}

/* Unknown keys are errors: a typo must not silently drop a rule. */
static gboolean
check_keys (Ctx                *ctx,
            JsonObject         *obj,
            const char         *path,
            const char * const *allowed)
{
  g_autoptr(GList) keys = json_object_get_members (obj);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *p = join_path (path, l->data);
          return fail (ctx, SHOU_PROFILE_ERROR_INVALID, p, "unknown field");
        }
    }
  return TRUE;
}

static gboolean
read_types_mask (Ctx        *ctx,
                 JsonArray  *array,
                 const char *path,
                 guint      *out)
{
  *out = 0;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *ipath = g_strdup_printf ("%s[%u]", path, i);
      ShouRequestType type;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (ctx, SHOU_PROFILE_ERROR_INVALID, ipath, "expected a request type string");
      if (!shou_request_type_from_string (json_node_get_string (node), &type))
        return fail (ctx, SHOU_PROFILE_ERROR_INVALID, ipath,
                     "unknown request type \"%s\"", json_node_get_string (node));
      *out |= 1u << type;
    }
  return TRUE;
}

static gboolean
parse_open_types (Ctx         *ctx,
                  JsonObject  *root,
                  ShouProfile *self)
{
  gboolean ok;
  JsonObject *obj = read_object (ctx, root, "", "open_types", TRUE, &ok);

  if (obj == NULL)
    return ok;

  for (guint s = 0; s < SHOU_N_ORDER_STATES; s++)
    {
      const char *key = shou_order_state_to_string ((ShouOrderState) s);
      g_autofree char *path = g_strdup_printf ("open_types.%s", key);
      /* The cash-on-delivery states came later: absent means nothing opens. */
      gboolean required = s < SHOU_ORDER_PENDING_CONFIRM;
      JsonArray *array = read_array (ctx, obj, "open_types", key, required, &ok);

      if (array == NULL && (required || !ok))
        return ok;
      if (array == NULL)
        continue;
      if (!read_types_mask (ctx, array, path, &self->open_types[s]))
        return FALSE;
    }

  {
    g_autoptr(GList) keys = json_object_get_members (obj);

    for (GList *l = keys; l != NULL; l = l->next)
      {
        ShouOrderState state;
        g_autofree char *path = g_strdup_printf ("open_types.%s", (const char *) l->data);

        if (!shou_order_state_from_string (l->data, &state))
          return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "unknown order state");
      }
  }

  return TRUE;
}

static gboolean
parse_deadline (Ctx              *ctx,
                JsonNode         *node,
                guint             index,
                ShouDeadlineRule *rule)
{
  g_autofree char *path = g_strdup_printf ("deadlines[%u]", index);
  JsonObject *obj;
  JsonArray *types;
  const char *str;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "expected an object");
  obj = json_node_get_object (node);

  {
    static const char * const keys[] = { "id", "status", "types", "shipped", "received", "cod",
                                         "actor", "duration", "on_lapse", "seed", "note",
                                         "practice", NULL };
    if (!check_keys (ctx, obj, path, keys))
      return FALSE;
  }

  if (!read_string (ctx, obj, path, "id", TRUE, &str))
    return FALSE;
  rule->id = g_strdup (str);

  if (!read_string (ctx, obj, path, "status", TRUE, &str))
    return FALSE;
  if (!shou_status_from_string (str, &rule->status))
    {
      g_autofree char *p = join_path (path, "status");
      return fail (ctx, SHOU_PROFILE_ERROR_INVALID, p, "unknown status \"%s\"", str);
    }
  if (shou_status_is_finished (rule->status))
    {
      g_autofree char *p = join_path (path, "status");
      return fail (ctx, SHOU_PROFILE_ERROR_INVALID, p, "a finished status has no deadline");
    }

  types = read_array (ctx, obj, path, "types", FALSE, &ok);
  if (!ok)
    return FALSE;
  rule->types_mask = 0;
  if (types != NULL)
    {
      g_autofree char *p = join_path (path, "types");
      if (!read_types_mask (ctx, types, p, &rule->types_mask))
        return FALSE;
      if (rule->types_mask == 0)
        return fail (ctx, SHOU_PROFILE_ERROR_INVALID, p, "must not be empty (omit it for all types)");
    }

  if (!read_filter (ctx, obj, path, "shipped", &rule->shipped) ||
      !read_filter (ctx, obj, path, "received", &rule->received) ||
      !read_filter (ctx, obj, path, "cod", &rule->cod) ||
      !read_bool (ctx, obj, path, "practice", FALSE, FALSE, &rule->practice))
    return FALSE;

  if (!read_string (ctx, obj, path, "actor", TRUE, &str))
    return FALSE;
  if (!shou_actor_from_string (str, &rule->actor))
    {
      g_autofree char *p = join_path (path, "actor");
      return fail (ctx, SHOU_PROFILE_ERROR_INVALID, p, "unknown actor \"%s\"", str);
    }

  if (!read_duration (ctx, obj, path, "duration", TRUE, TRUE,
                      &rule->duration, &rule->working_days))
    return FALSE;

  if (!read_string (ctx, obj, path, "on_lapse", TRUE, &str))
    return FALSE;
  if (!shou_lapse_from_string (str, &rule->on_lapse) ||
      rule->on_lapse == SHOU_LAPSE_NEXT_ROUND)
    {
      g_autofree char *p = join_path (path, "on_lapse");
      return fail (ctx, SHOU_PROFILE_ERROR_INVALID, p, "unknown or unusable lapse outcome \"%s\"", str);
    }

  if (!read_string (ctx, obj, path, "seed", TRUE, &str))
    return FALSE;
  rule->seed = g_strdup (str);

  return TRUE;
}

static gboolean
parse_deadlines (Ctx         *ctx,
                 JsonObject  *root,
                 ShouProfile *self)
{
  gboolean ok;
  JsonArray *array = read_array (ctx, root, "", "deadlines", TRUE, &ok);

  if (array == NULL)
    return ok;

  self->n_deadlines = json_array_get_length (array);
  self->deadlines = g_new0 (ShouDeadlineRule, MAX (self->n_deadlines, 1));
  for (guint i = 0; i < self->n_deadlines; i++)
    {
      if (!parse_deadline (ctx, json_array_get_element (array, i), i, &self->deadlines[i]))
        return FALSE;
      for (guint j = 0; j < i; j++)
        {
          if (g_strcmp0 (self->deadlines[j].id, self->deadlines[i].id) == 0)
            {
              g_autofree char *p = g_strdup_printf ("deadlines[%u].id", i);
              return fail (ctx, SHOU_PROFILE_ERROR_INVALID, p,
                           "duplicate id \"%s\"", self->deadlines[i].id);
            }
        }
    }
  return TRUE;
}

static gboolean
parse_reasons (Ctx         *ctx,
               JsonObject  *root,
               ShouProfile *self)
{
  gboolean ok;
  JsonArray *array = read_array (ctx, root, "", "reject_reasons", TRUE, &ok);

  if (array == NULL)
    return ok;

  self->n_reasons = json_array_get_length (array);
  if (self->n_reasons == 0)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, "reject_reasons", "must list at least one reason");
  self->reasons = g_new0 (ShouRejectReason, self->n_reasons);
  for (guint i = 0; i < self->n_reasons; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("reject_reasons[%u]", i);
      JsonObject *obj;
      const char *str;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "expected an object");
      obj = json_node_get_object (node);
      {
        static const char * const keys[] = { "code", "text", "evidence_required", NULL };
        if (!check_keys (ctx, obj, path, keys))
          return FALSE;
      }
      if (!read_string (ctx, obj, path, "code", TRUE, &str))
        return FALSE;
      self->reasons[i].code = g_strdup (str);
      if (!read_string (ctx, obj, path, "text", TRUE, &str))
        return FALSE;
      self->reasons[i].text = g_strdup (str);
      if (!read_bool (ctx, obj, path, "evidence_required", TRUE, FALSE,
                      &self->reasons[i].evidence_required))
        return FALSE;
      for (guint j = 0; j < i; j++)
        {
          if (g_strcmp0 (self->reasons[j].code, self->reasons[i].code) == 0)
            {
              g_autofree char *p = join_path (path, "code");
              return fail (ctx, SHOU_PROFILE_ERROR_INVALID, p,
                           "duplicate code \"%s\"", self->reasons[i].code);
            }
        }
    }
  return TRUE;
}

static gboolean
parse_negotiation (Ctx         *ctx,
                   JsonObject  *root,
                   ShouProfile *self)
{
  gboolean ok;
  gint64 rounds;
  JsonObject *obj = read_object (ctx, root, "", "negotiation", TRUE, &ok);

  if (obj == NULL)
    return ok;

  {
    static const char * const keys[] = { "required", "rounds", "wait", "round2_evidence_required",
                                         "reject_evidence_required", "seed", NULL };
    if (!check_keys (ctx, obj, "negotiation", keys))
      return FALSE;
  }

  if (!read_bool (ctx, obj, "negotiation", "required", TRUE, FALSE, &self->nego_required) ||
      !read_int (ctx, obj, "negotiation", "rounds", TRUE, 0, 2, 0, &rounds) ||
      !read_duration (ctx, obj, "negotiation", "wait", rounds > 0, FALSE, &self->nego_wait, NULL) ||
      !read_bool (ctx, obj, "negotiation", "round2_evidence_required", FALSE, FALSE,
                  &self->round2_evidence_required) ||
      !read_bool (ctx, obj, "negotiation", "reject_evidence_required", FALSE, FALSE,
                  &self->reject_evidence_required))
    return FALSE;
  self->nego_rounds = (guint) rounds;
  if (self->nego_required && rounds == 0)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, "negotiation.rounds",
                 "negotiation is required but no rounds are configured");
  return TRUE;
}

static gboolean
parse_evidence (Ctx         *ctx,
                JsonObject  *root,
                ShouProfile *self)
{
  static const char * const known[] = { "image/jpeg", "image/png", "application/pdf", NULL };
  gboolean ok;
  gint64 v;
  JsonArray *types;
  JsonObject *obj = read_object (ctx, root, "", "evidence", TRUE, &ok);

  if (obj == NULL)
    return ok;

  {
    static const char * const keys[] = { "types", "max_bytes", "max_count", "seed", NULL };
    if (!check_keys (ctx, obj, "evidence", keys))
      return FALSE;
  }

  types = read_array (ctx, obj, "evidence", "types", TRUE, &ok);
  if (types == NULL)
    return ok;
  if (json_array_get_length (types) == 0)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, "evidence.types", "must not be empty");
  self->evidence_types = g_new0 (char *, json_array_get_length (types) + 1);
  for (guint i = 0; i < json_array_get_length (types); i++)
    {
      JsonNode *node = json_array_get_element (types, i);
      g_autofree char *path = g_strdup_printf ("evidence.types[%u]", i);
      const char *str;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "expected a MIME type string");
      str = json_node_get_string (node);
      if (!g_strv_contains (known, str))
        return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path,
                     "unsupported type \"%s\" (image/jpeg, image/png or application/pdf)", str);
      self->evidence_types[i] = g_strdup (str);
    }

  if (!read_int (ctx, obj, "evidence", "max_bytes", TRUE, 1, 100 * 1024 * 1024, 0, &v))
    return FALSE;
  self->evidence_max_bytes = (gsize) v;
  if (!read_int (ctx, obj, "evidence", "max_count", TRUE, 1, 100, 0, &v))
    return FALSE;
  self->evidence_max_count = (guint) v;
  return TRUE;
}

static gboolean
parse_message (Ctx         *ctx,
               JsonObject  *root,
               ShouProfile *self)
{
  gboolean ok;
  gint64 v;
  const char *unit;
  JsonObject *obj = read_object (ctx, root, "", "message", TRUE, &ok);

  if (obj == NULL)
    return ok;

  {
    static const char * const keys[] = { "max", "unit", "explanation_min", "explanation_max",
                                         "seed", NULL };
    if (!check_keys (ctx, obj, "message", keys))
      return FALSE;
  }

  if (!read_int (ctx, obj, "message", "max", TRUE, 1, 100000, 0, &v))
    return FALSE;
  self->message_max = (guint) v;
  if (!read_string (ctx, obj, "message", "unit", TRUE, &unit))
    return FALSE;
  if (g_str_equal (unit, "bytes"))
    self->message_in_bytes = TRUE;
  else if (g_str_equal (unit, "chars"))
    self->message_in_bytes = FALSE;
  else
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, "message.unit",
                 "expected \"chars\" or \"bytes\", not \"%s\"", unit);

  if (!read_int (ctx, obj, "message", "explanation_min", TRUE, 0, 100000, 0, &v))
    return FALSE;
  self->explanation_min = (guint) v;
  if (!read_int (ctx, obj, "message", "explanation_max", TRUE, 1, 100000, 0, &v))
    return FALSE;
  self->explanation_max = (guint) v;
  if (self->explanation_min > self->explanation_max)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, "message.explanation_min",
                 "larger than explanation_max");
  return TRUE;
}

static gboolean
parse_risk (Ctx         *ctx,
            JsonObject  *root,
            ShouProfile *self)
{
  gboolean ok;
  JsonObject *obj = read_object (ctx, root, "", "risk", TRUE, &ok);

  if (obj == NULL)
    return ok;

  {
    static const char * const keys[] = { "small_amount_fen", "logistics_stall", "lapse_warning",
                                         "seed", NULL };
    if (!check_keys (ctx, obj, "risk", keys))
      return FALSE;
  }

  return read_int (ctx, obj, "risk", "small_amount_fen", TRUE, 0, G_MAXINT32, 0,
                   &self->small_amount_fen) &&
         read_duration (ctx, obj, "risk", "logistics_stall", TRUE, FALSE,
                        &self->logistics_stall, NULL) &&
         read_duration (ctx, obj, "risk", "lapse_warning", TRUE, FALSE,
                        &self->lapse_warning, NULL);
}

static gboolean
parse_facts (Ctx         *ctx,
             JsonObject  *root,
             ShouProfile *self)
{
  static const char * const keys[] = { "id", "duration", "amount_fen", "percent", "note",
                                       "seed", "practice", NULL };
  gboolean ok;
  JsonArray *array = read_array (ctx, root, "", "facts", FALSE, &ok);

  self->facts = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_profile_fact_free);
  if (array == NULL)
    return ok;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("facts[%u]", i);
      ShouProfileFact *fact;
      JsonObject *obj;
      const char *str;
      gint64 v;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "expected an object");
      obj = json_node_get_object (node);
      if (!check_keys (ctx, obj, path, keys))
        return FALSE;

      fact = g_new0 (ShouProfileFact, 1);
      g_ptr_array_add (self->facts, fact);
      if (!read_string (ctx, obj, path, "id", TRUE, &str))
        return FALSE;
      fact->id = g_strdup (str);
      if (shou_profile_find_fact (self, fact->id) != fact)
        {
          g_autofree char *p = join_path (path, "id");
          return fail (ctx, SHOU_PROFILE_ERROR_INVALID, p, "duplicate id \"%s\"", fact->id);
        }
      if (!read_duration (ctx, obj, path, "duration", FALSE, TRUE,
                          &fact->duration, &fact->working_days))
        return FALSE;
      if (!read_int (ctx, obj, path, "amount_fen", FALSE, 0, G_MAXINT64, -1, &fact->amount_fen))
        return FALSE;
      if (!read_int (ctx, obj, path, "percent", FALSE, 0, 100, -1, &v))
        return FALSE;
      fact->percent = (int) v;
      if (!read_string (ctx, obj, path, "note", TRUE, &str))
        return FALSE;
      fact->note = g_strdup (str);
      if (!read_string (ctx, obj, path, "seed", TRUE, &str))
        return FALSE;
      fact->seed = g_strdup (str);
      if (!read_bool (ctx, obj, path, "practice", FALSE, FALSE, &fact->practice))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_escalation_rule (Ctx         *ctx,
                       JsonObject  *obj,
                       const char  *path,
                       ShouProfile *self)
{
  static const char * const keys[] = { "after", "shipped", "seed", NULL };
  guint i = self->n_escalations;
  const char *str;

  if (i >= SHOU_PROFILE_MAX_ESCALATIONS)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "at most %d escalation rules",
                 SHOU_PROFILE_MAX_ESCALATIONS);
  if (!check_keys (ctx, obj, path, keys) ||
      !read_duration (ctx, obj, path, "after", TRUE, FALSE, &self->escalate_after[i], NULL) ||
      !read_filter (ctx, obj, path, "shipped", &self->escalate_shipped[i]) ||
      !read_string (ctx, obj, path, "seed", TRUE, &str))
    return FALSE;
  self->n_escalations++;
  return TRUE;
}

/* "escalation": one rule, or a list of rules filtered by "shipped" (the
 * 2019 Taobao profile: from day 3 before shipment, 15 days after it). */
static gboolean
parse_escalation (Ctx         *ctx,
                  JsonObject  *root,
                  ShouProfile *self)
{
  gboolean ok = TRUE;
  JsonNode *node = member (ctx, root, "", "escalation", FALSE, &ok);
  JsonArray *array;

  self->n_escalations = 0;
  if (node == NULL)
    return ok;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return parse_escalation_rule (ctx, json_node_get_object (node), "escalation", self);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, "escalation", "expected an object or an array");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("escalation[%u]", i);
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (ctx, SHOU_PROFILE_ERROR_INVALID, path, "expected an object");
      if (!parse_escalation_rule (ctx, json_node_get_object (element), path, self))
        return FALSE;
    }
  return TRUE;
}

/* "batch": what one platform call may carry of a kind of action. Absent,
 * or a kind left out: one action a call, no amount cap. */
static gboolean
parse_batch (Ctx         *ctx,
             JsonObject  *root,
             ShouProfile *self)
{
  gboolean ok;
  JsonObject *obj = read_object (ctx, root, "", "batch", FALSE, &ok);
  JsonObject *agree;
  const char *seed;
  static const char * const keys[] = { "agree_refund", "seed", NULL };
  static const char * const akeys[] = { "max_count", "max_fen", NULL };

  self->agree_batch_count = 1;
  self->agree_batch_fen = 0;
  if (obj == NULL)
    return ok;
  if (!check_keys (ctx, obj, "batch", keys) ||
      !read_string (ctx, obj, "batch", "seed", TRUE, &seed))
    return FALSE;
  agree = read_object (ctx, obj, "batch", "agree_refund", FALSE, &ok);
  if (agree == NULL)
    return ok;
  return check_keys (ctx, agree, "batch.agree_refund", akeys) &&
         read_int (ctx, agree, "batch.agree_refund", "max_count", TRUE, 1, 1000, 1,
                   &self->agree_batch_count) &&
         read_int (ctx, agree, "batch.agree_refund", "max_fen", FALSE, 0, G_MAXINT64 / 2, 0,
                   &self->agree_batch_fen);
}

static gboolean
parse_root (Ctx         *ctx,
            JsonObject  *root,
            ShouProfile *self)
{
  const char *str;
  gint64 schema;
  gboolean ok;
  JsonObject *window;

  static const char * const keys[] = {
    "schema", "platform", "version", "description", "open_types", "window", "deadlines",
    "negotiation", "reject_before_shipment", "escalation", "evidence", "message", "risk",
    "line_reopenable", "line_reopenable_seed", "facts", "reject_reasons", "working_calendar",
    "batch", NULL
  };

  if (!check_keys (ctx, root, "", keys))
    return FALSE;

  if (!read_int (ctx, root, "", "schema", TRUE, 0, G_MAXINT32, 0, &schema))
    return FALSE;
  if (schema != SHOU_PROFILE_SCHEMA)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, "schema",
                 "schema %" G_GINT64_FORMAT " is not supported (expected %d)",
                 schema, SHOU_PROFILE_SCHEMA);

  if (!read_string (ctx, root, "", "platform", TRUE, &str))
    return FALSE;
  if (!shou_platform_from_string (str, &self->platform))
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, "platform", "unknown platform \"%s\"", str);

  if (!read_string (ctx, root, "", "version", TRUE, &str))
    return FALSE;
  self->version = g_strdup (str);
  if (strchr (self->version, '-') != NULL || strchr (self->version, '/') != NULL)
    return fail (ctx, SHOU_PROFILE_ERROR_INVALID, "version", "must not contain '-' or '/'");

  if (!read_string (ctx, root, "", "description", FALSE, &str))
    return FALSE;
  self->description = g_strdup (str);

  if (!parse_open_types (ctx, root, self))
    return FALSE;

  window = read_object (ctx, root, "", "window", TRUE, &ok);
  if (window == NULL)
    return ok;
  {
    static const char * const wkeys[] = { "duration", "seed", NULL };
    if (!check_keys (ctx, window, "window", wkeys))
      return FALSE;
  }
  if (!read_duration (ctx, window, "window", "duration", TRUE, FALSE, &self->window, NULL) ||
      !read_string (ctx, window, "window", "seed", TRUE, &str))
    return FALSE;

  if (!parse_deadlines (ctx, root, self) ||
      !parse_negotiation (ctx, root, self) ||
      !read_bool (ctx, root, "", "reject_before_shipment", TRUE, FALSE,
                  &self->reject_before_shipment) ||
      !parse_escalation (ctx, root, self) ||
      !parse_evidence (ctx, root, self) ||
      !parse_message (ctx, root, self) ||
      !parse_risk (ctx, root, self) ||
      !parse_batch (ctx, root, self) ||
      !read_bool (ctx, root, "", "line_reopenable", TRUE, FALSE, &self->line_reopenable) ||
      !read_string (ctx, root, "", "line_reopenable_seed", FALSE, &str) ||
      !parse_facts (ctx, root, self) ||
      !parse_reasons (ctx, root, self) ||
      !shou_profile_parse_calendar (self, json_object_get_member (root, "working_calendar"),
                                    ctx->name, ctx->error))
    return FALSE;

  return TRUE;
}

ShouProfile *
shou_profile_new_from_data (const char  *data,
                            gsize        length,
                            const char  *name,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  ShouProfile *self;
  JsonNode *root;
  Ctx ctx = { name ? name : "(profile)", error };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, SHOU_PROFILE_ERROR, SHOU_PROFILE_ERROR_PARSE,
                   "%s: not valid JSON: %s", ctx.name, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SHOU_PROFILE_ERROR, SHOU_PROFILE_ERROR_PARSE,
                   "%s: the top level must be a JSON object", ctx.name);
      return NULL;
    }

  self = g_new0 (ShouProfile, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (ctx.name);

  if (!parse_root (&ctx, json_node_get_object (root), self))
    {
      shou_profile_unref (self);
      return NULL;
    }

  return self;
}

ShouProfile *
shou_profile_new_from_file (GFile   *file,
                            GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    {
      g_prefix_error (error, "%s: ", basename);
      return NULL;
    }

  return shou_profile_new_from_data (contents, length, basename, error);
}
