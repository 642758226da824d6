/* test-remote-text.c: what a buyer or a server writes is shown as text,
 * never as Pango markup. The simulator's request gets a buyer description,
 * nick, goods title and address holding "&", "<", "<b>" and "<a href>"; after
 * a real sync the test walks every widget of the real window and finds each
 * of them literally, with no row or label that parses it as markup.
 *
 * Runs in zh_CN in a subprocess; with SHOU_SCREENSHOT_DIR set it also saves
 * remote-text-zh_CN.png for people to look at.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n.h>

#include "ui/window/shou-window.h"
#include "ui/window/shou-detail-pane.h"
#include "shou-ui-test-utils.h"

#define SYNC_TIMEOUT_MS 30000

static const char buyer_text[] = "尺码 & 颜色都不对 <3 <b>退款</b> <a href=\"http://evil.example/x\">点这里</a>";
static const char nick[] = "<b>小明</b>&<i>";
static const char title[] = "T恤 <span color=\"red\">红</span> & <a href='http://evil.example/'>链</a>";
static const char address[] = "北京市 <b>朝阳区</b> & 某路 <3号";

static gboolean
window_ready_cb (gpointer user_data)
{
  ShouWindow *window = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (shou_window_get_main_page (window), "queue") == 0;
}

/* The request and its order in the simulator's own database, before the
 * first sync: the texts are the platform's, as a buyer typed them. */
static char *
make_hostile_request (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "sim.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;
  char *order_id = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, order_id FROM aftersales ORDER BY opened_at DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  order_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "UPDATE aftersales SET buyer_text = ?1,"
                                       " doc = json_set (doc, '$.line.title', ?2, '$.buyer_nick', ?3)"
                                       " WHERE id = ?4", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, buyer_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, nick, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);

  /* Every line of the order gets the title: the request's line is one of them. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "UPDATE orders SET data = json_set (data, '$.buyer.nick', ?1,"
                                       " '$.buyer.address', ?2) WHERE id = ?3", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, nick, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, address, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, order_id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE orders SET data = json_set (data, '$.lines[%d].title', ?1)"
                                              " WHERE id = ?2 AND json_extract (data, '$.lines[%d]') IS NOT NULL",
                                              i, i);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, order_id, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  g_free (order_id);
  return id;
}

typedef struct
{
  GPtrArray *texts;     /* what every mapped label shows */
  guint      markup_rows;
  GString   *markup_names;
} Walk;

static void
walk (GtkWidget *widget,
      Walk      *w)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (widget)))
    {
      w->markup_rows++;
      g_string_append_printf (w->markup_names, "“%s” ",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
    }
  if (GTK_IS_LABEL (widget))
    {
      const char *source = gtk_label_get_label (GTK_LABEL (widget));

      /* A label that parses markup holds no remote text at all. */
      if (gtk_label_get_use_markup (GTK_LABEL (widget)) &&
          (strstr (source, "evil.example") != NULL || strstr (source, "小明") != NULL ||
           strstr (source, "朝阳区") != NULL || strstr (source, "颜色") != NULL))
        g_error ("a label parses remote text as markup: “%s”", source);
      g_ptr_array_add (w->texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, w);
}

static void
assert_shown (Walk       *w,
              const char *what,
              const char *text)
{
  for (guint i = 0; i < w->texts->len; i++)
    if (strstr (g_ptr_array_index (w->texts, i), text) != NULL)
      return;
  for (guint i = 0; i < w->texts->len; i++)
    g_test_message ("label: %s", (const char *) g_ptr_array_index (w->texts, i));
  g_error ("the %s “%s” is not shown literally anywhere in the window", what, text);
}

static void
test_remote_text_subprocess (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_demo (dir, 11);
  g_autofree char *id = make_hostile_request (dir);
  ShouStore *store = shou_test_store_new_connected (dir, sim);
  ShouSyncEngine *engine = shou_sync_engine_new (store);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) names = g_string_new (NULL);
  Walk w = { texts, 0, names };
  ShouWindow *window;
  ShouDetailPane *pane;

  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));
  g_settings_set_string (settings, "last-view", "all");
  window = g_object_ref_sink (shou_window_new (NULL, store, engine));
  pane = shou_window_get_detail_pane (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (window_ready_cb, window, 5000));
  shou_detail_pane_set_request_id (pane, id);
  shou_test_iterate (300);

  if (g_getenv ("SHOU_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("SHOU_SCREENSHOT_DIR"),
                                               "remote-text-zh_CN.png", NULL);
      g_autoptr(GError) error = NULL;

      if (!shou_test_save_screenshot (GTK_WIDGET (window), png, &error))
        g_test_message ("No screenshot: %s", error->message);
    }

  walk (GTK_WIDGET (window), &w);
  g_test_message ("%u labels walked", texts->len);
  g_assert_cmpuint (texts->len, >, 20);
  if (w.markup_rows > 0)
    g_error ("%u rows parse markup: %s", w.markup_rows, names->str);
  assert_shown (&w, "buyer’s description", buyer_text);
  assert_shown (&w, "buyer nick", nick);
  assert_shown (&w, "goods title", title);
  assert_shown (&w, "address", address);

  /* The link in the buyer's text is flagged with the platforms' advice
   * (seed 003), and nothing in the window is a link. */
  {
    GtkWidget *risk = shou_test_find_widget (GTK_WIDGET (pane), ADW_TYPE_ACTION_ROW, "buyer-risk");

    g_assert_nonnull (risk);
    g_assert_true (gtk_widget_get_visible (risk));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (risk)), ==,
                     _("The buyer sent a link that is not the platform’s"));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (risk)), ==,
                     _("Do not open it. If the buyer asks, say that it does not open."));
    g_assert_null (shou_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LINK_BUTTON, NULL));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  shou_sync_engine_stop (engine);
  g_object_unref (engine);
  g_object_unref (store);
  shou_test_sim_free (sim);
  shou_test_rm_rf (dir);
}

static void
test_remote_text (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_trap_subprocess ("/remote-text/subprocess", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  shou_test_ui_init (&argc, &argv);

  g_test_add_func ("/remote-text/literal", test_remote_text);
  g_test_add_func ("/remote-text/subprocess", test_remote_text_subprocess);
  return g_test_run ();
}
