/* test-l10n-ui.c: what a Chinese seller reads in the real window, synced
 * from the real simulator: reasons in the UI's language (zh_TW: Traditional,
 * from the reason code, although the simulator sends Simplified text), and a
 * refused action explained without the server's English.
 *
 * Runs itself once per language in a subprocess: LANGUAGE must be set
 * before gettext reads its first catalogue. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define SYNC_TIMEOUT_MS 30000

/* Characters of only one of the two scripts (as tests/data/check-po.py). */
static const char simplified_only[] = "货后单设线码账号务题认时间这为说请选择钮载发运长门们个动现开关机对图实类态额铺订卖买签据删输响网络页启显复记录联读写传见错误质与问适经检测销协损约";

static gboolean
has_simplified (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      char ch[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), ch);
      if (g_utf8_get_char (p) >= 0x2e80 && strstr (simplified_only, ch) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_english_word (const char *text)
{
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z]{3,}", 0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;

  g_regex_match (word, text, 0, &info);
  for (; g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      g_autofree char *w = g_match_info_fetch (info, 0);
      if (!g_str_equal (w, "API") && !g_str_equal (w, "HTTP"))
        return TRUE;
    }
  return FALSE;
}

static gboolean
window_ready_cb (gpointer user_data)
{
  ShouWindow *window = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (shou_window_get_main_page (window), "queue") == 0;
}

static gboolean
conflict_shown_cb (gpointer user_data)
{
  GtkWidget *bar = shou_test_find_widget (GTK_WIDGET (user_data), GTK_TYPE_INFO_BAR, NULL);

  return bar != NULL && gtk_info_bar_get_revealed (GTK_INFO_BAR (bar));
}

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/* Every text of the conflict bar (its message and its buttons). */
static char *
conflict_text (ShouDetailPane *pane)
{
  GtkWidget *bar = shou_test_find_widget (GTK_WIDGET (pane), GTK_TYPE_INFO_BAR, NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (bar);
  collect_labels (bar, out);
  return g_string_free (out, FALSE);
}

static void
test_in_language_subprocess (void)
{
  const char *language = g_getenv ("LANGUAGE");
  gboolean tw = g_strcmp0 (language, "zh_TW") == 0;
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_demo (dir, 7);
  ShouStore *store = shou_test_store_new_connected (dir, sim);
  ShouSyncEngine *engine = shou_sync_engine_new (store);
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stale_id = NULL;
  ShouWindow *window;
  ShouDetailPane *pane;
  guint n;
  guint checked = 0;

  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));
  g_settings_set_string (settings, "last-view", "all");
  window = g_object_ref_sink (shou_window_new (NULL, store, engine));
  pane = shou_window_get_detail_pane (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (window_ready_cb, window, 5000));

  /* Every row of the list and, for a few, the detail pane: the reason from
   * its code, in the UI's language. */
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 50);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(JsonObject) request = shou_store_get_request (store, shou_request_item_get_id (item), NULL);
      const char *code = json_object_get_string_member_with_default (request, "reason_code", NULL);
      const char *server_text = json_object_get_string_member_with_default (request, "reason_text", NULL);
      const char *label = shou_buyer_reason_get_label (code);
      const char *shown = shou_request_item_get_reason_text (item);

      if (code == NULL)
        continue;
      g_assert_nonnull (label);
      g_assert_nonnull (shown);
      if (tw && has_simplified (shown))
        g_error ("list row %s shows the reason “%s” in Simplified Chinese (code %s)",
                 shou_request_item_get_id (item), shown, code);
      g_assert_cmpstr (shown, ==, label);

      if (checked < 5 && stale_id == NULL)
        {
          shou_detail_pane_set_request_id (pane, shou_request_item_get_id (item));
          shou_test_iterate (50);
          /* (The timeline keeps the platform's own Chinese sentences.) */
          if (shou_test_find_label (GTK_WIDGET (pane), label) == NULL)
            g_error ("%s: the detail pane does not show the reason “%s” (the server sent “%s”)",
                     language, label, server_text);
          checked++;
        }
      if (stale_id == NULL &&
          json_array_get_length (json_object_get_array_member (request, "allowed_actions")) > 0)
        {
          JsonArray *allowed = json_object_get_array_member (request, "allowed_actions");

          for (guint a = 0; a < json_array_get_length (allowed); a++)
            if (g_str_equal (json_array_get_string_element (allowed, a), "agree_refund"))
              stale_id = g_strdup (shou_request_item_get_id (item));
        }
    }
  g_assert_cmpuint (checked, >, 0);

  /* A refund sent against an old version: the platform answers 409 with an
   * English message. The detail pane says it in the UI's language. */
  g_assert_nonnull (stale_id);
  {
    g_autoptr(JsonObject) request = shou_store_get_request (store, stale_id, NULL);
    gint64 version = json_object_get_int_member (request, "version");

    json_object_set_int_member (params, "amount_fen", json_object_get_int_member (request, "amount_fen"));

    shou_store_enqueue_action (store, stale_id, SHOU_ACTION_AGREE_REFUND, params, version + 7, &error);
    g_assert_no_error (error);
  }
  shou_test_sync (engine, SYNC_TIMEOUT_MS);
  shou_detail_pane_set_request_id (pane, stale_id);
  g_assert_true (shou_test_wait_until (conflict_shown_cb, pane, 5000));
  {
    g_autofree char *bar_text = conflict_text (pane);

    g_assert_cmpuint (g_utf8_strlen (bar_text, -1), >, 8);
    if (has_english_word (bar_text))
      g_error ("%s: the conflict bar shows English: “%s”", language, bar_text);
  }
  {
    g_autoptr(ShouRequestItem) item = NULL;
    int position;

    g_object_unref (list);
    list = shou_request_list_new (store);
    shou_request_list_set_view (list, SHOU_VIEW_ALL);
    position = shou_request_list_find (list, stale_id);
    g_assert_cmpint (position, >=, 0);
    item = g_list_model_get_item (G_LIST_MODEL (list), (guint) position);
    g_assert_nonnull (shou_request_item_get_conflict (item));
    if (has_english_word (shou_request_item_get_conflict (item)))
      g_error ("%s: the list row's conflict says “%s”", language, shou_request_item_get_conflict (item));
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
test_in_language (gconstpointer data)
{
  const char *language = data;
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", language, TRUE);
  g_test_trap_subprocess ("/l10n-ui/in-language/subprocess", 120 * G_USEC_PER_SEC,
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
  /* What is read here is the widgets' text, not the accessibility tree: no
   * dependence on an accessibility bus other tests may have left behind. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  shou_test_ui_init (&argc, &argv);

  g_test_add_data_func ("/l10n-ui/zh_TW", "zh_TW", test_in_language);
  g_test_add_data_func ("/l10n-ui/zh_CN", "zh_CN", test_in_language);
  g_test_add_func ("/l10n-ui/in-language/subprocess", test_in_language_subprocess);
  return g_test_run ();
}
