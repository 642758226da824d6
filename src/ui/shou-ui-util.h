/* shou-ui-util.h: what every window of the app does the same way: toasts
 * (a saved action, an error) and the confirmation of a step that cannot be
 * taken back. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* libadwaita's own default, in seconds. */
#define SHOU_TOAST_TIMEOUT 5

/* Response id of every confirmation's Cancel. */
#define SHOU_UI_RESPONSE_CANCEL "cancel"

typedef enum
{
  SHOU_CONFIRM_SUGGESTED   = 0,
  /* The OK button is red: the step deletes or refuses. */
  SHOU_CONFIRM_DESTRUCTIVE = 1 << 0,
  /* Money or data goes and cannot be taken back: Enter and Escape both
   * answer Cancel; the seller clicks (or tabs to) the OK button. */
  SHOU_CONFIRM_SAFE        = 1 << 1,
} ShouConfirmFlags;

/* Shows @message (plain text, never markup) for @timeout seconds. */
void              shou_ui_toast              (AdwToastOverlay  *overlay,
                                              const char       *message,
                                              guint             timeout);
/* A status page's description is markup in libadwaita 1.2: @text (plain
 * text, may quote server text or what the seller typed) is escaped. */
void              shou_ui_status_page_set_text (AdwStatusPage  *page,
                                                const char     *text);
/* The same, from a printf format with its arguments. */
void              shou_ui_toast_printf       (AdwToastOverlay  *overlay,
                                              guint             timeout,
                                              const char       *format,
                                              ...) G_GNUC_PRINTF (3, 4);

/* A dialog with Cancel ("cancel", also the close response) and @ok_id
 * labelled @ok_label; the caller adds its extra child, connects "response"
 * and presents it. */
AdwMessageDialog *shou_ui_confirm_dialog_new (GtkWindow        *parent,
                                              const char       *heading,
                                              const char       *body,
                                              const char       *ok_id,
                                              const char       *ok_label,
                                              ShouConfirmFlags  flags);

G_END_DECLS
