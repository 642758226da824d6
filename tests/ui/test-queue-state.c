/* test-queue-state.c: the request queue on a real window as time and the
 * server move: countdowns (exact and approximate), urgency following the
 * clock, a conflict, going offline. Split from test-queue.c (same /queue/
 * paths).
 * * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store/shou-store-care.h"

#include <glib/gi18n.h>

#include "ui/evidence/shou-address-picker.h"
#include "ui/evidence/shou-evidence-picker.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "ui/window/shou-action-dialogs.h"
#include "ui/window/shou-countdown-label.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"
#include "queue-test-util.h"


/* The first bound countdown with a text (beginning with @prefix, if any). */
static ShouCountdownLabel *
first_bound_countdown (GtkWidget  *root,
                       const char *prefix)
{
  if (SHOU_IS_COUNTDOWN_LABEL (root) && gtk_widget_get_mapped (root) &&
      *shou_countdown_label_get_text (SHOU_COUNTDOWN_LABEL (root)) != '\0' &&
      (prefix == NULL || g_str_has_prefix (shou_countdown_label_get_text (SHOU_COUNTDOWN_LABEL (root)), prefix)))
    return SHOU_COUNTDOWN_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ShouCountdownLabel *found = first_bound_countdown (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The server's answer for @key changed in one member, as a feed page. */
static void
apply_approximate (Fixture    *fixture,
                   const char *key,
                   gboolean    approximate)
{
  g_autoptr(JsonObject) data = shou_store_get_request (fixture->store, key, NULL);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *cursor = shou_store_get_cursor (fixture->store, fixture->account_id);
  g_autoptr(GError) error = NULL;
  JsonObject *change = json_object_new ();

  for (const char *const *m = (const char *const[]) { "order", "pending_actions", "conflict", NULL }; *m; m++)
    if (json_object_has_member (data, *m))
      json_object_remove_member (data, *m);
  json_object_set_boolean_member (data, "deadline_approximate", approximate);
  json_object_set_int_member (data, "version", json_object_get_int_member (data, "version") + 1);
  json_object_set_string_member (change, "kind", "aftersale");
  json_object_set_string_member (change, "id", json_object_get_string_member (data, "id"));
  json_object_set_object_member (change, "data", json_object_ref (data));
  g_ptr_array_add (changes, change);
  g_assert_true (shou_store_apply_changes (fixture->store, fixture->account_id, changes, cursor, &error));
  g_assert_no_error (error);
}

static gboolean
approximate_row_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *prefix = g_strdup_printf (_("about %s"), "");
  GtkWidget *view = GTK_WIDGET (shou_queue_view_get_column_view (shou_window_get_queue_view (fixture->window)));

  return first_bound_countdown (view, prefix) != NULL;
}

/* 001 篇五: a deadline counted Monday to Friday (no holiday table for its
 * year) says 约 in the queue's row as in the detail, as the server marks it
 * (deadline_approximate). */
static void
test_queue_countdown_approximate (Fixture       *fixture,
                                  gconstpointer  data)
{
  ShouQueueView *queue = shou_window_get_queue_view (fixture->window);
  g_autofree char *key = NULL;
  gint64 now = g_get_real_time ();
  guint n;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "u", 1));
  shou_queue_view_sort_by (queue, "countdown", FALSE);
  shou_test_iterate (200);
  n = queue_n_items (fixture);
  /* A running (not overdue) deadline at the top: its row is on screen. */
  for (guint i = 0; i < n && key == NULL; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (queue_model (fixture), i);

      if (shou_request_item_get_deadline_at (item) > now + 5 * SHOU_USEC_PER_MINUTE)
        key = g_strdup (shou_request_item_get_id (item));
    }
  g_assert_nonnull (key);
  g_assert_false (approximate_row_cb (fixture));

  apply_approximate (fixture, key, TRUE);
  g_assert_true (shou_test_wait_until (approximate_row_cb, fixture, 5000));
  shou_test_screenshot_screen ("queue-approximate.png");
  apply_approximate (fixture, key, FALSE);
  shou_test_iterate (200);
  g_assert_false (approximate_row_cb (fixture));
}

/* 即将超时 grows as the window's clock runs, with no write to the store:
 * a day later every pending deadline is within 24 h or past. */
