/* bench-hub: the hub's change feed and actions on each storage engine.
 *
 * For SQLite, and for PostgreSQL when the server is installed (the bench
 * starts its own, tests/shou-test-pg.c), an in-process hub with the
 * simulated platform and N generated requests (SHOU_BENCH_N, default
 * 20,000):
 * - feed: the whole feed to one client over HTTP, pages of 1,000 (the
 *   time to serve them: requests sent, answers received; the pages are
 *   parsed afterwards), against the
 *   time the database itself takes to read the same rows (one query per
 *   table, every column, the stored rendering included), alternating,
 *   SHOU_BENCH_ROUNDS (default 3) of each, medians. Target (issue 20): at
 *   most 1.5×. SHOU_BENCH_ENGINE=sqlite|postgresql runs one engine.
 * - actions: M (SHOU_BENCH_ACTIONS, default 300) `message` actions, one at
 *   a time, each with its own key: actions per second. Reported. */
#include "config.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include "shou-test-fs.h"
#include "shou-test-pg.h"
#include "sim/shou-sim-server.h"

#define TOKEN "scale-token-5e0b7d3c"

typedef struct
{
  ShouSimServer *server;
  SoupSession   *session;
  char          *url;
} Hub;

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU seconds (user + system) of this process and every process it
 * started (the PostgreSQL server and its backends): on a shared machine
 * the wall times grow with the others' load, the CPU does not. This
 * process's own from getrusage(), to the microsecond; the others' from
 * /proc/PID/stat, in clock ticks, for the processes cpu_find_children()
 * last found. */
static GArray *children;

static void
cpu_find_children (void)
{
  g_autoptr(GHashTable) parent = g_hash_table_new (NULL, NULL);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  GHashTableIter iter;
  gpointer key, value;

  if (children == NULL)
    children = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_set_size (children, 0);
  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      const char *after;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_strdup_printf ("/proc/%s/stat", name);
      /* After "pid (comm) ": state ppid … */
      if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL ||
          strlen (after) < 5)
        continue;
      g_hash_table_insert (parent, GSIZE_TO_POINTER (g_ascii_strtoull (name, NULL, 10)),
                           GSIZE_TO_POINTER (g_ascii_strtoull (after + 4, NULL, 10)));
    }
  g_hash_table_iter_init (&iter, parent);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize pid = GPOINTER_TO_SIZE (value);

      for (guint depth = 0; depth < 8 && pid > 1; depth++)
        {
          if (pid == (gsize) getpid ())
            {
              gsize child = GPOINTER_TO_SIZE (key);

              g_array_append_val (children, child);
              break;
            }
          pid = GPOINTER_TO_SIZE (g_hash_table_lookup (parent, GSIZE_TO_POINTER (pid)));
        }
    }
}

/* Each child's CPU now, in @out (-1 where it has gone). */
static void
cpu_of_children (GArray *out)
{
  g_array_set_size (out, 0);
  for (guint i = 0; children != NULL && i < children->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%" G_GSIZE_FORMAT "/stat",
                                               g_array_index (children, gsize, i));
      g_autofree char *text = NULL;
      g_auto(GStrv) fields = NULL;
      const char *after;
      double value = -1;

      /* After "pid (comm) ": state ppid … utime (the 12th) stime (13th). */
      if (g_file_get_contents (path, &text, NULL, NULL) && (after = strrchr (text, ')')) != NULL &&
          g_strv_length (fields = g_strsplit (after + 2, " ", 14)) >= 14)
        value = (g_ascii_strtoull (fields[11], NULL, 10) + g_ascii_strtoull (fields[12], NULL, 10)) /
                (double) sysconf (_SC_CLK_TCK);
      g_array_append_val (out, value);
    }
}

static double
cpu_of_self (void)
{
  struct rusage self;

  getrusage (RUSAGE_SELF, &self);
  return self.ru_utime.tv_sec + self.ru_utime.tv_usec / 1e6 + self.ru_stime.tv_sec + self.ru_stime.tv_usec / 1e6;
}

/* An interval's CPU: cpu_start() reads the others first and this process
 * last, cpu_end() this process first; a child counts only when it lived
 * at both ends (a backend that exits meanwhile is not the feed's). */
static GArray *children_from, *children_to;

static double
cpu_start (void)
{
  if (children_from == NULL)
    {
      children_from = g_array_new (FALSE, FALSE, sizeof (double));
      children_to = g_array_new (FALSE, FALSE, sizeof (double));
    }
  cpu_of_children (children_from);
  return cpu_of_self ();
}

