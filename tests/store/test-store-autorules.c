/* test-store-autorules: automatic rules on a real SQLite file — order,
 * the enable gate (a dry run of the rule as it is), the dry run judged as
 * each request arrived with the day caps, the runner's held actions with
 * their derived keys, undo one by one and all together, caps, and a
 * kill -9 inside the undo window (the action is neither lost nor sent
 * early); the team's internal notes and tags (the annotation cache) hold
 * the lone desktop's runner back as they hold the hub's. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/shou-outbox.h"
#include "store/shou-store-annotations.h"
#include "store/shou-store-autorules.h"
#include "store/shou-store-autorules-private.h"
#include "store/shou-store-team.h"
#include "store-test-util.h"

#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define DAY (24 * 60 * MINUTE)
#define N_REQ 12

typedef StFixture Fixture;

static gint64 now_t;

/* r00..r11: unshipped refund-only requests waiting for the seller,
 * ¥10 + ¥10 * i, arrived i * 3 days ago (so r10 and r11 are older than 30
 * days); r05 has been refunded since. Buyers: b0 for the even ones, b1
 * for the odd ones. */
static JsonObject *
request (guint i)
{
  g_autofree char *id = g_strdup_printf ("r%02u", i);
  g_autofree char *oid = g_strdup_printf ("o%02u", i);
  gboolean done = i == 5;
  JsonObject *a = st_aftersale (id, "shop1", oid, done ? "success" : "wait_seller",
                                done ? 0 : now_t + 20 * 60 * MINUTE, done ? 4 : 1);
  JsonArray *timeline = json_array_new ();
  JsonObject *open = json_object_new ();
  gint64 at = now_t - i * 3 * DAY - MINUTE;

  json_object_set_int_member (a, "amount_fen", 1000 * (i + 1));
  json_object_set_int_member (a, "paid_fen", 1000 * (i + 1));
  json_object_set_string_member (a, "order_state", "pending_shipment");
  json_object_set_string_member (a, "good_status", "not_received");
  json_object_set_int_member (a, "opened_at", at);
  json_object_set_int_member (open, "at", at);
  json_object_set_string_member (open, "actor", "buyer");
  json_object_set_string_member (open, "kind", "open");
  json_object_set_string_member (open, "text", "买家发起仅退款");
  json_array_add_object_element (timeline, open);
  json_object_set_array_member (a, "timeline", timeline);
  return a;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  now_t = g_get_real_time ();
  st_fixture_open (f);
  for (guint i = 0; i < N_REQ; i++)
    {
      g_autofree char *oid = g_strdup_printf ("o%02u", i);
      g_autofree char *order_no = g_strdup_printf ("TB%04u", i);

      g_ptr_array_add (page, st_change ("order", st_order (oid, "shop1", order_no,
                                                           i % 2 ? "b1" : "b0", "goods", 1)));
      g_ptr_array_add (page, st_change ("aftersale", request (i)));
    }
  st_apply (f->store, f->account, page);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  st_fixture_close (f);
}

/* Agree unshipped refund-only requests up to @max_fen. */
static ShouAutorule *
small_refunds (gint64 max_fen)
{
  ShouAutorule *r = shou_autorule_new ("小额未发货仅退款", SHOU_AUTORULE_AGREE_REFUND, NULL);

  g_ptr_array_add (r->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_TYPE, "refund_only", 0));
  g_ptr_array_add (r->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_ORDER_STATE, "unshipped", 0));
  g_ptr_array_add (r->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_AMOUNT_MAX, NULL, max_fen));
  return r;
}

static void
enable (Fixture      *f,
        ShouAutorule *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouAutoruleDryRun) run = NULL;

  g_assert_true (shou_store_save_autorule (f->store, f->account, r, &error));
  g_assert_no_error (error);
  run = shou_store_autorule_dry_run (f->store, f->account, r, now_t);
  g_assert_true (shou_store_set_autorule_enabled (f->store, f->account, r->id, TRUE, &error));
  g_assert_no_error (error);
}

