/* shou-autorules-window.c: the rules page, the dry run and the log page. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/shou-money.h"
#include "core/shou-time.h"
#include "shou-autorule-editor.h"
#include "shou-autorule-text.h"
#include "shou-autorules-window.h"
#include "store/shou-store-autorules.h"
#include "ui/shou-ui-util.h"

struct _ShouAutorulesWindow
{
  AdwWindow             parent_instance;

  ShouStore            *store;
  char                 *account_id;
  GPtrArray            *rules;       /* element-type ShouAutorule, shown */
  AdwViewStack         *stack;
  AdwToastOverlay      *toasts;
  AdwPreferencesGroup  *rules_group;
  GPtrArray            *rule_rows;
  AdwPreferencesGroup  *log_group;
  GPtrArray            *log_rows;
  GtkWidget            *empty_log;
  guint                 tick_id;
};

G_DEFINE_FINAL_TYPE (ShouAutorulesWindow, shou_autorules_window, ADW_TYPE_WINDOW)

static void refresh_rules (ShouAutorulesWindow *self);
static void refresh_log (ShouAutorulesWindow *self);

static const ShouAutorule *
rule_of (ShouAutorulesWindow *self,
         GtkWidget           *widget)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "shou-rule-index"));

  return i < self->rules->len ? self->rules->pdata[i] : NULL;
}

static void
toast_error (ShouAutorulesWindow *self,
             GError              *error)
{
  shou_ui_toast (self->toasts, error->message, SHOU_TOAST_TIMEOUT);
}

static void
on_move_clicked_cb (GtkButton           *button,
                    ShouAutorulesWindow *self)
{
  const ShouAutorule *rule = rule_of (self, GTK_WIDGET (button));
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "shou-rule-index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "shou-delta"));
  g_autoptr(GError) error = NULL;

  if (rule == NULL || (int) i + delta < 0)
    return;
  if (!shou_store_move_autorule (self->store, self->account_id, rule->id, i + delta, &error))
    toast_error (self, error);
  refresh_rules (self);
}

static gboolean
on_switch_state_set_cb (GtkSwitch           *sw,
                        gboolean             state,
                        ShouAutorulesWindow *self)
{
  const ShouAutorule *rule = rule_of (self, GTK_WIDGET (sw));
  g_autoptr(GError) error = NULL;

  if (rule == NULL)
    return TRUE;
  if (!shou_store_set_autorule_enabled (self->store, self->account_id, rule->id, state, &error))
    {
      toast_error (self, error);
      return TRUE;
    }
  gtk_switch_set_state (sw, state);
  return TRUE;
}

static void
on_saved_cb (gpointer data)
{
  refresh_rules (SHOU_AUTORULES_WINDOW (data));
}

static void
on_edit_clicked_cb (GtkButton           *button,
                    ShouAutorulesWindow *self)
{
  shou_autorule_editor_present (GTK_WINDOW (self), self->store, self->account_id,
                                rule_of (self, GTK_WIDGET (button)), on_saved_cb, self);
}

static void
on_new_clicked_cb (ShouAutorulesWindow *self)
{
  shou_autorule_editor_present (GTK_WINDOW (self), self->store, self->account_id, NULL, on_saved_cb, self);
}

static void
on_delete_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       ShouAutorulesWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "shou-rule-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!shou_store_delete_autorule (self->store, self->account_id, id, &error))
    toast_error (self, error);
  refresh_rules (self);
}

static void
on_delete_clicked_cb (GtkButton           *button,
                      ShouAutorulesWindow *self)
{
  const ShouAutorule *rule = rule_of (self, GTK_WIDGET (button));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (rule == NULL)
    return;
  body = g_strdup_printf (_("The rule “%s” will be removed. What it already did stays in the log."), rule->name);
  dialog = shou_ui_confirm_dialog_new (GTK_WINDOW (self), _("Delete Rule?"), body, "delete", _("_Delete"),
                                       SHOU_CONFIRM_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "shou-rule-id", g_strdup (rule->id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- dry run ------------------------------------------------------------- */

static void
on_dry_run_enable_cb (GtkButton           *button,
                      ShouAutorulesWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "shou-rule-id");
  g_autoptr(GError) error = NULL;

  if (!shou_store_set_autorule_enabled (self->store, self->account_id, id, TRUE, &error))
    toast_error (self, error);
  else
    shou_ui_toast (self->toasts, _("The rule is on"), SHOU_TOAST_TIMEOUT);
  refresh_rules (self);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))));
}

