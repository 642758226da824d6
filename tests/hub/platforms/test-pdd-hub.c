/* test-pdd-hub.c: shouhou-hub with `[platform] kind = pdd` (and then
 * `kind = taobao` with a Tmall shop, and `kind = douyin`) in its configuration, upstream the
 * platform's fake on 127.0.0.1: the
 * authorisation page, a pasted redirect URL exchanged for tokens, the
 * queue served over the v1 contract, an agreed refund carried to the fake,
 * and the actions Pinduoduo lacks shown as blocked; evidence through the
 * hub's route reaching TOP as a multipart upload (Tmall) and refused with
 * where instead (抖店). Real time. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "douyin-fake.h"
#include "pdd-fake.h"
#include "taobao-fake.h"
#include "shou-test-hub.h"

#define TOKEN "merchant-token-pdd-0001"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static Run
run_hub (const char *config,
         const char *database,
         const char *flag,
         const char *value)
{
  const char *argv[] = { g_getenv ("SHOUHOU_HUB"), "--config", config, "--database", database, flag, value, NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &run.out, &run.err, &error));
  run.status = g_subprocess_get_exit_status (proc);
  return run;
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static JsonNode *
get_json (SoupSession *session,
          const char  *url,
          const char  *method,
          const char  *body,
          const char  *key,
          guint       *out_status)
{
  g_autoptr(SoupMessage) msg = shou_test_hub_message (method, url, TOKEN, body, key);
  g_autoptr(GBytes) bytes = soup_session_send_and_read (session, msg, NULL, NULL);

  *out_status = soup_message_get_status (msg);
  return bytes ? json_from_string (g_bytes_get_data (bytes, NULL), NULL) : NULL;
}

/* The aftersales the feed has served so far, by platform id. */
static GHashTable *
read_feed (SoupSession *session,
           const char  *base)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/changes?cursor=0&limit=500", base);
  g_autoptr(JsonNode) root = NULL;
  GHashTable *found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  JsonArray *changes;
  guint status;

  root = get_json (session, url, "GET", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  changes = json_object_get_array_member (json_node_get_object (root), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (c, "kind"), "aftersale"))
        {
          JsonObject *data = json_object_get_object_member (c, "data");

          g_hash_table_replace (found, g_strdup (json_object_get_string_member (data, "platform_id")),
                                json_object_ref (data));
        }
    }
  return found;
}

/* Waits (bounded) until the feed served @n aftersales. */
static GHashTable *
wait_feed (SoupSession *session,
           const char  *base,
           guint        n)
{
  GHashTable *seen = NULL;

  for (guint i = 0; i < 100; i++)
    {
      g_clear_pointer (&seen, g_hash_table_unref);
      seen = read_feed (session, base);
      if (g_hash_table_size (seen) == n)
        break;
      g_usleep (100000);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  return seen;
}

/* The directory's files: the secret, the token key, the merchant's token
 * and hub.ini with @platform_ini after the merchant. */
static void
configure (const char *dir,
           const char *config,
           const char *platform_ini)
{
  g_autofree char *ini = g_strconcat ("[merchant m1]\nname=店主\ntoken-file=m1.token\n\n", platform_ini, NULL);

  write_file (dir, "app.secret", "fake-client-secret\n");
  write_file (dir, "token.key", "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n");
  write_file (dir, "m1.token", TOKEN "\n");
  g_assert_true (g_file_set_contents (config, ini, -1, NULL));
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* POSTs a small real PNG as evidence of request @id; the answer. */
static JsonNode *
upload_png (SoupSession *session,
            const char  *hub_url,
            const char  *id,
            guint       *out_status)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);
  g_autofree char *url = g_strdup_printf ("%s/v1/aftersales/%s/evidence?kind=product_photo", hub_url, id);
  g_autoptr(SoupMessage) msg = shou_test_hub_message ("POST", url, TOKEN, NULL, NULL);
  g_autofree char *png = NULL;
  gsize png_size = 0;
  g_autoptr(GBytes) png_bytes = NULL;
  g_autoptr(GBytes) reply = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &png, &png_size, "png", NULL, NULL));
  png_bytes = g_bytes_new (png, png_size);
  soup_message_set_request_body_from_bytes (msg, "image/png", png_bytes);
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  *out_status = soup_message_get_status (msg);
  return reply ? json_from_string (g_bytes_get_data (reply, NULL), NULL) : NULL;
}

