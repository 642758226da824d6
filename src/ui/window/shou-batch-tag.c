/* shou-batch-tag.c: see shou-batch-tag.h. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "store/shou-store-annotations.h"
#include "shou-batch-tag.h"

typedef struct
{
  ShouDetailPane *pane;
  GPtrArray      *keys;
  GtkEntry       *entry;
} Ask;

static void
ask_free (gpointer data)
{
  Ask *ask = data;

  g_clear_object (&ask->pane);
  g_clear_pointer (&ask->keys, g_ptr_array_unref);
  g_free (ask);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                gpointer          user_data)
{
  Ask *ask = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *text = NULL;
  guint queued;

  if (!g_str_equal (response, "tag"))
    return;
  tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->entry))));
  g_ptr_array_add (ask->keys, NULL);
  queued = shou_store_annotate_many (shou_detail_pane_get_store (ask->pane),
                                     (const char *const *) ask->keys->pdata,
                                     SHOU_ANNOTATION_ADD_TAG, tag, &error);
  g_ptr_array_remove_index (ask->keys, ask->keys->len - 1);
  if (queued == 0 && error != NULL)
    text = g_strdup (error->message);
  else
    /* Translators: a toast after a batch tag ("已为 30 个售后单添加标签“加急”") */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tag “%2$s” added to %1$u request",
                                         "Tag “%2$s” added to %1$u requests", queued), queued, tag);
  g_signal_emit_by_name (ask->pane, "toast", text);
}

static void
on_entry_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "tag",
                                           shou_annotation_check_value (SHOU_ANNOTATION_ADD_TAG, tag) == NULL);
}

void
shou_batch_tag_ask (GtkWindow      *parent,
                    ShouDetailPane *pane,
                    GPtrArray      *keys)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  Ask *ask;

  g_return_if_fail (SHOU_IS_DETAIL_PANE (pane));
  g_return_if_fail (keys != NULL);

  /* Translators: the batch tag dialog's text; %u requests are chosen */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The tag goes on the %u chosen request. Only your team sees it.",
                                       "The tag goes on the %u chosen requests. Only your team sees it.", keys->len),
                          keys->len);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Add a Tag"), body));
  ask = g_new0 (Ask, 1);
  ask->pane = g_object_ref (pane);
  ask->keys = g_ptr_array_ref (keys);
  ask->entry = GTK_ENTRY (gtk_entry_new ());
  /* Translators: the batch tag dialog's field */
  gtk_entry_set_placeholder_text (ask->entry, _("New tag"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New tag"), -1);
  gtk_entry_set_activates_default (ask->entry, TRUE);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (ask->entry));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "tag", _("Add Tag"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "tag", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "tag");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "tag", FALSE);
  g_signal_connect_object (ask->entry, "changed", G_CALLBACK (on_entry_changed_cb), dialog, 0);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response_cb), ask, (GClosureNotify) ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
