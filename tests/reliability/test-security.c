/* Who may see what: after a real session (sync, seller actions, faults, a
 * refused token) neither the API token nor a full phone number other than
 * the seller's own return addresses is in the database, the data folders or
 * the logs; another merchant's ids answer exactly like ids that do not
 * exist, on every endpoint API.md lists; tokens are compared in constant
 * time; TLS is verified; plain HTTP goes only to this machine. */
#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "sim/sim-test-util.h"
#include "sim/shou-sim-db.h"
#include "sync/shou-secrets.h"
#include "sync/sync-test-util.h"
#include "security-test-util.h"


#define WRONG_TOKEN "wrong-token-6b1c2f9a0d7e-should-never-be-stored"

/* ---- scanning ------------------------------------------------------------ */

typedef struct
{
  char   *name;
  GBytes *bytes;
} Blob;

static void
blob_free (Blob *b)
{
  g_free (b->name);
  g_bytes_unref (b->bytes);
  g_free (b);
}

static void
collect_files (const char *path,
               GPtrArray  *blobs)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      char *contents = NULL;
      gsize length = 0;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        collect_files (child, blobs);
      else if (g_file_get_contents (child, &contents, &length, NULL))
        {
          Blob *b = g_new0 (Blob, 1);

          b->name = g_strdup (child);
          b->bytes = g_bytes_new_take (contents, length);
          g_ptr_array_add (blobs, b);
        }
    }
}

static gboolean
blob_contains (Blob       *b,
               const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (b->bytes, &len);

  return len > 0 && g_strstr_len (data, len, needle) != NULL;
}

/* Any byte sequence equal to @needle (memmem, NULs included). */
static gboolean
blob_has (Blob       *b,
          const char *needle)
{
  gsize len, nlen = strlen (needle);
  const char *data = g_bytes_get_data (b->bytes, &len);

  if (nlen == 0 || len < nlen)
    return FALSE;
  return memmem (data, len, needle, nlen) != NULL;
}

/* Adds every phone-like number in @node to @known. Phones of addresses
 * are the seller's; a full number under any other "phone" member would be a
 * buyer's, which the platform must have masked. */
static void
collect_numbers (JsonNode   *node,
                 const char *member,
                 gboolean    in_address,
                 GRegex     *phone_re,
                 GHashTable *known)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (obj);

      for (GList *l = names; l; l = l->next)
        collect_numbers (json_object_get_member (obj, l->data), l->data,
                         in_address || g_strcmp0 (member, "return_address") == 0,
                         phone_re, known);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_numbers (json_array_get_element (array, i), member, in_address, phone_re, known);
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree char *text = json_node_get_value_type (node) == G_TYPE_STRING
                              ? g_strdup (json_node_get_string (node))
                              : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      g_autoptr(GMatchInfo) match = NULL;

      g_regex_match (phone_re, text, 0, &match);
      while (g_match_info_matches (match))
        {
          g_autofree char *number = g_match_info_fetch (match, 0);

          if (member != NULL && strstr (member, "phone") != NULL && !in_address)
            g_error ("the server sent a full buyer phone number in \"%s\"", member);
          g_hash_table_add (known, g_steal_pointer (&number));
          g_match_info_next (match, NULL);
        }
    }
}

static void
check_phones (GRegex     *phone_re,
              GHashTable *known,
              const char *where,
              const char *data,
              gsize       len)
{
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match_full (phone_re, data, len, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      g_autofree char *phone = g_match_info_fetch (match, 0);

      if (!g_hash_table_contains (known, phone))
        g_error ("%s contains the full phone number %s, which is not a return address of the shop",
                 where, phone);
      g_match_info_next (match, NULL);
    }
}

/* The database value by value: its raw pages put fields side by side, where
 * the digits ending one and starting the next could pass for a phone. */
