/* shou-welcome-page.h: first run, shown while the store has no account. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SHOU_TYPE_WELCOME_PAGE (shou_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouWelcomePage, shou_welcome_page, SHOU, WELCOME_PAGE, AdwBin)

/* Signals: "demo-requested", "connect-requested". */
GtkWidget *shou_welcome_page_new       (void);
/* While the demo starts: a spinner, both buttons insensitive. */
void       shou_welcome_page_set_busy  (ShouWelcomePage *self,
                                        gboolean         busy);
/* @message: (nullable): translated text shown under the buttons. */
void       shou_welcome_page_set_error (ShouWelcomePage *self,
                                        const char      *message);

G_END_DECLS
