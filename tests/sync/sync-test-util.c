#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "sync/shou-secrets.h"
#include "shou-test-fs.h"
#include "sync-test-util.h"

char *
tu_make_tmpdir (void)
{
  return shou_test_fs_make_tmpdir ("shou-sync-XXXXXX");
}

void
tu_rm_rf (const char *path)
{
  shou_test_fs_rm_rf (path);
}

void
tu_sim_start (SyncFixture *f)
{
  g_autoptr(GError) error = NULL;
  guint port;

  f->sim = shou_sim_server_new (f->sim_db, SHOU_SIM_FLAG_TEST_CONTROLS | SHOU_SIM_FLAG_QUIET, &error);
  g_assert_no_error (error);
  port = shou_sim_server_listen (f->sim, f->port, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (port, !=, 0);
  f->port = port;
  if (f->url == NULL)
    f->url = g_strdup (shou_sim_server_get_url (f->sim));
}

void
tu_sim_stop (SyncFixture *f)
{
  g_assert_finalize_object (f->sim);
  f->sim = NULL;
  /* Let the closed sockets go. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
tu_init (int    *argc,
         char ***argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_test_init (argc, argv, NULL);
}

void
tu_setup (SyncFixture   *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) parts = NULL;

  f->dir = tu_make_tmpdir ();
  f->sim_db = g_build_filename (f->dir, "sim.db", NULL);
  tu_sim_start (f);
  g_assert_true (shou_sim_server_add_demo (f->sim, 20261111, &error));
  g_assert_no_error (error);

  tokens = shou_sim_server_dup_tokens (f->sim);
  g_assert_nonnull (tokens[0]);
  parts = g_strsplit (tokens[0], " ", 2);
  f->merchant = g_strdup (parts[0]);
  f->token = g_strdup (parts[1]);
  f->session = soup_session_new_with_options ("timeout", 10, NULL);
}

void
tu_teardown (SyncFixture   *f,
             gconstpointer  data)
{
  g_clear_object (&f->session);
  if (f->sim)
    tu_sim_stop (f);
  tu_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->sim_db);
  g_free (f->url);
  g_free (f->merchant);
  g_free (f->token);
}

ShouStore *
tu_store_new (SyncFixture  *f,
              const char   *name,
              char        **out_account_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, "shouhou.db", NULL);
  g_autoptr(ShouStore) store = shou_store_new (path, &error);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *account_id = NULL;

  g_assert_no_error (error);
  accounts = shou_store_list_accounts (store);
  if (accounts->len > 0)
    account_id = g_strdup (json_object_get_string_member (accounts->pdata[0], "id"));
  else
    {
      account_id = shou_store_add_account (store, f->url, "测试商家", &error);
      g_assert_no_error (error);
    }
  g_assert_true (shou_secrets_store_token (account_id, f->url, f->token, &error));
  g_assert_no_error (error);
  if (out_account_id)
    *out_account_id = g_steal_pointer (&account_id);
  return g_steal_pointer (&store);
}

ShouSyncEngine *
tu_engine_new (ShouStore *store)
{
  ShouSyncEngine *engine = shou_sync_engine_new (store);

  shou_sync_engine_set_backoff (engine, 20, 200);
  shou_sync_engine_set_request_timeout (engine, 2);
  return engine;
}

static void
on_finished_cb (ShouSyncEngine *engine,
                gboolean        ok,
                int            *result)
{
  *result = ok ? 1 : 0;
}

static gboolean
on_give_up_cb (gpointer user_data)
{
  int *result = user_data;
  *result = -2;
  return G_SOURCE_REMOVE;
}

gboolean
tu_sync (ShouSyncEngine *engine)
{
  int result = -1;
  gulong id = g_signal_connect (engine, "sync-finished", G_CALLBACK (on_finished_cb), &result);
  guint timer = g_timeout_add_seconds (60, on_give_up_cb, &result);

  shou_sync_engine_sync_now (engine);
  while (result == -1)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (engine, id);
  if (result != -2)
    g_source_remove (timer);
  g_assert_cmpint (result, !=, -2);
  return result == 1;
}

gboolean
tu_sync_until_clean (ShouSyncEngine *engine,
                     guint           max_runs)
{
  for (guint i = 0; i < max_runs; i++)
    if (tu_sync (engine) && shou_sync_engine_get_pending_count (engine) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  GBytes *body;
  GError *error;
  gboolean done;
} HttpResult;

static void
on_http_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  HttpResult *r = user_data;

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &r->error);
  r->done = TRUE;
}

guint
tu_http (SyncFixture  *f,
         const char   *method,
         const char   *path,
         const char   *token,
         const char   *json_body,
         JsonObject  **out_json)
{
  g_autofree char *uri = g_strconcat (f->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  HttpResult r = { 0 };

  g_assert_nonnull (msg);
  if (token)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (json_body)
    {
      g_autoptr(GBytes) b = g_bytes_new (json_body, strlen (json_body));
      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_http_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);

  if (out_json)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize len;
      const char *data = g_bytes_get_data (r.body, &len);

      *out_json = NULL;
      if (len > 0 && json_parser_load_from_data (parser, data, len, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        *out_json = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }
  g_bytes_unref (r.body);
  return soup_message_get_status (msg);
}

gint64
tu_actions_applied (SyncFixture *f)
{
  g_autoptr(JsonObject) stats = NULL;

  g_assert_cmpuint (tu_http (f, "GET", "/v1/test/stats", NULL, NULL, &stats), ==, 200);
  return json_object_get_int_member (stats, "actions_applied");
}

void
tu_set_faults (SyncFixture *f,
               double       rate,
               guint32      seed)
{
  g_autofree char *body = g_strdup_printf ("{\"rate\": %.3f, \"kinds\": [\"5xx\", \"timeout\", \"drop\","
                                           " \"truncate\", \"malformed\", \"latency\"], \"latency_ms\": 50,"
                                           " \"seed\": %u}", rate, seed);

  g_assert_cmpuint (tu_http (f, "POST", "/v1/test/faults", NULL, body, NULL), ==, 200);
}

GHashTable *
tu_server_aftersales (SyncFixture *f)
{
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) json_object_unref);
  g_autofree char *cursor = g_strdup ("");

  for (guint guard = 0; guard < 10000; guard++)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=1000&cursor=%s", escaped);
      g_autoptr(JsonObject) page = NULL;
      JsonArray *changes;

      g_assert_cmpuint (tu_http (f, "GET", path, f->token, NULL, &page), ==, 200);
      changes = json_object_get_array_member (page, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          if (g_str_equal (json_object_get_string_member (c, "kind"), "aftersale"))
            g_hash_table_insert (all, g_strdup (json_object_get_string_member (c, "id")),
                                 json_object_ref (json_object_get_object_member (c, "data")));
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
      if (!json_object_get_boolean_member (page, "has_more") || json_array_get_length (changes) == 0)
        break;
    }
  return all;
}

void
tu_assert_cache_equals_server (SyncFixture *f,
                               ShouStore   *store)
{
  g_autoptr(GHashTable) server = tu_server_aftersales (f);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (server), >, 0);
  g_assert_cmpuint (shou_store_count_view (store, SHOU_VIEW_ALL, NULL), ==, g_hash_table_size (server));
  g_hash_table_iter_init (&iter, server);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) cached = shou_store_get_request (store, key, &error);
      JsonObject *s = value;

      g_assert_no_error (error);
      g_assert_cmpint (json_object_get_int_member (cached, "version"), ==,
                       json_object_get_int_member (s, "version"));
      g_assert_cmpstr (json_object_get_string_member (cached, "status"), ==,
                       json_object_get_string_member (s, "status"));
      g_assert_cmpint (json_object_get_int_member_with_default (cached, "deadline_at", 0), ==,
                       json_object_get_int_member_with_default (s, "deadline_at", 0));
      g_assert_true (json_object_get_null_member (cached, "conflict"));
    }
}

char *
tu_find_request (ShouStore  *store,
                 const char *action)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  guint n;

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(JsonObject) req = shou_store_get_request (store, shou_request_item_get_id (item), NULL);
      JsonArray *allowed = json_object_get_array_member (req, "allowed_actions");

      if (shou_request_item_get_pending_actions (item) > 0)
        continue;
      for (guint j = 0; allowed && j < json_array_get_length (allowed); j++)
        if (g_str_equal (json_array_get_string_element (allowed, j), action))
          return g_strdup (shou_request_item_get_id (item));
    }
  return NULL;
}