static void
test_queue_urgent_follows_clock (Fixture       *fixture,
                                 gconstpointer  data)
{
  ShouSidebar *sidebar = shou_window_get_sidebar (fixture->window);
  ShouClock *clock = shou_window_get_clock (fixture->window);
  const char *urgent = shou_view_to_string (SHOU_VIEW_URGENT);
  gint64 now = g_get_real_time ();
  guint before = shou_store_count_view_at (fixture->store, SHOU_VIEW_URGENT, NULL, now);
  guint later = shou_store_count_view_at (fixture->store, SHOU_VIEW_URGENT, NULL,
                                          now + 7 * SHOU_USEC_PER_DAY);
  /* With the complaints due soon (issue 28) at either time. */
  guint complaints_before = shou_store_count_due_complaints (fixture->store, NULL, now);
  guint complaints_later = shou_store_count_due_complaints (fixture->store, NULL, now + 7 * SHOU_USEC_PER_DAY);

  /* The fixture has deadlines beyond the next 24 h, or this proves nothing. */
  g_assert_cmpuint (later, >, before);

  shou_clock_set_frozen_now (clock, now);
  g_assert_cmpint (shou_sidebar_get_count (sidebar, urgent), ==, (int) (before + complaints_before));
  shou_clock_advance (clock, 7 * SHOU_USEC_PER_DAY);
  g_assert_cmpint (shou_sidebar_get_count (sidebar, urgent), ==, (int) (later + complaints_later));
}

static void
check_countdown (ShouClock          *clock,
                 ShouCountdownLabel *label,
                 gint64              deadline,
                 ShouLapse           lapse,
                 gint64              now,
                 ShouUrgency         urgency)
{
  /* Past the deadline, what the platform will do, in a row's few words
   * (see test-views); before it, the time left alone, under the column's
   * header 剩余时间. */
  g_autofree char *expected = (now > deadline && lapse != SHOU_LAPSE_NONE)
                              ? g_strdup (shou_lapse_get_overdue_short (lapse))
                              : now <= deadline ? shou_duration_format (deadline - now)
                              : shou_countdown_format (deadline, now);
  GtkWidget *inner = gtk_widget_get_first_child (GTK_WIDGET (label));

  shou_clock_set_frozen_now (clock, now);
  g_assert_cmpstr (shou_countdown_label_get_text (label), ==, expected);
  g_assert_cmpint (shou_countdown_label_get_urgency (label), ==, urgency);
  g_assert_true (gtk_widget_has_css_class (inner, shou_urgency_get_css_class (urgency)));
  g_assert_true (gtk_widget_has_css_class (inner, "countdown"));
}

/* The clock advancing changes countdown text and urgency; only bound rows listen. */
static void
test_queue_countdown (Fixture       *fixture,
                      gconstpointer  data)
{
  ShouClock *clock = shou_window_get_clock (fixture->window);
  ShouQueueView *queue = shou_window_get_queue_view (fixture->window);
  g_autoptr(ShouRequestItem) item = NULL;
  ShouCountdownLabel *label;
  g_autofree char *before = NULL;
  gint64 deadline;
  ShouLapse lapse;
  guint n;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "u", 1));
  shou_queue_view_sort_by (queue, "countdown", FALSE);
  shou_test_iterate (200);
  n = queue_n_items (fixture);
  g_assert_cmpuint (n, >, 0);

  /* The first row with a deadline: rows are nearest deadline first. */
  item = g_list_model_get_item (queue_model (fixture), 0);
  deadline = shou_request_item_get_deadline_at (item);
  g_assert_cmpint (deadline, !=, 0);
  label = first_bound_countdown (GTK_WIDGET (shou_queue_view_get_column_view (queue)), NULL);
  g_assert_nonnull (label);
  before = g_strdup (shou_countdown_label_get_text (label));

  lapse = shou_request_item_get_on_lapse (item);
  check_countdown (clock, label, deadline, lapse, deadline - 3 * SHOU_USEC_PER_DAY - 5 * SHOU_USEC_PER_HOUR, SHOU_URGENCY_CALM);
  check_countdown (clock, label, deadline, lapse, deadline - 20 * SHOU_USEC_PER_HOUR, SHOU_URGENCY_WARNING);
  check_countdown (clock, label, deadline, lapse, deadline - 42 * SHOU_USEC_PER_MINUTE, SHOU_URGENCY_DANGER);
  check_countdown (clock, label, deadline, lapse, deadline + 2 * SHOU_USEC_PER_HOUR, SHOU_URGENCY_OVERDUE);
  g_assert_cmpstr (shou_countdown_label_get_text (label), !=, before);

  /* Advancing by an hour moves an overdue time on; an outcome stays put. */
  before = (g_free (before), g_strdup (shou_countdown_label_get_text (label)));
  shou_clock_advance (clock, SHOU_USEC_PER_HOUR);
  if (lapse == SHOU_LAPSE_NONE)
    g_assert_cmpstr (shou_countdown_label_get_text (label), !=, before);
  else
    g_assert_cmpstr (shou_countdown_label_get_text (label), ==, before);

  /* Only bound rows listen: GTK 4.8 keeps at most 200 rows bound around
   * the visible ones, whatever the size of the list (the benchmark shows it
   * with 200,000); +1 for the detail's countdown. */
  g_assert_cmpuint (shou_clock_get_n_listeners (clock), >, 0);
  g_assert_cmpuint (shou_clock_get_n_listeners (clock), <=, 201);
}

