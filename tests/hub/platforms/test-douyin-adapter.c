/* test-douyin-adapter.c: the 抖店 adapter against douyin-fake on 127.0.0.1,
 * with a real SQLite store and a virtual clock: a known signing vector, a
 * full pull with increments on window edges, the 1-fen case and the
 * platform's status_deadline, the afterSale/operate actions with
 * update_time and a stale one as a conflict, rate limiting, a lapsed and a
 * refreshed authorisation, the service market's page and the code
 * exchange, a wrong secret, and the blocked actions' reasons in zh_CN and
 * zh_TW. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "hub/platforms/douyin/shou-douyin-platform.h"
#include "hub/platforms/douyin/shou-douyin-sign.h"
#include "douyin-fake.h"
#include "platform-test-fixture.h"

#define APP_KEY    "7001234567890123456"
#define SECRET     "fake-douyin-secret"
#define SERVICE_ID "31415"
#define SHOP       "dy-1"

static ShouDouyinPlatform *
new_adapter (Fixture    *f,
             const char *secret)
{
  g_autoptr(GError) error = NULL;
  ShouPlatformOptions options = fixture_options (f, APP_KEY, secret);
  ShouDouyinPlatform *adapter;

  options.service_id = SERVICE_ID;
  adapter = shou_douyin_platform_new (f->store, &options, &error);
  g_assert_no_error (error);
  return adapter;
}

/* The shop's tokens as an authorisation leaves them (both). */
static gboolean
put_tokens (Fixture *f,
            gint64   expires_at)
{
  g_autoptr(GError) error = NULL;
  ShouPlatformBase *base = shou_platform_base_of (f->platform);

  return shou_platform_session_put (&base->session, SHOP, "dy-access-1", "dy-refresh-1", expires_at, &error);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  fixture_open (f, SHOP, SHOU_PLATFORM_DOUYIN, "抖店", douyin_fake_new (APP_KEY, SECRET));
  platform_fake_add_token (f->fake, "dy-access-1", "dy-refresh-1");
  f->platform = new_adapter (f, SECRET);
  g_assert_true (put_tokens (f, T0 + 7 * 86400));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  fixture_close (f);
}

/* The stored aftersale_status (0 when the request is not stored). */
static gint64
stored_code (Fixture *f,
             gint64   id)
{
  g_autoptr(ShouHubAftersale) as = fixture_stored (f, "dy-", id);

  return as ? json_object_get_int_member (json_object_get_object_member (as->doc, "douyin"), "aftersale_status") : 0;
}

/* The afterSale/List body the adapter sends, signed by the official SDK's
 * rule: hmac-sha256 and md5 computed independently with Python
 * (hmac.new(secret, secret+pattern+secret, sha256), lower-case hex). */
static void
test_sign_vector (void)
{
  const char *body = "{\"order_by\":[\"update_time asc\"],\"page\":0,\"size\":100,"
                     "\"update_end_time\":1733558395,\"update_start_time\":1733554675}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *canonical = NULL;
  g_autofree char *hmac = NULL;
  g_autofree char *md5 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, body, -1, &error));
  canonical = shou_douyin_param_json (json_parser_get_root (parser), &error);
  g_assert_cmpstr (canonical, ==, body);
  hmac = shou_douyin_sign (APP_KEY, SECRET, "afterSale.List", 1733558400, canonical, SHOU_DOUYIN_SIGN_HMAC_SHA256);
  md5 = shou_douyin_sign (APP_KEY, SECRET, "afterSale.List", 1733558400, canonical, SHOU_DOUYIN_SIGN_MD5);
  g_assert_cmpstr (hmac, ==, "ed0bd63881c341e62ea180829f58c7516c4250256d63387dc9049954b76dbc89");
  g_assert_cmpstr (md5, ==, "dc96d8f610fba9228076644826570c41");
}

/* A full pull, then changes on the next windows' edges (1-hour windows
 * reaching 120 s back): nothing missed, nothing fetched twice.
 * SHOU_DOUYIN_CASES sets the size (default 600). */
