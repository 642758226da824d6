/* shou-staff-dialog.c: see shou-staff-dialog.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-core.h"
#include "sync/shou-api-error.h"
#include "shou-staff-dialog.h"

typedef struct
{
  GtkWidget      *window;
  ShouSyncEngine *engine;
  char           *account_id;
  GtkWidget      *list;
  GtkWidget      *status;
  GtkWidget      *name_row;
  GtkWidget      *id_row;
  GtkWidget      *action_cap_row;
  GtkWidget      *day_cap_row;
  GtkWidget      *add_button;
  GtkWidget      *add_error;
} Staff;

static void staff_reload (Staff *staff);

static void
staff_free (Staff *staff)
{
  g_object_unref (staff->engine);
  g_free (staff->account_id);
  g_free (staff);
}

/* A call whose answer comes back to a dialog that may be gone. */
typedef struct
{
  GWeakRef  window;
  Staff    *staff;
  char     *name;
} Call;

static Call *
call_new (Staff      *staff,
          const char *name)
{
  Call *call = g_new0 (Call, 1);

  g_weak_ref_init (&call->window, staff->window);
  call->staff = staff;
  call->name = g_strdup (name);
  return call;
}

static Staff *
call_finish (Call       *call,
             GtkWidget **window)
{
  *window = g_weak_ref_get (&call->window);
  return *window != NULL ? call->staff : NULL;
}

static void
call_free (Call *call)
{
  g_weak_ref_clear (&call->window);
  g_free (call->name);
  g_free (call);
}

static char *
describe (JsonObject *member)
{
  const char *role = json_object_get_string_member_with_default (member, "role", "");
  JsonNode *caps_node = json_object_get_member (member, "caps");
  JsonObject *caps = caps_node && JSON_NODE_HOLDS_OBJECT (caps_node) ? json_node_get_object (caps_node) : NULL;
  const char *id = json_object_get_string_member_with_default (member, "staff_id", "");

  if (g_str_equal (role, "owner") || caps == NULL)
    return g_strdup_printf ("%s · %s", id, _("Owner"));
  {
    g_autofree char *per_action = shou_money_format (json_object_get_int_member_with_default (caps, "action_fen", 0));
    g_autofree char *per_day = shou_money_format (json_object_get_int_member_with_default (caps, "day_fen", 0));
    g_autofree char *limits = NULL;

    /* Translators: an agent's caps: "up to ¥50.00 per action, ¥200.00 per day" */
    limits = g_strdup_printf (_("up to %s per action, %s per day"), per_action, per_day);
    return g_strdup_printf ("%s · %s · %s", id, _("Agent"), limits);
  }
}

static void
on_revoked_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GtkWidget) window = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = shou_sync_engine_team_call_finish (SHOU_SYNC_ENGINE (object), result, &error);
  Staff *staff = call_finish (call, &window);

  if (staff != NULL)
    {
      if (error != NULL)
        gtk_label_set_text (GTK_LABEL (staff->status), error->message);
      gtk_widget_set_visible (staff->status, error != NULL);
      staff_reload (staff);
    }
  call_free (call);
}

static void
on_revoke_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Call             *call)
{
  g_autoptr(GtkWidget) window = NULL;
  Staff *staff = call_finish (call, &window);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  if (staff == NULL || !g_str_equal (response, "revoke"))
    return;
  escaped = g_uri_escape_string (call->name, NULL, FALSE);
  path = g_strdup_printf ("/v1/staff/%s", escaped);
  shou_sync_engine_team_call_async (staff->engine, staff->account_id, "DELETE", path, NULL, NULL,
                                    on_revoked_cb, call_new (staff, call->name));
}

