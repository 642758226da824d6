/* bench-sync: initial sync of N requests (with their orders) from the
 * simulator, against the floor: the sqlite3 shell loading the same change
 * feed into the same schema with json_each. Target: at most 2x the floor. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench-util.h"
#include "store/shou-store-stats-schema.h"
#include "sync/shou-api-decode.h"
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

/* CPU seconds (user + system) used so far by process @pid (0: this one),
 * all its threads. */
static double
cpu_seconds (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid ? pid : "self");
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return 0;
  fields = g_strsplit (after + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static double
children_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Splits the feed (a JSON array) into API page bodies of 1,000 changes,
 * as the simulator sends them, without parsing it. */
static GPtrArray *
split_pages (const char *text,
             gsize       len)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *p = memchr (text, '[', len);
  const char *end = text + len;
  const char *item = NULL;
  GString *page = NULL;
  guint in_page = 0, depth = 0, n = 0;
  gboolean in_string = FALSE;

  g_assert_nonnull (p);
  for (p++; p < end; p++)
    {
      char c = *p;

      if (in_string)
        {
          if (c == '\\')
            p++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (item == NULL && (c == '{' || c == '['))
        item = p;
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            break;
          if (--depth == 0)
            {
              if (page == NULL)
                page = g_string_new ("{\"changes\":[");
              else
                g_string_append_c (page, ',');
              g_string_append_len (page, item, p + 1 - item);
              item = NULL;
              n++;
              if (++in_page == 1000)
                {
                  g_string_append_printf (page, "],\"next_cursor\":\"%u\",\"has_more\":true}", n);
                  g_ptr_array_add (pages, g_string_free_to_bytes (page));
                  page = NULL;
                  in_page = 0;
                }
            }
        }
    }
  if (page != NULL)
    {
      g_string_append_printf (page, "],\"next_cursor\":\"%u\",\"has_more\":false}", n);
      g_ptr_array_add (pages, g_string_free_to_bytes (page));
    }
  return pages;
}

/* The client's own share: the feed's pages decoded and written through
 * the store one after the other, as the engine does (there the decoding
 * of the next page runs in a worker thread meanwhile), without the
 * server in the way. */
static double
client_side (const char *dir,
             const char *feed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *apply_db = g_build_filename (dir, "apply-only", "shouhou.db", NULL);
  g_autofree char *apply_dir = g_path_get_dirname (apply_db);
  g_autoptr(ShouStore) astore = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *acc = NULL;
  double t0, t_decode = 0;

  for (const char *sfx = ""; sfx != NULL; sfx = g_str_equal (sfx, "") ? "-wal" : g_str_equal (sfx, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *p = g_strconcat (apply_db, sfx, NULL);
      g_unlink (p);
    }
  g_mkdir_with_parents (apply_dir, 0700);
  astore = shou_store_new (apply_db, &error);
  g_assert_no_error (error);
  acc = shou_store_add_account (astore, "http://127.0.0.1:9", "apply", &error);
  g_assert_no_error (error);
  mapped = g_mapped_file_new (feed, FALSE, &error);
  g_assert_no_error (error);
  pages = split_pages (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  g_clear_pointer (&mapped, g_mapped_file_unref);

  t0 = bench_now ();
  for (guint i = 0; i < pages->len; i++)
    {
      double t1 = bench_now ();
      g_autoptr(ShouChangesPage) page = shou_api_decode_changes_page (pages->pdata[i], &error);

      t_decode += bench_now () - t1;
      g_assert_no_error (error);
      g_assert_true (shou_store_apply_changes_full (astore, acc, page->changes, page->data_texts,
                                                    page->next_cursor, &error));
      g_assert_no_error (error);
    }
  t0 = bench_now () - t0;
  printf ("# client side alone: decoding %.2f s, writing %.2f s\n", t_decode, t0 - t_decode);
  return t0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  guint n = argc > 1 ? atoi (argv[1]) : 100000;
  const char *bench_dir = g_getenv ("SHOU_BENCH_DIR");
  /* "sync" stops after the initial sync, "client" runs only the client
   * side on the feed.json of an earlier run: handy under a profiler. */
  const char *only = g_getenv ("SHOU_BENCH_ONLY");
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
  double t0, t_sync, t_floor, t_apply, ratio;
  double c_client = 0, c_sim = 0, c_floor = 0;
  g_autofree char *sim_pid = NULL;
  int result = -1, status = 0;
  guint cached, floor_count;

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  printf ("1..1\n# data in %s\n", dir);

  if (g_strcmp0 (only, "client") == 0)
    {
      printf ("# client side alone: %.2f s\n", client_side (dir, feed));
      return 0;
    }

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

  sim_pid = g_strdup (g_subprocess_get_identifier (sim->proc));
  c_client = cpu_seconds (NULL);
  c_sim = cpu_seconds (sim_pid);
  t0 = bench_now ();
  shou_sync_engine_sync_now (engine);
  while (result == -1)
    g_main_context_iteration (NULL, TRUE);
  t_sync = bench_now () - t0;
  c_client = cpu_seconds (NULL) - c_client;
  c_sim = cpu_seconds (sim_pid) - c_sim;
  g_assert_cmpint (result, ==, 1);
  cached = shou_store_count_view (store, SHOU_VIEW_ALL, NULL);
  printf ("# initial sync: %u requests in %.2f s (peak RSS %" G_GINT64_FORMAT " KiB)\n",
          cached, t_sync, bench_peak_rss_kib ());
  /* CPU time does not depend on what else the machine runs. */
  printf ("# initial sync CPU: client %.2f s (all threads) + simulator %.2f s\n", c_client, c_sim);
  if (g_strcmp0 (only, "sync") == 0)
    {
      bench_sim_stop (sim);
      return 0;
    }

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
    g_autofree char *joined = g_strjoinv (feed, parts);
    g_auto(GStrv) ends = g_strsplit (joined, "COMMIT;", 2);

    /* The statistics' facts of every request, as the store derives them
     * when it writes one (schema 11). */
    g_assert_nonnull (ends[1]);
    sql = g_strconcat (ends[0], SHOU_STATS_FACTS_INSERT ("1") ";\nCOMMIT;", ends[1], NULL);
  }
  g_assert_true (g_file_set_contents (sql_path, sql, -1, NULL));
  {
    g_autofree char *read_cmd = g_strdup_printf (".read %s", sql_path);
    const char *cmd[] = { "sqlite3", floor_db, read_cmd, NULL };

    c_floor = children_cpu_seconds ();
    t0 = bench_now ();
    g_assert_true (g_spawn_sync (NULL, (char **) cmd, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &floor_out, &floor_err, &status, &error));
    t_floor = bench_now () - t0;
    c_floor = children_cpu_seconds () - c_floor;
  }
  g_assert_no_error (error);
  if (floor_err && *floor_err)
    printf ("# sqlite3: %s\n", floor_err);
  {
    g_autoptr(ShouStore) floor_store = shou_store_new (floor_db, &error);
    floor_count = shou_store_count_view (floor_store, SHOU_VIEW_ALL, NULL);
  }
  printf ("# floor (sqlite3 shell, json_each): %u requests in %.2f s (CPU %.2f s)\n",
          floor_count, t_floor, c_floor);
  g_assert_cmpuint (floor_count, ==, cached);

  t_apply = client_side (dir, feed);
  printf ("# client side alone (decode the feed pages + write them through the store): %.2f s, "
          "%.2f x the floor\n", t_apply, t_apply / t_floor);

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