static gboolean
has_string (JsonArray  *array,
            const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_blocked (JsonObject *as,
             const char *action,
             const char *reason)
{
  JsonArray *blocked = json_object_get_array_member (as, "blocked_actions");

  for (guint i = 0; i < json_array_get_length (blocked); i++)
    {
      JsonObject *b = json_array_get_object_element (blocked, i);

      if (g_str_equal (json_object_get_string_member (b, "action"), action))
        return g_str_equal (json_object_get_string_member (b, "reason"), reason);
    }
  return FALSE;
}

static void
test_hub_with_pdd (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shou-pdd-hub-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (dir, "hub.ini", NULL);
  g_autofree char *database = g_build_filename (dir, "hub.db", NULL);
  g_autofree char *ini = NULL;
  g_autofree char *refund_id = NULL;
  g_autofree char *return_id = NULL;
  g_autoptr(PlatformFake) fake = pdd_fake_new ("fake-client-id", "fake-client-secret");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GHashTable) seen = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  ShouTestHub hub;
  JsonObject *as;
  guint status;
  Run run;

  ini = g_strdup_printf ("[platform]\nkind=pdd\nclient-id=fake-client-id\nclient-secret-file=app.secret\n"
                         "token-key-file=token.key\nendpoint=%s\npull-from-hours=1\n"
                         "redirect-uri=https://shop.example/cb\n\n"
                         "[shop pdd-1]\nmerchant=m1\nplatform=pdd\nname=拼多多店\n",
                         platform_fake_get_url (fake));
  configure (dir, config, ini);
  platform_fake_set_now (fake, now);

  run = run_hub (config, database, "--auth-url", "https://shop.example/cb");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "https://fuwu.pinduoduo.com/service-market/auth?response_type=code"
                                   "&client_id=fake-client-id&redirect_uri=https%3A%2F%2Fshop.example%2Fcb&state="));
  g_free (run.out);
  g_free (run.err);
  run = run_hub (config, database, "--authorise", "pdd-1=https://shop.example/cb?code=good-code&state=x");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "shop pdd-1 authorised\n");
  g_free (run.out);
  g_free (run.err);
  g_assert_cmpuint (platform_fake_count (fake, "pdd.pop.auth.token.create"), ==, 1);

  refund_id = g_strdup_printf ("%" G_GINT64_FORMAT, platform_fake_add_case (fake, 1, 2, "0.01", now - 600));
  return_id = g_strdup_printf ("%" G_GINT64_FORMAT, platform_fake_add_case (fake, 2, 3, "25.50", now - 500));
  hub = shou_test_hub_start (database, "--config", config, NULL);
  seen = wait_feed (session, hub.url, 2);

  as = g_hash_table_lookup (seen, refund_id);
  g_assert_cmpstr (json_object_get_string_member (as, "platform"), ==, "pdd");
  g_assert_cmpint (json_object_get_int_member (as, "amount_fen"), ==, 1);
  g_assert_true (has_blocked (as, "negotiate", "platform_backend"));
  g_assert_true (has_blocked (as, "reject", "platform_backend"));
  {
    g_autofree char *url = g_strdup_printf ("%s/v1/aftersales/%s/actions", hub.url,
                                            json_object_get_string_member (as, "id"));
    g_autofree char *body = g_strdup_printf ("{\"action\":\"agree_refund\",\"expected_version\":%" G_GINT64_FORMAT
                                             ",\"params\":{\"amount_fen\":1}}",
                                             json_object_get_int_member (as, "version"));
    g_autofree char *stale = g_strdup_printf ("{\"action\":\"agree_refund\",\"expected_version\":%" G_GINT64_FORMAT "}",
                                              json_object_get_int_member (as, "version"));
    g_autofree char *negotiate = g_strdup_printf ("{\"action\":\"negotiate\",\"expected_version\":%" G_GINT64_FORMAT
                                                  ",\"params\":{\"round\":1,\"text\":\"您好\"}}",
                                                  json_object_get_int_member (as, "version"));
    g_autoptr(JsonNode) answer = NULL;
    g_autoptr(JsonNode) again = NULL;
    g_autoptr(JsonNode) refused = NULL;

    refused = get_json (session, url, "POST", negotiate, "key-negotiate-0001", &status);
    g_assert_cmpuint (status, ==, 422);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (refused), "error"),
                                                    "reason"), ==, "platform_backend");
    answer = get_json (session, url, "POST", body, "key-agree-refund-0001", &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpint (platform_fake_get_status (fake, g_ascii_strtoll (refund_id, NULL, 10)), ==, 4);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (answer), "aftersale"),
                                                    "status"), ==, "success");
    /* The seller's older view of it is now a conflict. */
    again = get_json (session, url, "POST", stale, "key-agree-refund-0002", &status);
    g_assert_cmpuint (status, ==, 409);
  }
  {
    g_autofree char *shops_url = g_strdup_printf ("%s/v1/shops", hub.url);
    g_autofree char *url = g_strdup_printf ("%s/v1/aftersales/%s/actions", hub.url,
                                            json_object_get_string_member (g_hash_table_lookup (seen, return_id), "id"));
    g_autofree char *body = g_strdup_printf ("{\"action\":\"agree_return\",\"expected_version\":%" G_GINT64_FORMAT
                                             ",\"params\":{\"address_id\":\"9001\"}}",
                                             json_object_get_int_member (g_hash_table_lookup (seen, return_id), "version"));
    g_autofree char *addresses_url = g_strdup_printf ("%s/v1/shops/pdd-1/return-addresses", hub.url);
    g_autoptr(JsonNode) shops = get_json (session, shops_url, "GET", NULL, NULL, &status);
    g_autoptr(JsonNode) addresses = get_json (session, addresses_url, "GET", NULL, NULL, &status);
    g_autoptr(JsonNode) lapsed = NULL;
    g_autoptr(JsonNode) answer = NULL;
    JsonObject *shop = json_array_get_object_element (json_object_get_array_member (json_node_get_object (shops), "shops"), 0);

    g_assert_cmpstr (json_object_get_string_member (shop, "authorisation"), ==, "authorised");
    /* The shop's session ends on the platform: the action answers 503 and
     * the shop shows as lapsed; the hub goes on serving. */
    platform_fake_expire_tokens (fake);
    answer = get_json (session, url, "POST", body, "key-agree-return-0001", &status);
    g_assert_cmpuint (status, ==, 503);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (answer), "error"),
                                                    "code"), ==, "platform_session_expired");
    lapsed = get_json (session, shops_url, "GET", NULL, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    shop = json_array_get_object_element (json_object_get_array_member (json_node_get_object (lapsed), "shops"), 0);
    g_assert_cmpstr (json_object_get_string_member (shop, "authorisation"), ==, "lapsed");
  }
  /* The desktop's 授权店铺: the page for the configured redirect-uri; what
   * the seller pasted refused with a reason the desktop translates; then
   * the pasted redirect URL authorises the shop again. */
  {
    static const struct { const char *body; const char *reason; } refusals[] = {
      { "{\"code\":\"  \"}", "no_code" },
      { "{\"code\":\"https://shop.example/cb?state=pdd-1\"}", "no_code" },
      { "{\"code\":\"https://shop.example/cb?code=bad-code&state=pdd-1\"}", "code_invalid" },
      { "{\"code\":\"old-code\"}", "code_expired" },
    };
    g_autofree char *auth = g_strdup_printf ("%s/v1/shops/pdd-1/authorisation", hub.url);
    g_autoptr(JsonNode) page = get_json (session, auth, "GET", NULL, NULL, &status);
    g_autoptr(JsonNode) ok = NULL;

    g_assert_cmpuint (status, ==, 200);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (page), "url"),
                                     "https://fuwu.pinduoduo.com/service-market/auth?response_type=code"
                                     "&client_id=fake-client-id&redirect_uri=https%3A%2F%2Fshop.example%2Fcb&state=pdd-1"));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (page), "authorisation"), ==, "lapsed");
    for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
      {
        g_autoptr(JsonNode) refused = get_json (session, auth, "POST", refusals[i].body, NULL, &status);
        JsonObject *error = json_object_get_object_member (json_node_get_object (refused), "error");

        g_assert_cmpuint (status, ==, 422);
        g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "not_allowed");
        g_assert_cmpstr (json_object_get_string_member (error, "reason"), ==, refusals[i].reason);
      }
    ok = get_json (session, auth, "POST", "{\"code\":\"https://shop.example/cb?code=good-code&state=pdd-1\"}",
                   NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (ok), "authorisation"), ==, "authorised");
  }
  /* Only the owner authorises a shop: an agent's GET and POST are refused
   * with 403, and nothing reaches Pinduoduo. */
  {
    g_autofree char *staff_url = g_strdup_printf ("%s/v1/staff", hub.url);
    g_autofree char *auth = g_strdup_printf ("%s/v1/shops/pdd-1/authorisation", hub.url);
    g_autoptr(JsonNode) added = get_json (session, staff_url, "POST",
                                          "{\"staff_id\":\"zhang\",\"name\":\"张三\",\"role\":\"agent\","
                                          "\"caps\":{\"action_fen\":100000,\"day_fen\":1000000}}", NULL, &status);
    const char *agent_token;
    guint creates = platform_fake_count (fake, "pdd.pop.auth.token.create");

    g_assert_cmpuint (status, ==, 201);
    agent_token = json_object_get_string_member (json_node_get_object (added), "token");
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(SoupMessage) msg = shou_test_hub_message (i == 0 ? "GET" : "POST", auth, agent_token,
                                                            i == 0 ? NULL : "{\"code\":\"good-code\"}", NULL);
        g_autoptr(GBytes) bytes = soup_session_send_and_read (session, msg, NULL, NULL);
        g_autoptr(JsonNode) refused = json_from_string (g_bytes_get_data (bytes, NULL), NULL);

        g_assert_cmpuint (soup_message_get_status (msg), ==, 403);
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (refused), "error"),
                                                        "code"), ==, "forbidden");
      }
    g_assert_cmpuint (platform_fake_count (fake, "pdd.pop.auth.token.create"), ==, creates);
  }
  /* The desktop's retry of the action that met the lapsed shop, with the
   * same Idempotency-Key: the 503 was not remembered, the return is agreed. */
  {
    g_autofree char *url = g_strdup_printf ("%s/v1/aftersales/%s/actions", hub.url,
                                            json_object_get_string_member (g_hash_table_lookup (seen, return_id), "id"));
    g_autofree char *body = g_strdup_printf ("{\"action\":\"agree_return\",\"expected_version\":%" G_GINT64_FORMAT
                                             ",\"params\":{\"address_id\":\"9001\"}}",
                                             json_object_get_int_member (g_hash_table_lookup (seen, return_id), "version"));
    g_autoptr(JsonNode) answer = get_json (session, url, "POST", body, "key-agree-return-0001", &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpint (platform_fake_get_status (fake, g_ascii_strtoll (return_id, NULL, 10)), ==, 7);
  }
  shou_test_hub_stop (&hub);
  remove_dir (dir);
}

