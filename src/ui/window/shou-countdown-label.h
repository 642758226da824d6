/* shou-countdown-label.h: "剩余 1天3小时" with its urgency colour, redrawn by
 * the window's ShouClock only while it has a deadline (i.e. while bound). */
#pragma once

#include <gtk/gtk.h>

#include "core/shou-core.h"
#include "shou-clock.h"

G_BEGIN_DECLS

#define SHOU_TYPE_COUNTDOWN_LABEL (shou_countdown_label_get_type ())
G_DECLARE_FINAL_TYPE (ShouCountdownLabel, shou_countdown_label, SHOU, COUNTDOWN_LABEL, GtkWidget)

GtkWidget   *shou_countdown_label_new          (ShouClock          *clock);
void         shou_countdown_label_set_clock    (ShouCountdownLabel *self,
                                                ShouClock          *clock);
/* @deadline_at 0 clears the label and stops listening to the clock. */
void         shou_countdown_label_set_deadline (ShouCountdownLabel *self,
                                                gint64              deadline_at,
                                                ShouLapse           on_lapse);
/* The deadline counts working days in a year without a holiday table:
 * the countdown says "about" (约) before it. */
void         shou_countdown_label_set_approximate (ShouCountdownLabel *self,
                                                   gboolean            approximate);
/* Wraps long text on as many lines as it needs (a card), instead of two
 * lines ending with "…" (a column). A column says a passed deadline's
 * outcome in a few words (shou_lapse_get_overdue_short ()); its tooltip
 * and a card say it all. */
void         shou_countdown_label_set_wrap     (ShouCountdownLabel *self,
                                                gboolean            wrap);
/* In a column headed 剩余时间 (Time Left): a deadline to come shows its
 * span alone ("16小时59分钟"), so that it fits one line of the dense table;
 * the tooltip says it all. */
void         shou_countdown_label_set_compact  (ShouCountdownLabel *self,
                                                gboolean            compact);
const char  *shou_countdown_label_get_text     (ShouCountdownLabel *self);
ShouUrgency  shou_countdown_label_get_urgency  (ShouCountdownLabel *self);
/* TRUE while the deadline passed and its outcome is still to come: the
 * label then has the "lapsed" style class, an icon and the outcome text. */
gboolean     shou_countdown_label_get_lapsed   (ShouCountdownLabel *self);

G_END_DECLS