static guint
check_database_phones (const char *path,
                       GRegex     *phone_re,
                       GHashTable *known)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  guint values = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &st, NULL), ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (st, 0)));
  sqlite3_finalize (st);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (const char *) tables->pdata[t]);
      g_autofree char *where = g_strdup_printf ("%s, table %s", path, (const char *) tables->pdata[t]);

      if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
        continue;   /* FTS shadow tables of a module that is not loaded here */
      while (sqlite3_step (st) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (st); c++)
          {
            const char *text;

            /* Phone numbers are text wherever they are kept; an integer
             * (a duration in microseconds, a sum in fen) can read like one
             * (13,500,000,000 us is 3 h 45 min). */
            if (sqlite3_column_type (st, c) == SQLITE_INTEGER)
              {
                values++;
                continue;
              }
            text = (const char *) sqlite3_column_blob (st, c);
            if (text != NULL)
              check_phones (phone_re, known, where, text, sqlite3_column_bytes (st, c));
            values++;
          }
      sqlite3_finalize (st);
    }
  sqlite3_close (db);
  return values;
}

/* ---- a session ------------------------------------------------------------ */

static void
enqueue_some (ShouStore  *store,
              const char *action,
              ShouAction  kind,
              const char *params_json,
              guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = tu_find_request (store, action);
      g_autoptr(JsonObject) req = NULL;
      g_autoptr(JsonNode) params = NULL;
      g_autoptr(GError) error = NULL;

      if (id == NULL)
        return;
      req = shou_store_get_request (store, id, &error);
      g_assert_no_error (error);
      params = json_from_string (params_json, &error);
      g_assert_no_error (error);
      if (kind == SHOU_ACTION_AGREE_REFUND)
        json_object_set_int_member (json_node_get_object (params), "amount_fen",
                                    json_object_get_int_member (req, "amount_fen"));
      shou_store_enqueue_action (store, id, kind, json_node_get_object (params),
                                 json_object_get_int_member (req, "version"), &error);
      g_assert_no_error (error);
    }
}

