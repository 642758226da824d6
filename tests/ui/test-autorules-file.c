/* test-autorules-file: 导出规则… and 导入规则… in the automatic rules
 * window, in a real window under Xvfb on a real store synced from the
 * in-process simulator. The file chooser is GtkFileChooserNative; without
 * a portal it shows GTK's own dialog, where the test picks the file as the
 * seller would. The export writes the rules shown; a file that is not an
 * export says so and changes nothing; an import, once confirmed, takes the
 * place of the rules shown, all off; importing the export brings the
 * rules back. For an account whose team hub keeps the rules, the import
 * goes to the hub (its list, not the cache's), and a bad file leaves the
 * hub's list as it was. */
#include "config.h"

#include <glib/gi18n.h>

#include "hub/shou-hub-server.h"
#include "shou-ui-test-utils.h"
#include "sim/shou-sim-server.h"
#include "sync/shou-api-autorules.h"
#include "store/shou-store-autorules.h"
#include "ui/autorules/shou-autorules-window.h"

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0 &&
      gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  gboolean    gone;
} Wait;

static gboolean
label_shown (gpointer data)
{
  Wait *w = data;

  return (shou_test_find_label (w->root, w->text) != NULL) != w->gone;
}

static void
wait_label (GtkWidget  *root,
            const char *text,
            gboolean    gone)
{
  Wait w = { root, text, gone };

  if (!shou_test_wait_until (label_shown, &w, 5000))
    g_error ("“%s” %s", text, gone ? "still shown" : "not shown");
}

