/* shou-hub-doc.c: the parts of a request kept as a JSON document: the
 * timeline and the evidence list. */
#include "config.h"

#include "shou-hub-doc.h"

static JsonArray *
ensure_array (JsonObject *parent,
              const char *name)
{
  JsonNode *node = json_object_get_member (parent, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (parent, name, json_array_new ());
      node = json_object_get_member (parent, name);
    }
  return json_node_get_array (node);
}

JsonObject *
shou_hub_doc_add_timeline (ShouHubAftersale *as,
                             gint64            at,
                             ShouActor         actor,
                             const char       *kind,
                             const char       *text)
{
  JsonArray *timeline = ensure_array (as->doc, "timeline");
  JsonObject *entry = json_object_new ();

  json_object_set_int_member (entry, "at", at);
  json_object_set_string_member (entry, "actor", shou_actor_to_string (actor));
  json_object_set_string_member (entry, "kind", kind);
  json_object_set_string_member (entry, "text", text ? text : "");
  json_array_add_object_element (timeline, entry);
  return entry;
}

/* What the text says, as data (API.md "timeline"): a client says it in its
 * own language. */
void
shou_hub_doc_set_timeline_params (JsonObject *entry,
                                    JsonObject *params)
{
  if (params == NULL)
    params = json_object_new ();
  json_object_set_object_member (entry, "params", params);
}

gboolean
shou_hub_doc_has_evidence (ShouHubAftersale *as,
                             const char       *sha256)
{
  JsonArray *list = ensure_array (as->doc, "evidence");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *e = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (e, "id"), sha256) == 0)
        return TRUE;
    }
  return FALSE;
}

guint
shou_hub_doc_count_evidence (ShouHubAftersale *as,
                               ShouActor         by)
{
  JsonArray *list = ensure_array (as->doc, "evidence");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *e = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (e, "by", ""),
                     shou_actor_to_string (by)) == 0)
        n++;
    }
  return n;
}

gboolean
shou_hub_doc_attach_evidence (ShouHubAftersale *as,
                                const char       *sha256,
                                const char       *content_type,
                                gsize             size,
                                const char       *kind,
                                ShouActor         by,
                                gint64            at)
{
  JsonObject *e;

  if (shou_hub_doc_has_evidence (as, sha256))
    return FALSE;

  e = json_object_new ();
  json_object_set_string_member (e, "id", sha256);
  json_object_set_string_member (e, "content_type", content_type);
  json_object_set_int_member (e, "size", size);
  json_object_set_string_member (e, "kind", kind);
  json_object_set_string_member (e, "by", shou_actor_to_string (by));
  json_object_set_int_member (e, "uploaded_at", at);
  json_array_add_object_element (ensure_array (as->doc, "evidence"), e);
  return TRUE;
}

