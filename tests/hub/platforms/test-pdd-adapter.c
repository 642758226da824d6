/* test-pdd-adapter.c: the Pinduoduo adapter against pdd-fake on
 * 127.0.0.1, with a real SQLite store and a virtual clock: a full pull of
 * 5,000 cases, increments landing on window edges, the actions and the
 * calls they make, flow control, lapsed and refreshed authorisations. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "hub/platforms/pdd/shou-pdd-platform.h"
#include "hub/platforms/shou-platform-checkpoint.h"
#include "pdd-fake.h"
#include "platform-test-fixture.h"

#define CLIENT_ID  "fake-client-id"
#define SECRET     "fake-client-secret"
#define SHOP       "pdd-1"


static ShouPddPlatform *
make_platform (Fixture    *f,
               const char *secret)
{
  g_autoptr(GError) error = NULL;
  ShouPlatformOptions options = fixture_options (f, CLIENT_ID, secret);
  ShouPddPlatform *platform = shou_pdd_platform_new (f->store, &options, &error);

  g_assert_no_error (error);
  return platform;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_open (f, SHOP, SHOU_PLATFORM_PDD, "拼多多店", pdd_fake_new (CLIENT_ID, SECRET));
  platform_fake_add_token (f->fake, "acc-1", "ref-1");
  f->platform = make_platform (f, SECRET);
  g_assert_true (shou_pdd_platform_set_token (f->platform, SHOP, "acc-1", "ref-1", T0 + 30 * 86400, &error));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  fixture_close (f);
}
static int
stored_status (Fixture *f,
               gint64   pdd_id)
{
  g_autoptr(ShouHubAftersale) as = fixture_stored (f, "pdd-", pdd_id);

  if (as == NULL)
    return -1;
  return json_object_get_int_member (json_object_get_object_member (as->doc, "pdd"), "after_sales_status");
}

static const int statuses[] = { 2, 3, 6, 7, 8, 10, 11, 14, 21 };

static void
test_full_then_edges (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint details;
  gint64 cp;
  gint64 edges[10];

  for (guint i = 0; i < 5000; i++)
    {
      gint64 id = platform_fake_add_case (f->fake, 1 + i % 2, statuses[i % G_N_ELEMENTS (statuses)], "12.34",
                                     T0 - 2 * 86400 + i * 34);

      g_array_append_val (ids, id);
    }
  fixture_pull_all (f);
  g_assert_cmpuint (fixture_count_requests (f), ==, 5000);
  /* Each request's detail was read once: nothing doubled. */
  g_assert_cmpuint (platform_fake_count (f->fake, "pdd.refund.information.get"), ==, 5000);
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 0);
  /* 3 days in ≤ 30-minute windows (the fake refuses longer ones). */
  g_assert_cmpuint (platform_fake_count (f->fake, "pdd.refund.list.increment.get"), >=, 3 * 86400 / 1800);
  for (guint i = 0; i < 5000; i += 97)
    g_assert_cmpint (stored_status (f, g_array_index (ids, gint64, i)), ==,
                     platform_fake_get_status (f->fake, g_array_index (ids, gint64, i)));
  cp = fixture_checkpoint (f, SHOP);
  g_assert_cmpint (cp, ==, T0 - 5);

  /* An hour later: changes on the next windows' edges, including one the
   * platform dated inside the previous window's overlap (a late commit). */
  fixture_set_now (f, T0 + 3600);
  edges[0] = cp - 120;          /* first of the overlap */
  edges[1] = cp - 1;            /* before the checkpoint: read again only through the overlap */
  edges[2] = cp;
  edges[3] = cp + 1;
  edges[4] = cp - 120 + 1800;   /* last second of the first new window */
  edges[5] = edges[4] - 120;    /* first second of the second one */
  edges[6] = edges[4] + 1;
  edges[7] = edges[5] + 1800;
  edges[8] = edges[7] + 1;
  edges[9] = T0 + 3600 - 6;     /* the newest second the pull reads */
  for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
    for (guint k = 0; k < 5; k++)
      {
        gint64 id = g_array_index (ids, gint64, 4000 + e * 5 + k);

        platform_fake_set_status (f->fake, id, 11, edges[e]);
        g_array_append_val (changed, id);
      }
  for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
    {
      gint64 id = platform_fake_add_case (f->fake, 2, 3, "5.00", edges[e]);

      g_array_append_val (changed, id);
    }
  details = platform_fake_count (f->fake, "pdd.refund.information.get");
  fixture_pull_all (f);
  g_assert_cmpuint (fixture_count_requests (f), ==, 5010);
  g_assert_cmpuint (platform_fake_count (f->fake, "pdd.refund.information.get") - details, ==, changed->len);
  for (guint i = 0; i < changed->len; i++)
    g_assert_cmpint (stored_status (f, g_array_index (changed, gint64, i)), ==,
                     platform_fake_get_status (f->fake, g_array_index (changed, gint64, i)));
  g_assert_cmpint (fixture_checkpoint (f, SHOP), ==, T0 + 3600 - 5);

  /* Pulling again with nothing new reads no detail. */
  details = platform_fake_count (f->fake, "pdd.refund.information.get");
  fixture_set_now (f, T0 + 3700);
  fixture_pull_all (f);
  g_assert_cmpuint (platform_fake_count (f->fake, "pdd.refund.information.get"), ==, details);
  g_assert_cmpuint (fixture_count_requests (f), ==, 5010);
}
static void
test_one_fen (Fixture       *f,
              gconstpointer  data)
{
  gint64 id = platform_fake_add_case (f->fake, 1, 2, "0.01", T0 - 100);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) rendered = NULL;

  fixture_pull_all (f);
  as = fixture_stored (f, "pdd-", id);
  g_assert_nonnull (as);
  g_assert_cmpint (as->state.amount_fen, ==, 1);
  rendered = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
  g_assert_cmpint (json_object_get_int_member (rendered, "amount_fen"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (rendered, "type"), ==, "refund_only");
  g_assert_cmpstr (json_object_get_string_member (rendered, "status"), ==, "wait_seller");
  g_assert_cmpstr (json_object_get_string_member (rendered, "platform_status"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (rendered, "reason_code"), ==, "quality_problem");
  /* Pinduoduo's own deadline (expire_time: 48 h after the fake's update) wins. */
  g_assert_cmpint (json_object_get_int_member (rendered, "deadline_at"), ==, (T0 - 100 + 48 * 3600) * G_USEC_PER_SEC);
  g_assert_cmpstr (json_object_get_string_member (rendered, "deadline_rule"), ==, "pdd:expire_time");
  /* The warnings before a rejection, as the simulator renders them: one
   * fen is under every profile's small-amount threshold. */
  g_assert_true (fixture_has_risk (rendered, "small_amount"));
  g_assert_cmpstr (json_object_get_string_member (rendered, "profile_version"), ==,
                   shou_profile_get_version (shou_profiles_get (shou_profiles_get_default (), SHOU_PLATFORM_PDD)));
}

/* A larger amount whose return is on its way: the goods are coming back. */
static void
test_risks_returned (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id = platform_fake_add_case (f->fake, 2, 7, "88.00", T0 - 100);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) rendered = NULL;

  platform_fake_set_tracking (f->fake, id, "SF1234567890", T0 - 50);
  fixture_pull_all (f);
  as = fixture_stored (f, "pdd-", id);
  g_assert_nonnull (as);
  rendered = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
  g_assert_true (fixture_has_risk (rendered, "goods_returned"));
  g_assert_false (fixture_has_risk (rendered, "small_amount"));
}