static gboolean
find_file_chooser (gpointer data)
{
  GListModel *tops = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (tops, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(GtkWindow **) data = window;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
find_message_dialog (gpointer data)
{
  GListModel *tops = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (tops, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(GtkWindow **) data = window;
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *file;
} Picked;

static gboolean
picked (gpointer data)
{
  Picked *p = data;
  g_autoptr(GFile) now = gtk_file_chooser_get_file (p->chooser);

  return now != NULL && g_file_equal (now, p->file);
}

/* Clicks @label in @window, then picks @file in the file chooser that
 * opens (its title @title) and accepts it. */
static void
choose_file (GtkWindow  *window,
             const char *label,
             const char *title,
             GFile      *file)
{
  GtkWindow *chooser = NULL;
  g_autoptr(GListModel) filters = NULL;
  GtkWidget *button = find_button (GTK_WIDGET (window), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (shou_test_wait_until (find_file_chooser, &chooser, 5000));
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, title);
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
  /* The dialog settles on its first folder in the background; the file
   * is picked after that, and accepted once the dialog shows it. */
  shou_test_iterate (1000);
  if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *name = g_file_get_basename (file);

      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  else
    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  {
    Picked p = { GTK_FILE_CHOOSER (chooser), file };

    g_assert_true (shou_test_wait_until (picked, &p, 5000));
  }
  shou_test_iterate (200);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

static gboolean
file_exists (gpointer file)
{
  return g_file_query_exists (file, NULL);
}

static ShouAutorule *
rule (const char *name,
      gint64      max_fen)
{
  ShouAutorule *r = shou_autorule_new (name, SHOU_AUTORULE_AGREE_REFUND, NULL);

  g_ptr_array_add (r->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_TYPE, "refund_only", 0));
  g_ptr_array_add (r->conds, shou_autorule_cond_new (SHOU_AUTORULE_COND_AMOUNT_MAX, NULL, max_fen));
  return r;
}

static GPtrArray *
rules_of (ShouStore  *store,
          const char *account)
{
  return shou_store_list_autorules (store, account);
}

static void
test_export_import (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_demo (dir, 2026);
  g_autoptr(ShouStore) store = shou_test_store_new_connected (dir, sim);
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (store);
  const char *account = json_object_get_string_member (accounts->pdata[0], "id");
  g_autofree char *export_path = g_build_filename (dir, "规则导出.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "not-rules.json", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other-shop.json", NULL);
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr(ShouAutorule) small = rule ("小额退款", 5000);
  g_autoptr(ShouAutorule) tiny = rule ("十元以内", 1000);
  g_autoptr(ShouAutorule) imported = rule ("从文件导入的规则", 3000);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) other = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *other_text = NULL;
  GtkWindow *window, *dialog = NULL;

  g_assert_true (shou_store_save_autorule (store, account, small, &error));
  g_assert_true (shou_store_save_autorule (store, account, tiny, &error));
  g_assert_no_error (error);
  window = shou_autorules_window_new (NULL, store, NULL, account);
  gtk_window_present (window);
  wait_label (GTK_WIDGET (window), "2. 十元以内", FALSE);

  /* 导出规则…: the file holds the two rules, in order. */
  choose_file (window, _("E_xport Rules…"), _("Export Rules"), export_file);
  g_assert_true (shou_test_wait_until (file_exists, export_file, 5000));
  wait_label (GTK_WIDGET (window), _("Rules exported"), FALSE);
  g_assert_true (g_file_get_contents (export_path, &text, NULL, &error));
  g_assert_no_error (error);
  list = shou_autorules_from_text (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((ShouAutorule *) list->pdata[0])->name, ==, "小额退款");
  g_assert_cmpstr (((ShouAutorule *) list->pdata[1])->name, ==, "十元以内");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A file that is not an export: it says so, and nothing is lost. */
  g_assert_true (g_file_set_contents (bad_path, "{\"autorules\": 3}", -1, &error));
  choose_file (window, _("_Import Rules…"), _("Import Rules"), bad_file);
  wait_label (GTK_WIDGET (window), _("This file is not an export of automatic rules. The rules are as they were."),
              FALSE);
  g_assert_false (find_message_dialog (&dialog));
  wait_label (GTK_WIDGET (window), "1. 小额退款", FALSE);
  wait_label (GTK_WIDGET (window), "2. 十元以内", FALSE);
  list = rules_of (store, account);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Another shop's export, with its rule on: asked first, then it takes
   * the place of the two, off. */
  imported->enabled = TRUE;
  g_ptr_array_add (other, imported);
  other_text = shou_autorules_to_text (other);
  g_assert_true (g_file_set_contents (other_path, other_text, -1, &error));
  choose_file (window, _("_Import Rules…"), _("Import Rules"), other_file);
  g_assert_true (shou_test_wait_until (find_message_dialog, &dialog, 5000));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("Replace the Rules?"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "replace");
  gtk_window_destroy (dialog);
  wait_label (GTK_WIDGET (window), "1. 从文件导入的规则", FALSE);
  wait_label (GTK_WIDGET (window), "小额退款", TRUE);
  wait_label (GTK_WIDGET (window), "2. 十元以内", TRUE);
  {
    g_autofree char *toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u rule imported; it stays off until its dry run",
                                                           "%u rules imported; each stays off until its dry run",
                                                           1), 1u);

    wait_label (GTK_WIDGET (window), toast, FALSE);
  }
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (shou_test_find_widget (GTK_WIDGET (window),
                                                                             GTK_TYPE_SWITCH, NULL))));
  list = rules_of (store, account);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ShouAutorule *) list->pdata[0])->name, ==, "从文件导入的规则");
  g_assert_false (((ShouAutorule *) list->pdata[0])->enabled);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The export brings the two back. */
  choose_file (window, _("_Import Rules…"), _("Import Rules"), export_file);
  dialog = NULL;
  g_assert_true (shou_test_wait_until (find_message_dialog, &dialog, 5000));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "replace");
  gtk_window_destroy (dialog);
  wait_label (GTK_WIDGET (window), "1. 小额退款", FALSE);
  wait_label (GTK_WIDGET (window), "2. 十元以内", FALSE);
  list = rules_of (store, account);
  g_assert_cmpuint (list->len, ==, 2);

  shou_test_close_window (window);
  shou_test_finalize_object (g_steal_pointer (&store));
  shou_test_sim_free (sim);
  shou_test_rm_rf (dir);
}

typedef struct
{
  gboolean          done;
  ShouApiAutorules *rules;
} HubRead;

static gboolean
hub_read_done (gpointer data)
{
  return ((HubRead *) data)->done;
}

