/* shou-autorules-window-log.c: the rules window's log page: what the rules
 * did, newest first, each waiting action with its countdown and 撤销. The
 * rows stay while the entries and their states stay: each second only the
 * countdowns change, so a click on 撤销 is never lost to a redraw. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/shou-money.h"
#include "core/shou-time.h"
#include "shou-autorule-text.h"
#include "shou-autorules-window-private.h"
#include "ui/shou-ui-util.h"

/* The hub's log is read again this often (seconds) while it is shown. */
#define HUB_LOG_EVERY 3

static gint64
now_for (ShouAutorulesWindow *self)
{
  return g_get_real_time () + (self->hub ? self->hub_offset : 0);
}

static char *
state_text (const ShouAutoruleLogEntry *e,
            gint64                      now)
{
  gint64 left;

  if (e->state != SHOU_AUTORULE_LOG_HELD)
    return g_strdup (shou_autorule_log_state_get_label (e->state));
  left = MAX (e->send_at - now, 0) / G_USEC_PER_SEC;
  return g_strdup_printf (_("Sends in %d:%02d"), (int) (left / 60), (int) (left % 60));
}

static void
on_undo_clicked_cb (GtkButton           *button,
                    ShouAutorulesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "shou-log-key");
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "shou-log-id");

  if (self->hub)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
      shou_autorules_hub_undo (self, key);
      return;
    }
  if (shou_store_cancel_autorule_actions (self->store, self->account_id, id, g_get_real_time ()) > 0)
    shou_ui_toast (self->toasts, _("Undone: the action will not be sent"), SHOU_TOAST_TIMEOUT);
  shou_autorules_log_refresh (self);
}

static void
on_undo_all_clicked_cb (ShouAutorulesWindow *self)
{
  guint n;

  if (self->hub)
    {
      shou_autorules_hub_undo (self, NULL);
      return;
    }
  n = shou_store_cancel_autorule_actions (self->store, self->account_id, 0, g_get_real_time ());
  shou_ui_toast_printf (self->toasts, SHOU_TOAST_TIMEOUT,
                        ngettext ("%u action undone", "%u actions undone", n), n);
  shou_autorules_log_refresh (self);
}

/* What the rows show, apart from the countdowns. */
static char *
signature (GPtrArray *log)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < log->len; i++)
    {
      ShouAutoruleLogEntry *e = log->pdata[i];

      g_string_append_printf (s, "%" G_GINT64_FORMAT "|%s|%d|%s|%s\n", e->id, e->key ? e->key : "", e->state,
                              e->rule_name ? e->rule_name : "", e->order_no ? e->order_no : "");
    }
  return g_string_free (s, FALSE);
}

static void
update_countdowns (ShouAutorulesWindow *self)
{
  gint64 now = now_for (self);

  for (guint i = 0; self->log != NULL && i < self->log->len && i < self->log_states->len; i++)
    {
      g_autofree char *text = state_text (self->log->pdata[i], now);
      GtkLabel *label = self->log_states->pdata[i];

      if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
        gtk_label_set_label (label, text);
    }
}

static void
rebuild (ShouAutorulesWindow *self)
{
  gint64 now = now_for (self);

  for (guint i = 0; i < self->log_rows->len; i++)
    adw_preferences_group_remove (self->log_group, self->log_rows->pdata[i]);
  g_ptr_array_set_size (self->log_rows, 0);
  g_ptr_array_set_size (self->log_states, 0);
  gtk_widget_set_visible (self->empty_log, self->log->len == 0);

  for (guint i = 0; i < self->log->len; i++)
    {
      ShouAutoruleLogEntry *e = self->log->pdata[i];
      g_autofree char *title = g_strdup_printf (_("Rule: %s"), e->rule_name);
      g_autofree char *when = shou_time_format_local (e->at);
      g_autofree char *money = shou_money_format (e->amount_fen);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s · %s", e->order_no ? e->order_no : "",
                                                   shou_autorule_action_get_label (e->action), money, when);
      g_autofree char *state = state_text (e, now);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      label = gtk_label_new (state);
      gtk_widget_add_css_class (label, e->state == SHOU_AUTORULE_LOG_FAILED ? "error" : "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      g_ptr_array_add (self->log_states, label);
      if (e->state == SHOU_AUTORULE_LOG_HELD)
        {
          GtkWidget *undo = gtk_button_new_with_mnemonic (_("_Undo"));
          gint64 *id = g_new (gint64, 1);

          *id = e->id;
          gtk_widget_set_valign (undo, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (undo), "shou-log-id", id, g_free);
          g_object_set_data_full (G_OBJECT (undo), "shou-log-key", g_strdup (e->key), g_free);
          g_signal_connect (undo, "clicked", G_CALLBACK (on_undo_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), undo);
        }
      adw_preferences_group_add (self->log_group, row);
      g_ptr_array_add (self->log_rows, row);
    }
}

void
shou_autorules_log_show (ShouAutorulesWindow *self,
                         GPtrArray           *log)
{
  g_autofree char *sig = signature (log);

  g_clear_pointer (&self->log, g_ptr_array_unref);
  self->log = log;
  if (g_strcmp0 (sig, self->log_signature) != 0)
    {
      g_free (self->log_signature);
      self->log_signature = g_steal_pointer (&sig);
      rebuild (self);
    }
  else
    update_countdowns (self);
}

void
shou_autorules_log_refresh (ShouAutorulesWindow *self)
{
  if (self->hub)
    {
      shou_autorules_hub_fetch_log (self);
      return;
    }
  shou_autorules_log_show (self, shou_store_list_autorule_log (self->store, self->account_id, NULL, 200,
                                                               g_get_real_time ()));
}

gboolean
shou_autorules_log_tick (gpointer data)
{
  ShouAutorulesWindow *self = data;
  gint64 now = now_for (self);
  gboolean due = FALSE;

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "log") != 0)
    return G_SOURCE_CONTINUE;
  /* A window that ended changes the entry's state: read the log again.
   * The hub's log also changes by itself (new actions): read it now and
   * then. */
  for (guint i = 0; self->log != NULL && i < self->log->len; i++)
    {
      ShouAutoruleLogEntry *e = self->log->pdata[i];

      due |= e->state == SHOU_AUTORULE_LOG_HELD && e->send_at <= now;
    }
  if (due || (self->hub && ++self->log_ticks % HUB_LOG_EVERY == 0))
    shou_autorules_log_refresh (self);
  else
    update_countdowns (self);
  return G_SOURCE_CONTINUE;
}

void
shou_autorules_log_init (ShouAutorulesWindow *self,
                         GtkWidget           *page)
{
  GtkWidget *button;

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
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->log_group);
}