static void
test_order_and_gate (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ShouAutorule) a = small_refunds (5000);
  g_autoptr(ShouAutorule) b = shou_autorule_new ("全部打标", SHOU_AUTORULE_ADD_TAG, "自动");
  g_autoptr(ShouAutorule) unnamed = shou_autorule_new ("  ", SHOU_AUTORULE_NOTIFY, NULL);
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(ShouAutoruleDryRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_false (shou_store_save_autorule (f->store, f->account, unnamed, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (shou_store_save_autorule (f->store, f->account, a, &error));
  g_assert_true (shou_store_save_autorule (f->store, f->account, b, &error));
  rules = shou_store_list_autorules (f->store, f->account);
  g_assert_cmpuint (rules->len, ==, 2);
  g_assert_cmpstr (((ShouAutorule *) rules->pdata[0])->id, ==, a->id);
  g_clear_pointer (&rules, g_ptr_array_unref);

  g_assert_true (shou_store_move_autorule (f->store, f->account, b->id, 0, &error));
  rules = shou_store_list_autorules (f->store, f->account);
  g_assert_cmpstr (((ShouAutorule *) rules->pdata[0])->id, ==, b->id);
  g_assert_cmpstr (((ShouAutorule *) rules->pdata[1])->name, ==, "小额未发货仅退款");
  g_clear_pointer (&rules, g_ptr_array_unref);

  /* Off until a dry run of the rule as it is. */
  g_assert_false (shou_store_set_autorule_enabled (f->store, f->account, a->id, TRUE, &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  run = shou_store_autorule_dry_run (f->store, f->account, a, now_t);
  g_assert_true (shou_store_set_autorule_enabled (f->store, f->account, a->id, TRUE, &error));
  g_assert_no_error (error);
  rules = shou_store_list_autorules (f->store, f->account);
  g_assert_true (((ShouAutorule *) rules->pdata[1])->enabled);
  g_clear_pointer (&rules, g_ptr_array_unref);

  /* Renaming keeps it on; a new limit turns it off. */
  g_free (a->name);
  a->name = g_strdup ("小额退款");
  g_assert_true (shou_store_save_autorule (f->store, f->account, a, &error));
  rules = shou_store_list_autorules (f->store, f->account);
  g_assert_false (((ShouAutorule *) rules->pdata[1])->enabled);
  g_clear_pointer (&rules, g_ptr_array_unref);

  /* Export and import: same rules, same order, all off. */
  rules = shou_store_list_autorules (f->store, f->account);
  text = shou_autorules_to_text (rules);
  g_clear_pointer (&rules, g_ptr_array_unref);
  g_assert_true (shou_store_delete_autorule (f->store, f->account, a->id, &error));
  g_assert_cmpuint ((rules = shou_store_list_autorules (f->store, f->account))->len, ==, 1);
  g_clear_pointer (&rules, g_ptr_array_unref);
  g_assert_true (shou_store_import_autorules (f->store, f->account, text, &error));
  g_assert_no_error (error);
  rules = shou_store_list_autorules (f->store, f->account);
  g_assert_cmpuint (rules->len, ==, 2);
  g_assert_cmpstr (((ShouAutorule *) rules->pdata[1])->name, ==, "小额退款");
  g_assert_false (shou_store_import_autorules (f->store, f->account, "{\"rules\": 1}", &error));
  g_assert_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID);
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ShouAutorule) r = small_refunds (6000);
  g_autoptr(ShouAutoruleDryRun) run = NULL;
  ShouAutoruleHit *hit;

  /* r00..r05 are within ¥60 and arrived within 30 days; r05 was refunded
   * since, but when it arrived it waited like the others. */
  run = shou_store_autorule_dry_run (f->store, f->account, r, now_t);
  g_assert_cmpuint (run->handled, ==, 6);
  g_assert_cmpint (run->total_fen, ==, 1000 + 2000 + 3000 + 4000 + 5000 + 6000);
  g_assert_cmpuint (run->hits->len, ==, 6);
  hit = run->hits->pdata[0];
  g_assert_true (g_str_has_suffix (hit->request_key, "r00"));
  g_assert_cmpstr (hit->order_no, ==, "TB0000");
  hit = run->hits->pdata[5];
  g_assert_true (g_str_has_suffix (hit->request_key, "r05"));
  g_clear_pointer (&run, shou_autorule_dry_run_free);

  /* The buyer's history as it was then (every earlier request of the same
   * buyer is within 90 days): of r00..r09, only r08 (after r10) and r09
   * (after r11) had at most one before them. */
  {
    g_autoptr(ShouAutorule) h = small_refunds (100000);

    g_ptr_array_add (h->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_HISTORY_MAX, NULL, 1));
    run = shou_store_autorule_dry_run (f->store, f->account, h, now_t);
    g_assert_cmpuint (run->handled, ==, 2);
    g_assert_cmpint (run->total_fen, ==, 9000 + 10000);
    g_clear_pointer (&run, shou_autorule_dry_run_free);
  }

  /* Caps: one a day never binds at 3 days apart, but ¥25 a day stops
   * r02 (¥30) and above: they are listed as capped. */
  r->cap_count = 1;
  r->cap_amount_fen = 2500;
  run = shou_store_autorule_dry_run (f->store, f->account, r, now_t);
  g_assert_cmpuint (run->handled, ==, 2);
  g_assert_cmpuint (run->capped, ==, 4);
  g_assert_cmpint (run->total_fen, ==, 3000);
  g_assert_true (((ShouAutoruleHit *) run->hits->pdata[0])->capped == FALSE);
  g_assert_true (((ShouAutoruleHit *) run->hits->pdata[2])->capped);
}

static ShouOutboxEntry *
next_entry (Fixture *f)
{
  return shou_store_outbox_next (f->store, f->account);
}

/* The runner judges only what changed since it last judged it: a new
 * version, a new Asia/Shanghai day (the cap starts again), changed rules. */
/* The buyer's history counts by the platform's buyer id (API.md
 * "buyer_id"): two buyers behind one masked nick are two buyers, one
 * buyer under two nicks is one. Requests without an id count by nick. */
static void
test_buyer_id (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  static const struct { const char *id, *nick, *buyer_id; } buyers[] = {
    { "x0", "t**y", "B-1" }, { "x1", "t**y", "B-2" }, { "x2", "a**b", "B-1" }, { "x3", "t**y", NULL },
  };
  g_autofree char *key0 = NULL;
  g_autofree char *key3 = NULL;
  g_autoptr(GArray) h0 = NULL;
  g_autoptr(GArray) h1 = NULL;
  g_autoptr(GArray) h3 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (buyers); i++)
    {
      g_autofree char *oid = g_strdup_printf ("xo%u", i);
      JsonObject *a = request (i);

      json_object_set_string_member (a, "id", buyers[i].id);
      json_object_set_string_member (a, "order_id", oid);
      if (buyers[i].buyer_id != NULL)
        json_object_set_string_member (a, "buyer_id", buyers[i].buyer_id);
      g_ptr_array_add (page, st_change ("order", st_order (oid, "shop1", oid, buyers[i].nick, "goods", 1)));
      g_ptr_array_add (page, st_change ("aftersale", a));
    }
  st_apply (f->store, f->account, page);
  key0 = shou_store_request_key (f->store, f->account, "x0");
  key3 = shou_store_request_key (f->store, f->account, "x3");
  /* B-1 opened x0 and x2 (under another nick); B-2 only x1. */
  h0 = shou_store_autorule_history (f->store, f->account, "taobao", "B-1", key0, now_t);
  g_assert_cmpuint (h0->len, ==, 1);
  h1 = shou_store_autorule_history (f->store, f->account, "taobao", "B-2", "none", now_t);
  g_assert_cmpuint (h1->len, ==, 1);
  /* Without an id: only the request that has none shares the nick. */
  h3 = shou_store_autorule_history (f->store, f->account, "taobao", "t**y", "none", now_t);
  g_assert_cmpuint (h3->len, ==, 1);
}

