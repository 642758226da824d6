/* shou-preferences-window.h: the seller's preferences (Ctrl+,): for now
 * the shop's cap of a price difference refund for a bad review (the
 * setting review-price-difference-cap). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Returns: (transfer floating): a new preferences window over @parent,
 * not yet presented. Without the installed schema its rows are
 * insensitive. */
GtkWindow *shou_preferences_window_new (GtkWindow *parent);

G_END_DECLS