static void
test_pull_edges (Fixture       *f,
                 gconstpointer  data)
{
  static const int statuses[] = { DY_WAIT_SELLER, DY_WAIT_BUYER_RETURN, DY_WAIT_SECOND_REVIEW, DY_SUCCESS, DY_FAILED };
  guint n = g_getenv ("SHOU_DOUYIN_CASES") ? (guint) atoi (g_getenv ("SHOU_DOUYIN_CASES")) : 600;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 started = g_get_monotonic_time ();
  gint64 cp, edge[6];
  guint before;

  for (guint i = 0; i < n; i++)
    {
      gint64 id = platform_fake_add_case (f->fake, i % 3, statuses[i % G_N_ELEMENTS (statuses)], "1234",
                                          T0 - 2 * 86400 + i * (170000 / n));

      g_array_append_val (ids, id);
    }
  fixture_pull_all (f);
  g_test_message ("full pull of %u requests: %.1f s", n, (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (fixture_count_requests (f), ==, n);
  g_assert_cmpuint (platform_fake_count (f->fake, "afterSale.Detail"), ==, n);
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 0);
  for (guint i = 0; i < n; i += 29)
    g_assert_cmpint (stored_code (f, g_array_index (ids, gint64, i)), ==,
                     platform_fake_get_status (f->fake, g_array_index (ids, gint64, i)));
  cp = fixture_checkpoint (f, SHOP);
  g_assert_cmpint (cp, ==, T0 - 5);

  fixture_set_now (f, T0 + 2 * 3600);
  edge[0] = cp - 120;
  edge[1] = cp;
  edge[2] = cp + 1;
  edge[3] = cp - 120 + 3600;   /* the first new window's last second */
  edge[4] = edge[3] + 1;
  edge[5] = T0 + 2 * 3600 - 6; /* the newest second read */
  for (guint e = 0; e < G_N_ELEMENTS (edge); e++)
    {
      gint64 old = g_array_index (ids, gint64, n / 3 + e);
      gint64 fresh = platform_fake_add_case (f->fake, DY_REFUND_SHIPPED, DY_WAIT_SELLER, "500", edge[e]);

      platform_fake_set_status (f->fake, old, DY_FAILED, edge[e]);
      g_array_append_val (moved, old);
      g_array_append_val (moved, fresh);
    }
  before = platform_fake_count (f->fake, "afterSale.Detail");
  fixture_pull_all (f);
  g_assert_cmpuint (fixture_count_requests (f), ==, n + G_N_ELEMENTS (edge));
  g_assert_cmpuint (platform_fake_count (f->fake, "afterSale.Detail") - before, ==, moved->len);
  for (guint i = 0; i < moved->len; i++)
    g_assert_cmpint (stored_code (f, g_array_index (moved, gint64, i)), ==,
                     platform_fake_get_status (f->fake, g_array_index (moved, gint64, i)));
  g_assert_cmpint (fixture_checkpoint (f, SHOP), ==, T0 + 2 * 3600 - 5);
}

/* refund_amount 1 is 1 fen; status_deadline is the seller's deadline. */
static void
test_one_fen_deadline (Fixture       *f,
                       gconstpointer  data)
{
  gint64 id = platform_fake_add_case (f->fake, DY_REFUND_SHIPPED, DY_WAIT_SELLER, "1", T0 - 100);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) o = NULL;

  fixture_pull_all (f);
  as = fixture_stored (f, "dy-", id);
  g_assert_nonnull (as);
  g_assert_cmpint (as->state.amount_fen, ==, 1);
  o = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
  g_assert_cmpint (json_object_get_int_member (o, "amount_fen"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "platform"), ==, "douyin");
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "refund_only");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "wait_seller");
  g_assert_cmpstr (json_object_get_string_member (o, "platform_status"), ==, "6");
  g_assert_cmpint (json_object_get_int_member (o, "deadline_at"), ==, (T0 - 100 + 48 * 3600) * G_USEC_PER_SEC);
  g_assert_cmpstr (json_object_get_string_member (o, "deadline_rule"), ==, "douyin:status_deadline");
  g_assert_true (fixture_has_risk (o, "small_amount"));

  /* The detail's own 51 (订单取消成功) and 53 (逆向交易已完成). */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ShouHubAftersale) moved = NULL;

      fixture_set_now (f, T0 + 600 * (i + 1));
      platform_fake_set_status (f->fake, id, i == 0 ? 51 : 53, T0 + 600 * (i + 1) - 30);
      fixture_pull_all (f);
      moved = fixture_stored (f, "dy-", id);
      g_assert_cmpint (moved->state.status, ==, i == 0 ? SHOU_STATUS_CLOSED : SHOU_STATUS_SUCCESS);
    }
}

