/* test-actions-keys.c: the action shortcuts of the real main window, sent
 * as real key presses through the X server (xdotool under a private Xvfb)
 * wherever the focus is, the copy shortcuts, and the shortcuts window
 * listing them. Split from test-actions.c (same /actions/ paths).
 * * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/wait.h>

#include "ui/evidence/shou-evidence-picker.h"
#include "ui/evidence/shou-logistics-dialog.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "ui/window/shou-action-dialogs.h"
#include "ui/window/shou-order-cancel-dialog.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#include "actions-test-util.h"

#define WINDOW_TITLE "shou-test-actions-window"

/* ---- keyboard first ------------------------------------------------------ */

static gboolean
have_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  return path != NULL && g_getenv ("DISPLAY") != NULL &&
         GDK_IS_X11_DISPLAY (gdk_display_get_default ());
#else
  return FALSE;
#endif
}

/* Real key presses: the X server delivers them to the focused toplevel and
 * GTK dispatches them as it would for a person at the keyboard. */
static void
press_keys (Fixture    *fixture,
            const char *keys)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup (gtk_window_get_title (GTK_WINDOW (fixture->window)));
  int status = 0;
  const char *argv[] = { "xdotool", "search", "--name", "^" WINDOW_TITLE "$", "windowfocus", "--sync",
                         "key", "--clearmodifiers", keys, NULL };

  gtk_window_set_title (GTK_WINDOW (fixture->window), WINDOW_TITLE);
  shou_test_iterate (50);
  /* The X server is shared with the other GUI tests: a window of theirs
   * that goes away while xdotool walks the tree fails its search
   * (BadWindow). Nothing was pressed then: try again, a few times. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      if (g_spawn_check_wait_status (status, NULL))
        break;
      shou_test_iterate (20);
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  shou_test_iterate (200);
  gtk_window_set_title (GTK_WINDOW (fixture->window), title);
}

static char *
find_pending_request (const char *action)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (shared_store);
  guint n;

  shou_request_list_set_view (list, SHOU_VIEW_PENDING);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(JsonObject) request = shou_store_get_request (shared_store, shou_request_item_get_id (item), NULL);

      if (request != NULL && json_array_has (request, "allowed_actions", action) &&
          (!json_object_has_member (request, "pending_actions") ||
           json_array_get_length (json_object_get_array_member (request, "pending_actions")) == 0))
        return g_strdup (shou_request_item_get_id (item));
    }
  return NULL;
}

static GtkWidget *
focusable_row (GtkWidget *root)
{
  GtkWidget *list = shou_test_find_widget (root, GTK_TYPE_LIST_BOX, NULL);

  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_visible (row) && gtk_widget_get_focusable (row))
      return row;
  return NULL;
}

/* Ctrl+Shift+A opens 同意退款 wherever the focus is: in the queue, in the
 * detail's lists and on the action buttons (GtkListView, GtkColumnView,
 * GtkListBox and GtkFlowBox bind it to "unselect all"). */
static void
test_actions_shortcut_everywhere (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *id = find_pending_request ("agree_refund");
  const char *places[] = { "queue", "detail list", "action button", "reply button", NULL };
  g_autoptr(GString) failed = g_string_new (NULL);

  if (!have_xdotool ())
    {
      g_test_skip ("needs xdotool and an X display");
      return;
    }
  g_assert_nonnull (id);

  for (guint i = 0; places[i] != NULL; i++)
    {
      GtkWidget *focus = NULL;
      GtkWindow *dialog;

      shou_window_open_request (fixture->window, id);
      g_assert_cmpstr (shou_detail_pane_get_request_id (fixture->pane), ==, id);
      if (i == 0)
        {
          shou_queue_view_focus_list (shou_window_get_queue_view (fixture->window));
          focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
          g_assert_nonnull (focus);
          g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (shou_window_get_queue_view (fixture->window))));
        }
      else if (i == 1)
        {
          focus = focusable_row (GTK_WIDGET (fixture->pane));
          g_assert_nonnull (focus);
          g_assert_true (gtk_widget_grab_focus (focus));
        }
      else
        {
          focus = shou_detail_pane_get_action_button (fixture->pane, i == 2 ? "agree-refund" : "reply");
          g_assert_true (gtk_widget_grab_focus (focus));
        }
      g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == focus ||
                     gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), focus) ||
                     i == 0);

      press_keys (fixture, "ctrl+shift+a");
      if (!shou_test_wait_until (dialog_mapped_cb, fixture, 3000))
        {
          g_string_append_printf (failed, "\n  focus in the %s: no 同意退款 dialog", places[i]);
          continue;
        }
      dialog = shou_detail_pane_get_dialog (fixture->pane);
      g_assert_nonnull (shou_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "amount-entry"));
      respond (dialog, SHOU_RESPONSE_CANCEL);
      shou_test_iterate (100);
    }
  if (failed->len > 0)
    g_error ("Ctrl+Shift+A (同意退款) did nothing:%s", failed->str);
  g_assert_true (outbox_empty ());
}

