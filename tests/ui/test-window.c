/* test-window.c: the real main window opens under Xvfb with its widgets,
 * a translated title in zh_CN and zh_TW, keeps its size in GSettings and
 * closes without warnings (G_DEBUG=fatal-warnings).
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

typedef struct
{
  char       *dir;
  ShouStore  *store;
  ShouWindow *window;
} Fixture;

static gboolean
window_mapped_cb (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = shou_test_make_tmpdir ();
  fixture->store = shou_test_store_new_connected (fixture->dir, NULL);
  fixture->window = shou_window_new (NULL, fixture->store, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (shou_test_wait_until (window_mapped_cb, fixture->window, 5000));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_assert_finalize_object (fixture->window);
    }
  shou_test_iterate (50);
  g_assert_finalize_object (fixture->store);
  shou_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static void
test_window_widgets (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *header = shou_test_find_widget (root, ADW_TYPE_HEADER_BAR, NULL);
  GtkWidget *menu = shou_test_find_widget (root, GTK_TYPE_MENU_BUTTON, NULL);
  GtkWidget *search = shou_test_find_widget (root, GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkColumnView *column_view;
  GMenuModel *model;
  gboolean has_about = FALSE;
  gboolean has_shortcuts = FALSE;

  g_assert_nonnull (header);
  g_assert_nonnull (search);
  g_assert_nonnull (menu);
  g_assert_nonnull (shou_window_get_sidebar (fixture->window));
  g_assert_nonnull (shou_window_get_queue_view (fixture->window));
  g_assert_nonnull (shou_window_get_detail_pane (fixture->window));

  /* Queue columns: countdown, platform, type, order, goods, buyer, amount, status, reason,
   * and 视图和店铺 (shown only while searching every shop and view) */
  column_view = shou_queue_view_get_column_view (shou_window_get_queue_view (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (column_view)), ==, 10);

  /* The main menu has About and Keyboard Shortcuts. */
  model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu));
  g_assert_nonnull (model);
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      GMenuModel *section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          has_about |= g_strcmp0 (action, "app.about") == 0;
          has_shortcuts |= g_strcmp0 (action, "app.shortcuts") == 0;
        }
      g_clear_object (&section);
    }
  g_assert_true (has_about);
  g_assert_true (has_shortcuts);

  /* No account yet: the welcome page, and the detail's empty state. */
  g_assert_cmpstr (shou_window_get_main_page (fixture->window), ==, "welcome");
  g_assert_cmpstr (shou_window_get_status_text (fixture->window), ==, _("Not connected"));
}

static void
check_title (const char *language,
             const char *expected)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  g_autoptr(ShouStore) store = shou_test_store_new_connected (dir, NULL);
  ShouWindow *window;
  GtkWidget *title;

  window = g_object_ref_sink (shou_window_new (NULL, store, NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (window_mapped_cb, window, 5000));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, expected);
  title = shou_test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, expected);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  shou_test_iterate (20);
  g_clear_object (&store);
  shou_test_rm_rf (dir);
}

/* gettext caches what it found per process, so each language runs in its own. */
static void
test_window_translated_subprocess (void)
{
  const char *language = g_getenv ("LANGUAGE");

  check_title (language, g_str_equal (language, "zh_CN") ? "售后工作台" : "售後工作台");
}

static void
test_window_translated (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  const char *languages[] = { "zh_CN", "zh_TW" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_setenv ("LANGUAGE", languages[i], TRUE);
      g_test_trap_subprocess ("/window/translated/subprocess", 30 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static void
test_window_size_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  fixture->window = NULL;

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens at that size. */
  fixture->window = g_object_ref_sink (shou_window_new (NULL, fixture->store, NULL));
  {
    int width;
    int height;

    gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
    g_assert_cmpint (width, ==, 1000);
    g_assert_cmpint (height, ==, 700);
  }
}

static void
test_window_last_view_kept (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  ShouSidebar *sidebar = shou_window_get_sidebar (fixture->window);
  g_autofree char *last_view = NULL;

  /* Alt+3: the third view */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "u", 3));
  g_assert_cmpstr (shou_sidebar_get_view_name (sidebar), ==, shou_view_to_string (SHOU_VIEW_NEGOTIATING));
  last_view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (last_view, ==, shou_view_to_string (SHOU_VIEW_NEGOTIATING));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "u", 7));
  g_assert_cmpstr (shou_sidebar_get_view_name (sidebar), ==, SHOU_SIDEBAR_VIEW_ORDERS);
  g_assert_cmpstr (shou_window_get_list_page (fixture->window), ==, "orders");
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
  return NULL;
}

/* The titles of the shown columns, left to right, "|"-separated. */
static char *
shown_titles (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        g_string_append_printf (titles, "%s%s", titles->len > 0 ? "|" : "",
                                gtk_column_view_column_get_title (column));
    }
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static gboolean
width_saved_cb (gpointer user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(GVariant) widths = g_settings_get_value (settings, "queue-column-widths");
  int width = 0;

  return g_variant_lookup (widths, "goods", "i", &width) && width == GPOINTER_TO_INT (user_data);
}