/* kind = taobao with a Tmall shop: TOP's authorisation page, the code
 * exchanged through taobao.top.auth.token.create, the refund served and
 * agreed through taobao.rp.refunds.agree with its refund_version. */
static void
test_hub_with_taobao (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shou-taobao-hub-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (dir, "hub.ini", NULL);
  g_autofree char *database = g_build_filename (dir, "hub.db", NULL);
  g_autofree char *ini = NULL;
  g_autofree char *refund_id = NULL;
  g_autoptr(PlatformFake) fake = taobao_fake_new ("fake-app-key", "fake-client-secret");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  ShouTestHub hub;
  JsonObject *as;
  guint status;
  Run run;

  ini = g_strdup_printf ("[platform]\nkind=taobao\nclient-id=fake-app-key\nclient-secret-file=app.secret\n"
                         "token-key-file=token.key\nendpoint=%s\npull-from-hours=1\n\n"
                         "[shop tm-1]\nmerchant=m1\nplatform=tmall\nname=天猫店\n",
                         platform_fake_get_url (fake));
  configure (dir, config, ini);
  platform_fake_set_now (fake, now);
  run = run_hub (config, database, "--auth-url", "https://shop.example/cb");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "https://oauth.taobao.com/authorize?response_type=code"
                                   "&client_id=fake-app-key&redirect_uri=https%3A%2F%2Fshop.example%2Fcb&state="));
  g_free (run.out);
  g_free (run.err);
  run = run_hub (config, database, "--authorise", "tm-1=https://shop.example/cb?code=good-code&state=x");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "shop tm-1 authorised\n");
  g_free (run.out);
  g_free (run.err);
  g_assert_cmpuint (platform_fake_count (fake, "taobao.top.auth.token.create"), ==, 1);

  refund_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                               platform_fake_add_case (fake, TB_REFUND, TB_WAIT_SELLER_AGREE, "0.01", now - 600));
  hub = shou_test_hub_start (database, "--config", config, NULL);
  seen = wait_feed (session, hub.url, 1);
  as = g_hash_table_lookup (seen, refund_id);
  g_assert_cmpstr (json_object_get_string_member (as, "platform"), ==, "tmall");
  g_assert_cmpint (json_object_get_int_member (as, "amount_fen"), ==, 1);
  g_assert_true (has_blocked (as, "negotiate", "platform_backend"));
  g_assert_true (has_string (json_object_get_array_member (as, "allowed_actions"), "reject"));
  /* Evidence through the hub's route: the picture goes to TOP as
   * taobao.refund.message.add's image, a file part of a multipart call the
   * fake's sign check accepts, and the hub answers 201. */
  {
    g_autoptr(JsonNode) attached = upload_png (session, hub.url, json_object_get_string_member (as, "id"), &status);
    g_autofree char *note = NULL;
    g_autofree char *type = NULL;

    g_assert_cmpuint (status, ==, 201);
    g_assert_nonnull (attached);
    note = platform_fake_last_action (fake, &type);
    g_assert_cmpstr (type, ==, "taobao.refund.message.add");
    g_assert_true (g_str_has_prefix (note, "商家上传凭证|image="));
    g_assert_cmpuint (platform_fake_bad_signs (fake), ==, 0);
  }
  url = g_strdup_printf ("%s/v1/aftersales/%s/actions", hub.url, json_object_get_string_member (as, "id"));
  body = g_strdup_printf ("{\"action\":\"agree_refund\",\"expected_version\":%" G_GINT64_FORMAT
                          ",\"params\":{\"amount_fen\":1}}", json_object_get_int_member (as, "version"));
  answer = get_json (session, url, "POST", body, "key-agree-refund-tb01", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (platform_fake_get_status (fake, g_ascii_strtoll (refund_id, NULL, 10)), ==, TB_SUCCESS);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (answer), "aftersale"),
                                                  "status"), ==, "success");

  /* 授权店铺 through the hub: the page for the registered redirect URL; the
   * session ends on the platform; a bad code is refused, and the pasted
   * redirect URL authorises the shop again with new tokens. */
  {
    g_autofree char *auth = g_strdup_printf ("%s/v1/shops/tm-1/authorisation", hub.url);
    g_autofree char *page = g_strdup_printf ("%s?redirect_uri=https%%3A%%2F%%2Fshop.example%%2Fcb", auth);
    g_autofree char *shops_url = g_strdup_printf ("%s/v1/shops", hub.url);
    g_autoptr(JsonNode) got = get_json (session, page, "GET", NULL, NULL, &status);
    g_autoptr(JsonNode) bad = NULL;
    g_autoptr(JsonNode) ok = NULL;
    g_autoptr(JsonNode) shops = NULL;

    g_assert_cmpuint (status, ==, 200);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (got), "url"),
                                     "https://oauth.taobao.com/authorize?response_type=code&client_id=fake-app-key"));
    platform_fake_expire_tokens (fake);
    bad = get_json (session, auth, "POST", "{\"code\":\"https://shop.example/cb?code=bad-code\"}", NULL, &status);
    g_assert_cmpuint (status, ==, 422);
    ok = get_json (session, auth, "POST", "{\"code\":\"https://shop.example/cb?code=good-code&state=tm-1\"}", NULL,
                   &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (ok), "authorisation"), ==, "authorised");
    shops = get_json (session, shops_url, "GET", NULL, NULL, &status);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (json_node_get_object (shops), "shops"), 0), "authorisation"),
                     ==, "authorised");
    g_assert_cmpuint (platform_fake_count (fake, "taobao.top.auth.token.create"), ==, 2);
  }
  shou_test_hub_stop (&hub);
  remove_dir (dir);
}