static void
test_changed_only (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShouAutorule) r = small_refunds (5000);
  g_autoptr(GHashTable) judged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonObject *r07 = request (7);
  guint n = 0;

  r->cap_count = 3;
  enable (f, r);
  /* Eleven open requests judged; the cap lets three act. */
  g_assert_cmpuint (shou_store_run_autorules_changed (f->store, f->account, now_t, MINUTE, judged, &n), ==, 3);
  g_assert_cmpuint (n, ==, 11);
  g_assert_cmpuint (shou_store_run_autorules_changed (f->store, f->account, now_t, MINUTE, judged, &n), ==, 0);
  g_assert_cmpuint (n, ==, 0);
  /* A new version of one request: that one alone. */
  json_object_set_int_member (r07, "version", 2);
  g_ptr_array_add (page, st_change ("aftersale", r07));
  st_apply (f->store, f->account, page);
  g_assert_cmpuint (shou_store_run_autorules_changed (f->store, f->account, now_t, MINUTE, judged, &n), ==, 0);
  g_assert_cmpuint (n, ==, 1);
  /* The next day every waiting one again: the two the cap held back act. */
  g_assert_cmpuint (shou_store_run_autorules_changed (f->store, f->account, now_t + DAY, MINUTE, judged, &n), ==, 2);
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpuint (shou_store_run_autorules_changed (f->store, f->account, now_t + DAY, MINUTE, judged, &n), ==, 0);
  g_assert_cmpuint (n, ==, 0);
  /* A changed rule (dry run, enable): everything waiting again. */
  r->cap_count = 10;
  enable (f, r);
  g_assert_cmpuint (shou_store_run_autorules_changed (f->store, f->account, now_t + DAY, MINUTE, judged, &n), ==, 0);
  g_assert_cmpuint (n, ==, 6);
}

