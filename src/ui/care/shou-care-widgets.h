/* shou-care-widgets.h: the pieces the 售后关怀 tabs share: the scrolled,
 * clamped page with its title, summary and button, the titled boxed
 * lists, and labels whose text is shown as text (never as markup). */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

/* Builds @page's content: a scrolled window (*@scroller, parented to
 * @page, unparent it in dispose) with a clamped column: @title, a dim
 * summary line (*@summary) and @button (may be %NULL) on its right.
 * Returns the column, where the sections go. */
GtkBox     *shou_care_scaffold    (GtkWidget   *page,
                                   const char  *title,
                                   GtkWidget   *button,
                                   GtkWidget  **scroller,
                                   GtkLabel   **summary);
/* A heading and a boxed list with @empty as its placeholder, in @box. */
GtkListBox *shou_care_section     (GtkBox      *box,
                                   const char  *title,
                                   const char  *empty);
void        shou_care_clear_list  (GtkListBox  *list);
/* A wrapping, left-aligned label of plain @text, with @css_class (or %NULL). */
GtkWidget  *shou_care_plain_label (const char  *text,
                                   const char  *css_class);
/* A care record's row: @title (heading, also its accessible name), @text
 * (plain), @state (caption, in @css_class or dimmed) or, when not %NULL,
 * @conflict in the error style; *@buttons is the box for its steps. */
GtkWidget  *shou_care_record_row  (const char  *title,
                                   const char  *text,
                                   const char  *state,
                                   const char  *conflict,
                                   const char  *css_class,
                                   GtkWidget  **buttons);
/* A step's button in @buttons: @key and the static @step in its data
 * ("shou-key", "shou-step"), @name (taken) for a screen reader. */
void        shou_care_step_button (GtkWidget   *buttons,
                                   const char  *key,
                                   const char  *step,
                                   const char  *label,
                                   char        *name,
                                   GCallback    clicked,
                                   gpointer     data);
/* The server's time now as of the last sync: this machine's clock plus the
 * first account's clock offset (the window's clock does the same with
 * its one sync engine). Deadlines and due visits are the server's. */
gint64      shou_care_now         (ShouStore      *store);
typedef void (*ShouCareReload) (GtkWidget *page);
/* Calls @reload when @page is mapped, on @store's "changed" (in an idle,
 * while shown) and once a minute while shown, for the countdowns. */
void        shou_care_watch       (GtkWidget      *page,
                                   ShouStore      *store,
                                   ShouCareReload  reload);

G_END_DECLS
