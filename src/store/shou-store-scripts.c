/* shou-store-scripts.c: reply scripts, shipped and the seller's own. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shou-store-private.h"

#define PROPAGATE(err) shou_store_propagate (error, g_steal_pointer (&err))

/* ---- scripts ----------------------------------------------------------- */

static gboolean
script_matches (JsonObject   *script,
                ShouPlatform  platform,
                const char   *reason_code)
{
  const char *pname = shou_platform_to_string (platform);
  JsonArray *platforms = jarr (script, "platforms");
  JsonArray *reasons = jarr (script, "reason_codes");
  const char *p = jstr (script, "platform");
  const char *r = jstr (script, "reason_code");
  gboolean ok = TRUE;

  if (p != NULL)
    ok = g_str_equal (p, pname) || g_str_equal (p, "all");
  else if (platforms != NULL)
    {
      ok = FALSE;
      for (guint i = 0; i < json_array_get_length (platforms); i++)
        if (g_strcmp0 (json_array_get_string_element (platforms, i), pname) == 0)
          ok = TRUE;
    }
  if (!ok || reason_code == NULL)
    return ok;

  if (r != NULL)
    return g_str_equal (r, reason_code);
  if (reasons != NULL && json_array_get_length (reasons) > 0)
    {
      for (guint i = 0; i < json_array_get_length (reasons); i++)
        if (g_strcmp0 (json_array_get_string_element (reasons, i), reason_code) == 0)
          return TRUE;
      return FALSE;
    }
  return TRUE;
}

static void
add_scripts_from_node (GPtrArray    *ret,
                       JsonNode     *node,
                       ShouPlatform  platform,
                       const char   *reason_code)
{
  JsonArray *array = NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    array = json_node_get_array (node);
  else if (JSON_NODE_HOLDS_OBJECT (node))
    array = jarr (json_node_get_object (node), "scripts");
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      JsonObject *script;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        continue;
      script = json_node_get_object (el);
      if (script_matches (script, platform, reason_code))
        g_ptr_array_add (ret, json_object_ref (script));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

GPtrArray *
shou_store_list_scripts (ShouStore    *self,
                         ShouPlatform  platform,
                         const char   *reason_code)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GFile) dir = shou_store_find_data_dir ("SHOU_SCRIPTS_DIR", "scripts");
  g_autoptr(GFileEnumerator) children = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (children != NULL)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          if (g_str_has_suffix (g_file_info_get_name (info), ".json"))
            g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
          g_object_unref (info);
        }
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          g_autoptr(GFile) file = g_file_get_child (dir, names->pdata[i]);
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autofree char *path = g_file_get_path (file);

          if (json_parser_load_from_file (parser, path, NULL))
            add_scripts_from_node (ret, json_parser_get_root (parser), platform, reason_code);
        }
    }

  stmt = shou_db_prepare (self->db, "SELECT data FROM scripts ORDER BY id", NULL);
  if (stmt == NULL)
    return ret;
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) obj = shou_store_json_parse (shou_db_column_text (stmt, 0));
      if (obj && script_matches (obj, platform, reason_code))
        g_ptr_array_add (ret, g_steal_pointer (&obj));
    }
  sqlite3_reset (stmt);
  return ret;
}

char *
shou_store_save_script (ShouStore   *self,
                        JsonObject  *script,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;
  const char *t = jstr (script, "text");

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  if (t == NULL || *t == '\0')
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID,
                   _("A script needs some text"));
      return NULL;
    }
  if (!shou_validate_no_sensitive (t, &local_error))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, "%s", local_error->message);
      return NULL;
    }

  copy = json_object_new ();
  {
    GList *members = json_object_get_members (script);
    for (GList *l = members; l; l = l->next)
      json_object_set_member (copy, l->data,
                              json_node_copy (json_object_get_member (script, l->data)));
    g_list_free (members);
  }
  id = g_strdup (jstr (script, "id"));
  if (id == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      id = g_strconcat ("own-", uuid, NULL);
    }
  json_object_set_string_member (copy, "id", id);
  json_object_set_boolean_member (copy, "own", TRUE);
  text = shou_store_json_to_string (copy);

  stmt = shou_db_prepare (self->db,
                          "INSERT OR REPLACE INTO scripts (id, platform, reason_code, data) "
                          "VALUES (?1, ?2, ?3, ?4)", &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error), NULL;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, jstr (script, "platform"));
  shou_db_bind_text (stmt, 3, jstr (script, "reason_code"));
  shou_db_bind_text (stmt, 4, text);
  if (!shou_db_run (self->db, stmt, &local_error))
    return PROPAGATE (local_error), NULL;
  return g_steal_pointer (&id);
}
