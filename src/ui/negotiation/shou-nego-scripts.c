/* shou-nego-scripts.c: the scripts of a negotiation round. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-nego-scripts.h"

void
shou_nego_scripts_init (ShouNegoScripts *self,
                        guint            round)
{
  self->round = round;
  self->ids = g_ptr_array_new_with_free_func (g_free);
}

void
shou_nego_scripts_clear (ShouNegoScripts *self)
{
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->user_script, json_object_unref);
}

/* The seller's own scripts (from the store) may be edited and saved back. */
static gboolean
script_is_users (JsonObject *script)
{
  return json_object_get_boolean_member_with_default (script, "own", FALSE) ||
         json_object_get_boolean_member_with_default (script, "user", FALSE) ||
         g_strcmp0 (shou_nego_json_get_string (script, "source"), "user") == 0;
}

void
shou_nego_scripts_fill (ShouNegoScripts *self)
{
  g_autoptr(GPtrArray) scripts = NULL;
  const char *reason_code = shou_nego_json_get_string (self->ctx->request, "reason_code");
  const char *proposal = self->round == 2 ? self->proposal : NULL;
  guint shown = 0;

  shou_nego_clear_list (self->list);
  if (self->ctx->store == NULL || self->ctx->request == NULL)
    return;

  scripts = shou_store_list_scripts (self->ctx->store, self->ctx->platform, reason_code);
  for (guint i = 0; scripts != NULL && i < scripts->len; i++)
    {
      JsonObject *script = g_ptr_array_index (scripts, i);
      gint64 script_round = json_object_get_int_member_with_default (script, "round", 0);
      const char *script_proposal = shou_nego_json_get_string (script, "proposal");
      GtkWidget *row;
      GtkWidget *icon;

      if (script_round != 0 && (guint) script_round != self->round)
        continue;
      /* The message dialog's replies (data/scripts/meson.build) are not negotiation. */
      if (shou_nego_json_get_string (script, "flow") != NULL)
        continue;
      if (self->round == 2 && script_proposal != NULL && *script_proposal != '\0' &&
          g_strcmp0 (script_proposal, proposal) != 0)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shou_nego_json_get_string (script, "title"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shou_nego_json_get_string (script, "text"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (script_is_users (script))
        {
          GtkWidget *mine = gtk_label_new (_("Mine"));

          gtk_widget_add_css_class (mine, "caption");
          gtk_widget_add_css_class (mine, "accent");
          gtk_widget_set_valign (mine, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), mine);
        }
      icon = gtk_image_new_from_icon_name ("list-add-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      g_object_set_data_full (G_OBJECT (row), "script",
                              json_object_ref (script), (GDestroyNotify) json_object_unref);
      gtk_list_box_append (self->list, row);
      shown++;
    }

  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No scripts for this reason yet: write your own and save it"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->list, row);
    }
}

/* Scripts are appended, not replacing the text, so several can be combined
 * and the seller's own edits survive; their ids go to the API's "scripts". */
void
shou_nego_scripts_pick (ShouNegoScripts *self,
                        GtkListBoxRow   *row)
{
  JsonObject *script = g_object_get_data (G_OBJECT (row), "script");
  const char *id;

  if (script == NULL)
    return;

  shou_script_editor_append (self->editor, shou_nego_json_get_string (script, "text"));
  id = shou_nego_json_get_string (script, "id");
  if (id != NULL && !g_ptr_array_find_with_equal_func (self->ids, id, g_str_equal, NULL))
    g_ptr_array_add (self->ids, g_strdup (id));

  g_clear_pointer (&self->user_script, json_object_unref);
  if (script_is_users (script))
    self->user_script = json_object_ref (script);
}

/* @update: overwrite the seller's script last inserted instead of adding one. */
static void
save_script (ShouNegoScripts *self,
             GtkWidget       *page,
             const char      *title,
             gboolean         update)
{
  g_autoptr(JsonObject) script = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = shou_script_editor_get_text (self->editor);
  g_autofree char *id = NULL;
  JsonArray *codes = json_array_new ();
  const char *reason_code = shou_nego_json_get_string (self->ctx->request, "reason_code");

  if (update && self->user_script != NULL)
    json_object_set_string_member (script, "id", shou_nego_json_get_string (self->user_script, "id"));
  json_object_set_string_member (script, "platform", shou_platform_to_string (self->ctx->platform));
  if (reason_code != NULL)
    json_array_add_string_element (codes, reason_code);
  json_object_set_array_member (script, "reason_codes", codes);
  json_object_set_int_member (script, "round", self->round);
  if (self->round == 2)
    json_object_set_string_member (script, "proposal", self->proposal);
  json_object_set_string_member (script, "title", title);
  json_object_set_string_member (script, "text", text);
  json_object_set_boolean_member (script, "user", TRUE);

  id = shou_store_save_script (self->ctx->store, script, &error);
  if (id == NULL)
    {
      shou_nego_toast (page, error->message);
      return;
    }

  g_clear_pointer (&self->user_script, json_object_unref);
  json_object_set_string_member (script, "id", id);
  self->user_script = json_object_ref (script);
  shou_nego_scripts_fill (self);
  shou_nego_toast (page, _("Script saved"));
}

static void
on_save_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            GtkWidget        *page)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  ShouNegoScripts *self = g_object_get_data (G_OBJECT (dialog), "scripts");
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "cancel") == 0 || g_strcmp0 (response, "close") == 0)
    return;
  if (*title == '\0')
    {
      g_free (title);
      title = g_strdup (_("My script"));
    }
  save_script (self, page, title, g_strcmp0 (response, "update") == 0);
}

void
shou_nego_scripts_ask_save (ShouNegoScripts *self,
                            GtkWidget       *page)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  if (!shou_script_editor_get_clean (self->editor))
    {
      shou_nego_toast (page, shou_script_editor_get_problem (self->editor));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (page)), _("Save as Your Script?"),
                                   _("Your scripts are kept on this computer and offered for requests with the same reason."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Title"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (self->user_script != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), shou_nego_json_get_string (self->user_script, "title"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (self->user_script != NULL)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "update", _("_Update"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save as New"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "scripts", self);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_dialog_response_cb), page, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

JsonArray *
shou_nego_scripts_get_ids (ShouNegoScripts *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (self->ids, i));
  return array;
}