static void
test_runner (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ShouAutorule) r = small_refunds (5000);
  g_autoptr(GPtrArray) log = NULL;
  ShouOutboxEntry *entry;
  ShouAutoruleLogEntry *e;
  g_autofree char *expected = NULL;
  g_autofree char *key04 = shou_store_request_key (f->store, f->account, "r04");

  r->cap_count = 3;
  enable (f, r);
  /* Open, unshipped, ≤ ¥50: r00..r04, oldest first, but the cap is 3 a day. */
  g_assert_cmpuint (shou_store_run_autorules (f->store, f->account, now_t, SHOU_AUTORULE_UNDO_WINDOW), ==, 3);
  g_assert_cmpuint (shou_store_run_autorules (f->store, f->account, now_t, SHOU_AUTORULE_UNDO_WINDOW), ==, 0);
  /* Held: nothing goes before the window ends, not even on "sync now". */
  g_assert_null (next_entry (f));
  g_assert_true (shou_store_outbox_retry_all_now (f->store, NULL));
  g_assert_null (next_entry (f));
  g_assert_cmpint (shou_store_outbox_next_attempt_at (f->store, g_get_real_time ()), ==,
                   now_t + SHOU_AUTORULE_UNDO_WINDOW);

  log = shou_store_list_autorule_log (f->store, f->account, NULL, 10, now_t);
  g_assert_cmpuint (log->len, ==, 3);
  e = log->pdata[2];
  g_assert_cmpstr (e->request_key, ==, key04);
  g_assert_cmpstr (e->order_no, ==, "TB0004");
  g_assert_cmpstr (e->rule_name, ==, "小额未发货仅退款");
  g_assert_cmpint (e->state, ==, SHOU_AUTORULE_LOG_HELD);
  g_assert_cmpint (e->amount_fen, ==, 5000);
  g_assert_cmpint (e->send_at, ==, now_t + SHOU_AUTORULE_UNDO_WINDOW);

  /* Undo one, then all: the cap counts what was not undone. */
  g_assert_cmpuint (shou_store_cancel_autorule_actions (f->store, f->account, e->id, now_t), ==, 1);
  g_assert_cmpuint (shou_store_cancel_autorule_actions (f->store, f->account, e->id, now_t), ==, 0);
  g_clear_pointer (&log, g_ptr_array_unref);
  g_assert_cmpuint (shou_store_cancel_autorule_actions (f->store, f->account, 0, now_t), ==, 2);
  log = shou_store_list_autorule_log (f->store, f->account, NULL, 10, now_t);
  for (guint i = 0; i < log->len; i++)
    g_assert_cmpint (((ShouAutoruleLogEntry *) log->pdata[i])->state, ==, SHOU_AUTORULE_LOG_CANCELLED);
  g_clear_pointer (&log, g_ptr_array_unref);
  g_assert_cmpuint (shou_store_count_pending (f->store), ==, 0);

  /* The same (rule, request, version) is not taken again after an undo. */
  g_assert_cmpuint (shou_store_run_autorules (f->store, f->account, now_t, SHOU_AUTORULE_UNDO_WINDOW), ==, 2);
  g_assert_cmpuint (shou_store_cancel_autorule_actions (f->store, f->account, 0, now_t), ==, 2);

  /* A window that has passed: the entry goes, with the derived key. */
  g_assert_true (shou_store_delete_autorule (f->store, f->account, r->id, NULL));
  g_free (r->id);
  r->id = g_strdup ("rule-second");
  enable (f, r);
  g_assert_cmpuint (shou_store_run_autorules (f->store, f->account, now_t - 3 * MINUTE,
                                              2 * MINUTE), ==, 3);
  entry = next_entry (f);
  g_assert_nonnull (entry);
  expected = shou_autorule_idempotency_key ("rule-second", "r04", 1);
  g_assert_cmpstr (entry->idempotency_key, ==, expected);
  g_assert_cmpstr (entry->action, ==, "agree_refund");
  g_assert_cmpint (json_object_get_int_member (entry->params, "amount_fen"), ==, 5000);
  g_assert_cmpuint (shou_store_cancel_autorule_actions (f->store, f->account, 0, now_t), ==, 0);
  log = shou_store_list_autorule_log (f->store, f->account, NULL, 1, now_t);
  g_assert_cmpint (((ShouAutoruleLogEntry *) log->pdata[0])->state, ==, SHOU_AUTORULE_LOG_SENDING);
  shou_outbox_entry_free (entry);
}

