/* test-autorules: the 自动处理规则 window on a real store synced from the
 * in-process simulator, in a real window under Xvfb. The seller writes a
 * rule in the editor (agree unshipped refund-only up to ¥50), the rule
 * cannot be turned on before its dry run, the dry run lists what it would
 * have done, the rule is turned on there; a sync lets it act, its actions
 * wait in the log with their countdown, and one undo and then "undo all"
 * cancel them. The log's rows stay while their countdowns tick, so a real
 * click (xdotool) whose press and release straddle a tick undoes. For an
 * account whose team hub runs the rules (GET /v1/me "autorules": "hub"),
 * the same window edits, orders, dry-runs, switches and deletes the hub's
 * rules over HTTP, shows the hub's log and undoes there, and each of the
 * hub's actions shows in its request's timeline in the detail pane (which
 * rule, when, waiting or undone) once the feed brought it; with the hub
 * gone, the editor keeps what was written and says the hub is needed.
 * With $AUTORULES_SHOTS, screenshots of the editor, the dry run and the
 * log are saved there. */
#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <sys/wait.h>

#include "core/shou-time.h"
#include "hub/shou-hub-server.h"
#include "shou-ui-test-utils.h"
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#include "sim/shou-sim-server.h"
#include "store/shou-store-autorules.h"
#include "sync/shou-api-autorules.h"
#include "ui/autorules/shou-autorule-text.h"
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
  /* A frame between two layouts renders nothing: take the next one. */
  for (guint i = 0; i < 10 && !shou_test_save_screenshot (widget, path, &error); i++)
    {
      g_clear_error (&error);
      shou_test_iterate (200);
    }
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


/* The state label beside @undo (the row's countdown). */
static GtkWidget *
countdown_of (GtkWidget *undo)
{
  GtkWidget *label = gtk_widget_get_prev_sibling (undo);

  g_assert_true (GTK_IS_LABEL (label));
  return label;
}

typedef struct
{
  GtkWidget *label;
  char      *text;
} Tick;

static gboolean
ticked (gpointer data)
{
  Tick *t = data;

  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (t->label)), t->text) != 0;
}

static gboolean
allocated (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

static gboolean
have_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  return path != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ());
#else
  return FALSE;
#endif
}

static void
xdotool (const char *const *args)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Presses the mouse on @undo, waits until its row's countdown ticks (the
 * log redrew), then releases: the click must land. Without xdotool (or X)
 * the button is clicked through GTK after the tick. Returns whether the
 * click was real input. */
static gboolean
click_across_a_tick (GtkWidget *undo)
{
  Tick t = { countdown_of (undo), NULL };
  gboolean real = have_xdotool ();

  t.text = g_strdup (gtk_label_get_label (GTK_LABEL (t.label)));
  g_assert_true (shou_test_wait_until (allocated, undo, 5000));
#ifdef GDK_WINDOWING_X11
  if (real)
    {
      GtkNative *native = gtk_widget_get_native (undo);
      graphene_point_t p;
      double sx, sy;
      g_autofree char *xid = NULL, *x = NULL, *y = NULL;

      gtk_native_get_surface_transform (native, &sx, &sy);
      g_assert_true (gtk_widget_compute_point (undo, GTK_WIDGET (native),
                                               &GRAPHENE_POINT_INIT (gtk_widget_get_width (undo) / 2.f,
                                                                     gtk_widget_get_height (undo) / 2.f), &p));
      xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
      x = g_strdup_printf ("%d", (int) (p.x + sx));
      y = g_strdup_printf ("%d", (int) (p.y + sy));
      xdotool ((const char *[]) { "xdotool", "mousemove", "--window", xid, x, y, NULL });
      shou_test_iterate (50);
      xdotool ((const char *[]) { "xdotool", "mousedown", "1", NULL });
    }
#endif
  if (!shou_test_wait_until (ticked, &t, 3000))
    g_error ("the countdown “%s” did not tick", t.text);
  /* The row and its button are the same widgets after the tick. */
  g_assert_true (gtk_widget_get_mapped (undo));
  if (real)
    xdotool ((const char *[]) { "xdotool", "mouseup", "1", NULL });
  else
    g_signal_emit_by_name (undo, "clicked");
  g_free (t.text);
  return real;
}