static void
test_no_secrets_at_rest (void)
{
  SyncFixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = shou_store_get_default_path ();
  g_autofree char *account = NULL;
  g_autofree char *wrong_account = NULL;
  g_autofree char *stderr_path = g_build_filename (home, "stderr.log", NULL);
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) blob_free);
  g_autoptr(GHashTable) allowed_phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) phone_re = NULL;
  g_autoptr(GPtrArray) shops = NULL;
  g_autoptr(JsonObject) address = json_object_new ();
  /* A 1 × 1 RGB PNG that decodes (IHDR, IDAT, IEND). */
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
    0, 0, 0, 12, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00,
    0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92, 0xef,
    0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
  };
  g_autoptr(GBytes) png_bytes = g_bytes_new_static (png, sizeof png);
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  guint n_db_files = 0, n_masked = 0, n_url = 0;
  int saved_stderr, log_fd;

  /* Everything written to stderr during the session is scanned too. */
  log_fd = g_open (stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (log_fd, >=, 0);
  saved_stderr = dup (STDERR_FILENO);
  dup2 (log_fd, STDERR_FILENO);

  tu_setup (&f, NULL);
  g_assert_true (g_str_has_prefix (db_path, home));
  store = shou_store_new (db_path, &error);
  g_assert_no_error (error);
  account = shou_store_add_account (store, f.url, "演示商家", &error);
  g_assert_no_error (error);
  g_assert_true (shou_secrets_store_token (account, f.url, f.token, &error));
  g_assert_no_error (error);

  engine = tu_engine_new (store);
  g_assert_true (tu_sync_until_clean (engine, 5));

  /* The seller works: messages, refunds, a negotiation, a new address with
   * the seller's own phone, evidence. */
  enqueue_some (store, "message", SHOU_ACTION_MESSAGE, "{\"text\": \"您好，已收到您的申请\"}", 3);
  enqueue_some (store, "agree_refund", SHOU_ACTION_AGREE_REFUND, "{}", 2);
  enqueue_some (store, "negotiate", SHOU_ACTION_NEGOTIATE,
                "{\"round\": 1, \"text\": \"亲，麻烦提供一下商品问题的照片，我们核实后马上处理\", \"scripts\": []}", 1);
  shops = shou_store_list_shops (store);
  g_assert_cmpuint (shops->len, >, 0);
  json_object_set_string_member (address, "name", "售后组");
  json_object_set_string_member (address, "phone", "13905710001");
  json_object_set_string_member (address, "province", "浙江省");
  json_object_set_string_member (address, "city", "杭州市");
  json_object_set_string_member (address, "district", "西湖区");
  json_object_set_string_member (address, "street", "文三路90号");
  json_object_set_string_member (address, "postcode", "310012");
  json_object_set_boolean_member (address, "is_default", FALSE);
  g_free (shou_store_save_address (store, json_object_get_string_member (shops->pdata[0], "id"),
                                   address, &error));
  g_assert_no_error (error);
  {
    g_autofree char *id = tu_find_request (store, "message");

    if (id != NULL)
      g_free (shou_store_import_evidence_bytes (store, id, png_bytes, SHOU_EVIDENCE_CHAT_SCREENSHOT, NULL));
  }

  /* Failures are where secrets slip into logs: faults, then a refused token. */
  tu_set_faults (&f, 0.5, 4242);
  for (guint i = 0; i < 4; i++)
    tu_sync (engine);
  tu_set_faults (&f, 0.0, 0);
  g_assert_true (tu_sync_until_clean (engine, 10));

  wrong_account = shou_store_add_account (store, f.url, "错误令牌", &error);
  g_assert_no_error (error);
  g_assert_true (shou_secrets_store_token (wrong_account, f.url, WRONG_TOKEN, &error));
  g_assert_no_error (error);
  g_assert_false (tu_sync (engine));
  g_assert_cmpint (shou_sync_engine_get_state (engine), ==, SHOU_SYNC_AUTH_FAILED);
  g_assert_nonnull (shou_sync_engine_get_error_message (engine));
  g_test_message ("refused token shows: %s", shou_sync_engine_get_error_message (engine));

  phone_re = g_regex_new ("(?<![0-9])1[3-9][0-9]{9}(?![0-9])", G_REGEX_RAW, 0, &error);
  g_assert_no_error (error);

  /* Numbers the shop's data legitimately holds: the seller's own
   * return-address phones, and ids that merely look like phones (platform
   * ids, order numbers). A buyer's phone must arrive masked. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *cursor = g_strdup ("");

    for (guint guard = 0; guard < 100; guard++)
      {
        g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
        g_autofree char *path = g_strdup_printf ("/v1/changes?limit=1000&cursor=%s", escaped);
        g_autoptr(JsonObject) page = NULL;
        JsonArray *changes;

        g_assert_cmpuint (tu_http (&f, "GET", path, f.token, NULL, &page), ==, 200);
        changes = json_object_get_array_member (page, "changes");
        for (guint i = 0; i < json_array_get_length (changes); i++)
          {
            JsonObject *c = json_array_get_object_element (changes, i);

            collect_numbers (json_object_get_member (c, "data"), NULL,
                             g_str_equal (json_object_get_string_member (c, "kind"), "address"),
                             phone_re, allowed_phones);
          }
        g_free (cursor);
        cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
        if (!json_object_get_boolean_member (page, "has_more"))
          break;
      }
    g_assert_true (g_hash_table_contains (allowed_phones, "13905710001"));
  }

  url = g_strdup (f.url);
  token = g_strdup (f.token);
  g_assert_finalize_object (g_steal_pointer (&engine));
  g_assert_finalize_object (g_steal_pointer (&store));
  tu_teardown (&f, NULL);
  fflush (stderr);
  dup2 (saved_stderr, STDERR_FILENO);
  close (saved_stderr);
  close (log_fd);

  collect_files (home, blobs);
  {
    Blob *b = g_new0 (Blob, 1);

    g_mutex_lock (&log_lock);
    b->name = g_strdup ("(captured g_log output)");
    b->bytes = g_bytes_new (captured_log->str, captured_log->len);
    g_mutex_unlock (&log_lock);
    g_ptr_array_add (blobs, b);
  }

  for (guint i = 0; i < blobs->len; i++)
    {
      Blob *b = blobs->pdata[i];
      gsize len;
      const char *data = g_bytes_get_data (b->bytes, &len);

      g_test_message ("scanned %s (%" G_GSIZE_FORMAT " bytes)", b->name, len);
      if (g_str_has_prefix (b->name, db_path))
        n_db_files++;
      if (blob_has (b, "****"))
        n_masked++;
      if (blob_has (b, url))
        n_url++;

      if (blob_has (b, token) || blob_has (b, WRONG_TOKEN))
        g_error ("%s contains an API token", b->name);

      /* SQLite files are read value by value below; everything else raw. */
      if (!g_str_has_prefix (b->name, db_path))
        check_phones (phone_re, allowed_phones, b->name, data, len);
      g_assert_false (blob_contains (b, "Bearer "));
    }
  g_assert_cmpuint (check_database_phones (db_path, phone_re, allowed_phones), >, 1000);
  /* The scan saw the real thing: the database (and its log files), the
   * shop's data with masked phones, the account's address. */
  g_assert_cmpuint (n_db_files, >=, 1);
  g_assert_cmpuint (n_masked, >=, 1);
  g_assert_cmpuint (n_url, >=, 1);
  /* …and the logs: the engine's own account of the failed syncs. */
  g_test_message ("captured %" G_GSIZE_FORMAT " bytes of log", captured_log->len);
  g_assert_nonnull (strstr (captured_log->str, "failed"));
}