static void
present_dry_run (ShouAutorulesWindow *self,
                 const ShouAutorule  *rule)
{
  g_autoptr(ShouAutoruleDryRun) run = shou_store_autorule_dry_run (self->store, self->account_id, rule,
                                                                   g_get_real_time ());
  g_autofree char *total = shou_money_format (run->total_fen);
  g_autofree char *summary = NULL;
  g_autofree char *title = g_strdup_printf (_("Dry Run: %s"), rule->name);
  GtkWidget *window, *box, *header, *label, *scroll, *list, *enable;

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  summary = g_strdup_printf (ngettext ("In the last 30 days, judged as each request arrived, this rule would have handled %u request, %s in total.",
                                       "In the last 30 days, judged as each request arrived, this rule would have handled %u requests, %s in total.",
                                       run->handled), run->handled, total);
  label = gtk_label_new (summary);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_margin_start (label, 18);
  gtk_widget_set_margin_end (label, 18);
  gtk_box_append (GTK_BOX (box), label);
  if (run->capped > 0)
    {
      g_autofree char *capped = g_strdup_printf (ngettext ("%u more matched after the day's limits were reached.",
                                                           "%u more matched after the day's limits were reached.",
                                                           run->capped), run->capped);
      label = gtk_label_new (capped);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_start (label, 18);
      gtk_box_append (GTK_BOX (box), label);
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < run->hits->len; i++)
    {
      ShouAutoruleHit *hit = run->hits->pdata[i];
      g_autofree char *row_title = g_strdup_printf (_("Order %s"), hit->order_no ? hit->order_no : "");
      g_autofree char *when = shou_time_format_local (hit->arrived_at);
      g_autofree char *money = shou_money_format (hit->amount_fen);
      g_autofree char *subtitle = g_strdup_printf (_("Arrived %s"), when);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *amount = gtk_label_new (money);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (hit->capped)
        {
          GtkWidget *capped = gtk_label_new (_("Over the day's limit"));

          gtk_widget_add_css_class (capped, "warning");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), capped);
        }
      gtk_widget_add_css_class (amount, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  scroll = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_widget_set_margin_start (list, 18);
  gtk_widget_set_margin_end (list, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), list);
  gtk_box_append (GTK_BOX (box), scroll);

  enable = gtk_button_new_with_mnemonic (_("_Turn On Rule"));
  gtk_widget_add_css_class (enable, "suggested-action");
  gtk_widget_add_css_class (enable, "pill");
  gtk_widget_set_halign (enable, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (enable, 18);
  gtk_widget_set_visible (enable, !rule->enabled);
  g_object_set_data_full (G_OBJECT (enable), "shou-rule-id", g_strdup (rule->id), g_free);
  g_signal_connect (enable, "clicked", G_CALLBACK (on_dry_run_enable_cb), self);
  gtk_box_append (GTK_BOX (box), enable);

  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_dry_run_clicked_cb (GtkButton           *button,
                       ShouAutorulesWindow *self)
{
  const ShouAutorule *rule = rule_of (self, GTK_WIDGET (button));

  if (rule != NULL)
    present_dry_run (self, rule);
}

void
shou_autorules_window_dry_run (ShouAutorulesWindow *self,
                               guint                position)
{
  g_return_if_fail (SHOU_IS_AUTORULES_WINDOW (self));
  if (position < self->rules->len)
    present_dry_run (self, self->rules->pdata[position]);
}

/* ---- rules page ---------------------------------------------------------- */

static GtkWidget *
icon_button (ShouAutorulesWindow *self,
             const char          *icon,
             const char          *tooltip,
             guint                index,
             GCallback            cb)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (b, tooltip);
  gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (b, "flat");
  g_object_set_data (G_OBJECT (b), "shou-rule-index", GUINT_TO_POINTER (index));
  g_signal_connect (b, "clicked", cb, self);
  return b;
}