/* Each action's afterSale/operate type, with the update_time the seller saw. */
static void
test_operate (Fixture       *f,
              gconstpointer  data)
{
  gint64 shipped = platform_fake_add_case (f->fake, DY_REFUND_SHIPPED, DY_WAIT_SELLER, "9999", T0 - 600);
  gint64 unshipped = platform_fake_add_case (f->fake, DY_REFUND_UNSHIPPED, DY_WAIT_SELLER, "2000", T0 - 550);
  gint64 goods = platform_fake_add_case (f->fake, DY_RETURN_REFUND, DY_WAIT_SELLER, "3000", T0 - 500);
  gint64 stale = platform_fake_add_case (f->fake, DY_REFUND_SHIPPED, DY_WAIT_SELLER, "4000", T0 - 450);
  ShouEvent refund = { .kind = SHOU_EVENT_AGREE_REFUND, .amount_fen = 9999 };
  ShouEvent refund_unshipped = { .kind = SHOU_EVENT_AGREE_REFUND, .amount_fen = 2000 };
  ShouEvent return_goods = { .kind = SHOU_EVENT_AGREE_RETURN, .address_id = "9001" };
  ShouEvent unknown_address = { .kind = SHOU_EVENT_AGREE_RETURN, .address_id = "9999" };
  ShouEvent received = { .kind = SHOU_EVENT_CONFIRM_RECEIPT };
  ShouEvent refund_stale = { .kind = SHOU_EVENT_AGREE_REFUND, .amount_fen = 4000 };
  ShouEvent reject = { .kind = SHOU_EVENT_REJECT, .reason_code = "other", .text = "不同意" };
  g_autoptr(JsonArray) addresses = NULL;
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *seen = NULL;
  ShouHubFailure *failure;

  fixture_pull_all (f);
  as = fixture_stored (f, "dy-", shipped);
  o = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
  g_assert_true (fixture_has_string (json_object_get_array_member (o, "allowed_actions"), "agree_refund"));
  g_assert_cmpstr (json_object_get_string_member (fixture_blocked (o, "reject"), "reason"), ==, "platform_backend");

  seen = g_strdup_printf ("\"update_time\":%" G_GINT64_FORMAT, T0 - 600);
  g_assert_null (fixture_act (f, "dy-", shipped, &refund, NULL));
  fixture_assert_last_call (f, "afterSale/operate:201", seen);
  g_assert_cmpint (stored_code (f, shipped), ==, DY_SUCCESS);
  g_assert_null (fixture_act (f, "dy-", unshipped, &refund_unshipped, NULL));
  fixture_assert_last_call (f, "afterSale/operate:401", "\"type\":401");

  addresses = shou_hub_platform_list_addresses (SHOU_HUB_PLATFORM (f->platform), MERCHANT, SHOP);
  g_assert_cmpuint (json_array_get_length (addresses), ==, 2);
  /* 抖店 refuses an address it does not know: the item's status_code
   * becomes 422 platform_refused with the platform's words kept. */
  failure = fixture_act (f, "dy-", goods, &unknown_address, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 422);
  g_assert_cmpstr (failure->code, ==, "platform_refused");
  g_assert_nonnull (strstr (failure->message, "退货地址不存在"));
  shou_hub_failure_free (failure);
  g_assert_cmpint (platform_fake_get_status (f->fake, goods), ==, DY_WAIT_SELLER);
  g_assert_null (fixture_act (f, "dy-", goods, &return_goods, NULL));
  fixture_assert_last_call (f, "afterSale/operate:101", "\"receiver_address_id\":9001");
  g_assert_cmpint (stored_code (f, goods), ==, DY_WAIT_BUYER_RETURN);
  /* The buyer sends the goods back; the seller confirms them (111). */
  fixture_set_now (f, T0 + 60);
  platform_fake_set_status (f->fake, goods, DY_WAIT_SECOND_REVIEW, T0 + 30);
  fixture_pull_all (f);
  g_assert_null (fixture_act (f, "dy-", goods, &received, NULL));
  fixture_assert_last_call (f, "afterSale/operate:111", "\"type\":111");
  g_assert_cmpint (platform_fake_get_status (f->fake, goods), ==, DY_SUCCESS);

  /* Changed on 抖店 after the seller read it: a conflict, nothing sent. */
  platform_fake_set_status (f->fake, stale, DY_WAIT_SELLER, T0 + 40);
  failure = fixture_act (f, "dy-", stale, &refund_stale, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 409);
  g_assert_cmpstr (failure->code, ==, "version_conflict");
  shou_hub_failure_free (failure);
  g_assert_cmpint (platform_fake_get_status (f->fake, stale), ==, DY_WAIT_SELLER);

  failure = fixture_act (f, "dy-", stale, &reject, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpstr (failure->reason, ==, "platform_backend");
  shou_hub_failure_free (failure);
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 0);
}

