/* shou-sim-clock.h: the simulator's virtual clock: real time plus an offset
 * that test controls can advance. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SHOU_TYPE_SIM_CLOCK (shou_sim_clock_get_type ())
G_DECLARE_FINAL_TYPE (ShouSimClock, shou_sim_clock, SHOU, SIM_CLOCK, GObject)

ShouSimClock *shou_sim_clock_new        (void);
/* UTC microseconds on the simulator's clock. */
gint64        shou_sim_clock_now        (ShouSimClock *self);
gint64        shou_sim_clock_get_offset (ShouSimClock *self);
/* Moves the clock forward by @usec (>= 0); emits "advanced". */
void          shou_sim_clock_advance    (ShouSimClock *self,
                                         gint64        usec);

G_END_DECLS
