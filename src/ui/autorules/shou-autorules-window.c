/* shou-autorules-window.c: the window, its rules page and the dry run.
 * The rules are the cache's (a lone desktop runs them) or, for an account
 * whose team hub runs them, the hub's (shou-autorules-window-hub.c). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/shou-money.h"
#include "core/shou-time.h"
#include "shou-autorule-editor.h"
#include "shou-autorule-text.h"
#include "shou-autorules-window-private.h"
#include "store/shou-store-autorules.h"
#include "ui/shou-ui-util.h"

G_DEFINE_FINAL_TYPE (ShouAutorulesWindow, shou_autorules_window, ADW_TYPE_WINDOW)

static void refresh_rules (ShouAutorulesWindow *self);

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
  if (self->hub)
    {
      shou_autorules_hub_move (self, rule->id, i + delta);
      return;
    }
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
  if (self->hub)
    {
      /* The switch follows the hub's answer (render_rules). */
      if (state != rule->enabled)
        shou_autorules_hub_enable (self, rule->id, state, NULL);
      return TRUE;
    }
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
on_hub_commit_cb (GtkWindow          *editor,
                  const ShouAutorule *rule,
                  gpointer            data)
{
  shou_autorules_hub_save (SHOU_AUTORULES_WINDOW (data), editor, rule);
}

static void
present_editor (ShouAutorulesWindow *self,
                const ShouAutorule  *rule)
{
  GtkWindow *editor = shou_autorule_editor_present (GTK_WINDOW (self), self->store, self->account_id, rule,
                                                    on_saved_cb, self);

  if (self->hub)
    shou_autorule_editor_set_commit (editor, on_hub_commit_cb, self);
}

static void
on_edit_clicked_cb (GtkButton           *button,
                    ShouAutorulesWindow *self)
{
  present_editor (self, rule_of (self, GTK_WIDGET (button)));
}

static void
on_new_clicked_cb (ShouAutorulesWindow *self)
{
  present_editor (self, NULL);
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
  if (self->hub)
    {
      shou_autorules_hub_delete (self, id);
      return;
    }
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

  if (self->hub)
    {
      /* The dry-run window closes once the hub turned the rule on. */
      shou_autorules_hub_enable (self, id, TRUE, GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (button))));
      return;
    }
  if (!shou_store_set_autorule_enabled (self->store, self->account_id, id, TRUE, &error))
    toast_error (self, error);
  else
    shou_ui_toast (self->toasts, _("The rule is on"), SHOU_TOAST_TIMEOUT);
  refresh_rules (self);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))));
}

void
shou_autorules_window_present_dry_run (ShouAutorulesWindow *self,
                                       const ShouAutorule  *rule,
                                       ShouAutoruleDryRun  *run)
{
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
      g_autofree char *order_no = self->hub ? shou_autorules_hub_order_no (self, hit->request_key)
                                            : g_strdup (hit->order_no);
      g_autofree char *row_title = g_strdup_printf (_("Order %s"), order_no ? order_no : "");
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
dry_run (ShouAutorulesWindow *self,
         const ShouAutorule  *rule)
{
  g_autoptr(ShouAutoruleDryRun) run = NULL;

  if (self->hub)
    {
      shou_autorules_hub_dry_run (self, rule);
      return;
    }
  run = shou_store_autorule_dry_run (self->store, self->account_id, rule, g_get_real_time ());
  shou_autorules_window_present_dry_run (self, rule, run);
}

static void
on_dry_run_clicked_cb (GtkButton           *button,
                       ShouAutorulesWindow *self)
{
  const ShouAutorule *rule = rule_of (self, GTK_WIDGET (button));

  if (rule != NULL)
    dry_run (self, rule);
}

void
shou_autorules_window_dry_run (ShouAutorulesWindow *self,
                               guint                position)
{
  g_return_if_fail (SHOU_IS_AUTORULES_WINDOW (self));
  if (position < self->rules->len)
    dry_run (self, self->rules->pdata[position]);
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
  if (!self->hub)
    {
      g_clear_pointer (&self->rules, g_ptr_array_unref);
      self->rules = shou_store_list_autorules (self->store, self->account_id);
    }
  shou_autorules_window_render_rules (self);
}

void
shou_autorules_window_render_rules (ShouAutorulesWindow *self)
{
  for (guint i = 0; i < self->rule_rows->len; i++)
    adw_preferences_group_remove (self->rules_group, self->rule_rows->pdata[i]);
  g_ptr_array_set_size (self->rule_rows, 0);
  gtk_widget_set_sensitive (self->new_button, !self->hub || self->hub_loaded);
  gtk_widget_set_sensitive (self->import_button, !self->hub || self->hub_loaded);
  gtk_widget_set_sensitive (self->export_button, (!self->hub || self->hub_loaded) &&
                                                 self->rules != NULL && self->rules->len > 0);
  if (self->rules == NULL)
    return;

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

/* ---- the window ---------------------------------------------------------- */

void
shou_autorules_window_imported (ShouAutorulesWindow *self,
                                guint                n)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u rule imported; it stays off until its dry run",
                                                        "%u rules imported; each stays off until its dry run", n),
                                           n);

  refresh_rules (self);
  shou_ui_toast (self->toasts, text, SHOU_TOAST_TIMEOUT);
}

void
shou_autorules_window_show_log (ShouAutorulesWindow *self)
{
  g_return_if_fail (SHOU_IS_AUTORULES_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->stack, "log");
  shou_autorules_log_refresh (self);
}