static gboolean
conflict_shown_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *bar = shou_test_find_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_INFO_BAR, NULL);

  return gtk_info_bar_get_revealed (GTK_INFO_BAR (bar));
}

/* The platform refuses a queued action (the request changed meanwhile): the
 * row is marked, the detail says what happened, "review again" clears it. */
static void
test_queue_conflict (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *request_id = find_request (fixture, "agree_refund", NULL, NULL);
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  GtkWindow *dialog;
  ShouRequestList *list;
  int position;

  g_assert_nonnull (request_id);
  dialog = open_action (fixture, request_id, "agree-refund");
  respond (dialog, SHOU_RESPONSE_OK);

  /* Waiting to sync: the row says so. */
  list = shou_request_list_new (fixture->store);
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  position = shou_request_list_find (list, request_id);
  g_assert_cmpint (position, >=, 0);
  item = g_list_model_get_item (G_LIST_MODEL (list), (guint) position);
  g_assert_cmpuint (shou_request_item_get_pending_actions (item), >, 0);
  g_clear_object (&item);

  /* Ten days pass on the platform: every running deadline lapses. */
  shou_test_sim_advance (fixture->sim, 10 * SHOU_USEC_PER_DAY);
  shou_test_sync (fixture->engine, SYNC_TIMEOUT_MS);

  request = shou_store_get_request (fixture->store, request_id, NULL);
  g_assert_true (json_object_has_member (request, "conflict"));
  g_assert_false (json_object_get_null_member (request, "conflict"));
  /* The action took the request out of its view, and the detail with it
   * (test-views); the seller opens it again from the marked row. */
  shou_window_open_request (fixture->window, request_id);
  g_assert_true (shou_test_wait_until (conflict_shown_cb, fixture, 5000));

  position = shou_request_list_find (list, request_id);
  g_assert_cmpint (position, >=, 0);
  item = g_list_model_get_item (G_LIST_MODEL (list), (guint) position);
  g_assert_nonnull (shou_request_item_get_conflict (item));
  g_clear_object (&item);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "request.review-again", NULL));
  g_clear_pointer (&request, json_object_unref);
  request = shou_store_get_request (fixture->store, request_id, NULL);
  g_assert_true (!json_object_has_member (request, "conflict") ||
                 json_object_get_null_member (request, "conflict"));
  g_assert_false (conflict_shown_cb (fixture));
  g_object_unref (list);
}

static gboolean
offline_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  return shou_sync_engine_get_state (fixture->engine) == SHOU_SYNC_OFFLINE;
}

/* The server goes away: the header and a banner say so; the cache stays. */
static void
test_queue_offline (Fixture       *fixture,
                    gconstpointer  data)
{
  guint before = queue_n_items (fixture);
  GtkWidget *bar;

  g_clear_pointer (&shared_sim, shou_test_sim_free);
  fixture->sim = NULL;
  shou_sync_engine_sync_now (fixture->engine);
  g_assert_true (shou_test_wait_until (offline_cb, fixture, SYNC_TIMEOUT_MS));
  shou_test_iterate (100);

  g_assert_true (g_str_has_prefix (shou_window_get_status_text (fixture->window), _("Offline")));
  bar = shou_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_INFO_BAR, NULL);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  g_assert_cmpuint (queue_n_items (fixture), ==, before);
  g_assert_cmpstr (shou_window_get_main_page (fixture->window), ==, "queue");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  shou_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/queue/countdown", test_queue_countdown);
  ADD ("/queue/countdown-approximate", test_queue_countdown_approximate);
  ADD ("/queue/urgent-follows-clock", test_queue_urgent_follows_clock);
  /* These two change the simulator for good: last. */
  ADD ("/queue/conflict", test_queue_conflict);
  ADD ("/queue/offline", test_queue_offline);
#undef ADD

  ret = g_test_run ();
  shared_tear_down ();

  return ret;
}
