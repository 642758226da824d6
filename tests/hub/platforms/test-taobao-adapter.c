/* test-taobao-adapter.c: the Taobao/Tmall adapter against taobao-fake on
 * 127.0.0.1, with a real SQLite store and a virtual clock: a full pull,
 * increments landing on window edges, the 1-fen case, TOP's deadline and
 * risks, the actions with refund_version and the SMS verification code, a
 * stale version as a conflict, flow control, a lapsed and a refreshed
 * authorisation, the authorisation page and code exchange, a wrong secret,
 * and the blocked actions' reasons in zh_CN and zh_TW. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "hub/platforms/taobao/shou-taobao-actions.h"
#include "hub/platforms/taobao/shou-taobao-platform.h"
#include "platform-test-fixture.h"
#include "taobao-fake.h"

#define APP_KEY "12345678"
#define SECRET  "fake-app-secret"
#define SHOP    "tb-1"

static ShouTaobaoPlatform *
make_platform (Fixture    *f,
               const char *secret)
{
  g_autoptr(GError) error = NULL;
  ShouPlatformOptions options = fixture_options (f, APP_KEY, secret);
  ShouTaobaoPlatform *platform = shou_taobao_platform_new (f->store, &options, &error);

  g_assert_no_error (error);
  return platform;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_open (f, SHOP, SHOU_PLATFORM_TAOBAO, "淘宝店", taobao_fake_new (APP_KEY, SECRET));
  platform_fake_add_token (f->fake, "sess-1", "ref-1");
  f->platform = make_platform (f, SECRET);
  g_assert_true (shou_taobao_platform_set_token (f->platform, SHOP, "sess-1", "ref-1", T0 + 30 * 86400, &error));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  fixture_close (f);
}

static const char *
stored_status (Fixture *f,
               gint64   id)
{
  static char status[64];
  g_autoptr(ShouHubAftersale) as = fixture_stored (f, "tb-", id);

  if (as == NULL)
    return "";
  g_strlcpy (status, json_object_get_string_member (json_object_get_object_member (as->doc, "taobao"), "status"),
             sizeof status);
  return status;
}

/* A full pull, then changes on the next windows' edges (1-hour windows
 * reaching 120 s back): nothing missed, nothing read twice. SHOU_TAOBAO_CASES
 * sets the size (default 1,000; the report's figure is at 5,000). */