static void
test_flow_control (Fixture       *f,
                   gconstpointer  data)
{
  guint calls, retries;
  gint64 waited;

  for (guint i = 0; i < 30; i++)
    platform_fake_add_case (f->fake, 1, 2, "1.00", T0 - 3000 + i * 50);
  platform_fake_inject_flow_control (f->fake, 3);
  fixture_pull_all (f);
  g_assert_cmpuint (fixture_count_requests (f), ==, 30);
  shou_pdd_platform_get_stats (f->platform, &calls, &retries, &waited);
  g_assert_cmpuint (retries, ==, 3);
  /* 1 s + 2 s + 4 s of backoff on the virtual clock, plus the spacing. */
  g_assert_cmpint (waited, >=, 7 * G_USEC_PER_SEC);

  /* More flow control than the bounded retries: the pull stops, the
   * checkpoint stays, the next pull catches up. */
  fixture_set_now (f, T0 + 600);
  platform_fake_add_case (f->fake, 1, 2, "1.00", T0 + 300);
  platform_fake_inject_flow_control (f->fake, 50);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*pull stopped*52101*");
  {
    gint64 cp = fixture_checkpoint (f, SHOP);
    g_autoptr(GError) error = NULL;

    shou_hub_platform_pull_changes (SHOU_HUB_PLATFORM (f->platform), 0, &error);
    g_assert_no_error (error);
    g_assert_cmpint (fixture_checkpoint (f, SHOP), ==, cp);
  }
  g_test_assert_expected_messages ();
  platform_fake_inject_flow_control (f->fake, 0);
  fixture_pull_all (f);
  g_assert_cmpuint (fixture_count_requests (f), ==, 31);
}