static gboolean
other_toplevel_any (gpointer window)
{
  return other_toplevel (window, NULL) != NULL;
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
  window = shou_autorules_window_new (NULL, store, engine, account);
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
  click_across_a_tick (find_button (GTK_WIDGET (window), _("_Undo")));
  wait_label (GTK_WIDGET (window), _("Undone"), FALSE);
  g_assert_cmpuint (shou_store_count_pending (store), ==, n_held - 1);
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


/* ---- an account whose team hub runs the rules ----------------------------- */

typedef struct
{
  gboolean          done;
  ShouApiAutorules *rules;
  ShouApiAutoruleLog *log;
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

static void
on_hub_log_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  HubRead *r = data;
  g_autoptr(GError) error = NULL;

  r->log = shou_api_client_autorule_log_finish (SHOU_API_CLIENT (object), result, &error);
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

static ShouApiAutoruleLog *
hub_log (ShouApiClient *client)
{
  HubRead r = { 0 };

  shou_api_client_autorule_log_async (client, 100, NULL, on_hub_log_cb, &r);
  g_assert_true (shou_test_wait_until (hub_read_done, &r, 10000));
  return r.log;
}

typedef struct
{
  ShouApiClient *client;
  const char    *state;
  guint          n;
} LogWait;

static guint
count_state (ShouApiClient *client,
             const char    *state)
{
  g_autoptr(ShouApiAutoruleLog) log = hub_log (client);
  ShouAutoruleLogState want = g_str_equal (state, "held") ? SHOU_AUTORULE_LOG_HELD : SHOU_AUTORULE_LOG_CANCELLED;
  guint n = 0;

  for (guint i = 0; i < log->entries->len; i++)
    n += ((ShouAutoruleLogEntry *) log->entries->pdata[i])->state == want;
  return n;
}

/* Each of the hub's actions, as the detail pane's timeline of its request
 * shows it after a sync: "规则：<name> · <time>", the action and @state. */
static void
assert_hub_timeline (ShouStore            *store,
                     const char           *account,
                     ShouApiClient        *client,
                     const char           *rule_name,
                     ShouAutoruleLogState  state)
{
  g_autoptr(ShouApiAutoruleLog) log = hub_log (client);
  g_autofree char *rule_title = g_strdup_printf (_("Rule: %s"), rule_name);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", shou_autorule_action_get_label (SHOU_AUTORULE_AGREE_REFUND),
                                               shou_autorule_log_state_get_label (state));

  g_assert_cmpuint (log->entries->len, >, 0);
  for (guint i = 0; i < log->entries->len; i++)
    {
      ShouAutoruleLogEntry *e = log->entries->pdata[i];
      g_autofree char *key = shou_store_request_key (store, account, e->request_key);
      g_autofree char *when = shou_time_format_local (e->at);
      g_autofree char *title = g_strdup_printf ("%s · %s", rule_title, when);
      GtkWidget *list = g_object_ref_sink (gtk_list_box_new ());
      GtkWidget *group = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
      GtkListBoxRow *row;

      g_assert_nonnull (key);
      gtk_widget_set_visible (group, FALSE);
      shou_detail_render_rule_actions (GTK_LIST_BOX (list), group, store, key);
      row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
      g_assert_nonnull (row);
      g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);
      g_assert_true (gtk_widget_get_visible (group));
      g_object_unref (list);
      g_object_unref (group);
    }
}

static gboolean
log_has (gpointer data)
{
  LogWait *w = data;

  return count_state (w->client, w->state) >= w->n;
}

static GtkWindow *
new_rule (GtkWindow  *window,
          const char *name,
          const char *amount)
{
  GtkWindow *editor;

  g_signal_emit_by_name (find_button (GTK_WIDGET (window), _("_New Rule…")), "clicked");
  shou_test_iterate (100);
  editor = other_toplevel (window, NULL);
  g_assert_nonnull (editor);
  wait_label (GTK_WIDGET (editor), _("Amount at most (yuan)"), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, _("Rule name"))), name);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, _("Request type"))),
                              SHOU_REQUEST_REFUND_ONLY + 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, _("Order"))), 1);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, _("Amount at most (yuan)"))),
                         amount);
  return editor;
}

