/* shou-autorules-window-file.c: 导出规则… and 导入规则… in the rules window:
 * the rules as a JSON file (core's shou_autorules_to_text()), chosen with
 * GtkFileChooserNative. An import takes the place of the rules shown (the
 * cache's, or the team hub's), all off until their dry runs, once the
 * seller confirms; a file that cannot be read or is not an export changes
 * nothing and says so. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-autorules-window-private.h"
#include "ui/shou-ui-util.h"

/* An export of the most rules a hub takes (100) is a few hundred KB. */
#define MAX_FILE_BYTES (4 * 1024 * 1024)

static void
toast (ShouAutorulesWindow *self,
       const char          *text)
{
  shou_ui_toast (self->toasts, text, SHOU_TOAST_TIMEOUT);
}

static GtkFileChooserNative *
chooser_new (ShouAutorulesWindow  *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept,
                                                               _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Rules (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}

/* ---- export --------------------------------------------------------------- */

static void
on_written_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ShouAutorulesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The rules could not be saved: %s"), error->message);
      toast (self, text);
      return;
    }
  toast (self, _("Rules exported"));
}

static void
on_export_response_cb (GtkNativeDialog     *chooser,
                       int                  response,
                       ShouAutorulesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) none = g_ptr_array_new ();
      char *text = shou_autorules_to_text (self->rules != NULL ? self->rules : none);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      if (file != NULL)
        g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                             self->cancellable, on_written_cb, g_object_ref (self));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
shou_autorules_file_export (ShouAutorulesWindow *self)
{
  GtkFileChooserNative *chooser;

  g_return_if_fail (SHOU_IS_AUTORULES_WINDOW (self));

  chooser = chooser_new (self, _("Export Rules"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  /* Translators: the file name an export of the automatic rules suggests */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("rules.json"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- import --------------------------------------------------------------- */

static void
replace (ShouAutorulesWindow *self,
         GPtrArray           *rules)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (self->hub)
    {
      shou_autorules_hub_replace (self, rules);
      return;
    }
  text = shou_autorules_to_text (rules);
  if (!shou_store_import_autorules (self->store, self->account_id, text, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The rules could not be imported: %s"), error->message);

      toast (self, message);
      return;
    }
  shou_autorules_window_imported (self, rules->len);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  ShouAutorulesWindow *self = user_data;
  GPtrArray *rules = g_object_get_data (G_OBJECT (dialog), "shou-rules");

  if (g_strcmp0 (response, "replace") == 0 && rules != NULL)
    replace (self, rules);
}

/* Where rules are shown, the file's take their place once the seller
 * says so. */
static void
confirm (ShouAutorulesWindow *self,
         GPtrArray           *rules)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->rules == NULL || self->rules->len == 0)
    {
      replace (self, rules);
      return;
    }
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The file holds %u rule. It takes the place of the %u shown here "
                                       "and stays off until its dry run.",
                                       "The file holds %u rules. They take the place of the %u shown here "
                                       "and stay off until their dry runs.", rules->len),
                          rules->len, self->rules->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Rules?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "replace", _("_Replace Rules"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "shou-rules", g_ptr_array_ref (rules),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ShouAutorulesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The file could not be read: %s. The rules are as they were."), error->message);
      toast (self, text);
      return;
    }
  if (length <= MAX_FILE_BYTES && g_utf8_validate (contents, length, NULL))
    rules = shou_autorules_from_text (contents, &error);
  if (rules == NULL)
    {
      g_debug ("Not a rules export: %s", error != NULL ? error->message : "too large or not UTF-8");
      toast (self, _("This file is not an export of automatic rules. The rules are as they were."));
      return;
    }
  confirm (self, rules);
}

static void
on_import_response_cb (GtkNativeDialog     *chooser,
                       int                  response,
                       ShouAutorulesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        g_file_load_contents_async (file, self->cancellable, on_read_cb, g_object_ref (self));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
shou_autorules_file_import (ShouAutorulesWindow *self)
{
  GtkFileChooserNative *chooser;

  g_return_if_fail (SHOU_IS_AUTORULES_WINDOW (self));

  chooser = chooser_new (self, _("Import Rules"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
