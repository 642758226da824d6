/* shou-clock.h: one clock for the whole window. Countdown cells connect to
 * "tick" while they are bound, so rows off screen cost nothing. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SHOU_TYPE_CLOCK (shou_clock_get_type ())
G_DECLARE_FINAL_TYPE (ShouClock, shou_clock, SHOU, CLOCK, GObject)

/* Properties: "offset" (int64 usec, server minus local clock),
 *             "frozen-now" (int64 usec, 0 = follow real time).
 * Signals: "tick" (no arguments), emitted on every whole second. */
ShouClock *shou_clock_new            (void);
/* Server-corrected now, UTC usec. */
gint64     shou_clock_get_now        (ShouClock *self);
gint64     shou_clock_get_offset     (ShouClock *self);
void       shou_clock_set_offset     (ShouClock *self,
                                      gint64     offset);
/* Tests and screenshots: pin "now" (0 returns to real time). Emits "tick". */
void       shou_clock_set_frozen_now (ShouClock *self,
                                      gint64     now);
gint64     shou_clock_get_frozen_now (ShouClock *self);
/* Moves the clock forward by @usec (pins it if it was frozen). Emits "tick". */
void       shou_clock_advance        (ShouClock *self,
                                      gint64     usec);
/* Emits "tick" now. */
void       shou_clock_tick           (ShouClock *self);
/* "tick" handlers that count as listeners: what one tick costs grows with
 * their number, so tests can check it stays with the visible rows. */
gulong     shou_clock_watch          (ShouClock *self,
                                      GCallback  callback,
                                      gpointer   user_data);
void       shou_clock_unwatch        (ShouClock *self,
                                      gulong     handler_id);
guint      shou_clock_get_n_listeners (ShouClock *self);

G_END_DECLS