static void
on_hub_rules_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  HubRead *r = data;
  g_autoptr(GError) error = NULL;

  r->rules = shou_api_client_autorules_finish (SHOU_API_CLIENT (object), result, &error);
  g_assert_no_error (error);
  r->done = TRUE;
}

/* (transfer full): the hub's rules, read over HTTP */
static ShouApiAutorules *
hub_rules (ShouApiClient *client)
{
  HubRead r = { 0 };

  shou_api_client_autorules_async (client, NULL, NULL, on_hub_rules_cb, &r);
  g_assert_true (shou_test_wait_until (hub_read_done, &r, 10000));
  return r.rules;
}

static void
test_hub_import (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_demo (dir, 2026);
  ShouHubServer *hub = shou_sim_server_get_hub (shou_test_sim_get_server (sim));
  g_autoptr(ShouStore) store = shou_test_store_new_connected (dir, sim);
  g_autoptr(ShouSyncEngine) engine = shou_sync_engine_new (store);
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (store);
  const char *account = json_object_get_string_member (accounts->pdata[0], "id");
  g_autofree char *bad_path = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *good_path = g_build_filename (dir, "team.json", NULL);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(GFile) good_file = g_file_new_for_path (good_path);
  g_autoptr(ShouAutorule) team = rule ("团队导入的规则", 2000);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) local = NULL;
  g_autoptr(ShouApiClient) client = NULL;
  g_autoptr(ShouApiAutorules) rules = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWindow *window;

  shou_hub_server_set_autorules (hub, TRUE, 120 * G_USEC_PER_SEC);
  g_assert_true (shou_test_sync (engine, 30000));
  g_assert_cmpint (shou_sync_engine_get_autorules_runner (engine, account), ==, SHOU_AUTORULES_RUNNER_HUB);
  client = shou_sync_engine_get_client (engine, account, NULL);
  window = shou_autorules_window_new (NULL, store, engine, account);
  gtk_window_present (window);
  g_assert_true (shou_test_wait_until ((ShouTestCondition) gtk_widget_get_sensitive,
                                       find_button (GTK_WIDGET (window), _("_Import Rules…")), 5000));

  /* Half a file: said so, nothing sent. */
  g_assert_true (g_file_set_contents (bad_path, "{\"autorules\": [{\"id\": \"x\"", -1, &error));
  choose_file (window, _("_Import Rules…"), _("Import Rules"), bad_file);
  wait_label (GTK_WIDGET (window), _("This file is not an export of automatic rules. The rules are as they were."),
              FALSE);
  rules = hub_rules (client);
  g_assert_cmpuint (rules->rules->len, ==, 0);
  g_clear_pointer (&rules, shou_api_autorules_free);

  /* A good one: on the hub, off, and the window lists it. */
  team->enabled = TRUE;
  g_ptr_array_add (one, team);
  text = shou_autorules_to_text (one);
  g_assert_true (g_file_set_contents (good_path, text, -1, &error));
  choose_file (window, _("_Import Rules…"), _("Import Rules"), good_file);
  wait_label (GTK_WIDGET (window), "1. 团队导入的规则", FALSE);
  rules = hub_rules (client);
  g_assert_cmpuint (rules->rules->len, ==, 1);
  g_assert_cmpstr (((ShouAutorule *) rules->rules->pdata[0])->name, ==, "团队导入的规则");
  g_assert_false (((ShouAutorule *) rules->rules->pdata[0])->enabled);
  local = shou_store_list_autorules (store, account);
  g_assert_cmpuint (local->len, ==, 0);

  shou_test_close_window (window);
  shou_sync_engine_stop (engine);
  g_clear_object (&client);
  shou_test_finalize_object (g_steal_pointer (&engine));
  shou_test_finalize_object (g_steal_pointer (&store));
  shou_test_sim_free (sim);
  shou_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  shou_test_ui_init (&argc, &argv);
  g_test_add_func ("/autorules-file/export-import", test_export_import);
  g_test_add_func ("/autorules-file/hub-import", test_hub_import);
  return g_test_run ();
}