static void
test_full_then_edges (Fixture       *f,
                      gconstpointer  data)
{
  guint n = g_getenv ("SHOU_TAOBAO_CASES") ? (guint) atoi (g_getenv ("SHOU_TAOBAO_CASES")) : 1000;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 started = g_get_monotonic_time ();
  guint details;
  gint64 cp;
  gint64 edges[8];

  for (guint i = 0; i < n; i++)
    {
      gint64 id = platform_fake_add_case (f->fake, i % 2, i % 6, "12.34", T0 - 2 * 86400 + i * (170000 / n));

      g_array_append_val (ids, id);
    }
  fixture_pull_all (f);
  g_test_message ("full pull of %u refunds: %.1f s", n, (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (fixture_count_requests (f), ==, n);
  g_assert_cmpuint (platform_fake_count (f->fake, "taobao.refund.get"), ==, n);
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 0);
  for (guint i = 0; i < n; i += 37)
    g_assert_cmpstr (stored_status (f, g_array_index (ids, gint64, i)), ==,
                     taobao_fake_status_name (platform_fake_get_status (f->fake, g_array_index (ids, gint64, i))));
  cp = fixture_checkpoint (f, SHOP);
  g_assert_cmpint (cp, ==, T0 - 5);

  fixture_set_now (f, T0 + 3 * 3600);
  edges[0] = cp - 120;
  edges[1] = cp - 1;
  edges[2] = cp;
  edges[3] = cp + 1;
  edges[4] = cp - 120 + 3600;   /* the last second of the first new window */
  edges[5] = edges[4] - 120;    /* the first of the second */
  edges[6] = edges[4] + 1;
  edges[7] = T0 + 3 * 3600 - 6; /* the newest second the pull reads */
  for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
    for (guint k = 0; k < 3; k++)
      {
        gint64 id = g_array_index (ids, gint64, n / 2 + e * 3 + k);

        platform_fake_set_status (f->fake, id, TB_CLOSED, edges[e]);
        g_array_append_val (changed, id);
      }
  for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
    {
      gint64 id = platform_fake_add_case (f->fake, TB_REFUND, TB_WAIT_SELLER_AGREE, "5.00", edges[e]);

      g_array_append_val (changed, id);
    }
  details = platform_fake_count (f->fake, "taobao.refund.get");
  fixture_pull_all (f);
  g_assert_cmpuint (fixture_count_requests (f), ==, n + G_N_ELEMENTS (edges));
  g_assert_cmpuint (platform_fake_count (f->fake, "taobao.refund.get") - details, ==, changed->len);
  for (guint i = 0; i < changed->len; i++)
    g_assert_cmpstr (stored_status (f, g_array_index (changed, gint64, i)), ==,
                     taobao_fake_status_name (platform_fake_get_status (f->fake, g_array_index (changed, gint64, i))));
  g_assert_cmpint (fixture_checkpoint (f, SHOP), ==, T0 + 3 * 3600 - 5);
}

/* "0.01" yuan is 1 fen; TOP's refund_remind_timeout is the deadline; risks. */
static void
test_one_fen (Fixture       *f,
              gconstpointer  data)
{
  gint64 id = platform_fake_add_case (f->fake, TB_REFUND, TB_WAIT_SELLER_AGREE, "0.01", T0 - 100);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) rendered = NULL;

  fixture_pull_all (f);
  as = fixture_stored (f, "tb-", id);
  g_assert_nonnull (as);
  g_assert_cmpint (as->state.amount_fen, ==, 1);
  rendered = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
  g_assert_cmpint (json_object_get_int_member (rendered, "amount_fen"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (rendered, "platform"), ==, "taobao");
  g_assert_cmpstr (json_object_get_string_member (rendered, "type"), ==, "refund_only");
  g_assert_cmpstr (json_object_get_string_member (rendered, "status"), ==, "wait_seller");
  g_assert_cmpstr (json_object_get_string_member (rendered, "platform_status"), ==, "WAIT_SELLER_AGREE");
  g_assert_cmpint (json_object_get_int_member (rendered, "deadline_at"), ==, (T0 - 100 + 72 * 3600) * G_USEC_PER_SEC);
  g_assert_cmpstr (json_object_get_string_member (rendered, "deadline_rule"), ==, "taobao:refund_remind_timeout");
  g_assert_true (fixture_has_risk (rendered, "small_amount"));
  g_assert_nonnull (json_object_get_string_member (rendered, "profile_version"));
}

static ShouHubFailure *
act (Fixture         *f,
     gint64           id,
     const ShouEvent *event,
     const char      *code)
{
  g_autoptr(JsonObject) params = json_object_new ();

  if (code != NULL)
    json_object_set_string_member (params, "verification_code", code);
  return fixture_act (f, "tb-", id, event, params);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  gint64 refund = platform_fake_add_case (f->fake, TB_REFUND, TB_WAIT_SELLER_AGREE, "99.99", T0 - 600);
  gint64 ret = platform_fake_add_case (f->fake, TB_REFUND_AND_RETURN, TB_WAIT_SELLER_AGREE, "20.00", T0 - 500);
  gint64 big = platform_fake_add_case (f->fake, TB_REFUND, TB_WAIT_SELLER_AGREE, "1500.00", T0 - 400);
  gint64 stale = platform_fake_add_case (f->fake, TB_REFUND, TB_WAIT_SELLER_AGREE, "30.00", T0 - 300);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) rendered = NULL;
  g_autoptr(JsonArray) addresses = NULL;
  g_autofree char *fragment = NULL;
  ShouHubFailure *failure;
  ShouEvent agree = { .kind = SHOU_EVENT_AGREE_REFUND, .amount_fen = 9999 };
  ShouEvent agree_big = { .kind = SHOU_EVENT_AGREE_REFUND, .amount_fen = 150000 };
  ShouEvent agree_stale = { .kind = SHOU_EVENT_AGREE_REFUND, .amount_fen = 3000 };
  ShouEvent agree_return = { .kind = SHOU_EVENT_AGREE_RETURN, .address_id = "8001", .text = "请寄回" };
  ShouEvent negotiate = { .kind = SHOU_EVENT_NEGOTIATE, .round = 1, .text = "您好" };

  fixture_pull_all (f);
  as = fixture_stored (f, "tb-", refund);
  rendered = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
  g_assert_true (fixture_has_string (json_object_get_array_member (rendered, "allowed_actions"), "agree_refund"));
  g_assert_false (fixture_has_string (json_object_get_array_member (rendered, "allowed_actions"), "negotiate"));
  g_assert_cmpstr (json_object_get_string_member (fixture_blocked (rendered, "negotiate"), "reason"), ==, "platform_backend");

  /* agree_refund -> taobao.rp.refunds.agree: id|fen|refund_version. */
  failure = act (f, refund, &agree, NULL);
  g_assert_null (failure);
  fragment = g_strdup_printf ("%" G_GINT64_FORMAT "|9999|", refund);
  fixture_assert_last_call (f, "taobao.rp.refunds.agree", fragment);
  g_assert_cmpint (platform_fake_get_status (f->fake, refund), ==, TB_SUCCESS);
  g_assert_cmpstr (stored_status (f, refund), ==, "SUCCESS");

  /* agree_return -> taobao.rp.returngoods.agree with the address's contact_id. */
  addresses = shou_hub_platform_list_addresses (SHOU_HUB_PLATFORM (f->platform), MERCHANT, SHOP);
  g_assert_cmpuint (json_array_get_length (addresses), ==, 2);
  failure = act (f, ret, &agree_return, NULL);
  g_assert_null (failure);
  fixture_assert_last_call (f, "taobao.rp.returngoods.agree", "8001");
  g_assert_cmpstr (stored_status (f, ret), ==, "WAIT_BUYER_RETURN_GOODS");

  /* A large refund: TOP asks for the SMS code; with it, it goes through. */
  failure = act (f, big, &agree_big, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 422);
  g_assert_cmpstr (failure->code, ==, "verification_code_required");
  shou_hub_failure_free (failure);
  g_assert_cmpint (platform_fake_get_status (f->fake, big), ==, TB_WAIT_SELLER_AGREE);
  failure = act (f, big, &agree_big, TB_FAKE_SMS_CODE);
  g_assert_null (failure);
  g_assert_cmpint (platform_fake_get_status (f->fake, big), ==, TB_SUCCESS);

  /* The buyer changed the refund after the seller read it: a conflict. */
  platform_fake_set_tracking (f->fake, stale, NULL, T0 - 200);
  failure = act (f, stale, &agree_stale, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 409);
  g_assert_cmpstr (failure->code, ==, "version_conflict");
  shou_hub_failure_free (failure);
  g_assert_cmpint (platform_fake_get_status (f->fake, stale), ==, TB_WAIT_SELLER_AGREE);

  /* An action the adapter cannot carry never reaches TOP. */
  failure = act (f, ret, &negotiate, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpstr (failure->reason, ==, "platform_backend");
  shou_hub_failure_free (failure);
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 0);
}