/* A change a window dropped is found by the daily audit of the last 48 h. */
static void
test_daily_audit (Fixture       *f,
                  gconstpointer  data)
{
  gint64 seen = platform_fake_add_case (f->fake, 1, 2, "2.00", T0 - 1000);
  gint64 dropped;
  guint details;

  fixture_pull_all (f);
  g_assert_cmpint (stored_status (f, seen), ==, 2);
  /* The buyer cancels; the platform's list drops the item from its window. */
  fixture_set_now (f, T0 + 7200);
  platform_fake_set_status (f->fake, seen, 11, T0 + 3000);
  platform_fake_set_hidden (f->fake, seen, TRUE);
  dropped = platform_fake_add_case (f->fake, 1, 2, "3.00", T0 + 3100);
  platform_fake_set_hidden (f->fake, dropped, TRUE);
  fixture_pull_all (f);
  g_assert_cmpint (stored_status (f, seen), ==, 2);
  g_assert_cmpint (stored_status (f, dropped), ==, -1);
  /* Later the list shows them again, but the windows have moved on. */
  platform_fake_set_hidden (f->fake, seen, FALSE);
  platform_fake_set_hidden (f->fake, dropped, FALSE);
  fixture_set_now (f, T0 + 7200 + 3600);
  fixture_pull_all (f);
  g_assert_cmpint (stored_status (f, dropped), ==, -1);
  /* A day after the first pull the audit re-reads 48 hours: both found,
   * and only those two details fetched. */
  details = platform_fake_count (f->fake, "pdd.refund.information.get");
  fixture_set_now (f, T0 + 86400 + 60);
  fixture_pull_all (f);
  g_assert_cmpint (stored_status (f, seen), ==, 11);
  g_assert_cmpint (stored_status (f, dropped), ==, 2);
  g_assert_cmpuint (platform_fake_count (f->fake, "pdd.refund.information.get") - details, ==, 2);
}

/* One shop's backlog does not starve another: each pull gives every shop
 * its budget of windows in turn. */
