/* shou-ui-util.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shou-ui-util.h"

void
shou_ui_toast (AdwToastOverlay *overlay,
               const char      *message,
               guint            timeout)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (message != NULL);

  /* A toast's title is Pango markup in libadwaita 1.2; messages may quote
   * server or buyer text, which is never markup. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (overlay, toast);
}

void
shou_ui_status_page_set_text (AdwStatusPage *page,
                              const char    *text)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  if (text != NULL)
    escaped = g_markup_escape_text (text, -1);
  adw_status_page_set_description (page, escaped);
}

void
shou_ui_toast_printf (AdwToastOverlay *overlay,
                      guint            timeout,
                      const char      *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  shou_ui_toast (overlay, message, timeout);
}

AdwMessageDialog *
shou_ui_confirm_dialog_new (GtkWindow        *parent,
                            const char       *heading,
                            const char       *body,
                            const char       *ok_id,
                            const char       *ok_label,
                            ShouConfirmFlags  flags)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (ok_id != NULL && ok_label != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_responses (dialog,
                                    SHOU_UI_RESPONSE_CANCEL, _("_Cancel"),
                                    ok_id, ok_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, ok_id,
                                              (flags & SHOU_CONFIRM_DESTRUCTIVE) != 0
                                              ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, (flags & SHOU_CONFIRM_SAFE) != 0
                                                   ? SHOU_UI_RESPONSE_CANCEL : ok_id);
  adw_message_dialog_set_close_response (dialog, SHOU_UI_RESPONSE_CANCEL);

  return dialog;
}
