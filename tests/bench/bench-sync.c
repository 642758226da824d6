/* bench-sync: initial sync of N requests (with their orders) from the
 * simulator, against the floor: the sqlite3 shell loading the same change
 * feed into the same schema with json_each. Target: at most 2x the floor. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <stdio.h>

#include "bench-util.h"
#include "sync/shou-secrets.h"
#include "sync/shou-sync-engine.h"

static void
on_finished_cb (ShouSyncEngine *engine,
                gboolean        ok,
                int            *result)
{
  *result = ok ? 1 : 0;
}

static void
dump_feed (BenchSim   *sim,
           const char *path)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 300, NULL);
  g_autoptr(GString) out = g_string_new ("[");
  g_autofree char *cursor = g_strdup ("");
  gboolean first = TRUE;

  for (guint guard = 0; guard < 100000; guard++)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
      g_autofree char *uri = g_strdup_printf ("%s/v1/changes?limit=1000&cursor=%s", sim->url, escaped);
      g_autofree char *auth = g_strconcat ("Bearer ", sim->token, NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *page;
      JsonArray *changes;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      body = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 g_bytes_get_size (body), &error));
      page = json_node_get_object (json_parser_get_root (parser));
      changes = json_object_get_array_member (page, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          g_autofree char *text = json_to_string (json_array_get_element (changes, i), FALSE);
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          g_string_append (out, text);
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
      if (!json_object_get_boolean_member (page, "has_more") || json_array_get_length (changes) == 0)
        break;
    }
  g_string_append_c (out, ']');
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  guint n = argc > 1 ? atoi (argv[1]) : 100000;
  const char *bench_dir = g_getenv ("SHOU_BENCH_DIR");
  g_autofree char *dir = bench_dir ? g_strdup (bench_dir) : g_dir_make_tmp ("shou-bench-XXXXXX", NULL);
  g_autofree char *client_db = g_build_filename (dir, "client", "shouhou.db", NULL);
  g_autofree char *floor_db = g_build_filename (dir, "floor.db", NULL);
  g_autofree char *feed = g_build_filename (dir, "feed.json", NULL);
  g_autofree char *sql_path = g_build_filename (dir, "floor.sql", NULL);
  g_autofree char *sql_in = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *account = NULL;
  g_autofree char *floor_out = NULL;
  g_autofree char *floor_err = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  BenchSim *sim;
  double t0, t_sync, t_floor, ratio;
  int result = -1, status = 0;
  guint cached, floor_count;

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  printf ("1..1\n# data in %s\n", dir);

  t0 = bench_now ();
  sim = bench_sim_start (dir, n);
  printf ("# simulator ready with %u requests after %.1f s\n", n, bench_now () - t0);

  for (const char *suffix = ""; ; suffix = NULL)
    {
      g_autofree char *p = g_strconcat (client_db, suffix ? suffix : "-wal", NULL);
      g_unlink (p);
      if (suffix == NULL)
        break;
    }
  {
    g_autofree char *shm = g_strconcat (client_db, "-shm", NULL);
    g_unlink (shm);
  }
  store = shou_store_new (client_db, &error);
  g_assert_no_error (error);
  account = shou_store_add_account (store, sim->url, "bench", &error);
  g_assert_true (shou_secrets_store_token (account, sim->url, sim->token, &error));
  engine = shou_sync_engine_new (store);
  shou_sync_engine_set_request_timeout (engine, 300);
  shou_sync_engine_set_page_limit (engine, 1000);
  g_signal_connect (engine, "sync-finished", G_CALLBACK (on_finished_cb), &result);

  t0 = bench_now ();
  shou_sync_engine_sync_now (engine);
  while (result == -1)
    g_main_context_iteration (NULL, TRUE);
  t_sync = bench_now () - t0;
  g_assert_cmpint (result, ==, 1);
  cached = shou_store_count_view (store, SHOU_VIEW_ALL, NULL);
  printf ("# initial sync: %u requests in %.2f s (peak RSS %" G_GINT64_FORMAT " KiB)\n",
          cached, t_sync, bench_peak_rss_kib ());

  /* The floor: the same feed, the same schema, the sqlite3 shell. */
  t0 = bench_now ();
  dump_feed (sim, feed);
  printf ("# fetching the same feed alone (HTTP + simulator, no cache writes): %.2f s\n", bench_now () - t0);
  bench_sim_stop (sim);
  g_unlink (floor_db);
  {
    g_autofree char *wal = g_strconcat (floor_db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (floor_db, "-shm", NULL);
    g_autoptr(ShouStore) empty = NULL;
    g_unlink (wal);
    g_unlink (shm);
    empty = shou_store_new (floor_db, &error);
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (BENCH_SRCDIR "/bench-floor.sql.in", &sql_in, NULL, &error));
  {
    g_auto(GStrv) parts = g_strsplit (sql_in, "@JSON@", -1);
    sql = g_strjoinv (feed, parts);
  }
  g_assert_true (g_file_set_contents (sql_path, sql, -1, NULL));
  {
    g_autofree char *read_cmd = g_strdup_printf (".read %s", sql_path);
    const char *cmd[] = { "sqlite3", floor_db, read_cmd, NULL };

    t0 = bench_now ();
    g_assert_true (g_spawn_sync (NULL, (char **) cmd, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &floor_out, &floor_err, &status, &error));
    t_floor = bench_now () - t0;
  }
  g_assert_no_error (error);
  if (floor_err && *floor_err)
    printf ("# sqlite3: %s\n", floor_err);
  {
    g_autoptr(ShouStore) floor_store = shou_store_new (floor_db, &error);
    floor_count = shou_store_count_view (floor_store, SHOU_VIEW_ALL, NULL);
  }
  printf ("# floor (sqlite3 shell, json_each): %u requests in %.2f s\n", floor_count, t_floor);
  g_assert_cmpuint (floor_count, ==, cached);

  /* The client's own share: the same feed parsed and written through the
   * store, without the server in the way. */
  {
    g_autofree char *apply_db = g_build_filename (dir, "apply-only", "shouhou.db", NULL);
    g_autofree char *apply_dir = g_path_get_dirname (apply_db);
    g_autoptr(ShouStore) astore = NULL;
    g_autoptr(JsonParser) parser = json_parser_new_immutable ();
    g_autofree char *acc = NULL;
    JsonArray *all;
    double t_apply;

    for (const char *sfx = ""; sfx != NULL; sfx = g_str_equal (sfx, "") ? "-wal" : g_str_equal (sfx, "-wal") ? "-shm" : NULL)
      {
        g_autofree char *p = g_strconcat (apply_db, sfx, NULL);
        g_unlink (p);
      }
    g_mkdir_with_parents (apply_dir, 0700);
    astore = shou_store_new (apply_db, &error);
    g_assert_no_error (error);
    acc = shou_store_add_account (astore, "http://127.0.0.1:9", "apply", &error);
    t0 = bench_now ();
    g_assert_true (json_parser_load_from_mapped_file (parser, feed, &error));
    all = json_node_get_array (json_parser_get_root (parser));
    for (guint start = 0; start < json_array_get_length (all); start += 1000)
      {
        g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
        g_autofree char *cur = g_strdup_printf ("%u", start);

        for (guint i = start; i < MIN (start + 1000, json_array_get_length (all)); i++)
          g_ptr_array_add (page, json_object_ref (json_array_get_object_element (all, i)));
        g_assert_true (shou_store_apply_changes (astore, acc, page, cur, &error));
      }
    t_apply = bench_now () - t0;
    printf ("# client side alone (parse the feed + write it through the store): %.2f s, "
            "%.2f x the floor\n", t_apply, t_apply / t_floor);
  }

  ratio = t_sync / t_floor;
  printf ("%s 1 - initial sync of %u: %.2f s, floor %.2f s, ratio %.2f (target <= 2.0)\n",
          ratio <= 2.0 ? "ok" : "not ok", n, t_sync, t_floor, ratio);

  if (bench_dir == NULL)
    {
      g_clear_object (&engine);
      g_clear_object (&store);
    }
  return ratio <= 2.0 ? 0 : 1;
}