static double
cpu_end (double from)
{
  double total = cpu_of_self () - from;

  cpu_of_children (children_to);
  for (guint i = 0; i < children_to->len && i < children_from->len; i++)
    {
      double a = g_array_index (children_from, double, i), b = g_array_index (children_to, double, i);

      if (a >= 0 && b >= a)
        total += b - a;
    }
  return total;
}

typedef struct
{
  GInputStream *stream;
  gsize read;
  GError *error;
  gboolean done;
} Wait;

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->stream = soup_session_send_finish (SOUP_SESSION (source), result, &wait->error);
  wait->done = TRUE;
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &wait->read, &wait->error);
  wait->done = TRUE;
}

/* The server runs in this process's main context: the client waits by
 * running it. The body is read into one buffer of the announced length
 * (soup_session_send_and_read() grows a zeroed buffer by doubling: a
 * quarter of the time counted as the hub's was that, by perf): @reuse
 * when given (its bytes replaced, its memory kept from page to page: a
 * fresh 1.5 MB buffer per page put ~30 % of the CPU timed as the hub's
 * into the client's page faults and cold copies in recv(), by perf), else
 * a new one. */
static GByteArray *
send_and_read_into (SoupSession  *session,
                    SoupMessage  *msg,
                    GByteArray   *reuse,
                    GError      **error)
{
  Wait wait = { 0 };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  goffset length;

  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  if (wait.error != NULL)
    {
      g_propagate_error (error, wait.error);
      return NULL;
    }
  stream = g_steal_pointer (&wait.stream);
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (msg));
  if (reuse != NULL)
    buffer = g_byte_array_set_size (g_byte_array_ref (reuse), 0);
  else
    buffer = g_byte_array_sized_new (length > 0 ? length : 4096);
  for (guint round = 0; round < 1000000; round++)
    {
      gsize before = buffer->len;
      gsize want = length > 0 && (goffset) before < length ? (gsize) (length - before) : 65536;

      g_byte_array_set_size (buffer, before + want);
      wait.done = FALSE;
      g_input_stream_read_all_async (stream, buffer->data + before, want, G_PRIORITY_DEFAULT, NULL,
                                     on_read_cb, &wait);
      while (!wait.done)
        g_main_context_iteration (NULL, TRUE);
      g_byte_array_set_size (buffer, before + wait.read);
      if (wait.error != NULL)
        {
          g_propagate_error (error, wait.error);
          return NULL;
        }
      if (wait.read < want)
        break;
    }
  return g_steal_pointer (&buffer);
}

static GBytes *
send_and_read (SoupSession  *session,
               SoupMessage  *msg,
               GError      **error)
{
  GByteArray *buffer = send_and_read_into (session, msg, NULL, error);

  return buffer ? g_byte_array_free_to_bytes (buffer) : NULL;
}