static void
test_backlog_fair (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_hub_store_begin (f->store, &error) &&
                 shou_hub_store_add_merchant (f->store, "m2", "二号店主", "merchant-token-0002", &error) &&
                 shou_hub_store_add_shop (f->store, "pdd-2", "m2", SHOU_PLATFORM_PDD, "二号店", &error) &&
                 shou_hub_store_commit (f->store, &error));
  platform_fake_add_token (f->fake, "acc-2", NULL);
  g_assert_true (shou_pdd_platform_set_token (f->platform, "pdd-2", "acc-2", NULL, T0 + 86400, &error));
  {
    g_autoptr(ShouPlatformCheckpoints) cp = shou_platform_checkpoints_open (f->checkpoints, NULL);

    /* Shop 2 was read up to ten minutes ago; shop 1 never (3 days back). */
    g_assert_true (shou_platform_checkpoints_commit (cp, "pdd-2", T0 - 600, &error));
  }
  g_clear_object (&f->platform);
  f->platform = make_platform (f, SECRET);
  {
    g_autoptr(ShouPlatformCheckpoints) after = NULL;

    shou_pdd_platform_set_windows_per_pull (f->platform, 4);
    shou_hub_platform_pull_changes (SHOU_HUB_PLATFORM (f->platform), 0, &error);
    g_assert_no_error (error);
    after = shou_platform_checkpoints_open (f->checkpoints, NULL);
    g_assert_cmpint (shou_platform_checkpoints_get (after, "pdd-2"), ==, T0 - 5);
    g_assert_cmpint (shou_platform_checkpoints_get (after, SHOP), ==, T0 - 3 * 86400 + 1800 + 3 * 1680);
  }
}