/* Rate limiting (60000) is retried; a token close to expiry is refreshed;
 * a lapsed token marks the shop, and the code pasted from the service
 * market's redirect brings it back. */
static void
test_session (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 id = platform_fake_add_case (f->fake, DY_REFUND_SHIPPED, DY_WAIT_SELLER, "800", T0 - 700);

  g_assert_true (put_tokens (f, T0 + 600));
  platform_fake_inject_flow_control (f->fake, 2);
  fixture_pull_all (f);
  g_assert_cmpuint (shou_platform_base_of (f->platform)->client->retries, ==, 2);
  g_assert_cmpuint (platform_fake_count (f->fake, "token.refresh"), ==, 1);
  g_assert_cmpint (stored_code (f, id), ==, DY_WAIT_SELLER);

  platform_fake_expire_tokens (f->fake);
  platform_fake_set_status (f->fake, id, DY_FAILED, T0 + 100);
  fixture_set_now (f, T0 + 600);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*Douyin shop dy-1: authorisation lapsed*");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*pull stopped*40003*");
  shou_hub_platform_pull_changes (SHOU_HUB_PLATFORM (f->platform), 0, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpstr (shou_hub_platform_shop_state (SHOU_HUB_PLATFORM (f->platform), SHOP), ==, "lapsed");

  url = shou_hub_platform_auth_url (SHOU_HUB_PLATFORM (f->platform), "https://example.invalid/cb", SHOP);
  g_assert_cmpstr (url, ==, "https://fuwu.jinritemai.com/authorize?service_id=31415&state=dy-1");
  g_assert_false (shou_hub_platform_authorise (SHOU_HUB_PLATFORM (f->platform), SHOP,
                                               "https://example.invalid/cb?code=bad", &error));
  g_clear_error (&error);
  g_assert_true (shou_hub_platform_authorise (SHOU_HUB_PLATFORM (f->platform), SHOP,
                                              "https://example.invalid/cb?code=good-code&state=dy-1", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shou_hub_platform_shop_state (SHOU_HUB_PLATFORM (f->platform), SHOP), ==, "authorised");
  fixture_pull_all (f);
  g_assert_cmpint (stored_code (f, id), ==, DY_FAILED);
  /* A self-use app's seller pastes "self:" and the shop's id instead. */
  g_assert_false (shou_hub_platform_authorise (SHOU_HUB_PLATFORM (f->platform), SHOP, "self:1", &error));
  g_clear_error (&error);
  g_assert_true (shou_hub_platform_authorise (SHOU_HUB_PLATFORM (f->platform), SHOP, "self:4463798", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (platform_fake_count (f->fake, "token.create"), ==, 2);
}

/* A request signed with another secret is refused: nothing stored. */
static void
test_bad_secret (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ShouDouyinPlatform) other = NULL;
  g_autoptr(GError) error = NULL;

  platform_fake_add_case (f->fake, DY_REFUND_SHIPPED, DY_WAIT_SELLER, "300", T0 - 900);
  g_clear_object (&f->platform);
  other = new_adapter (f, "another-secret");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*pull stopped*isv.signature-invalid*");
  shou_hub_platform_pull_changes (SHOU_HUB_PLATFORM (other), 0, &error);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 1);
  g_assert_cmpuint (fixture_count_requests (f), ==, 0);
  g_assert_cmpint (fixture_checkpoint (f, SHOP), ==, 0);
}

/* What a seller reads for the actions the adapter does not carry: where to
 * negotiate, refuse (with its evidence) and message instead; and evidence
 * refused before anything is sent, with where to upload it. */
static void
test_reasons_translated (Fixture       *f,
                         gconstpointer  data)
{
  static const char *const expected[][5] = {
    { "zh_CN", "请在抖店商家后台协商", "请在抖店商家后台拒绝并上传凭证", "请在抖店飞鸽客服中给买家留言",
      "请在抖店商家后台上传凭证" },
    { "zh_TW", "請在抖店商家後台協商", "請在抖店商家後台拒絕並上傳憑證", "請在抖店飛鴿客服中給買家留言",
      "請在抖店商家後台上傳憑證" },
  };
  gint64 id = platform_fake_add_case (f->fake, DY_RETURN_REFUND, DY_WAIT_SELLER, "800", T0 - 700);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(GBytes) picture = g_bytes_new_static ("\x89PNG....", 8);

  fixture_pull_all (f);
  as = fixture_stored (f, "dy-", id);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(JsonObject) o = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("LANGUAGE", expected[i][0], TRUE);
      setlocale (LC_ALL, "");
      o = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
      g_assert_cmpstr (json_object_get_string_member (fixture_blocked (o, "negotiate"), "message"), ==, expected[i][1]);
      g_assert_cmpstr (json_object_get_string_member (fixture_blocked (o, "reject"), "message"), ==, expected[i][2]);
      g_assert_false (fixture_has_string (json_object_get_array_member (o, "allowed_actions"), "message"));
      g_assert_cmpstr (json_object_get_string_member (fixture_blocked (o, "message"), "message"), ==, expected[i][3]);
      g_assert_false (shou_hub_platform_upload_evidence (SHOU_HUB_PLATFORM (f->platform), as, "0", "image/png",
                                                         picture, "photo", f->now * G_USEC_PER_SEC, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
      g_assert_cmpstr (error->message, ==, expected[i][4]);
    }
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* Issue 25: the intercept of a shipped refund-only case's parcel is
 * afterSale/applyLogisticsIntercept with the detail's parcel (company_code,
 * tracking_no) and op_from 1; a parcel the courier cannot stop is 抖店's
 * refusal in its words; a case without a parcel on its way cannot be
 * intercepted; and the "other" carrier, for which 抖店 publishes no code,
 * is refused before anything is sent. */
static void
test_intercept_and_other_carrier (Fixture       *f,
                                  gconstpointer  data)
{
  gint64 moving = platform_fake_add_case (f->fake, DY_REFUND_SHIPPED, DY_WAIT_SELLER, "5900", T0 - 600);
  gint64 stuck = platform_fake_add_case (f->fake, DY_REFUND_SHIPPED, DY_WAIT_SELLER, "4200", T0 - 550);
  gint64 got = platform_fake_add_case (f->fake, DY_REFUND_SHIPPED, DY_WAIT_SELLER, "3100", T0 - 500);
  gint64 goods = platform_fake_add_case (f->fake, DY_RETURN_REFUND, DY_WAIT_SELLER, "3000", T0 - 450);
  ShouEvent intercept = { .kind = SHOU_EVENT_INTERCEPT };
  ShouEvent other = { .kind = SHOU_EVENT_SHIP_EXCHANGE, .carrier = "OTHER", .carrier_name = "百世快递",
                      .tracking_no = "BS1234567890" };
  ShouEvent listed = { .kind = SHOU_EVENT_SHIP_EXCHANGE, .carrier = "ZTO", .tracking_no = "731234567890" };
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonObject) signed_for = NULL;
  g_autofree char *seen = NULL;
  ShouHubFailure *failure;

  platform_fake_set_tracking (f->fake, moving, "ZT7700112233", T0 - 600);
  platform_fake_set_tracking (f->fake, stuck, "NOX7700445566", T0 - 550);
  fixture_pull_all (f);
  as = fixture_stored (f, "dy-", moving);
  o = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
  g_assert_true (fixture_has_string (json_object_get_array_member (o, "allowed_actions"), "intercept"));
  g_clear_pointer (&as, shou_hub_aftersale_free);
  as = fixture_stored (f, "dy-", got);
  signed_for = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
  g_assert_false (fixture_has_string (json_object_get_array_member (signed_for, "allowed_actions"), "intercept"));
  g_assert_cmpstr (json_object_get_string_member (fixture_blocked (signed_for, "intercept"), "reason"), ==, "no_parcel");

  g_assert_null (fixture_act (f, "dy-", moving, &intercept, NULL));
  seen = g_strdup_printf ("\"after_sale_id\":%" G_GINT64_FORMAT, moving);
  fixture_assert_last_call (f, "afterSale/applyLogisticsIntercept", seen);
  fixture_assert_last_call (f, "afterSale/applyLogisticsIntercept", "\"op_from\":1");
  fixture_assert_last_call (f, "afterSale/applyLogisticsIntercept",
                            "\"intercept_targets\":[{\"company_code\":\"zhongtong\",\"tracking_no\":\"ZT7700112233\"}]");
  g_clear_pointer (&as, shou_hub_aftersale_free);
  as = fixture_stored (f, "dy-", moving);
  g_assert_cmpint (as->state.parcel_wait, ==, SHOU_PARCEL_WAIT_INTERCEPT);
  /* Intercepted once: the parcel is waited for, not intercepted again. */
  failure = fixture_act (f, "dy-", moving, &intercept, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpstr (failure->reason, ==, "parcel_waiting");
  shou_hub_failure_free (failure);

  /* The courier cannot stop this one: 抖店's words, nothing changed. */
  failure = fixture_act (f, "dy-", stuck, &intercept, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 422);
  g_assert_cmpstr (failure->code, ==, "platform_refused");
  g_assert_nonnull (strstr (failure->message, "快递公司不支持拦截"));
  shou_hub_failure_free (failure);
  g_clear_pointer (&as, shou_hub_aftersale_free);
  as = fixture_stored (f, "dy-", stuck);
  g_assert_cmpint (as->state.parcel_wait, ==, SHOU_PARCEL_WAIT_NONE);
  g_assert_cmpuint (platform_fake_count (f->fake, "afterSale.applyLogisticsIntercept"), ==, 2);

  /* "Other" carrier: refused with its own reason, before 抖店 is asked;
   * a listed one reaches the next check (the exchange stays in the backend). */
  failure = fixture_act (f, "dy-", goods, &other, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 422);
  g_assert_cmpstr (failure->reason, ==, "other_carrier_not_offered");
  shou_hub_failure_free (failure);
  failure = fixture_act (f, "dy-", goods, &listed, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpstr (failure->reason, ==, "platform_backend");
  shou_hub_failure_free (failure);
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  fixture_init_locale ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/douyin/adapter/sign-vector", test_sign_vector);
  g_test_add ("/douyin/adapter/full-pull-then-window-edges", Fixture, NULL, setup, test_pull_edges, teardown);
  g_test_add ("/douyin/adapter/one-fen-status-deadline", Fixture, NULL, setup, test_one_fen_deadline, teardown);
  g_test_add ("/douyin/adapter/operate-with-update-time", Fixture, NULL, setup, test_operate, teardown);
  g_test_add ("/douyin/adapter/rate-limit-refresh-lapse-reauthorise", Fixture, NULL, setup, test_session, teardown);
  g_test_add ("/douyin/adapter/wrong-secret", Fixture, NULL, setup, test_bad_secret, teardown);
  g_test_add ("/douyin/adapter/lacking-actions-translated", Fixture, NULL, setup, test_reasons_translated, teardown);
  g_test_add ("/douyin/adapter/intercept-and-other-carrier", Fixture, NULL, setup, test_intercept_and_other_carrier,
              teardown);
  return g_test_run ();
}