/* ---- another merchant's ids --------------------------------------------- */

typedef struct
{
  char *method;
  char *path;
} Heading;

static GPtrArray *
api_headings (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *list = g_ptr_array_new ();

  g_file_get_contents (SIM_API_MD, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) parts = NULL;

      if (!g_str_has_prefix (lines[i], "### "))
        continue;
      parts = g_strsplit (lines[i] + 4, " ", 2);
      if (parts[0] == NULL || parts[1] == NULL || !g_str_has_prefix (parts[1], "/v1/") ||
          g_str_has_prefix (parts[1], "/v1/test/"))
        continue;
      /* "GET|POST|PUT|DELETE /v1/…" may list several methods. */
      {
        g_auto(GStrv) methods = g_strsplit (parts[0], "|", -1);

        for (guint m = 0; methods[m]; m++)
          {
            Heading *h = g_new0 (Heading, 1);

            h->method = g_strdup (methods[m]);
            h->path = g_strdup (g_strstrip (parts[1]));
            g_ptr_array_add (list, h);
          }
      }
    }
  return list;
}

static char *
fill (const char *pattern,
      const char *shop,
      const char *aftersale,
      const char *order,
      const char *address,
      const char *sha)
{
  GString *s = g_string_new (pattern);

  g_string_replace (s, "/v1/shops/{id}", "/v1/shops/@SHOP", 0);
  g_string_replace (s, "/v1/orders/{id}", "/v1/orders/@ORDER", 0);
  g_string_replace (s, "/v1/aftersales/{id}", "/v1/aftersales/@AS", 0);
  /* Staff ids are per merchant: another's (or none) answers alike. */
  g_string_replace (s, "/v1/staff/{id}", "/v1/staff/@AS", 0);
  /* B holds no review of A's here: a request's id stands for one (it
   * must answer as a missing id); test-sim-reviews has A's own reviews. */
  g_string_replace (s, "/v1/reviews/{id}", "/v1/reviews/@AS", 0);
  /* Likewise complaints and return visits (test-sim-reviews has A's own). */
  g_string_replace (s, "/v1/complaints/{id}", "/v1/complaints/@AS", 0);
  g_string_replace (s, "/v1/visits/{id}", "/v1/visits/@AS", 0);
  g_string_replace (s, "/v1/incidents/{id}", "/v1/incidents/@AS", 0);
  g_string_replace (s, "{aid}", "@ADDR", 0);
  g_string_replace (s, "{sha256}", "@SHA", 0);
  g_string_replace (s, "@SHOP", shop, 0);
  g_string_replace (s, "@ORDER", order, 0);
  g_string_replace (s, "@AS", aftersale, 0);
  g_string_replace (s, "@ADDR", address, 0);
  g_string_replace (s, "@SHA", sha, 0);
  g_assert_null (strchr (s->str, '{'));
  return g_string_free (s, FALSE);
}