/* With a time budget a pull stops starting windows; the next goes on. */
static void
test_pull_budget (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first;

  for (guint i = 0; i < 50; i++)
    platform_fake_add_case (f->fake, 1, 2, "1.00", T0 - 80000 + i * 1500);
  g_clear_object (&f->platform);
  {
    ShouPddPlatformOptions options = fixture_options (f, CLIENT_ID, SECRET);

    options.first_from = T0 - 86400;
    options.pull_budget = 3 * G_USEC_PER_SEC;

    f->platform = shou_pdd_platform_new (f->store, &options, &error);
    g_assert_no_error (error);
  }
  shou_hub_platform_pull_changes (SHOU_HUB_PLATFORM (f->platform), 0, &error);
  g_assert_no_error (error);
  first = fixture_checkpoint (f, SHOP);
  /* Some windows, not all: ~100 ms a call on the virtual clock. */
  g_assert_cmpint (first, >, T0 - 86400);
  g_assert_cmpint (first, <, T0 - 5);
  fixture_pull_all (f);
  g_assert_cmpint (fixture_checkpoint (f, SHOP), ==, T0 - 5);
  g_assert_cmpuint (fixture_count_requests (f), ==, 50);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  gint64 refund = platform_fake_add_case (f->fake, 1, 2, "99.99", T0 - 600);
  gint64 ret = platform_fake_add_case (f->fake, 2, 3, "20.00", T0 - 500);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) rendered = NULL;
  g_autoptr(JsonArray) addresses = NULL;
  g_autofree char *fragment = NULL;
  ShouHubFailure *failure;
  ShouEvent agree = { .kind = SHOU_EVENT_AGREE_REFUND, .amount_fen = 9999 };
  ShouEvent agree_return = { .kind = SHOU_EVENT_AGREE_RETURN, .address_id = "9001" };
  ShouEvent negotiate = { .kind = SHOU_EVENT_NEGOTIATE, .round = 1, .text = "您好" };
  ShouEvent confirm = { .kind = SHOU_EVENT_CONFIRM_RECEIPT };
  JsonObject *b;
  gint64 version;

  fixture_pull_all (f);
  as = fixture_stored (f, "pdd-", refund);
  rendered = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
  g_assert_true (fixture_has_string (json_object_get_array_member (rendered, "allowed_actions"), "agree_refund"));
  g_assert_false (fixture_has_string (json_object_get_array_member (rendered, "allowed_actions"), "negotiate"));
  g_assert_false (fixture_has_string (json_object_get_array_member (rendered, "allowed_actions"), "reject"));
  for (const char *const *a = (const char *const[]) { "negotiate", "reject", NULL }; *a; a++)
    {
      b = fixture_blocked (rendered, *a);
      g_assert_nonnull (b);
      g_assert_cmpstr (json_object_get_string_member (b, "reason"), ==, "platform_backend");
      g_assert_cmpstr (json_object_get_string_member (b, "message"), ==, _("Negotiate in the Pinduoduo merchant backend"));
    }
  b = fixture_blocked (rendered, "message");
  g_assert_cmpstr (json_object_get_string_member (b, "reason"), ==, "platform_backend");

  /* agree_refund -> pdd.refund.agree with the request's id and order. */
  failure = fixture_act (f, "pdd-", refund, &agree, NULL);
  g_assert_null (failure);
  fragment = g_strdup_printf ("\"after_sales_id\":%" G_GINT64_FORMAT, refund);
  fixture_assert_last_call (f, "pdd.refund.agree", fragment);
  fixture_assert_last_call (f, "pdd.refund.agree", "\"order_sn\":\"241207-");
  g_assert_cmpint (platform_fake_get_status (f->fake, refund), ==, 4);
  g_assert_cmpint (stored_status (f, refund), ==, 4);

  /* agree_return -> pdd.refund.returngoods.agree with the address id from
   * pdd.refund.address.list.get. */
  addresses = shou_hub_platform_list_addresses (SHOU_HUB_PLATFORM (f->platform), MERCHANT, SHOP);
  g_assert_cmpuint (json_array_get_length (addresses), ==, 2);
  failure = fixture_act (f, "pdd-", ret, &agree_return, NULL);
  g_assert_null (failure);
  fixture_assert_last_call (f, "pdd.refund.returngoods.agree", "\"return_address_id\":\"9001\"");
  g_assert_cmpint (platform_fake_get_status (f->fake, ret), ==, 7);

  /* An action Pinduoduo's API lacks never reaches it. */
  failure = fixture_act (f, "pdd-", ret, &negotiate, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 422);
  g_assert_cmpstr (failure->reason, ==, "platform_backend");
  shou_hub_failure_free (failure);

  /* The buyer ships the return: the next pull moves it to the seller's
   * receipt (a new version), and confirm_receipt is pdd.refund.agree. */
  g_clear_pointer (&as, shou_hub_aftersale_free);
  as = fixture_stored (f, "pdd-", ret);
  version = as->state.version;
  fixture_set_now (f, T0 + 1200);
  platform_fake_set_tracking (f->fake, ret, "SF1234567890", T0 + 1000);
  fixture_pull_all (f);
  g_clear_pointer (&as, shou_hub_aftersale_free);
  as = fixture_stored (f, "pdd-", ret);
  g_assert_cmpint (as->state.status, ==, SHOU_STATUS_WAIT_SELLER_RECEIPT);
  g_assert_cmpint (as->state.version, >, version);
  failure = fixture_act (f, "pdd-", ret, &confirm, NULL);
  g_assert_null (failure);
  fixture_assert_last_call (f, "pdd.refund.agree", "\"after_sales_id\":");
  g_assert_cmpint (platform_fake_get_status (f->fake, ret), ==, 4);

  /* Pinduoduo refuses (not its status any more): a 422 with its sub-code. */
  failure = fixture_act (f, "pdd-", refund, &agree, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 422);
  shou_hub_failure_free (failure);
}

/* The reason a seller reads, in each catalogue. */
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
    { "zh_CN", "请在拼多多商家后台协商", "请在拼多多商家后台处理" },
    { "zh_TW", "請在拼多多商家後台協商", "請在拼多多商家後台處理" },
  };
  gint64 id = platform_fake_add_case (f->fake, 2, 3, "8.00", T0 - 700);
  g_autoptr(ShouHubAftersale) as = NULL;

  fixture_pull_all (f);
  as = fixture_stored (f, "pdd-", id);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(JsonObject) rendered = NULL;

      g_setenv ("LANGUAGE", languages[i].language, TRUE);
      setlocale (LC_ALL, "");
      rendered = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
      g_assert_cmpstr (json_object_get_string_member (fixture_blocked (rendered, "reject"), "message"), ==,
                       languages[i].negotiate);
      g_assert_cmpstr (json_object_get_string_member (fixture_blocked (rendered, "negotiate"), "message"), ==,
                       languages[i].negotiate);
      g_assert_cmpstr (json_object_get_string_member (fixture_blocked (rendered, "ship_exchange"), "message"), ==,
                       languages[i].other);
    }
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