/* kind = douyin: the service market's page from service-id, the pasted
 * code exchanged through token/create, the request served in the
 * contract's words and agreed through afterSale/operate over HTTP. */
static void
test_hub_with_douyin (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shou-douyin-hub-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (dir, "hub.ini", NULL);
  g_autofree char *database = g_build_filename (dir, "hub.db", NULL);
  g_autoptr(PlatformFake) fake = douyin_fake_new ("7001234567890123456", "fake-client-secret");
  g_autoptr(SoupSession) session = soup_session_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id = platform_fake_add_case (fake, DY_REFUND_SHIPPED, DY_WAIT_SELLER, "1", now - 300);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *ini = g_strdup_printf ("[platform]\nkind=douyin\nclient-id=7001234567890123456\n"
                                          "client-secret-file=app.secret\nservice-id=31415\n"
                                          "token-key-file=token.key\nendpoint=%s\npull-from-hours=1\n\n"
                                          "[shop dy-1]\nmerchant=m1\nplatform=douyin\nname=抖店\n",
                                          platform_fake_get_url (fake));
  g_autoptr(GHashTable) feed = NULL;
  g_autoptr(JsonNode) agreed = NULL;
  g_autofree char *action_url = NULL;
  g_autofree char *action = NULL;
  JsonObject *request;
  ShouTestHub hub;
  guint status;
  Run page, authorise;

  configure (dir, config, ini);
  platform_fake_set_now (fake, now);
  page = run_hub (config, database, "--auth-url", "https://shop.example/cb");
  g_assert_cmpint (page.status, ==, 0);
  g_assert_true (g_str_has_prefix (page.out, "https://fuwu.jinritemai.com/authorize?service_id=31415&state="));
  authorise = run_hub (config, database, "--authorise", "dy-1=https://shop.example/cb?code=good-code");
  g_assert_cmpstr (authorise.out, ==, "shop dy-1 authorised\n");
  g_assert_cmpuint (platform_fake_count (fake, "token.create"), ==, 1);

  hub = shou_test_hub_start (database, "--config", config, NULL);
  feed = wait_feed (session, hub.url, 1);
  request = g_hash_table_lookup (feed, key);
  g_assert_cmpstr (json_object_get_string_member (request, "platform"), ==, "douyin");
  g_assert_cmpint (json_object_get_int_member (request, "amount_fen"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (request, "deadline_rule"), ==, "douyin:status_deadline");
  g_assert_true (has_blocked (request, "reject", "platform_backend"));
  /* Evidence: 抖店 takes picture URLs only; the hub says where instead. */
  {
    g_autoptr(JsonNode) refused = upload_png (session, hub.url, json_object_get_string_member (request, "id"), &status);
    JsonObject *e = json_object_get_object_member (json_node_get_object (refused), "error");

    g_assert_cmpuint (status, ==, 422);
    g_assert_cmpstr (json_object_get_string_member (e, "code"), ==, "not_allowed");
    g_assert_cmpstr (json_object_get_string_member (e, "reason"), ==, "platform_backend");
  }
  action_url = g_strdup_printf ("%s/v1/aftersales/%s/actions", hub.url, json_object_get_string_member (request, "id"));
  action = g_strdup_printf ("{\"action\":\"agree_refund\",\"expected_version\":%" G_GINT64_FORMAT
                            ",\"params\":{\"amount_fen\":1}}", json_object_get_int_member (request, "version"));
  agreed = get_json (session, action_url, "POST", action, "key-agree-refund-dy01", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (platform_fake_get_status (fake, id), ==, DY_SUCCESS);
  g_assert_cmpuint (platform_fake_bad_signs (fake), ==, 0);
  shou_test_hub_stop (&hub);
  g_free (page.out);
  g_free (page.err);
  g_free (authorise.out);
  g_free (authorise.err);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("SHOUHOU_HUB") == NULL)
    {
      g_test_skip ("SHOUHOU_HUB is not set");
      return g_test_run ();
    }
  g_test_add_func ("/pdd/hub/config-authorise-queue-agree", test_hub_with_pdd);
  g_test_add_func ("/taobao/hub/config-authorise-queue-agree", test_hub_with_taobao);
  g_test_add_func ("/douyin/hub/config-authorise-queue-agree", test_hub_with_douyin);
  return g_test_run ();
}