/* (transfer full): @reuse (ref'd) holding the body, or a new buffer */
static GByteArray *
get_into (Hub        *hub,
          const char *path,
          GByteArray *reuse,
          guint      *status)
{
  g_autofree char *url = g_strconcat (hub->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GByteArray *buffer;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer " TOKEN);
  buffer = send_and_read_into (hub->session, msg, reuse, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return buffer;
}

static GBytes *
get (Hub        *hub,
     const char *path,
     guint      *status)
{
  return g_byte_array_free_to_bytes (get_into (hub, path, NULL, status));
}

/* The cursor and has_more of a page, from the page's tail, where the hub
 * writes them ({"changes":[...],"next_cursor":"N","has_more":B,...}). */
static char *
scan_tail (GBytes   *body,
           gboolean *has_more)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  gsize from = size > 256 ? size - 256 : 0;
  g_autofree char *tail = g_strndup (data + from, size - from);
  const char *cursor = g_strrstr (tail, "\"next_cursor\":\"");

  g_assert_nonnull (cursor);
  cursor += strlen ("\"next_cursor\":\"");
  *has_more = g_strrstr (tail, "\"has_more\":true") != NULL;
  return g_strndup (cursor, strcspn (cursor, "\""));
}

/* Seconds the hub takes to serve the whole feed, page by page (each GET
 * until its body has arrived); @ids gets the request ids. The client's
 * own parsing of the pages is not the hub's cost and is left out: the next
 * cursor is read from a page's tail, and the pages are parsed after the
 * feed. (Parsing each page between requests also put its cost inside the
 * timed requests: freeing a page's parse tree, ~100,000 small blocks,
 * leaves them in malloc's fast bins, and glibc consolidates them at the
 * next large allocation, inside the next request: 40 % of the time timed
 * as the hub's, by perf.) */
static double
read_feed (Hub       *hub,
           GPtrArray *ids,
           guint     *n_entries,
           double    *cpu)
{
  g_autofree char *cursor = g_strdup ("0");
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) cursors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  double served = 0;

  gint64 from = g_get_monotonic_time ();

  *n_entries = 0;
  if (cpu != NULL)
    *cpu = 0;
  for (guint page = 0; page < 100000; page++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=1000&cursor=%s", cursor);
      GBytes *body;
      gboolean has_more;
      guint status;
      double cpu_from = cpu != NULL ? cpu_start () : 0;
      double start = now_s ();

      g_autoptr(GByteArray) received = get_into (hub, path, buffer, &status);

      served += now_s () - start;
      if (cpu != NULL)
        *cpu += cpu_end (cpu_from);
      g_assert_cmpuint (status, ==, 200);
      /* Kept for the parse after the feed: a copy, between requests. */
      body = g_bytes_new (received->data, received->len);
      g_ptr_array_add (pages, body);
      g_free (cursor);
      cursor = scan_tail (body, &has_more);
      g_ptr_array_add (cursors, g_strdup (cursor));
      if (!has_more)
        break;
    }
  if (g_getenv ("SHOU_BENCH_WINDOWS") != NULL)
    /* For `perf record -k CLOCK_MONOTONIC` then `perf report --time A,B`:
     * the span of the requests, before their parsing. */
    printf ("# feed requests from %.6f to %.6f\n", from / 1e6, g_get_monotonic_time () / 1e6);

  for (guint page = 0; page < pages->len; page++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      GBytes *body = pages->pdata[page];
      JsonObject *root;
      JsonArray *changes;

      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 g_bytes_get_size (body), NULL));
      root = json_node_get_object (json_parser_get_root (parser));
      changes = json_object_get_array_member (root, "changes");
      g_assert_cmpstr (json_object_get_string_member (root, "next_cursor"), ==, cursors->pdata[page]);
      g_assert_true (json_object_get_boolean_member (root, "has_more") == (page + 1 < pages->len));
      *n_entries += json_array_get_length (changes);
      for (guint i = 0; ids != NULL && i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);

          if (g_str_equal (json_object_get_string_member (c, "kind"), "aftersale"))
            g_ptr_array_add (ids, g_strdup (json_object_get_string_member (c, "id")));
        }
    }
  return served;
}

static const char *const floor_queries[] = {
  "SELECT * FROM orders WHERE merchant_id = 'scale' ORDER BY change_seq",
  "SELECT * FROM aftersales WHERE merchant_id = 'scale' ORDER BY change_seq",
  "SELECT * FROM addresses WHERE merchant_id = 'scale' ORDER BY change_seq",
};

/* The database reading the same rows, every column as text. */
static double
floor_sqlite (const char *path)
{
  sqlite3 *db = NULL;
  double start;
  gsize bytes = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  start = now_s ();
  for (guint q = 0; q < G_N_ELEMENTS (floor_queries); q++)
    {
      sqlite3_stmt *st = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, floor_queries[q], -1, &st, NULL), ==, SQLITE_OK);
      while (sqlite3_step (st) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (st); c++)
          {
            const unsigned char *text = sqlite3_column_text (st, c);

            bytes += text ? strlen ((const char *) text) : 0;
          }
      sqlite3_finalize (st);
    }
  start = now_s () - start;
  sqlite3_close (db);
  g_assert_cmpuint (bytes, >, 0);
  return start;
}

/* SHOU_BENCH_EXPLAIN=1: how PostgreSQL runs the feed's page query (the
 * text of shou_hub_store_each_change()) from the start and from the
 * middle. */