static void
test_session_expired (Fixture       *f,
                      gconstpointer  data)
{
  gint64 first = platform_fake_add_case (f->fake, 1, 2, "3.00", T0 - 900);
  gint64 later;
  gint64 cp;
  ShouEvent agree = { .kind = SHOU_EVENT_AGREE_REFUND, .amount_fen = 300 };
  ShouHubFailure *failure;
  g_autoptr(GError) error = NULL;

  fixture_pull_all (f);
  cp = fixture_checkpoint (f, SHOP);
  g_assert_cmpstr (shou_pdd_platform_get_shop_state (f->platform, SHOP), ==, "authorised");
  platform_fake_expire_tokens (f->fake);
  fixture_set_now (f, T0 + 1800);
  later = platform_fake_add_case (f->fake, 1, 2, "4.00", T0 + 600);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*authorisation lapsed*");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*pull stopped*");
  fixture_pull_all (f);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (shou_pdd_platform_get_shop_state (f->platform, SHOP), ==, "lapsed");
  g_assert_cmpint (fixture_checkpoint (f, SHOP), ==, cp);
  g_assert_cmpint (stored_status (f, later), ==, -1);
  failure = fixture_act (f, "pdd-", first, &agree, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 503);
  g_assert_cmpstr (failure->code, ==, "platform_session_expired");
  shou_hub_failure_free (failure);

  /* The seller authorises again by pasting the redirect URL. */
  g_assert_false (shou_pdd_platform_authorise (f->platform, SHOP, "https://shop.example/cb?state=1", &error));
  g_clear_error (&error);
  g_assert_true (shou_pdd_platform_authorise (f->platform, SHOP,
                                              "https://shop.example/cb?code=good-code&state=1", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shou_pdd_platform_get_shop_state (f->platform, SHOP), ==, "authorised");
  fixture_pull_all (f);
  g_assert_cmpint (stored_status (f, later), ==, 2);
}

static void
test_refresh_before_expiry (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  platform_fake_add_case (f->fake, 1, 2, "3.00", T0 - 900);
  /* Five minutes left: refreshed before the pull uses it. */
  g_assert_true (shou_pdd_platform_set_token (f->platform, SHOP, "acc-1", "ref-1", T0 + 300, &error));
  fixture_pull_all (f);
  g_assert_cmpuint (platform_fake_count (f->fake, "pdd.pop.auth.token.refresh"), ==, 1);
  g_assert_cmpuint (fixture_count_requests (f), ==, 1);
  g_assert_cmpstr (shou_pdd_platform_get_shop_state (f->platform, SHOP), ==, "authorised");
  /* The new token lasts a day: no second refresh. */
  fixture_set_now (f, T0 + 3600);
  fixture_pull_all (f);
  g_assert_cmpuint (platform_fake_count (f->fake, "pdd.pop.auth.token.refresh"), ==, 1);

  url = shou_pdd_platform_auth_url (f->platform, "https://shop.example/cb?x=1", "s1");
  g_assert_cmpstr (url, ==, "https://fuwu.pinduoduo.com/service-market/auth?response_type=code&client_id="
                   CLIENT_ID "&redirect_uri=https%3A%2F%2Fshop.example%2Fcb%3Fx%3D1&state=s1&view=web");
}

static void
test_wrong_secret (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShouPddPlatform) wrong = NULL;
  g_autoptr(GError) error = NULL;

  platform_fake_add_case (f->fake, 1, 2, "3.00", T0 - 900);
  g_clear_object (&f->platform);
  wrong = make_platform (f, "not-the-secret");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*pull stopped*10016*");
  shou_hub_platform_pull_changes (SHOU_HUB_PLATFORM (wrong), 0, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 1);
  g_assert_cmpuint (fixture_count_requests (f), ==, 0);
  g_assert_cmpint (fixture_checkpoint (f, SHOP), ==, 0);
}