static SimResponse *
call_as_b (SimFixture *f,
           const char *method,
           const char *path)
{
  static const char action[] = "{\"action\": \"message\", \"expected_version\": 1, \"params\": {\"text\": \"hi\"}}";
  static const char addr[] = "{\"name\": \"周敏\", \"phone\": \"13857196624\", \"province\": \"浙江省\","
                             " \"city\": \"杭州市\", \"street\": \"文一西路1号\", \"expected_version\": 1}";
  static const char pdf[] = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";
  static const char staff[] = "{\"staff_id\": \"b-agent\", \"name\": \"王五\", \"role\": \"agent\","
                              " \"caps\": {\"action_fen\": 100, \"day_fen\": 100}}";
  g_autoptr(GBytes) body = NULL;
  const char *type = "application/json";

  if (g_str_equal (method, "POST") || g_str_equal (method, "PUT"))
    {
      if (strstr (path, "/actions"))
        body = g_bytes_new_static (action, sizeof action - 1);
      else if (g_str_equal (path, "/v1/staff"))
        body = g_bytes_new_static (staff, sizeof staff - 1);
      else if (strstr (path, "/evidence"))
        {
          body = g_bytes_new_static (pdf, sizeof pdf - 1);
          type = "application/pdf";
        }
      else
        body = g_bytes_new_static (addr, sizeof addr - 1);
    }
  return sim_request_full (f, method, path, SIM_TOKEN_B, type, body, "walk-key-000000001");
}

static void
assert_same_answer (SimResponse *foreign,
                    SimResponse *missing,
                    const char  *what)
{
  g_test_message ("%s: %u / %u", what, foreign->status, missing->status);
  g_assert_cmpuint (foreign->status, ==, missing->status);
  if (!g_bytes_equal (foreign->body, missing->body))
    g_error ("%s: the answer for another merchant's id differs from a missing id:\n%.*s\n%.*s", what,
             (int) g_bytes_get_size (foreign->body), (const char *) g_bytes_get_data (foreign->body, NULL),
             (int) g_bytes_get_size (missing->body), (const char *) g_bytes_get_data (missing->body, NULL));
}

