/* shou-clock.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core/shou-core.h"
#include "shou-clock.h"

struct _ShouClock
{
  GObject  parent_instance;

  gint64   offset;
  gint64   frozen_now;
  guint    n_listeners;
  guint    timeout_id;
};

G_DEFINE_FINAL_TYPE (ShouClock, shou_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OFFSET,
  PROP_FROZEN_NOW,
  N_PROPS
};

enum {
  TICK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean on_timeout_cb (gpointer user_data);

static void
schedule_tick (ShouClock *self)
{
  gint64 usec_into_second = g_get_real_time () % G_USEC_PER_SEC;
  guint delay_ms = (guint) ((G_USEC_PER_SEC - usec_into_second) / 1000) + 1;

  /* Aligned to the wall clock so every cell changes in the same frame. */
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms,
                                         on_timeout_cb, self, NULL);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  ShouClock *self = user_data;

  self->timeout_id = 0;
  g_signal_emit (self, signals[TICK], 0);
  schedule_tick (self);

  return G_SOURCE_REMOVE;
}

static void
shou_clock_dispose (GObject *object)
{
  ShouClock *self = SHOU_CLOCK (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (shou_clock_parent_class)->dispose (object);
}

static void
shou_clock_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ShouClock *self = SHOU_CLOCK (object);

  switch (prop_id)
    {
    case PROP_OFFSET:
      g_value_set_int64 (value, self->offset);
      break;
    case PROP_FROZEN_NOW:
      g_value_set_int64 (value, self->frozen_now);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_clock_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ShouClock *self = SHOU_CLOCK (object);

  switch (prop_id)
    {
    case PROP_OFFSET:
      shou_clock_set_offset (self, g_value_get_int64 (value));
      break;
    case PROP_FROZEN_NOW:
      shou_clock_set_frozen_now (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_clock_class_init (ShouClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shou_clock_dispose;
  object_class->get_property = shou_clock_get_property;
  object_class->set_property = shou_clock_set_property;

  properties[PROP_OFFSET] =
    g_param_spec_int64 ("offset", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FROZEN_NOW] =
    g_param_spec_int64 ("frozen-now", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TICK] =
    g_signal_new ("tick",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
shou_clock_init (ShouClock *self)
{
  schedule_tick (self);
}

ShouClock *
shou_clock_new (void)
{
  return g_object_new (SHOU_TYPE_CLOCK, NULL);
}

gint64
shou_clock_get_now (ShouClock *self)
{
  g_return_val_if_fail (SHOU_IS_CLOCK (self), 0);

  if (self->frozen_now != 0)
    return self->frozen_now;

  return g_get_real_time () + self->offset;
}

gint64
shou_clock_get_offset (ShouClock *self)
{
  g_return_val_if_fail (SHOU_IS_CLOCK (self), 0);

  return self->offset;
}

void
shou_clock_set_offset (ShouClock *self,
                       gint64     offset)
{
  g_return_if_fail (SHOU_IS_CLOCK (self));

  if (self->offset == offset)
    return;

  self->offset = offset;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET]);
}

void
shou_clock_set_frozen_now (ShouClock *self,
                           gint64     now)
{
  g_return_if_fail (SHOU_IS_CLOCK (self));

  if (self->frozen_now != now)
    {
      self->frozen_now = now;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROZEN_NOW]);
    }

  g_signal_emit (self, signals[TICK], 0);
}

gint64
shou_clock_get_frozen_now (ShouClock *self)
{
  g_return_val_if_fail (SHOU_IS_CLOCK (self), 0);

  return self->frozen_now;
}

void
shou_clock_advance (ShouClock *self,
                    gint64     usec)
{
  g_return_if_fail (SHOU_IS_CLOCK (self));

  shou_clock_set_frozen_now (self, shou_clock_get_now (self) + usec);
}

void
shou_clock_tick (ShouClock *self)
{
  g_return_if_fail (SHOU_IS_CLOCK (self));

  g_signal_emit (self, signals[TICK], 0);
}

gulong
shou_clock_watch (ShouClock *self,
                  GCallback  callback,
                  gpointer   user_data)
{
  g_return_val_if_fail (SHOU_IS_CLOCK (self), 0);
  g_return_val_if_fail (callback != NULL, 0);

  self->n_listeners++;

  return g_signal_connect_swapped (self, "tick", callback, user_data);
}

void
shou_clock_unwatch (ShouClock *self,
                    gulong     handler_id)
{
  g_return_if_fail (SHOU_IS_CLOCK (self));
  g_return_if_fail (handler_id != 0);
  g_return_if_fail (self->n_listeners > 0);

  self->n_listeners--;
  g_signal_handler_disconnect (self, handler_id);
}

guint
shou_clock_get_n_listeners (ShouClock *self)
{
  g_return_val_if_fail (SHOU_IS_CLOCK (self), 0);

  return self->n_listeners;
}