static GtkWidget *
nth_switch (GtkWidget *root,
            guint      n)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkWidget *w = root;

  /* Depth-first: the rows' switches in order. */
  while (w != NULL)
    {
      if (GTK_IS_SWITCH (w))
        g_ptr_array_add (found, w);
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != root && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == root || w == NULL ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return n < found->len ? found->pdata[n] : NULL;
}

static void
test_hub_rules (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  ShouTestSim *sim = shou_test_sim_new_demo (dir, 2026);
  ShouHubServer *hub = shou_sim_server_get_hub (shou_test_sim_get_server (sim));
  g_autoptr(ShouStore) store = shou_test_store_new_connected (dir, sim);
  g_autoptr(ShouSyncEngine) engine = shou_sync_engine_new (store);
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (store);
  g_autoptr(ShouApiClient) client = NULL;
  g_autoptr(ShouApiAutorules) rules = NULL;
  g_autoptr(GPtrArray) local = NULL;
  const char *account = json_object_get_string_member (accounts->pdata[0], "id");
  g_autofree char *title = g_strdup_printf (_("Rule: %s"), "团队小额退款");
  GtkWindow *window, *editor, *dry;
  GtkWidget *w;
  guint held;

  shou_hub_server_set_autorules (hub, TRUE, 120 * G_USEC_PER_SEC);
  g_assert_true (shou_test_sync (engine, 30000));
  g_assert_cmpint (shou_sync_engine_get_autorules_runner (engine, account), ==, SHOU_AUTORULES_RUNNER_HUB);
  client = shou_sync_engine_get_client (engine, account, NULL);
  window = shou_autorules_window_new (NULL, store, engine, account);
  gtk_window_present (window);
  wait_label (GTK_WIDGET (window), _("Rules"), FALSE);
  g_assert_true (shou_test_wait_until ((ShouTestCondition) gtk_widget_get_sensitive,
                                       find_button (GTK_WIDGET (window), _("_New Rule…")), 5000));

  /* Two rules written in the editor go to the hub, not to the cache. */
  editor = new_rule (window, "团队小额退款", "50");
  g_signal_emit_by_name (find_button (GTK_WIDGET (editor), _("_Save")), "clicked");
  wait_label (GTK_WIDGET (window), "1. 团队小额退款", FALSE);
  editor = new_rule (window, "团队其他", "5");
  g_signal_emit_by_name (find_button (GTK_WIDGET (editor), _("_Save")), "clicked");
  wait_label (GTK_WIDGET (window), "2. 团队其他", FALSE);
  rules = hub_rules (client);
  g_assert_cmpuint (rules->rules->len, ==, 2);
  g_assert_cmpstr (((ShouAutorule *) rules->rules->pdata[0])->name, ==, "团队小额退款");
  g_assert_cmpuint (((ShouAutorule *) rules->rules->pdata[0])->conds->len, ==, 3);
  g_assert_false (((ShouAutorule *) rules->rules->pdata[0])->enabled);
  local = shou_store_list_autorules (store, account);
  g_assert_cmpuint (local->len, ==, 0);

  /* Reorder (the second up) and delete it: on the hub. */
  {
    g_autofree char *tip = NULL;
    GtkWidget *up = NULL;

    for (GtkWidget *c = shou_test_find_label (GTK_WIDGET (window), "2. 团队其他"); c != NULL && up == NULL;
         c = gtk_widget_get_parent (c))
      if (ADW_IS_ACTION_ROW (c))
        up = shou_test_find_widget (c, GTK_TYPE_BUTTON, NULL);
    g_assert_nonnull (up);
    g_object_get (up, "tooltip-text", &tip, NULL);
    g_assert_cmpstr (tip, ==, _("Move Up"));
    g_signal_emit_by_name (up, "clicked");
  }
  wait_label (GTK_WIDGET (window), "1. 团队其他", FALSE);
  g_clear_pointer (&rules, shou_api_autorules_free);
  rules = hub_rules (client);
  g_assert_cmpstr (((ShouAutorule *) rules->rules->pdata[0])->name, ==, "团队其他");
  {
    GtkWidget *del = NULL;
    AdwMessageDialog *dialog;

    for (GtkWidget *c = shou_test_find_label (GTK_WIDGET (window), "1. 团队其他"); c != NULL && del == NULL;
         c = gtk_widget_get_parent (c))
      if (ADW_IS_ACTION_ROW (c))
        for (GtkWidget *b = shou_test_find_widget (c, GTK_TYPE_BUTTON, NULL); b != NULL; b = gtk_widget_get_next_sibling (b))
          if (GTK_IS_BUTTON (b) && g_strcmp0 (gtk_widget_get_tooltip_text (b), _("Delete")) == 0)
            del = b;
    g_assert_nonnull (del);
    g_signal_emit_by_name (del, "clicked");
    shou_test_iterate (100);
    dialog = ADW_MESSAGE_DIALOG (other_toplevel (window, NULL));
    adw_message_dialog_response (dialog, "delete");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  wait_label (GTK_WIDGET (window), "团队其他", TRUE);
  g_clear_pointer (&rules, shou_api_autorules_free);
  rules = hub_rules (client);
  g_assert_cmpuint (rules->rules->len, ==, 1);

  /* The switch before a dry run: the hub refuses (dry_run_needed), the
   * window says why and the switch goes back. */
  w = nth_switch (GTK_WIDGET (window), 0);
  gtk_switch_set_active (GTK_SWITCH (w), TRUE);
  wait_label (GTK_WIDGET (window), _("Run a dry run of the rule as it is now before turning it on"), FALSE);
  w = nth_switch (GTK_WIDGET (window), 0);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (w)));
  g_clear_pointer (&rules, shou_api_autorules_free);
  rules = hub_rules (client);
  g_assert_false (((ShouAutorule *) rules->rules->pdata[0])->enabled);

  /* The hub's dry run, then 启用规则 there: the hub runs the rule. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (window), _("_Dry Run")), "clicked");
  g_assert_true (shou_test_wait_until ((ShouTestCondition) other_toplevel_any, window, 10000));
  dry = other_toplevel (window, NULL);
  wait_label (GTK_WIDGET (dry), "¥", FALSE);
  {
    /* Each request the hub names shows with the cache's order number. */
    g_autofree char *prefix = g_strdup_printf (_("Order %s"), "");
    GtkWidget *row = shou_test_find_widget (GTK_WIDGET (dry), ADW_TYPE_ACTION_ROW, NULL);

    g_assert_nonnull (row);
    g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), prefix));
    g_assert_cmpuint (strlen (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))), >, strlen (prefix) + 4);
  }
  g_signal_emit_by_name (find_button (GTK_WIDGET (dry), _("_Turn On Rule")), "clicked");
  wait_label (GTK_WIDGET (window), _("The rule is on"), FALSE);
  g_clear_pointer (&rules, shou_api_autorules_free);
  rules = hub_rules (client);
  g_assert_true (((ShouAutorule *) rules->rules->pdata[0])->enabled);
  shot (GTK_WIDGET (window), "hub-rules");
  g_assert_true (g_hash_table_contains (rules->dry_run, ((ShouAutorule *) rules->rules->pdata[0])->id));

  /* The hub's runner holds its actions; the log shows them with their
   * countdown, and a click across a tick undoes one on the hub. */
  {
    LogWait lw = { client, "held", 2 };

    g_assert_true (shou_test_wait_until (log_has, &lw, 15000));
  }
  held = count_state (client, "held");
  /* The feed brings them to the requests' timelines: which rule, when,
   * waiting to be sent. */
  g_assert_true (shou_test_sync (engine, 30000));
  assert_hub_timeline (store, account, client, "团队小额退款", SHOU_AUTORULE_LOG_HELD);
  shou_autorules_window_show_log (SHOU_AUTORULES_WINDOW (window));
  wait_label (GTK_WIDGET (window), title, FALSE);
  click_across_a_tick (find_button (GTK_WIDGET (window), _("_Undo")));
  wait_label (GTK_WIDGET (window), _("Undone"), FALSE);
  shot (GTK_WIDGET (window), "hub-log");
  g_assert_cmpuint (count_state (client, "undone"), ==, 1);
  g_assert_cmpuint (count_state (client, "held"), ==, held - 1);
  /* Nothing of the hub's went into this desktop's own log or outbox. */
  g_clear_pointer (&local, g_ptr_array_unref);
  local = shou_store_list_autorule_log (store, account, NULL, 100, g_get_real_time ());
  g_assert_cmpuint (local->len, ==, 0);
  g_signal_emit_by_name (find_button (GTK_WIDGET (window), _("Undo _All Waiting")), "clicked");
  {
    LogWait lw = { client, "undone", held };

    g_assert_true (shou_test_wait_until (log_has, &lw, 5000));
  }
  g_assert_true (shou_test_sync (engine, 30000));
  assert_hub_timeline (store, account, client, "团队小额退款", SHOU_AUTORULE_LOG_CANCELLED);

  /* A session that has not synced yet does not know where the rules
   * run: the window asks the server, which says the hub keeps them. */
  {
    g_autoptr(ShouSyncEngine) fresh = shou_sync_engine_new (store);
    GtkWindow *second;

    g_assert_cmpint (shou_sync_engine_get_autorules_runner (fresh, account), ==, SHOU_AUTORULES_RUNNER_UNKNOWN);
    second = shou_autorules_window_new (NULL, store, fresh, account);
    gtk_window_present (second);
    wait_label (GTK_WIDGET (second), "1. 团队小额退款", FALSE);
    shou_test_close_window (second);
    shou_test_finalize_object (g_steal_pointer (&fresh));
  }

  /* The hub goes away: the editor keeps what was written and says the
   * hub is needed; nothing changed. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (shou_test_find_widget (GTK_WIDGET (window),
                                                                                 ADW_TYPE_VIEW_STACK, NULL)),
                                         "rules");
  g_signal_emit_by_name (find_button (GTK_WIDGET (window), _("_New Rule…")), "clicked");
  shou_test_iterate (100);
  editor = other_toplevel (window, NULL);
  wait_label (GTK_WIDGET (editor), _("Amount at most (yuan)"), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, _("Rule name"))),
                         "离线写的规则");
  shou_sync_engine_stop (engine);
  shou_test_sim_free (sim);
  sim = NULL;
  g_signal_emit_by_name (find_button (GTK_WIDGET (editor), _("_Save")), "clicked");
  wait_label (GTK_WIDGET (editor),
              _("This account’s rules are kept and run on the team’s hub, which cannot be reached now. "
                "Nothing was changed: try again once it is connected."), FALSE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                                                                  _("Rule name")))), ==, "离线写的规则");
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (editor), _("_Save"))));
  shot (GTK_WIDGET (editor), "hub-offline");
  g_clear_pointer (&local, g_ptr_array_unref);
  local = shou_store_list_autorules (store, account);
  g_assert_cmpuint (local->len, ==, 0);

  gtk_window_destroy (editor);
  shou_test_close_window (window);
  g_clear_object (&client);
  shou_test_finalize_object (g_steal_pointer (&engine));
  shou_test_finalize_object (g_steal_pointer (&store));
  shou_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  GPid xserver;
  int status;

  /* The log's undo is clicked with real input: an X server of its own, so
   * no other test's window lies over the button. */
  xserver = shou_test_private_x_server ();
  shou_test_ui_init (&argc, &argv);
  g_test_add_func ("/autorules/rule-flow", test_rule_flow);
  g_test_add_func ("/autorules/hub-rules", test_hub_rules);
  status = g_test_run ();
  if (xserver != 0)
    {
      kill (xserver, SIGTERM);
      waitpid (xserver, NULL, 0);
      g_spawn_close_pid (xserver);
    }
  return status;
}