static void
test_blocks_and_tags (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ShouAutorule) tag = shou_autorule_new ("打标", SHOU_AUTORULE_ADD_TAG, "自动");
  g_autoptr(ShouAutorule) r = small_refunds (100000);
  g_autofree char *key01 = shou_store_request_key (f->store, f->account, "r01");
  g_autofree char *key00 = shou_store_request_key (f->store, f->account, "r00");
  g_auto(GStrv) tags = NULL;
  g_autoptr(GError) error = NULL;

  /* Another staff member holds r01. */
  g_assert_true (shou_store_set_claim (f->store, key01, "staff-2", "小王", now_t + 10 * MINUTE, &error));
  g_assert_no_error (error);
  g_ptr_array_add (tag->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_AMOUNT_MAX, NULL, 2000));
  enable (f, tag);
  r->exclude_tags = g_strsplit ("自动", ",", -1);
  enable (f, r);
  /* The tag rule takes r00 (r01 is claimed); the refund rule the rest
   * that are open and not tagged: r02..r04, r06..r11. */
  g_assert_cmpuint (shou_store_run_autorules (f->store, f->account, now_t, MINUTE), ==, 1 + 9);
  tags = shou_store_get_request_tags (f->store, key00);
  g_assert_cmpstrv (tags, ((const char *[]) { "自动", NULL }));
  g_clear_pointer (&tags, g_strfreev);
  tags = shou_store_get_request_tags (f->store, key01);
  g_assert_cmpuint (g_strv_length (tags), ==, 0);
}

/* The feed's change of the team's annotation of @id: @tags (a
 * comma-separated list, or NULL) and @note (or NULL), at @version. */
static JsonObject *
annotation (const char *id,
            const char *tags,
            const char *note,
            gint64      version)
{
  JsonObject *a = shou_annotation_new (id, "shop1");
  g_autoptr(JsonObject) by = json_object_new ();
  g_auto(GStrv) list = g_strsplit (tags ? tags : "", ",", -1);
  const char *reason;
  JsonObject *change;

  json_object_set_string_member (by, "staff_id", "staff-2");
  json_object_set_string_member (by, "name", "小王");
  for (guint i = 0; list[i] != NULL; i++)
    if (*list[i] != '\0')
      g_assert_true (shou_annotation_apply (a, SHOU_ANNOTATION_ADD_TAG, list[i], by, now_t - DAY, &reason));
  if (note != NULL)
    g_assert_true (shou_annotation_apply (a, SHOU_ANNOTATION_ADD_NOTE, note, by, now_t - DAY, &reason));
  json_object_set_int_member (a, "version", version);
  change = json_object_new ();
  json_object_set_string_member (change, "kind", "annotation");
  json_object_set_string_member (change, "id", id);
  json_object_set_object_member (change, "data", a);
  return change;
}

static gboolean
logged (Fixture    *f,
        const char *id)
{
  g_autofree char *key = shou_store_request_key (f->store, f->account, id);
  g_autoptr(GPtrArray) log = shou_store_list_autorule_log (f->store, f->account, key, 10, now_t);

  return log->len > 0;
}

/* A lone desktop's runner reads the annotation cache like the hub's
 * runner reads its annotations: a note (the team's, or the seller's own
 * not yet sent) blocks every rule, a tag the rule excludes blocks that
 * rule; a tag taken away later lets it act, though the request's version
 * stays. */