static void
explain_pg (const char *url,
            guint       middle)
{
  PGconn *conn = PQconnectdb (url);

  for (guint at = 0; at < 2; at++)
    {
      g_autofree char *sql = g_strdup_printf (
        "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM (SELECT 0 AS k, id, change_seq, data AS t,"
        " version AS n1, updated_at AS n2 FROM orders WHERE merchant_id = 'scale' AND change_seq > %u"
        " ORDER BY change_seq LIMIT 1001) AS o"
        " UNION ALL SELECT * FROM (SELECT 1, id, change_seq, rendered, rendered_until, 0 FROM aftersales"
        " WHERE merchant_id = 'scale' AND change_seq > %u ORDER BY change_seq LIMIT 1001) AS a"
        " UNION ALL SELECT * FROM (SELECT 2, id, change_seq, NULL, 0, 0 FROM addresses"
        " WHERE merchant_id = 'scale' AND change_seq > %u ORDER BY change_seq LIMIT 1001) AS d"
        " UNION ALL SELECT * FROM (SELECT 3, aftersale_id, change_seq, NULL, 0, 0 FROM claims"
        " WHERE merchant_id = 'scale' AND change_seq > %u ORDER BY change_seq LIMIT 1001) AS c"
        " ORDER BY change_seq LIMIT 1001", at * middle, at * middle, at * middle, at * middle);
      PGresult *res = PQexec (conn, sql);

      for (int r = 0; r < PQntuples (res); r++)
        printf ("# explain: %s\n", PQgetvalue (res, r, 0));
      PQclear (res);
    }
  PQfinish (conn);
}

static double
floor_pg (const char *url,
          double     *cpu)
{
  PGconn *conn = PQconnectdb (url);
  double start, cpu_from;
  gsize bytes = 0;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  cpu_find_children ();   /* with the new connection's backend */
  cpu_from = cpu_start ();
  start = now_s ();
  for (guint q = 0; q < G_N_ELEMENTS (floor_queries); q++)
    {
      PGresult *res = PQexec (conn, floor_queries[q]);

      g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
      for (int r = 0; r < PQntuples (res); r++)
        for (int c = 0; c < PQnfields (res); c++)
          bytes += PQgetlength (res, r, c);
      PQclear (res);
    }
  start = now_s () - start;
  *cpu = cpu_end (cpu_from);
  PQfinish (conn);
  g_assert_cmpuint (bytes, >, 0);
  return start;
}

static double
run_actions (Hub       *hub,
             GPtrArray *ids,
             guint      n,
             guint     *applied)
{
  double start = now_s ();

  *applied = 0;
  for (guint i = 0; i < n && i < ids->len; i++)
    {
      const char *id = ids->pdata[(i * 7919) % ids->len];
      g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", id);
      g_autofree char *url = g_strdup_printf ("%s/v1/aftersales/%s/actions", hub->url, id);
      g_autofree char *key = g_strdup_printf ("bench-%08u-%s", i, id);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GBytes) current = NULL;
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GBytes) request = NULL;
      g_autofree char *body = NULL;
      JsonObject *as;
      guint status;

      current = get (hub, path, &status);
      g_assert_cmpuint (status, ==, 200);
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (current, NULL),
                                                 g_bytes_get_size (current), NULL));
      as = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "aftersale");
      body = g_strdup_printf ("{\"action\": \"message\", \"expected_version\": %" G_GINT64_FORMAT
                              ", \"params\": {\"text\": \"您好，已收到\"}}",
                              json_object_get_int_member (as, "version"));
      request = g_bytes_new (body, strlen (body));
      msg = soup_message_new ("POST", url);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer " TOKEN);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
      answer = send_and_read (hub->session, msg, NULL);
      if (soup_message_get_status (msg) == 200)
        (*applied)++;
    }
  return now_s () - start;
}

#define MAX_ROUNDS 15