/* Every other action shortcut, with the focus in the queue. */
static void
test_actions_shortcuts_from_queue (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const struct { const char *api; const char *keys; } keys[] = {
    { "agree_return", "ctrl+shift+t" }, { "confirm_receipt", "ctrl+shift+c" },
    { "refuse_receipt", "ctrl+shift+x" }, { "message", "ctrl+shift+m" },
  };

  if (!have_xdotool ())
    {
      g_test_skip ("needs xdotool and an X display");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *id = find_pending_request (keys[i].api);

      if (id == NULL)
        continue;
      shou_window_open_request (fixture->window, id);
      shou_queue_view_focus_list (shou_window_get_queue_view (fixture->window));
      press_keys (fixture, keys[i].keys);
      /* Bounded, and long enough for the sanitizer build beside the other
       * GUI tests (3 s was not, once, in CI's ASan pass). */
      if (!shou_test_wait_until (dialog_mapped_cb, fixture, 10000))
        g_error ("%s with the focus in the queue: no dialog", keys[i].keys);
      respond (shou_detail_pane_get_dialog (fixture->pane), SHOU_RESPONSE_CANCEL);
      shou_test_iterate (100);
    }
}

typedef struct
{
  gboolean  done;
  char     *text;
} ClipWait;

static void
on_clipboard_text_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ClipWait *w = user_data;

  w->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  w->done = TRUE;
}

static gboolean
clip_done_cb (gpointer user_data)
{
  return ((ClipWait *) user_data)->done;
}

static char *
clipboard_text (Fixture *fixture)
{
  ClipWait w = { FALSE, NULL };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->window)), NULL,
                                 on_clipboard_text_cb, &w);
  g_assert_true (shou_test_wait_until (clip_done_cb, &w, 3000));
  return w.text;
}

static void
copy_with (Fixture    *fixture,
           const char *keys,
           const char *action)
{
  if (have_xdotool ())
    press_keys (fixture, keys);
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), action, NULL));
}

/* Shortcuts copy the order number and the return's tracking number. */
static void
test_actions_copy_numbers (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) order = new_order ("shop-jd", "completed", FALSE);
  g_autofree char *id = buyer_open (order, "return_refund");
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) aftersale = NULL;

  seller_move (id, "shop-jd", "agree_return");
  buyer_move (id, "ship_return");
  g_assert_true (shou_test_sync (shared_engine, SYNC_TIMEOUT_MS));
  aftersale = get_aftersale (id);

  open_request (fixture, id);
  shou_queue_view_focus_list (shou_window_get_queue_view (fixture->window));
  copy_with (fixture, "ctrl+shift+n", "request.copy-order-no");
  text = clipboard_text (fixture);
  g_assert_cmpstr (text, ==, json_object_get_string_member (order, "order_no"));
  g_clear_pointer (&text, g_free);

  copy_with (fixture, "ctrl+shift+l", "request.copy-tracking-no");
  text = clipboard_text (fixture);
  g_assert_cmpstr (text, ==, json_object_get_string_member (json_object_get_object_member (aftersale, "return_shipment"),
                                                            "tracking_no"));
}

/* The shortcuts window (Ctrl+?) lists the new shortcuts. */
static void
test_actions_shortcuts_listed (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/shouhou/Shouhou/window/shou-shortcuts-window.ui");
  const char *accels[] = { "<Control><Shift>u", "<Control><Shift>e", "<Control><Shift>n", "<Control><Shift>l",
                           "<Control>F9", NULL };
  GSList *objects = gtk_builder_get_objects (builder);

  for (guint i = 0; accels[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (GSList *l = objects; l != NULL && !found; l = l->next)
        {
          g_autofree char *accel = NULL;

          if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
            continue;
          g_object_get (l->data, "accelerator", &accel, NULL);
          found = g_strcmp0 (accel, accels[i]) == 0;
        }
      if (!found)
        g_error ("%s is not in the shortcuts window", accels[i]);
    }
  g_slist_free (objects);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window")));
}

int
main (int   argc,
      char *argv[])
{
  GPid xserver;
  int status;

  /* The keyboard tests press real keys: they get an X server of their own. */
  xserver = shou_test_private_x_server ();
  /* No accessibility bus needed here (the e2e tests read through AT-SPI);
   * a shared session's bus socket may come and go under parallel runs. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  shou_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/actions/shortcut-everywhere", test_actions_shortcut_everywhere);
  ADD ("/actions/shortcuts-from-queue", test_actions_shortcuts_from_queue);
  ADD ("/actions/copy-numbers", test_actions_copy_numbers);
#undef ADD
  g_test_add_func ("/actions/shortcuts-listed", test_actions_shortcuts_listed);

  status = g_test_run ();
  shared_tear_down ();
  if (xserver != 0)
    {
      kill (xserver, SIGTERM);
      waitpid (xserver, NULL, 0);
      g_spawn_close_pid (xserver);
    }
  return status;
}