static void
test_notes_and_team_tags (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ShouAutorule) r = small_refunds (100000);
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) judged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *key04 = shou_store_request_key (f->store, f->account, "r04");
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_ptr_array_add (page, annotation ("r02", NULL, "买家电话里说要换货，别退", 1));
  g_ptr_array_add (page, annotation ("r03", "大客户,加急", NULL, 2));
  g_ptr_array_add (page, annotation ("r06", "加急", NULL, 1));
  st_apply (f->store, f->account, page);
  /* The seller's own note on r04, queued and not yet sent. */
  g_assert_true (shou_store_annotate (f->store, key04, SHOU_ANNOTATION_ADD_NOTE, "等仓库回复", &error));
  g_assert_no_error (error);

  r->exclude_tags = g_strsplit ("大客户", ",", -1);
  enable (f, r);
  /* Open: r00..r11 but r05; r02 and r04 have a note, r03 the excluded
   * tag; r06's other tag does not matter. */
  g_assert_cmpuint (shou_store_run_autorules_changed (f->store, f->account, now_t, MINUTE, judged, &n), ==, 11 - 3);
  g_assert_false (logged (f, "r02"));
  g_assert_false (logged (f, "r03"));
  g_assert_false (logged (f, "r04"));
  g_assert_true (logged (f, "r06"));
  g_assert_true (logged (f, "r00"));

  /* Nothing new: nothing judged again acts. */
  g_assert_cmpuint (shou_store_run_autorules_changed (f->store, f->account, now_t, MINUTE, judged, &n), ==, 0);

  /* The team takes 大客户 off r03 (the request itself did not change). */
  g_clear_pointer (&page, g_ptr_array_unref);
  page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_ptr_array_add (page, annotation ("r03", "加急", NULL, 3));
  st_apply (f->store, f->account, page);
  g_assert_cmpuint (shou_store_run_autorules_changed (f->store, f->account, now_t, MINUTE, judged, &n), ==, 1);
  g_assert_true (logged (f, "r03"));
  g_assert_false (logged (f, "r02"));
  g_assert_false (logged (f, "r04"));
}

/* The child queues the actions with a window of an hour and dies by
 * SIGKILL; the parent opens the file again. */
static void
test_kill_in_window (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ShouAutorule) r = small_refunds (2000);
  g_autofree char *path = g_strdup (shou_store_get_path (f->store));
  g_autoptr(ShouStore) again = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_real_time ();
  int status = 0;
  pid_t pid;

  enable (f, r);
  g_clear_object (&f->store);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      ShouStore *child = shou_store_new (path, NULL);

      if (child == NULL || shou_store_run_autorules (child, f->account, g_get_real_time (), 60 * MINUTE) != 2)
        _exit (3);
      kill (getpid (), SIGKILL);
      _exit (4);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

  again = shou_store_new (path, &error);
  g_assert_no_error (error);
  log = shou_store_list_autorule_log (again, f->account, NULL, 10, g_get_real_time ());
  g_assert_cmpuint (log->len, ==, 2);
  for (guint i = 0; i < log->len; i++)
    {
      ShouAutoruleLogEntry *e = log->pdata[i];

      g_assert_cmpint (e->state, ==, SHOU_AUTORULE_LOG_HELD);
      g_assert_cmpint (e->send_at, >=, started + 60 * MINUTE);
    }
  g_assert_cmpuint (shou_store_count_pending (again), ==, 2);
  g_assert_null (shou_store_outbox_next (again, f->account));
  g_assert_cmpint (shou_store_outbox_next_attempt_at (again, g_get_real_time ()), >=, started + 60 * MINUTE);
  /* Running again after the restart does not queue them twice. */
  g_assert_cmpuint (shou_store_run_autorules (again, f->account, g_get_real_time (), 60 * MINUTE), ==, 0);
  g_assert_cmpuint (shou_store_count_pending (again), ==, 2);
  f->store = g_steal_pointer (&again);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) \
  g_test_add ("/store/autorules/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("order-and-gate", test_order_and_gate);
  ADD ("dry-run", test_dry_run);
  ADD ("runner", test_runner);
  ADD ("changed-only", test_changed_only);
  ADD ("buyer-id", test_buyer_id);
  ADD ("blocks-and-tags", test_blocks_and_tags);
  ADD ("kill-in-window", test_kill_in_window);
  ADD ("notes-and-team-tags", test_notes_and_team_tags);
#undef ADD

  return g_test_run ();
}