/* Issue 25: Pinduoduo publishes no intercept call and no "other" carrier
 * code: intercept is blocked with no_platform_call (core's reason where it
 * never applies), in the seller's language, and neither reaches the fake. */
static void
test_no_intercept_no_other_carrier (Fixture       *f,
                                    gconstpointer  data)
{
  static const char *const languages[][2] = {
    { "zh_CN", "平台开放接口不提供此操作，请在商家后台或联系快递公司处理" },
    { "zh_TW", "平台開放介面不提供此操作，請在商家後台或聯絡物流業者處理" },
  };
  gint64 refund = platform_fake_add_case (f->fake, 1, 2, "30.00", T0 - 600);
  gint64 ret = platform_fake_add_case (f->fake, 2, 3, "20.00", T0 - 500);
  ShouEvent intercept = { .kind = SHOU_EVENT_INTERCEPT };
  ShouEvent other = { .kind = SHOU_EVENT_SHIP_EXCHANGE, .carrier = "OTHER", .carrier_name = "宅急送",
                      .tracking_no = "ZJS1234567890" };
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(ShouHubAftersale) as_ret = NULL;
  g_autoptr(JsonObject) goods = NULL;
  ShouHubFailure *failure;

  fixture_pull_all (f);
  as = fixture_stored (f, "pdd-", refund);
  as_ret = fixture_stored (f, "pdd-", ret);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(JsonObject) rendered = NULL;
      JsonObject *b;

      g_setenv ("LANGUAGE", languages[i][0], TRUE);
      setlocale (LC_ALL, "");
      rendered = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
      g_assert_false (fixture_has_string (json_object_get_array_member (rendered, "allowed_actions"), "intercept"));
      b = fixture_blocked (rendered, "intercept");
      g_assert_cmpstr (json_object_get_string_member (b, "reason"), ==, "no_platform_call");
      g_assert_cmpstr (json_object_get_string_member (b, "message"), ==, languages[i][1]);
    }
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  /* A return never had an intercept: core's own reason stays. */
  goods = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as_ret);
  g_assert_cmpstr (json_object_get_string_member (fixture_blocked (goods, "intercept"), "reason"), ==, "not_for_type");

  failure = fixture_act (f, "pdd-", refund, &intercept, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 422);
  g_assert_cmpstr (failure->reason, ==, "no_platform_call");
  shou_hub_failure_free (failure);
  failure = fixture_act (f, "pdd-", ret, &other, NULL);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 422);
  g_assert_cmpstr (failure->code, ==, "not_allowed");
  g_assert_cmpstr (failure->reason, ==, "other_carrier_not_offered");
  shou_hub_failure_free (failure);
  g_assert_null (platform_fake_last_action (f->fake, NULL));
  g_assert_cmpint (platform_fake_get_status (f->fake, refund), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  fixture_init_locale ();
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/pdd/adapter/full-pull-then-window-edges", test_full_then_edges);
  ADD ("/pdd/adapter/one-fen", test_one_fen);
  ADD ("/pdd/adapter/risks-goods-returned", test_risks_returned);
  ADD ("/pdd/adapter/flow-control", test_flow_control);
  ADD ("/pdd/adapter/daily-audit", test_daily_audit);
  ADD ("/pdd/adapter/backlog-fair", test_backlog_fair);
  ADD ("/pdd/adapter/pull-budget", test_pull_budget);
  ADD ("/pdd/adapter/actions", test_actions);
  ADD ("/pdd/adapter/lacking-actions-translated", test_lacking_translated);
  ADD ("/pdd/adapter/session-expired", test_session_expired);
  ADD ("/pdd/adapter/refresh-before-expiry", test_refresh_before_expiry);
  ADD ("/pdd/adapter/wrong-secret", test_wrong_secret);
  ADD ("/pdd/adapter/no-intercept-no-other-carrier", test_no_intercept_no_other_carrier);
  return g_test_run ();
}