static void
on_revoke_clicked_cb (GtkButton *button,
                      Staff     *staff)
{
  const char *id = g_object_get_data (G_OBJECT (button), "staff-id");
  const char *name = g_object_get_data (G_OBJECT (button), "staff-name");
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a staff member's name */
  heading = g_strdup_printf (_("Revoke %s’s Access?"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (staff->window), heading,
                                                       _("Their token stops working at once, and the requests "
                                                         "they were handling are free for others.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "revoke", _("_Revoke"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "revoke", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_revoke_response_cb), call_new (staff, id),
                         (GClosureNotify) call_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
member_row (Staff      *staff,
            JsonObject *member)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *revoke = gtk_button_new_from_icon_name ("user-trash-symbolic");
  const char *name = json_object_get_string_member_with_default (member, "name", "");
  g_autofree char *subtitle = describe (member);

  /* Names come from the hub: text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (revoke, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (revoke, "flat");
  gtk_widget_set_tooltip_text (revoke, _("Revoke Access"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (revoke), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Revoke Access"), -1);
  g_object_set_data_full (G_OBJECT (revoke), "staff-id",
                          g_strdup (json_object_get_string_member_with_default (member, "staff_id", "")), g_free);
  g_object_set_data_full (G_OBJECT (revoke), "staff-name", g_strdup (name), g_free);
  g_signal_connect (revoke, "clicked", G_CALLBACK (on_revoke_clicked_cb), staff);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), revoke);
  return row;
}

static void
on_list_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GtkWidget) window = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = shou_sync_engine_team_call_finish (SHOU_SYNC_ENGINE (object), result, &error);
  Staff *staff = call_finish (call, &window);
  JsonNode *node;
  GtkWidget *child;

  if (staff == NULL)
    goto out;
  while ((child = gtk_widget_get_first_child (staff->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (staff->list), child);
  node = answer ? json_object_get_member (answer, "staff") : NULL;
  for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) && i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *el = json_array_get_element (json_node_get_array (node), i);

      if (JSON_NODE_HOLDS_OBJECT (el))
        gtk_list_box_append (GTK_LIST_BOX (staff->list), member_row (staff, json_node_get_object (el)));
    }
  gtk_widget_set_visible (staff->list, gtk_widget_get_first_child (staff->list) != NULL);
  if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_FORBIDDEN))
    gtk_label_set_text (GTK_LABEL (staff->status), _("Only the shop owner manages the staff."));
  else if (error != NULL)
    gtk_label_set_text (GTK_LABEL (staff->status), error->message);
  gtk_widget_set_visible (staff->status, error != NULL);
  gtk_widget_set_sensitive (staff->add_button, error == NULL);
out:
  call_free (call);
}

static void
staff_reload (Staff *staff)
{
  shou_sync_engine_team_call_async (staff->engine, staff->account_id, "GET", "/v1/staff", NULL, NULL,
                                    on_list_cb, call_new (staff, NULL));
}

static void
show_token (Staff      *staff,
            const char *name,
            const char *token)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *label = gtk_label_new (token);

  /* Translators: %s is the new staff member's name */
  heading = g_strdup_printf (_("Give %s This Token"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (staff->window), heading,
                                                       _("They enter it with the hub’s address when they add "
                                                         "the account. It is shown only this once.")));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
  gtk_widget_set_name (label, "token_label");
  gtk_widget_add_css_class (label, "monospace");
  adw_message_dialog_set_extra_child (dialog, label);
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_added_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GtkWidget) window = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = shou_sync_engine_team_call_finish (SHOU_SYNC_ENGINE (object), result, &error);
  Staff *staff = call_finish (call, &window);
  const char *token = answer ? json_object_get_string_member_with_default (answer, "token", NULL) : NULL;

  if (staff == NULL)
    goto out;
  gtk_widget_set_sensitive (staff->add_button, TRUE);
  if (error != NULL || token == NULL)
    {
      gtk_label_set_text (GTK_LABEL (staff->add_error), error ? error->message : _("The hub did not make a token."));
      gtk_widget_set_visible (staff->add_error, TRUE);
      goto out;
    }
  gtk_widget_set_visible (staff->add_error, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (staff->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (staff->id_row), "");
  show_token (staff, call->name, token);
  staff_reload (staff);
out:
  call_free (call);
}

static void
on_add_clicked_cb (GtkButton *button,
                   Staff     *staff)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (staff->name_row));
  const char *id = gtk_editable_get_text (GTK_EDITABLE (staff->id_row));
  g_autoptr(JsonObject) body = json_object_new ();
  JsonObject *caps = json_object_new ();
  gint64 per_action = 0, per_day = 0;

  if (name[0] == '\0' || id[0] == '\0' ||
      !shou_money_parse (gtk_editable_get_text (GTK_EDITABLE (staff->action_cap_row)), &per_action, NULL) ||
      !shou_money_parse (gtk_editable_get_text (GTK_EDITABLE (staff->day_cap_row)), &per_day, NULL))
    {
      json_object_unref (caps);
      gtk_label_set_text (GTK_LABEL (staff->add_error),
                          _("Enter a name, a sign-in id and both limits in yuan (such as 500 or 49.90)."));
      gtk_widget_set_visible (staff->add_error, TRUE);
      return;
    }
  json_object_set_string_member (body, "staff_id", id);
  json_object_set_string_member (body, "name", name);
  json_object_set_string_member (body, "role", "agent");
  json_object_set_int_member (caps, "action_fen", per_action);
  json_object_set_int_member (caps, "day_fen", per_day);
  json_object_set_object_member (body, "caps", caps);
  gtk_widget_set_sensitive (staff->add_button, FALSE);
  shou_sync_engine_team_call_async (staff->engine, staff->account_id, "POST", "/v1/staff", body, NULL,
                                    on_added_cb, call_new (staff, name));
}

static GtkWidget *
entry_row (const char *title,
           const char *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  return row;
}

GtkWindow *
shou_staff_dialog_new (GtkWindow      *parent,
                       ShouSyncEngine *engine,
                       const char     *account_id)
{
  Staff *staff = g_new0 (Staff, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *add_list = gtk_list_box_new ();
  GtkWidget *heading;

  staff->window = window;
  staff->engine = g_object_ref (engine);
  staff->account_id = g_strdup (account_id);
  g_object_set_data_full (G_OBJECT (window), "shou-staff", staff, (GDestroyNotify) staff_free);

  gtk_window_set_title (GTK_WINDOW (window), _("Staff"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 600);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);

  staff->status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (staff->status), TRUE);
  gtk_widget_set_visible (staff->status, FALSE);
  gtk_box_append (GTK_BOX (inner), staff->status);
  staff->list = gtk_list_box_new ();
  gtk_widget_set_name (staff->list, "staff_list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (staff->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (staff->list, "boxed-list");
  gtk_widget_set_visible (staff->list, FALSE);
  gtk_box_append (GTK_BOX (inner), staff->list);

  heading = gtk_label_new (_("Add an Agent"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (inner), heading);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (add_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (add_list, "boxed-list");
  staff->name_row = entry_row (_("Name"), "name_row");
  staff->id_row = entry_row (_("Sign-in ID (letters and digits)"), "id_row");
  staff->action_cap_row = entry_row (_("Limit per Action (yuan)"), "action_cap_row");
  staff->day_cap_row = entry_row (_("Limit per Day (yuan)"), "day_cap_row");
  gtk_list_box_append (GTK_LIST_BOX (add_list), staff->name_row);
  gtk_list_box_append (GTK_LIST_BOX (add_list), staff->id_row);
  gtk_list_box_append (GTK_LIST_BOX (add_list), staff->action_cap_row);
  gtk_list_box_append (GTK_LIST_BOX (add_list), staff->day_cap_row);
  gtk_box_append (GTK_BOX (inner), add_list);
  staff->add_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (staff->add_error), TRUE);
  gtk_widget_add_css_class (staff->add_error, "error");
  gtk_widget_set_visible (staff->add_error, FALSE);
  gtk_box_append (GTK_BOX (inner), staff->add_error);
  staff->add_button = gtk_button_new_with_mnemonic (_("_Add Agent"));
  gtk_widget_set_name (staff->add_button, "add_button");
  gtk_widget_set_halign (staff->add_button, GTK_ALIGN_END);
  gtk_widget_add_css_class (staff->add_button, "suggested-action");
  g_signal_connect (staff->add_button, "clicked", G_CALLBACK (on_add_clicked_cb), staff);
  gtk_box_append (GTK_BOX (inner), staff->add_button);
  adw_window_set_content (ADW_WINDOW (window), box);

  staff_reload (staff);
  return GTK_WINDOW (window);
}
