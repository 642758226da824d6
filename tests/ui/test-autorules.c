/* test-autorules: the 自动处理规则 window on a real store synced from the
 * in-process simulator, in a real window under Xvfb. The seller writes a
 * rule in the editor (agree unshipped refund-only up to ¥50), the rule
 * cannot be turned on before its dry run, the dry run lists what it would
 * have done, the rule is turned on there; a sync lets it act, its actions
 * wait in the log with their countdown, and one undo and then "undo all"
 * cancel them. With $AUTORULES_SHOTS, screenshots of the editor, the dry
 * run and the log are saved there. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-ui-test-utils.h"
#include "store/shou-store-autorules.h"
#include "ui/autorules/shou-autorules-window.h"
#include "ui/window/shou-detail-sections.h"

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

/* The entry or combo row titled @title. */
static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_switch (GtkWidget *root)
{
  if (GTK_IS_SWITCH (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_switch (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
shot (GtkWidget  *widget,
      const char *name)
{
  const char *dir = g_getenv ("AUTORULES_SHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  shou_test_iterate (300);
  path = g_strdup_printf ("%s/autorules-%s.png", dir, name);
  g_assert_true (shou_test_save_screenshot (widget, path, &error));
  g_assert_no_error (error);
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

static GtkWindow *
other_toplevel (GtkWindow *not_this,
                GtkWindow *nor_this)
{
  GListModel *tops = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (tops, i);

      if (w != not_this && w != nor_this && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static void
test_rule_flow (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_demo (dir, 2026);
  g_autoptr(ShouStore) store = shou_test_store_new_connected (dir, sim);
  g_autoptr(ShouSyncEngine) engine = shou_sync_engine_new (store);
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (store);
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GPtrArray) log = NULL;
  const char *account = json_object_get_string_member (accounts->pdata[0], "id");
  GtkWindow *window, *editor, *dry;
  GtkWidget *w;
  guint n_held;

  g_assert_true (shou_test_sync (engine, 30000));
  window = shou_autorules_window_new (NULL, store, account);
  gtk_window_present (window);
  wait_label (GTK_WIDGET (window), _("Rules"), FALSE);

  /* The editor: refund only, not shipped, up to ¥50. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (window), _("_New Rule…")), "clicked");
  shou_test_iterate (100);
  editor = other_toplevel (window, NULL);
  g_assert_nonnull (editor);
  wait_label (GTK_WIDGET (editor), _("Amount at most (yuan)"), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, _("Rule name"))),
                         "小额未发货仅退款");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, _("Request type"))),
                              SHOU_REQUEST_REFUND_ONLY + 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, _("Order"))), 1);
  w = find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, _("Amount at most (yuan)"));
  gtk_editable_set_text (GTK_EDITABLE (w), "五十");
  shot (GTK_WIDGET (editor), "editor");
  /* Not a number: the editor says so and stays. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (editor), _("_Save")), "clicked");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  gtk_editable_set_text (GTK_EDITABLE (w), "50");
  g_signal_emit_by_name (find_button (GTK_WIDGET (editor), _("_Save")), "clicked");
  wait_label (GTK_WIDGET (window), "1. 小额未发货仅退款", FALSE);
  rules = shou_store_list_autorules (store, account);
  g_assert_cmpuint (rules->len, ==, 1);
  g_assert_cmpuint (((ShouAutorule *) rules->pdata[0])->conds->len, ==, 3);
  g_assert_false (((ShouAutorule *) rules->pdata[0])->enabled);

  /* Off until a dry run: the switch refuses. */
  w = find_switch (GTK_WIDGET (window));
  gtk_switch_set_active (GTK_SWITCH (w), TRUE);
  shou_test_iterate (50);
  g_assert_false (gtk_switch_get_state (GTK_SWITCH (w)));
  g_clear_pointer (&rules, g_ptr_array_unref);
  rules = shou_store_list_autorules (store, account);
  g_assert_false (((ShouAutorule *) rules->pdata[0])->enabled);

  /* The dry run, then "turn on" from it. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (window), _("_Dry Run")), "clicked");
  shou_test_iterate (100);
  dry = other_toplevel (window, NULL);
  g_assert_nonnull (dry);
  wait_label (GTK_WIDGET (dry), "¥", FALSE);
  shot (GTK_WIDGET (dry), "dry-run");
  g_signal_emit_by_name (find_button (GTK_WIDGET (dry), _("_Turn On Rule")), "clicked");
  shou_test_iterate (100);
  g_clear_pointer (&rules, g_ptr_array_unref);
  rules = shou_store_list_autorules (store, account);
  g_assert_true (((ShouAutorule *) rules->pdata[0])->enabled);
  shot (GTK_WIDGET (window), "rules");

  /* A sync: the rule acts, and its actions wait with a countdown. */
  g_assert_true (shou_test_sync (engine, 30000));
  log = shou_store_list_autorule_log (store, account, NULL, 100, g_get_real_time ());
  n_held = log->len;
  g_assert_cmpuint (n_held, >=, 2);
  g_assert_cmpuint (shou_store_count_pending (store), ==, n_held);
  /* The request's timeline says which rule acted. */
  {
    GtkWidget *list = g_object_ref_sink (gtk_list_box_new ());
    GtkWidget *group = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
    g_autofree char *rule_title = g_strdup_printf (_("Rule: %s"), "小额未发货仅退款");
    GtkListBoxRow *row;

    gtk_widget_set_visible (group, FALSE);
    shou_detail_render_rule_actions (GTK_LIST_BOX (list), group, store,
                                     ((ShouAutoruleLogEntry *) log->pdata[0])->request_key);
    row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
    g_assert_nonnull (row);
    g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), rule_title));
    g_assert_true (gtk_widget_get_visible (group));
    g_object_unref (list);
    g_object_unref (group);
  }
  shou_autorules_window_show_log (SHOU_AUTORULES_WINDOW (window));
  {
    g_autofree char *title = g_strdup_printf (_("Rule: %s"), "小额未发货仅退款");
    wait_label (GTK_WIDGET (window), title, FALSE);
  }
  g_signal_emit_by_name (find_button (GTK_WIDGET (window), _("_Undo")), "clicked");
  shou_test_iterate (50);
  g_assert_cmpuint (shou_store_count_pending (store), ==, n_held - 1);
  wait_label (GTK_WIDGET (window), _("Undone"), FALSE);
  shot (GTK_WIDGET (window), "log");
  g_signal_emit_by_name (find_button (GTK_WIDGET (window), _("Undo _All Waiting")), "clicked");
  shou_test_iterate (50);
  g_assert_cmpuint (shou_store_count_pending (store), ==, 0);
  g_assert_null (find_button (GTK_WIDGET (window), _("_Undo")));

  shou_test_close_window (window);
  shou_sync_engine_stop (engine);
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
  g_test_add_func ("/autorules/rule-flow", test_rule_flow);
  return g_test_run ();
}