static void
assert_refused (ShouHubFailure *failure,
                guint           status,
                const char     *code)
{
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, status);
  g_assert_cmpstr (failure->code, ==, code);
  shou_hub_failure_free (failure);
}

/* The seller's answers other than agreeing: taobao.refund.refuse with the
 * refund_version and refund_phase, taobao.refund.message.add and
 * taobao.rp.refund.intercept of the order's parcel, each in TOP's request
 * shape; TOP's refusals and TOP's limits become 422 platform_refused
 * before or after the call (a refusal with proof: test-taobao-evidence.c). */
static void
test_answers (Fixture       *f,
              gconstpointer  data)
{
  gint64 shipped = platform_fake_add_case (f->fake, TB_REFUND_SHIPPED, TB_WAIT_SELLER_AGREE, "12.00", T0 - 600);
  gint64 caught = platform_fake_add_case (f->fake, TB_REFUND_SHIPPED, TB_WAIT_SELLER_AGREE, "15.00", T0 - 550);
  gint64 unshipped = platform_fake_add_case (f->fake, TB_REFUND, TB_WAIT_SELLER_AGREE, "9.00", T0 - 500);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) rendered = NULL;
  g_autofree char *fragment = NULL;
  g_autofree char *long_text = g_strnfill (401, 'a');
  g_autoptr(GError) error = NULL;
  const char *refusal = "商品已发出，请签收后再申请";
  ShouEvent message = { .kind = SHOU_EVENT_MESSAGE, .text = "您好，包裹已在路上" };
  ShouEvent too_long = { .kind = SHOU_EVENT_MESSAGE, .text = long_text };
  ShouEvent reject = { .kind = SHOU_EVENT_REJECT, .reason_code = "buyer_unreasonable", .text = refusal };
  ShouEvent intercept = { .kind = SHOU_EVENT_INTERCEPT };
  JsonArray *allowed;

  fixture_pull_all (f);
  as = fixture_stored (f, "tb-", caught);
  rendered = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
  allowed = json_object_get_array_member (rendered, "allowed_actions");
  g_assert_true (fixture_has_string (allowed, "reject"));
  g_assert_true (fixture_has_string (allowed, "message"));
  g_assert_true (fixture_has_string (allowed, "intercept"));

  /* message -> taobao.refund.message.add with the text as content. */
  g_assert_null (act (f, shipped, &message, NULL));
  fixture_assert_last_call (f, "taobao.refund.message.add", message.text);
  /* 401 bytes: TOP's limit (the profile's, and the adapter's own check) is
   * met before anything is sent. */
  assert_refused (act (f, shipped, &too_long, NULL), 422, "not_allowed");
  g_assert_cmpuint (platform_fake_count (f->fake, "taobao.refund.message.add"), ==, 1);
  g_assert_false (shou_taobao_check_message (long_text, &error));
  g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  long_text[400] = '\0';
  g_assert_true (shou_taobao_check_message (long_text, NULL));

  /* intercept -> taobao.rp.refund.intercept with refund_id and refund_version. */
  g_assert_null (act (f, caught, &intercept, NULL));
  fragment = g_strdup_printf ("%" G_GINT64_FORMAT "|", caught);
  fixture_assert_last_call (f, "taobao.rp.refund.intercept", fragment);
  g_clear_pointer (&as, shou_hub_aftersale_free);
  as = fixture_stored (f, "tb-", caught);
  g_assert_cmpint (as->state.parcel_wait, ==, SHOU_PARCEL_WAIT_INTERCEPT);

  /* reject -> taobao.refund.refuse; TOP's answer moves the refund. */
  g_assert_null (act (f, shipped, &reject, NULL));
  fixture_assert_last_call (f, "taobao.refund.refuse", refusal);
  g_assert_cmpint (platform_fake_get_status (f->fake, shipped), ==, TB_SELLER_REFUSE_BUYER);
  g_assert_cmpstr (stored_status (f, shipped), ==, "SELLER_REFUSE_BUYER");

  /* TOP refuses a refusal before shipment: its words reach the seller. */
  {
    ShouHubFailure *failure = act (f, unshipped, &reject, NULL);

    g_assert_nonnull (failure);
    g_assert_cmpuint (failure->status, ==, 422);
    g_assert_cmpstr (failure->code, ==, "platform_refused");
    g_assert_nonnull (strstr (failure->message, "未发货"));
    shou_hub_failure_free (failure);
    g_assert_cmpint (platform_fake_get_status (f->fake, unshipped), ==, TB_WAIT_SELLER_AGREE);
  }
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 0);
}