static double
median (double *values,
        guint   n)
{
  double sorted[MAX_ROUNDS];

  /* Insertion sort: a few rounds. */
  for (guint i = 0; i < n; i++)
    {
      guint j = i;

      for (; j > 0 && sorted[j - 1] > values[i]; j--)
        sorted[j] = sorted[j - 1];
      sorted[j] = values[i];
    }
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static void
bench_engine (const char *engine,
              const char *location,
              const char *sqlite_path,
              guint       n,
              guint       n_actions,
              guint       rounds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Hub hub = { 0 };
  double generated, feed, floor, actions;
  double feeds[MAX_ROUNDS], floors[MAX_ROUNDS], feed_cpus[MAX_ROUNDS], floor_cpus[MAX_ROUNDS];
  guint entries = 0, applied = 0;

  hub.server = shou_sim_server_new (location, SHOU_SIM_FLAG_QUIET, &error);
  g_assert_no_error (error);
  generated = now_s ();
  g_assert_true (shou_sim_server_add_scale (hub.server, n, 7, &error));
  generated = now_s () - generated;
  g_assert_cmpuint (shou_sim_server_listen (hub.server, 0, &error), >, 0);
  hub.url = g_strdup (shou_sim_server_get_url (hub.server));
  hub.session = soup_session_new_with_options ("timeout", 120, NULL);

  /* A first read warms both sides' caches; then the feed and the
   * database's read alternate, @rounds of each, and their medians are
   * compared (the machine's other load moves single runs by ±30 %). */
  read_feed (&hub, NULL, &entries, NULL);
  if (sqlite_path == NULL && g_getenv ("SHOU_BENCH_EXPLAIN") != NULL)
    explain_pg (location, entries / 2);
  for (guint r = 0; r < rounds; r++)
    {
      double cpu;

      cpu_find_children ();
      feeds[r] = read_feed (&hub, r == 0 ? ids : NULL, &entries, &feed_cpus[r]);
      cpu = cpu_start ();
      floors[r] = sqlite_path != NULL ? floor_sqlite (sqlite_path) : floor_pg (location, &floor_cpus[r]);
      if (sqlite_path != NULL)
        floor_cpus[r] = cpu_end (cpu);
      printf ("# %s: round %u: feed %.3f s (CPU %.3f s), read %.3f s (CPU %.3f s)\n", engine, r + 1,
              feeds[r], feed_cpus[r], floors[r], floor_cpus[r]);
    }
  feed = median (feeds, rounds);
  floor = median (floors, rounds);
  actions = run_actions (&hub, ids, n_actions, &applied);

  printf ("# %s: %u requests generated in %.1f s\n", engine, n, generated);
  printf ("# %s: feed of %u entries to one client %.3f s, the database reading the same rows %.3f s"
          " (medians of %u): %.2f×\n", engine, entries, feed, floor, rounds, feed / floor);
  printf ("# %s: CPU (this process, its PostgreSQL server and backends): feed %.3f s, read %.3f s"
          " (medians): %.2f×\n", engine, median (feed_cpus, rounds), median (floor_cpus, rounds),
          median (feed_cpus, rounds) / median (floor_cpus, rounds));
  printf ("%s - %s: whole feed ≤ 1.5× the database's read (%.2f×)\n",
          feed <= 1.5 * floor || feed < 0.0005 ? "ok" : "not ok", engine, feed / floor);
  printf ("# %s: %u actions (read + act, one at a time) in %.2f s: %.0f actions/s, %.2f ms each\n",
          engine, applied, actions, applied / actions, actions * 1000 / MAX (applied, 1));
  printf ("ok - %s: actions applied (%u of %u; the rest 422 on finished requests)\n", engine, applied, n_actions);
  g_assert_cmpuint (applied, >, 0);

  soup_session_abort (hub.session);
  g_object_unref (hub.session);
  g_object_unref (hub.server);
  g_free (hub.url);
}

int
main (int   argc,
      char *argv[])
{
  const char *n_env = g_getenv ("SHOU_BENCH_N");
  const char *a_env = g_getenv ("SHOU_BENCH_ACTIONS");
  const char *only = g_getenv ("SHOU_BENCH_ENGINE");   /* "sqlite" or "postgresql": that one alone */
  gboolean sqlite = only == NULL || g_str_equal (only, "sqlite");
  gboolean pg = (only == NULL || g_str_equal (only, "postgresql")) && shou_test_pg_bindir () != NULL;
  guint n = n_env ? (guint) g_ascii_strtoull (n_env, NULL, 10) : 20000;
  guint n_actions = a_env ? (guint) g_ascii_strtoull (a_env, NULL, 10) : 300;
  const char *r_env = g_getenv ("SHOU_BENCH_ROUNDS");
  guint rounds = CLAMP (r_env ? (guint) g_ascii_strtoull (r_env, NULL, 10) : 3, 1, MAX_ROUNDS);
  g_autofree char *dir = g_dir_make_tmp ("shou-bench-hub-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hub.db", NULL);
  g_autoptr(GError) error = NULL;

  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("1..%u\n", 2 * (sqlite + pg));
  if (sqlite)
    bench_engine ("sqlite", path, path, n, n_actions, rounds);
  if (pg)
    {
      g_autofree char *url = NULL;

      g_assert_nonnull (shou_test_pg_start (&error));
      url = shou_test_pg_new_database ();
      bench_engine ("postgresql", url, NULL, n, n_actions, rounds);
    }
  else if (shou_test_pg_bindir () == NULL)
    printf ("# postgresql: not installed, skipped\n");
  shou_test_pg_stop ();
  shou_test_fs_rm_rf (dir);
  return 0;
}
