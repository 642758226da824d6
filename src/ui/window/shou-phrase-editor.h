/* shou-phrase-editor.h: the 常用语 window, where the seller adds, edits and
 * deletes saved reply phrases (shou-phrases.h), and the 常用语 button of the
 * single-request reply, which puts a phrase into the message. */
#pragma once

#include <gtk/gtk.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

/* Opens the phrase window. With @shop_id (a shop's key), a new phrase may
 * be kept for that shop only. Returns the window (for tests). */
GtkWindow *shou_phrase_editor_present   (GtkWindow  *parent,
                                         ShouStore  *store,
                                         const char *shop_id);
/* The phrase window open now, or NULL (for tests). */
GtkWindow *shou_phrase_editor_get_current (void);
/* A menu button listing @shop_id's phrases (and every shop's): a chosen one
 * goes into @view at the cursor; its last entry opens the phrase window. */
GtkWidget *shou_phrase_button_new       (ShouStore   *store,
                                         const char  *shop_id,
                                         GtkTextView *view);
/* The name of the shop with key @shop_id, for "only for 某店" (a new string). */
char      *shou_phrase_shop_name        (ShouStore   *store,
                                         const char  *shop_id);

G_END_DECLS