/* Flow control is retried with backoff; an expired session lapses the shop
 * (shown in its state), and authorising again through a pasted redirect
 * URL brings it back. */
static void
test_flow_control_and_lapse (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 id = platform_fake_add_case (f->fake, TB_REFUND, TB_WAIT_SELLER_AGREE, "8.00", T0 - 700);
  guint calls, retries;

  platform_fake_inject_flow_control (f->fake, 3);
  fixture_pull_all (f);
  shou_taobao_platform_get_stats (f->platform, &calls, &retries);
  g_assert_cmpuint (retries, ==, 3);
  {
    g_autoptr(ShouHubAftersale) stored = fixture_stored (f, "tb-", id);

    g_assert_nonnull (stored);
  }

  platform_fake_expire_tokens (f->fake);
  platform_fake_set_status (f->fake, id, TB_CLOSED, T0 + 100);
  fixture_set_now (f, T0 + 600);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*Taobao shop tb-1: authorisation lapsed*");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*pull stopped*27*");
  shou_hub_platform_pull_changes (SHOU_HUB_PLATFORM (f->platform), 0, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpstr (shou_hub_platform_shop_state (SHOU_HUB_PLATFORM (f->platform), SHOP), ==, "lapsed");

  url = shou_taobao_platform_auth_url (f->platform, "https://example.invalid/cb", "tb-1");
  g_assert_true (g_str_has_prefix (url, "https://oauth.taobao.com/authorize?response_type=code&client_id=12345678&"));
  g_assert_nonnull (strstr (url, "redirect_uri=https%3A%2F%2Fexample.invalid%2Fcb"));
  g_assert_nonnull (strstr (url, "view=web"));
  g_assert_false (shou_taobao_platform_authorise (f->platform, SHOP, "https://example.invalid/cb?code=bad-code", &error));
  g_clear_error (&error);
  g_assert_true (shou_taobao_platform_authorise (f->platform, SHOP,
                                                 "https://example.invalid/cb?code=good-code&state=tb-1", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shou_hub_platform_shop_state (SHOU_HUB_PLATFORM (f->platform), SHOP), ==, "authorised");
  fixture_pull_all (f);
  g_assert_cmpstr (stored_status (f, id), ==, "CLOSED");
}

/* A token close to expiry is refreshed (taobao.top.auth.token.refresh)
 * before a call, and the new one is used. */
static void
test_refresh_before_expiry (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = platform_fake_add_case (f->fake, TB_REFUND, TB_WAIT_SELLER_AGREE, "6.00", T0 - 100);

  g_assert_true (shou_taobao_platform_set_token (f->platform, SHOP, "sess-1", "ref-1", T0 + 300, &error));
  fixture_pull_all (f);
  g_assert_cmpuint (platform_fake_count (f->fake, "taobao.top.auth.token.refresh"), ==, 1);
  {
    g_autoptr(ShouHubAftersale) stored = fixture_stored (f, "tb-", id);

    g_assert_nonnull (stored);
  }
  g_assert_cmpstr (shou_hub_platform_shop_state (SHOU_HUB_PLATFORM (f->platform), SHOP), ==, "authorised");
}

/* The gateway refuses a request signed with another secret: nothing stored. */
static void
test_wrong_secret (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShouTaobaoPlatform) wrong = NULL;
  g_autoptr(GError) error = NULL;

  platform_fake_add_case (f->fake, TB_REFUND, TB_WAIT_SELLER_AGREE, "3.00", T0 - 900);
  g_clear_object (&f->platform);
  wrong = make_platform (f, "not-the-secret");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*pull stopped*25*");
  shou_hub_platform_pull_changes (SHOU_HUB_PLATFORM (wrong), 0, &error);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 1);
  g_assert_cmpuint (fixture_count_requests (f), ==, 0);
  g_assert_cmpint (fixture_checkpoint (f, SHOP), ==, 0);
}