static void
test_foreign_ids (SimFixture    *f,
                  gconstpointer  data)
{
  /* A 1 × 1 RGB PNG that decodes (IHDR, IDAT, IEND). */
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
    0, 0, 0, 12, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00,
    0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92, 0xef,
    0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
  };
  g_autoptr(GPtrArray) headings = api_headings ();
  g_autofree char *as_a = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  g_autofree char *as_b = sim_open_request (f, "b-pdd", "completed", "return_refund", NULL);
  g_autoptr(JsonObject) obj_a = sim_get_aftersale (f, SIM_TOKEN_A, as_a);
  const char *order_a = json_object_get_string_member (obj_a, "order_id");
  g_autoptr(JsonObject) obj_b = sim_get_aftersale (f, SIM_TOKEN_B, as_b);
  const char *order_b = json_object_get_string_member (obj_b, "order_id");
  const char *addr_a = f->address[SHOU_PLATFORM_TAOBAO];
  g_autofree char *sha_a = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint walked = 0;

  {
    g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/evidence?kind=chat_screenshot", as_a);
    g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
    g_autoptr(SimResponse) r = sim_request_full (f, "POST", path, SIM_TOKEN_A, "image/png", bytes, NULL);

    g_assert_cmpuint (r->status, ==, 201);
    sha_a = g_strdup (json_object_get_string_member (sim_member (r, "evidence"), "id"));
  }
  before = shou_sim_server_checksum (f->server);

  g_assert_cmpuint (headings->len, >=, 12);
  for (guint i = 0; i < headings->len; i++)
    {
      Heading *h = headings->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s %s", h->method, h->path);

      if (strstr (h->path, "{") == NULL)
        {
          /* Lists: B gets its own, nothing of A's. */
          g_autofree char *path = g_str_equal (h->path, "/v1/reasons") ? g_strdup ("/v1/reasons?platform=pdd")
                                                                        : g_strdup (h->path);
          g_autoptr(SimResponse) r = call_as_b (f, h->method, path);
          gsize len;
          const char *body = g_bytes_get_data (r->body, &len);

          g_test_message ("%s: %u", label, r->status);
          /* B's own new staff member; removed again, so that nothing changed. */
          if (g_str_equal (h->method, "POST") && g_str_equal (h->path, "/v1/staff"))
            {
              g_autoptr(SimResponse) undo = call_as_b (f, "DELETE", "/v1/staff/b-agent");

              g_assert_cmpuint (r->status, ==, 201);
              g_assert_cmpuint (undo->status, ==, 204);
            }
          /* Not a review (an address's body): refused, and nothing of A's
           * told. A review on A's order is test-sim-reviews' isolation case. */
          else if (g_str_equal (h->method, "POST") &&
                   (g_str_equal (h->path, "/v1/reviews") || g_str_equal (h->path, "/v1/complaints") ||
                    g_str_equal (h->path, "/v1/visits") || g_str_equal (h->path, "/v1/incidents")))
            g_assert_cmpuint (r->status, ==, 400);
          /* B's own rules: an address's body is not a rule (nor an undo's
           * keys), refused without a word of A's. */
          else if ((g_str_equal (h->method, "POST") || g_str_equal (h->method, "PUT")) &&
                   g_str_has_prefix (h->path, "/v1/autorules"))
            g_assert_cmpuint (r->status, ==, 400);
          else
            g_assert_cmpuint (r->status, ==, 200);
          g_assert_null (g_strstr_len (body, len, "\"a-"));
          g_assert_null (g_strstr_len (body, len, as_a));
          g_assert_null (g_strstr_len (body, len, order_a));
          g_assert_null (g_strstr_len (body, len, addr_a));
        }
      else if (g_str_has_prefix (h->path, "/v1/shops/{id}"))
        {
          /* A's shop is forbidden, and answers exactly like a shop that
           * does not exist, so shop ids cannot be probed either. */
          g_autofree char *foreign = fill (h->path, "a-taobao", as_a, order_a, addr_a, sha_a);
          g_autofree char *missing = fill (h->path, "shop-nope", as_a, order_a, addr_a, sha_a);
          g_autofree char *own_shop = fill (h->path, "b-pdd", as_a, order_a, addr_a, sha_a);
          g_autofree char *own_missing = fill (h->path, "b-pdd", as_a, order_a, "addr-nope-0001", sha_a);
          g_autoptr(SimResponse) r1 = call_as_b (f, h->method, foreign);
          g_autoptr(SimResponse) r2 = call_as_b (f, h->method, missing);

          g_assert_cmpuint (r1->status, ==, 403);
          g_assert_cmpstr (sim_error_code (r1), ==, "forbidden");
          assert_same_answer (r1, r2, label);
          if (strstr (h->path, "{aid}"))
            {
              /* A's address through B's own shop: like a missing address. */
              g_autoptr(SimResponse) r3 = call_as_b (f, h->method, own_shop);
              g_autoptr(SimResponse) r4 = call_as_b (f, h->method, own_missing);

              g_assert_cmpuint (r3->status, ==, 404);
              assert_same_answer (r3, r4, own_shop);
            }
        }
      else
        {
          /* Orders, requests, evidence: 404, byte for byte a missing id. */
          g_autofree char *foreign = fill (h->path, "a-taobao", as_a, order_a, addr_a, sha_a);
          g_autofree char *missing = fill (h->path, "a-taobao", "as-nope-0001", "o-nope-0001", addr_a, sha_a);
          g_autoptr(SimResponse) r1 = call_as_b (f, h->method, foreign);
          g_autoptr(SimResponse) r2 = call_as_b (f, h->method, missing);

          g_assert_cmpuint (r1->status, ==, 404);
          g_assert_cmpstr (sim_error_code (r1), ==, "not_found");
          assert_same_answer (r1, r2, label);
          if (strstr (h->path, "{sha256}"))
            {
              /* A's file through B's own request: like a file never uploaded. */
              g_autofree char *own = fill (h->path, "b-pdd", as_b, order_b, addr_a, sha_a);
              g_autofree char *own_missing = fill (h->path, "b-pdd", as_b, order_b, addr_a,
                                                   "0000000000000000000000000000000000000000000000000000000000000000");
              g_autoptr(SimResponse) r3 = call_as_b (f, h->method, own);
              g_autoptr(SimResponse) r4 = call_as_b (f, h->method, own_missing);

              g_assert_cmpuint (r3->status, ==, 404);
              assert_same_answer (r3, r4, own);
            }
        }
      walked++;
    }
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);
  g_test_message ("walked %u endpoints from API.md", walked);
  g_assert_cmpuint (walked, ==, headings->len);
  for (guint i = 0; i < headings->len; i++)
    {
      Heading *h = headings->pdata[i];

      g_free (h->method);
      g_free (h->path);
      g_free (h);
    }
}