static void
on_store_changed_cb (ShouAutorulesWindow *self)
{
  if (!self->hub)
    shou_autorules_log_refresh (self);
}

static void
on_page_changed_cb (ShouAutorulesWindow *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "log") == 0)
    shou_autorules_log_refresh (self);
}

static void
shou_autorules_window_dispose (GObject *object)
{
  ShouAutorulesWindow *self = SHOU_AUTORULES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->engine);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->hub_dry_run, g_hash_table_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  g_clear_pointer (&self->log, g_ptr_array_unref);
  g_clear_pointer (&self->log_rows, g_ptr_array_unref);
  g_clear_pointer (&self->log_states, g_ptr_array_unref);
  g_clear_pointer (&self->log_signature, g_free);
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
  GtkWidget *box, *header, *title, *page, *button, *log_page, *bar, *retry, *buttons;
  AdwViewStackPage *p;

  self->cancellable = g_cancellable_new ();
  self->rule_rows = g_ptr_array_new ();
  self->log_rows = g_ptr_array_new ();
  self->log_states = g_ptr_array_new ();
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
  /* Where the hub keeps the rules and cannot be reached: say so, and
   * offer to try again. */
  {
    AdwPreferencesGroup *g = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

    self->hub_status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    self->hub_status_label = gtk_label_new (NULL);
    gtk_label_set_wrap (GTK_LABEL (self->hub_status_label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (self->hub_status_label), 0);
    gtk_widget_set_hexpand (self->hub_status_label, TRUE);
    gtk_box_append (GTK_BOX (self->hub_status), self->hub_status_label);
    retry = gtk_button_new_with_mnemonic (_("_Retry"));
    gtk_widget_set_valign (retry, GTK_ALIGN_CENTER);
    g_signal_connect_swapped (retry, "clicked", G_CALLBACK (shou_autorules_hub_load), self);
    gtk_box_append (GTK_BOX (self->hub_status), retry);
    gtk_widget_add_css_class (self->hub_status, "card");
    gtk_widget_set_visible (self->hub_status, FALSE);
    gtk_widget_set_margin_top (self->hub_status_label, 12);
    gtk_widget_set_margin_bottom (self->hub_status_label, 12);
    gtk_widget_set_margin_start (self->hub_status_label, 12);
    gtk_widget_set_margin_end (retry, 12);
    adw_preferences_group_add (g, self->hub_status);
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), g);
  }
  self->rules_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->rules_group, _("Rules"));
  adw_preferences_group_set_description (self->rules_group,
                                         _("From top to bottom, the first rule that matches a request acts. "
                                           "A rule stays off until a dry run shows what it would have done. "
                                           "No rule acts on a request with a conflict, an internal note or a tag the rule "
                                           "excludes, or one claimed by a colleague."));
  button = gtk_button_new_with_mnemonic (_("_New Rule…"));
  self->new_button = button;
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_new_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->rules_group, button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->rules_group);
  /* Under the list: the rules to and from a JSON file (-file.c). */
  {
    AdwPreferencesGroup *g = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

    buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_widget_set_halign (buttons, GTK_ALIGN_END);
    self->import_button = gtk_button_new_with_mnemonic (_("_Import Rules…"));
    gtk_widget_set_tooltip_text (self->import_button, _("Replace these rules with the ones in a JSON file"));
    g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (shou_autorules_file_import), self);
    gtk_box_append (GTK_BOX (buttons), self->import_button);
    self->export_button = gtk_button_new_with_mnemonic (_("E_xport Rules…"));
    gtk_widget_set_tooltip_text (self->export_button, _("Save these rules to a JSON file"));
    g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (shou_autorules_file_export), self);
    gtk_box_append (GTK_BOX (buttons), self->export_button);
    adw_preferences_group_add (g, buttons);
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), g);
  }
  p = adw_view_stack_add_titled (self->stack, page, "rules", _("Rules"));
  adw_view_stack_page_set_icon_name (p, "view-list-symbolic");

  log_page = adw_preferences_page_new ();
  shou_autorules_log_init (self, log_page);
  p = adw_view_stack_add_titled (self->stack, log_page, "log", _("Log"));
  adw_view_stack_page_set_icon_name (p, "document-open-recent-symbolic");
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (on_page_changed_cb), self);
}

GtkWindow *
shou_autorules_window_new (GtkWindow      *parent,
                           ShouStore      *store,
                           ShouSyncEngine *engine,
                           const char     *account_id)
{
  ShouAutorulesWindow *self;
  ShouAutorulesRunner runner;

  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (engine == NULL || SHOU_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  self = g_object_new (SHOU_TYPE_AUTORULES_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->engine = engine ? g_object_ref (engine) : NULL;
  self->account_id = g_strdup (account_id);
  g_signal_connect_swapped (store, "outbox-changed", G_CALLBACK (on_store_changed_cb), self);
  self->tick_id = g_timeout_add_seconds (1, shou_autorules_log_tick, self);
  /* Not known yet this session (the server was not reached): the hub's
   * answer says where they run; until then nothing is shown as if local. */
  runner = engine ? shou_sync_engine_get_autorules_runner (engine, account_id) : SHOU_AUTORULES_RUNNER_DESKTOP;
  self->hub = runner != SHOU_AUTORULES_RUNNER_DESKTOP;
  if (self->hub)
    shou_autorules_hub_load (self);
  else
    refresh_rules (self);
  shou_autorules_log_refresh (self);
  return GTK_WINDOW (self);
}