/* The reasons a seller reads for what the adapter cannot carry. */
static void
test_lacking_translated (Fixture       *f,
                         gconstpointer  data)
{
  static const struct
  {
    const char *language;
    const char *negotiate;
    const char *other;
  } languages[] = {
    { "zh_CN", "请在千牛卖家工作台协商", "请在千牛卖家工作台处理" },
    { "zh_TW", "請在千牛賣家工作台協商", "請在千牛賣家工作台處理" },
  };
  gint64 id = platform_fake_add_case (f->fake, TB_REFUND_AND_RETURN, TB_WAIT_SELLER_AGREE, "8.00", T0 - 700);
  g_autoptr(ShouHubAftersale) as = NULL;

  fixture_pull_all (f);
  as = fixture_stored (f, "tb-", id);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(JsonObject) rendered = NULL;

      g_setenv ("LANGUAGE", languages[i].language, TRUE);
      setlocale (LC_ALL, "");
      rendered = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
      g_assert_cmpstr (json_object_get_string_member (fixture_blocked (rendered, "negotiate"), "message"), ==,
                       languages[i].negotiate);
      g_assert_cmpstr (json_object_get_string_member (fixture_blocked (rendered, "ship_exchange"), "message"), ==,
                       languages[i].other);
    }
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* Issue 25: TOP takes the "other" carrier's typed name (its exchange
 * shipment names the company freely), so the carrier passes; the exchange
 * shipment itself stays in Qianniu. */
