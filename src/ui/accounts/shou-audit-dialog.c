/* shou-audit-dialog.c: see shou-audit-dialog.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-core.h"
#include "sync/shou-api-error.h"
#include "shou-audit-dialog.h"

typedef struct
{
  GtkWindow *window;   /* weak */
  GtkWidget *list;
  GtkWidget *status;
} Audit;

static char *
describe_action (const char *code)
{
  ShouAction action;

  if (g_strcmp0 (code, "take_over_claim") == 0)
    return g_strdup (_("Took over a request"));
  if (code != NULL && shou_action_from_string (code, &action))
    return g_strdup (shou_action_get_label (action));
  /* An action this version does not know: its code, as text. */
  return g_strdup (code ? code : "");
}

static const char *
describe_status (gint64 status)
{
  if (status >= 200 && status < 300)
    return _("Carried out");
  if (status == 409)
    return _("Refused: someone else was handling it, or it had changed");
  if (status == 422)
    return _("Refused: not allowed now, or over a limit");
  return _("Refused");
}

static GtkWidget *
entry_row (JsonObject *entry)
{
  GtkWidget *row = adw_action_row_new ();
  const char *staff = json_object_get_string_member_with_default (entry, "staff_id", NULL);
  gint64 at = json_object_get_int_member_with_default (entry, "at", 0);
  gint64 amount = json_object_get_int_member_with_default (entry, "amount_fen", 0);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (at / G_USEC_PER_SEC);
  g_autofree char *when = time ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("");
  g_autofree char *what = describe_action (json_object_get_string_member_with_default (entry, "action", NULL));
  g_autofree char *money = amount > 0 ? shou_money_format (amount) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  title = g_strdup_printf ("%s · %s", staff ? staff : _("Shop owner"), what);
  subtitle = g_strdup_printf ("%s · %s%s%s · %s", when,
                              json_object_get_string_member_with_default (entry, "aftersale_id", ""),
                              money ? " · " : "", money ? money : "",
                              describe_status (json_object_get_int_member_with_default (entry, "status", 0)));
  /* Ids and codes come from the hub: text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
on_audit_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Audit *audit = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = shou_sync_engine_get_audit_finish (SHOU_SYNC_ENGINE (object), result, &error);
  JsonNode *node;
  guint n = 0;

  if (audit->window == NULL)
    goto out;
  node = reply ? json_object_get_member (reply, "entries") : NULL;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *entries = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonNode *el = json_array_get_element (entries, i);

          if (!JSON_NODE_HOLDS_OBJECT (el))
            continue;
          gtk_list_box_append (GTK_LIST_BOX (audit->list), entry_row (json_node_get_object (el)));
          n++;
        }
    }
  gtk_widget_set_visible (audit->list, n > 0);
  if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_FORBIDDEN))
    gtk_label_set_text (GTK_LABEL (audit->status), _("Only the shop owner can see the team’s activity."));
  else if (error != NULL)
    /* The client's messages are translated, never the server's words. */
    gtk_label_set_text (GTK_LABEL (audit->status), error->message);
  else if (n == 0)
    gtk_label_set_text (GTK_LABEL (audit->status), _("Nobody on the team has acted yet."));
  gtk_widget_set_visible (audit->status, error != NULL || n == 0);

out:
  if (audit->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (audit->window), (gpointer *) &audit->window);
  g_free (audit);
}

GtkWindow *
shou_audit_dialog_new (GtkWindow      *parent,
                       ShouSyncEngine *engine,
                       const char     *account_id)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  Audit *audit = g_new0 (Audit, 1);

  gtk_window_set_title (GTK_WINDOW (window), _("Team Activity"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 520);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);

  audit->status = gtk_label_new (_("Loading…"));
  gtk_label_set_wrap (GTK_LABEL (audit->status), TRUE);
  gtk_widget_add_css_class (audit->status, "dim-label");
  gtk_box_append (GTK_BOX (inner), audit->status);
  audit->list = gtk_list_box_new ();
  gtk_widget_set_name (audit->list, "audit_list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (audit->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (audit->list, "boxed-list");
  gtk_widget_set_visible (audit->list, FALSE);
  gtk_box_append (GTK_BOX (inner), audit->list);
  adw_window_set_content (ADW_WINDOW (window), box);

  audit->window = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &audit->window);
  shou_sync_engine_get_audit_async (engine, account_id, 100, NULL, on_audit_cb, audit);
  return GTK_WINDOW (window);
}
