/* shou-annotation.c: tags and internal notes on a request: checks and
 * steps over the contract's JSON (API.md "annotation"). */
#include "config.h"

#include "shou-annotation.h"

static const char *const op_names[SHOU_N_ANNOTATION_OPS] = {
  "add_tag", "remove_tag", "add_note",
};

const char *
shou_annotation_op_to_string (ShouAnnotationOp op)
{
  g_return_val_if_fail (op < SHOU_N_ANNOTATION_OPS, NULL);
  return op_names[op];
}

gboolean
shou_annotation_op_from_string (const char       *name,
                                ShouAnnotationOp *op)
{
  for (guint i = 0; name != NULL && i < SHOU_N_ANNOTATION_OPS; i++)
    if (g_str_equal (name, op_names[i]))
      {
        *op = i;
        return TRUE;
      }
  return FALSE;
}

const char *
shou_annotation_check_value (ShouAnnotationOp  op,
                             const char       *value)
{
  gboolean tag = op != SHOU_ANNOTATION_ADD_NOTE;
  glong chars;

  if (value == NULL || *value == '\0')
    return "empty";
  if (!g_utf8_validate (value, -1, NULL))
    return "bad_characters";
  chars = g_utf8_strlen (value, -1);
  if (chars > (tag ? SHOU_ANNOTATION_TAG_CHARS : SHOU_ANNOTATION_NOTE_CHARS))
    return "too_long";
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A note keeps its line breaks; nothing else keeps a control. */
      if (g_unichar_iscntrl (c) && (tag || (c != '\n' && c != '\t')))
        return "bad_characters";
    }
  if (tag && (g_unichar_isspace (g_utf8_get_char (value)) ||
              g_unichar_isspace (g_utf8_get_char (g_utf8_find_prev_char (value, value + strlen (value))))))
    return "bad_characters";
  if (!tag)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));

      if (*stripped == '\0')
        return "empty";
    }
  return NULL;
}

JsonObject *
shou_annotation_new (const char *aftersale_id,
                     const char *shop_id)
{
  JsonObject *annotation = json_object_new ();

  json_object_set_string_member (annotation, "aftersale_id", aftersale_id);
  json_object_set_string_member (annotation, "shop_id", shop_id);
  json_object_set_array_member (annotation, "tags", json_array_new ());
  json_object_set_array_member (annotation, "notes", json_array_new ());
  json_object_set_array_member (annotation, "log", json_array_new ());
  json_object_set_int_member (annotation, "version", 0);
  json_object_set_int_member (annotation, "updated_at", 0);
  return annotation;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (object, name, json_array_new ());
      node = json_object_get_member (object, name);
    }
  return json_node_get_array (node);
}

static int
tag_index (JsonArray  *tags,
           const char *tag)
{
  for (guint i = 0; i < json_array_get_length (tags); i++)
    if (g_strcmp0 (json_array_get_string_element (tags, i), tag) == 0)
      return (int) i;
  return -1;
}

gboolean
shou_annotation_has_tag (JsonObject *annotation,
                         const char *tag)
{
  return tag_index (array_member (annotation, "tags"), tag) >= 0;
}

static JsonObject *
copy_by (JsonObject *by)
{
  JsonObject *copy = json_object_new ();
  JsonNode *staff = by ? json_object_get_member (by, "staff_id") : NULL;

  if (staff != NULL && JSON_NODE_HOLDS_VALUE (staff))
    json_object_set_string_member (copy, "staff_id", json_node_get_string (staff));
  else
    json_object_set_null_member (copy, "staff_id");
  json_object_set_string_member (copy, "name",
                                 by ? json_object_get_string_member_with_default (by, "name", "") : "");
  return copy;
}

gboolean
shou_annotation_apply (JsonObject       *annotation,
                       ShouAnnotationOp  op,
                       const char       *value,
                       JsonObject       *by,
                       gint64            now,
                       const char      **reason)
{
  JsonArray *tags = array_member (annotation, "tags");
  JsonArray *notes = array_member (annotation, "notes");
  JsonObject *entry = NULL;
  gint64 version = json_object_get_int_member_with_default (annotation, "version", 0) + 1;
  int at;

  *reason = NULL;
  switch (op)
    {
    case SHOU_ANNOTATION_ADD_TAG:
      if (tag_index (tags, value) >= 0)
        return FALSE;
      if (json_array_get_length (tags) >= SHOU_ANNOTATION_MAX_TAGS)
        {
          *reason = "too_many_tags";
          return FALSE;
        }
      json_array_add_string_element (tags, value);
      entry = json_object_new ();
      json_object_set_string_member (entry, "tag", value);
      break;
    case SHOU_ANNOTATION_REMOVE_TAG:
      if ((at = tag_index (tags, value)) < 0)
        return FALSE;
      json_array_remove_element (tags, (guint) at);
      entry = json_object_new ();
      json_object_set_string_member (entry, "tag", value);
      break;
    case SHOU_ANNOTATION_ADD_NOTE:
      {
        JsonObject *note = json_object_new ();
        g_autofree char *id = g_strdup_printf ("n%" G_GINT64_FORMAT, version);

        if (json_array_get_length (notes) >= SHOU_ANNOTATION_MAX_NOTES)
          {
            json_object_unref (note);
            *reason = "too_many_notes";
            return FALSE;
          }
        json_object_set_string_member (note, "id", id);
        json_object_set_string_member (note, "text", value);
        json_object_set_object_member (note, "by", copy_by (by));
        json_object_set_int_member (note, "at", now);
        json_array_add_object_element (notes, note);
        entry = json_object_new ();
        json_object_set_string_member (entry, "note_id", id);
      }
      break;
    case SHOU_N_ANNOTATION_OPS:
    default:
      g_return_val_if_reached (FALSE);
    }
  json_object_set_string_member (entry, "op", op_names[op]);
  json_object_set_object_member (entry, "by", copy_by (by));
  json_object_set_int_member (entry, "at", now);
  json_array_add_object_element (array_member (annotation, "log"), entry);
  json_object_set_int_member (annotation, "version", version);
  json_object_set_int_member (annotation, "updated_at", now);
  return TRUE;
}