static void
test_other_carrier (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = platform_fake_add_case (f->fake, TB_REFUND_SHIPPED, TB_WAIT_SELLER_AGREE, "12.00", T0 - 600);
  ShouEvent other = { .kind = SHOU_EVENT_SHIP_EXCHANGE, .carrier = "OTHER", .carrier_name = "丰网速运",
                      .tracking_no = "FW1234567890" };
  ShouEvent nameless = { .kind = SHOU_EVENT_SHIP_EXCHANGE, .carrier = "OTHER", .tracking_no = "FW1234567890" };
  ShouHubFailure *failure;

  fixture_pull_all (f);
  failure = act (f, id, &other, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpstr (failure->reason, ==, "platform_backend");
  shou_hub_failure_free (failure);
  /* Without a typed name there is nothing to give TOP. */
  failure = act (f, id, &nameless, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpstr (failure->reason, ==, "other_carrier_not_offered");
  shou_hub_failure_free (failure);
}

int
main (int   argc,
      char *argv[])
{
  fixture_init_locale ();
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/taobao/adapter/full-pull-then-window-edges", test_full_then_edges);
  ADD ("/taobao/adapter/one-fen-deadline-risks", test_one_fen);
  ADD ("/taobao/adapter/actions", test_actions);
  ADD ("/taobao/adapter/refuse-message-intercept", test_answers);
  ADD ("/taobao/adapter/flow-control-lapse-reauthorise", test_flow_control_and_lapse);
  ADD ("/taobao/adapter/refresh-before-expiry", test_refresh_before_expiry);
  ADD ("/taobao/adapter/wrong-secret", test_wrong_secret);
  ADD ("/taobao/adapter/lacking-actions-translated", test_lacking_translated);
  ADD ("/taobao/adapter/other-carrier", test_other_carrier);
  return g_test_run ();
}