static void
refresh_rules (ShouAutorulesWindow *self)
{
  for (guint i = 0; i < self->rule_rows->len; i++)
    adw_preferences_group_remove (self->rules_group, self->rule_rows->pdata[i]);
  g_ptr_array_set_size (self->rule_rows, 0);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  self->rules = shou_store_list_autorules (self->store, self->account_id);

  for (guint i = 0; i < self->rules->len; i++)
    {
      ShouAutorule *rule = self->rules->pdata[i];
      g_autofree char *summary = shou_autorule_describe (rule);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, rule->name);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *sw = gtk_switch_new ();
      GtkWidget *b;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      b = icon_button (self, "go-up-symbolic", _("Move Up"), i, G_CALLBACK (on_move_clicked_cb));
      g_object_set_data (G_OBJECT (b), "shou-delta", GINT_TO_POINTER (-1));
      gtk_widget_set_sensitive (b, i > 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
      b = icon_button (self, "go-down-symbolic", _("Move Down"), i, G_CALLBACK (on_move_clicked_cb));
      g_object_set_data (G_OBJECT (b), "shou-delta", GINT_TO_POINTER (1));
      gtk_widget_set_sensitive (b, i + 1 < self->rules->len);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button (self, "document-edit-symbolic", _("Edit"), i,
                                              G_CALLBACK (on_edit_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button (self, "user-trash-symbolic", _("Delete"), i,
                                              G_CALLBACK (on_delete_clicked_cb)));
      b = gtk_button_new_with_mnemonic (_("_Dry Run"));
      gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (b), "shou-rule-index", GUINT_TO_POINTER (i));
      g_signal_connect (b, "clicked", G_CALLBACK (on_dry_run_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
      gtk_switch_set_state (GTK_SWITCH (sw), rule->enabled);
      gtk_switch_set_active (GTK_SWITCH (sw), rule->enabled);
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (sw, _("On"));
      g_object_set_data (G_OBJECT (sw), "shou-rule-index", GUINT_TO_POINTER (i));
      g_signal_connect (sw, "state-set", G_CALLBACK (on_switch_state_set_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (self->rules_group, row);
      g_ptr_array_add (self->rule_rows, row);
    }
}

/* ---- log page ------------------------------------------------------------ */

static void
on_undo_clicked_cb (GtkButton           *button,
                    ShouAutorulesWindow *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "shou-log-id");

  if (shou_store_cancel_autorule_actions (self->store, self->account_id, id, g_get_real_time ()) > 0)
    shou_ui_toast (self->toasts, _("Undone: the action will not be sent"), SHOU_TOAST_TIMEOUT);
  refresh_log (self);
}

static void
on_undo_all_clicked_cb (ShouAutorulesWindow *self)
{
  guint n = shou_store_cancel_autorule_actions (self->store, self->account_id, 0, g_get_real_time ());

  shou_ui_toast_printf (self->toasts, SHOU_TOAST_TIMEOUT,
                        ngettext ("%u action undone", "%u actions undone", n), n);
  refresh_log (self);
}

static void
refresh_log (ShouAutorulesWindow *self)
{
  gint64 now = g_get_real_time ();
  g_autoptr(GPtrArray) log = shou_store_list_autorule_log (self->store, self->account_id, NULL, 200, now);

  for (guint i = 0; i < self->log_rows->len; i++)
    adw_preferences_group_remove (self->log_group, self->log_rows->pdata[i]);
  g_ptr_array_set_size (self->log_rows, 0);
  gtk_widget_set_visible (self->empty_log, log->len == 0);

  for (guint i = 0; i < log->len; i++)
    {
      ShouAutoruleLogEntry *e = log->pdata[i];
      g_autofree char *title = g_strdup_printf (_("Rule: %s"), e->rule_name);
      g_autofree char *when = shou_time_format_local (e->at);
      g_autofree char *money = shou_money_format (e->amount_fen);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s · %s", e->order_no ? e->order_no : "",
                                                   shou_autorule_action_get_label (e->action), money, when);
      g_autofree char *state = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label;

      if (e->state == SHOU_AUTORULE_LOG_HELD)
        {
          gint64 left = MAX (e->send_at - now, 0) / G_USEC_PER_SEC;
          state = g_strdup_printf (_("Sends in %d:%02d"), (int) (left / 60), (int) (left % 60));
        }
      else
        state = g_strdup (shou_autorule_log_state_get_label (e->state));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      label = gtk_label_new (state);
      gtk_widget_add_css_class (label, e->state == SHOU_AUTORULE_LOG_FAILED ? "error" : "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      if (e->state == SHOU_AUTORULE_LOG_HELD)
        {
          GtkWidget *undo = gtk_button_new_with_mnemonic (_("_Undo"));
          gint64 *id = g_new (gint64, 1);

          *id = e->id;
          gtk_widget_set_valign (undo, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (undo), "shou-log-id", id, g_free);
          g_signal_connect (undo, "clicked", G_CALLBACK (on_undo_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), undo);
        }
      adw_preferences_group_add (self->log_group, row);
      g_ptr_array_add (self->log_rows, row);
    }
}

static gboolean
on_tick_cb (gpointer data)
{
  ShouAutorulesWindow *self = data;

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "log") == 0)
    refresh_log (self);
  return G_SOURCE_CONTINUE;
}

void
shou_autorules_window_show_log (ShouAutorulesWindow *self)
{
  g_return_if_fail (SHOU_IS_AUTORULES_WINDOW (self));
  refresh_log (self);
  adw_view_stack_set_visible_child_name (self->stack, "log");
}

static void
on_store_changed_cb (ShouAutorulesWindow *self)
{
  refresh_log (self);
}

/* ---- the window ---------------------------------------------------------- */

static void
shou_autorules_window_dispose (GObject *object)
{
  ShouAutorulesWindow *self = SHOU_AUTORULES_WINDOW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  g_clear_pointer (&self->log_rows, g_ptr_array_unref);
  g_clear_pointer (&self->account_id, g_free);
  G_OBJECT_CLASS (shou_autorules_window_parent_class)->dispose (object);
}

static void
shou_autorules_window_class_init (ShouAutorulesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_autorules_window_dispose;
}

static void
shou_autorules_window_init (ShouAutorulesWindow *self)
{
  GtkWidget *box, *header, *title, *page, *button, *log_page, *bar;
  AdwViewStackPage *p;

  self->rule_rows = g_ptr_array_new ();
  self->log_rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Automatic Rules"));
  /* Escape closes it, as it does the app's other windows. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 640);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  title = adw_view_switcher_title_new ();
  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (title), self->stack);
  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (title), _("Automatic Rules"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  bar = adw_view_switcher_bar_new ();
  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (bar), self->stack);
  g_object_bind_property (title, "title-visible", bar, "reveal", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), bar);
  adw_window_set_content (ADW_WINDOW (self), box);

  page = adw_preferences_page_new ();
  self->rules_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->rules_group, _("Rules"));
  adw_preferences_group_set_description (self->rules_group,
                                         _("From top to bottom, the first rule that matches a request acts. "
                                           "A rule stays off until a dry run shows what it would have done. "
                                           "No rule acts on a request with a conflict or claimed by a colleague."));
  button = gtk_button_new_with_mnemonic (_("_New Rule…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_new_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->rules_group, button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->rules_group);
  p = adw_view_stack_add_titled (self->stack, page, "rules", _("Rules"));
  adw_view_stack_page_set_icon_name (p, "view-list-symbolic");

  log_page = adw_preferences_page_new ();
  self->log_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->log_group, _("What the Rules Did"));
  adw_preferences_group_set_description (self->log_group,
                                         _("An action waits in the outbox for the undo window before it is sent."));
  button = gtk_button_new_with_mnemonic (_("Undo _All Waiting"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_undo_all_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->log_group, button);
  self->empty_log = gtk_label_new (_("No rule has acted yet."));
  gtk_widget_add_css_class (self->empty_log, "dim-label");
  adw_preferences_group_add (self->log_group, self->empty_log);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (log_page), self->log_group);
  p = adw_view_stack_add_titled (self->stack, log_page, "log", _("Log"));
  adw_view_stack_page_set_icon_name (p, "document-open-recent-symbolic");
}

GtkWindow *
shou_autorules_window_new (GtkWindow  *parent,
                           ShouStore  *store,
                           const char *account_id)
{
  ShouAutorulesWindow *self;

  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  self = g_object_new (SHOU_TYPE_AUTORULES_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->account_id = g_strdup (account_id);
  g_signal_connect_swapped (store, "outbox-changed", G_CALLBACK (on_store_changed_cb), self);
  self->tick_id = g_timeout_add_seconds (1, on_tick_cb, self);
  refresh_rules (self);
  refresh_log (self);
  return GTK_WINDOW (self);
}
