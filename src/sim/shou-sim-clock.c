#include "config.h"

#include "shou-sim-clock.h"

struct _ShouSimClock
{
  GObject parent_instance;
  gint64  offset;
};

G_DEFINE_FINAL_TYPE (ShouSimClock, shou_sim_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OFFSET,
  N_PROPS
};

enum {
  ADVANCED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
shou_sim_clock_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShouSimClock *self = SHOU_SIM_CLOCK (object);

  switch (prop_id)
    {
    case PROP_OFFSET:
      g_value_set_int64 (value, self->offset);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_sim_clock_class_init (ShouSimClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = shou_sim_clock_get_property;

  properties[PROP_OFFSET] =
    g_param_spec_int64 ("offset", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ADVANCED] = g_signal_new ("advanced",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
shou_sim_clock_init (ShouSimClock *self)
{
}

ShouSimClock *
shou_sim_clock_new (void)
{
  return g_object_new (SHOU_TYPE_SIM_CLOCK, NULL);
}

gint64
shou_sim_clock_now (ShouSimClock *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_CLOCK (self), 0);

  return g_get_real_time () + self->offset;
}

gint64
shou_sim_clock_get_offset (ShouSimClock *self)
{
  g_return_val_if_fail (SHOU_IS_SIM_CLOCK (self), 0);

  return self->offset;
}

void
shou_sim_clock_advance (ShouSimClock *self,
                        gint64        usec)
{
  g_return_if_fail (SHOU_IS_SIM_CLOCK (self));
  g_return_if_fail (usec >= 0);

  if (usec == 0)
    return;

  self->offset += usec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET]);
  g_signal_emit (self, signals[ADVANCED], 0, usec);
}