/* ---- constant-time token comparison ---------------------------------------- */

static void
test_token_compare (void)
{
  g_assert_true (shou_sim_token_equal ("demo-token-7d1f0c52a9e4", "demo-token-7d1f0c52a9e4"));
  g_assert_false (shou_sim_token_equal ("demo-token-7d1f0c52a9e4", "demo-token-7d1f0c52a9e5"));
  g_assert_false (shou_sim_token_equal ("demo-token-7d1f0c52a9e4", "demo-token-7d1f0c52a9e"));
  g_assert_false (shou_sim_token_equal ("demo-token-7d1f0c52a9e4", "demo-token-7d1f0c52a9e44"));
  g_assert_false (shou_sim_token_equal ("demo-token-7d1f0c52a9e4", ""));
  g_assert_false (shou_sim_token_equal ("", "x"));
  g_assert_false (shou_sim_token_equal ("abc", NULL));
  g_assert_false (shou_sim_token_equal (NULL, NULL));
}

static void
test_token_lookup (SimFixture    *f,
                   gconstpointer  data)
{
  /* Every merchant's token still works after the constant-time lookup, and
   * near misses (a prefix, one more character, other case) do not. */
  static const char *const near[] = {
    "token-merchant-a-000", "token-merchant-a-00011", "TOKEN-MERCHANT-A-0001", "token-merchant-a-0002",
  };
  g_autoptr(SimResponse) a = sim_request (f, "GET", "/v1/shops", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) b = sim_request (f, "GET", "/v1/shops", SIM_TOKEN_B, NULL);

  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpuint (b->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (near); i++)
    {
      g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/shops", near[i], NULL);

      g_assert_cmpuint (r->status, ==, 401);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *const subdirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  int ret;

  /* A private home for the session, before GLib caches the folders. */
  home = g_dir_make_tmp ("shou-security-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, subdirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (subdirs[i], dir, TRUE);
    }
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reliability/security/no-secrets-at-rest", test_no_secrets_at_rest);
  g_test_add ("/reliability/security/foreign-ids", SimFixture, NULL,
              sim_fixture_setup, test_foreign_ids, sim_fixture_teardown);
  g_test_add_func ("/reliability/security/token-compare", test_token_compare);
  g_test_add ("/reliability/security/token-lookup", SimFixture, NULL,
              sim_fixture_setup, test_token_lookup, sim_fixture_teardown);
  ret = g_test_run ();

  tu_rm_rf (home);
  g_free (home);
  g_string_free (captured_log, TRUE);
  return ret;
}