static void
reopen_window (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  fixture->window = shou_window_new (NULL, fixture->store, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (shou_test_wait_until (window_mapped_cb, fixture->window, 5000));
}

/* The column chooser: the seller's columns, order and widths are kept in
 * GSettings and come back with the next window (the next day); 恢复默认
 * puts the defaults back. The platform column hides while one shop is
 * chosen, and the detail pane collapses. */
static void
test_window_columns_kept (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  GtkColumnView *view = shou_queue_view_get_column_view (shou_window_get_queue_view (fixture->window));
  g_autofree char *defaults = shown_titles (view);
  g_autofree char *titles = NULL;
  g_auto(GStrv) hidden = NULL;
  g_auto(GStrv) order = NULL;
  g_autofree char *expected = g_strdup_printf ("%s|%s|%s|%s|%s|", _("Time Left"), _("Order No."), _("Goods"),
                                               _("Amount"), _("Status"));
  ShouRequestList *list;

  /* What a seller reads first comes first. */
  g_assert_true (g_str_has_prefix (defaults, expected));
  g_assert_null (strstr (defaults, _("View and Shop")));

  /* The chooser's check item for 买家. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "columns.show-buyer", NULL));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (view, _("Buyer"))));
  hidden = g_settings_get_strv (settings, "queue-hidden-columns");
  g_assert_true (g_strv_contains ((const char * const *) hidden, "buyer"));
  /* A header dragged to the front, and a column made wider. */
  gtk_column_view_insert_column (view, 0, column_titled (view, _("Amount")));
  order = g_settings_get_strv (settings, "queue-column-order");
  g_assert_cmpstr (order[0], ==, "amount");
  gtk_column_view_column_set_fixed_width (column_titled (view, _("Goods")), 300);
  g_assert_true (shou_test_wait_until (width_saved_cb, GINT_TO_POINTER (300), 3000));

  /* The next day: a new window has them. */
  reopen_window (fixture);
  view = shou_queue_view_get_column_view (shou_window_get_queue_view (fixture->window));
  titles = shown_titles (view);
  g_assert_true (g_str_has_prefix (titles, _("Amount")));
  g_assert_null (strstr (titles, _("Buyer")));
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (column_titled (view, _("Goods"))), ==, 300);

  /* One shop chosen: every row is of its platform, the column goes; it
   * comes back with all shops. */
  list = shou_queue_view_get_list (shou_window_get_queue_view (fixture->window));
  shou_request_list_set_shop_id (list, "shop-1");
  g_assert_false (gtk_column_view_column_get_visible (column_titled (view, _("Platform"))));
  shou_request_list_set_shop_id (list, NULL);
  g_assert_true (gtk_column_view_column_get_visible (column_titled (view, _("Platform"))));

  /* 恢复默认的列 */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "columns.reset", NULL));
  g_clear_pointer (&titles, g_free);
  titles = shown_titles (view);
  g_assert_cmpstr (titles, ==, defaults);
  g_clear_pointer (&hidden, g_strfreev);
  hidden = g_settings_get_strv (settings, "queue-hidden-columns");
  g_assert_cmpuint (g_strv_length (hidden), ==, 0);

  /* The detail pane collapses (Ctrl+F9 in the e2e tests) and stays so. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shou_window_get_detail_pane (fixture->window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-detail-pane", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shou_window_get_detail_pane (fixture->window))));
  reopen_window (fixture);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shou_window_get_detail_pane (fixture->window))));
  g_settings_reset (settings, "show-detail-pane");
}

/* The Keyboard Shortcuts window lists the action shortcuts. */
static void
test_window_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/shouhou/Shouhou/window/shou-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  /* Ctrl+C: the chosen rows' order numbers, from the queue (issue 23). */
  const char *accels[] = { "<Control>f", "<Control>r", "<Control><Shift>a", "<Control><Shift>j", "<Control>c", NULL };
  guint found = 0;

  g_assert_nonnull (shortcuts);
  for (guint i = 0; accels[i] != NULL; i++)
    {
      GSList *objects = gtk_builder_get_objects (builder);

      for (GSList *l = objects; l != NULL; l = l->next)
        {
          g_autofree char *accel = NULL;

          if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
            continue;
          g_object_get (l->data, "accelerator", &accel, NULL);
          if (g_strcmp0 (accel, accels[i]) == 0)
            {
              found++;
              break;
            }
        }
      g_slist_free (objects);
    }
  g_assert_cmpuint (found, ==, 5);
  gtk_window_destroy (shortcuts);
}

int
main (int   argc,
      char *argv[])
{
  shou_test_ui_init (&argc, &argv);

  g_test_add ("/window/widgets", Fixture, NULL, fixture_set_up, test_window_widgets, fixture_tear_down);
  g_test_add_func ("/window/translated", test_window_translated);
  g_test_add_func ("/window/translated/subprocess", test_window_translated_subprocess);
  g_test_add ("/window/size-kept", Fixture, NULL, fixture_set_up, test_window_size_kept, fixture_tear_down);
  g_test_add_func ("/window/shortcuts", test_window_shortcuts);
  g_test_add ("/window/last-view-kept", Fixture, NULL, fixture_set_up, test_window_last_view_kept, fixture_tear_down);
  g_test_add ("/window/columns-kept", Fixture, NULL, fixture_set_up, test_window_columns_kept, fixture_tear_down);

  return g_test_run ();
}
