/* shou-countdown-label.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shou-countdown-label.h"

struct _ShouCountdownLabel
{
  GtkWidget    parent_instance;

  GtkWidget   *icon;
  GtkLabel    *label;
  ShouClock   *clock;
  gulong       tick_id;
  gint64       deadline_at;
  ShouLapse    on_lapse;
  ShouUrgency  urgency;
  gboolean     lapsed;
  gboolean     approximate;
  gboolean     card;
  gboolean     compact;
};

G_DEFINE_FINAL_TYPE (ShouCountdownLabel, shou_countdown_label, GTK_TYPE_WIDGET)

/* Not only colour: an icon, and the text above, say the deadline passed. */
static void
set_lapsed (ShouCountdownLabel *self,
            gboolean            lapsed)
{
  if (self->lapsed == lapsed)
    return;

  self->lapsed = lapsed;
  gtk_widget_set_visible (self->icon, lapsed);
  if (lapsed)
    gtk_widget_add_css_class (GTK_WIDGET (self), "lapsed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "lapsed");
}

static void
shou_countdown_label_update (ShouCountdownLabel *self)
{
  g_autofree char *text = NULL;
  const char *old_class;
  const char *new_class;
  ShouUrgency urgency;
  gint64 now;

  if (self->deadline_at == 0 || self->clock == NULL)
    {
      gtk_label_set_text (self->label, "");
      urgency = SHOU_URGENCY_NONE;
    }
  else
    {
      now = shou_clock_get_now (self->clock);
      /* A passed deadline the platform has not applied yet: say what the
       * platform will do, not a time that keeps growing. */
      if (shou_deadline_is_lapsed (self->deadline_at, now) && self->on_lapse != SHOU_LAPSE_NONE)
        text = g_strdup (self->card ? shou_lapse_get_overdue_description (self->on_lapse)
                                    : shou_lapse_get_overdue_short (self->on_lapse));
      else if (self->compact && self->deadline_at >= now)
        text = shou_duration_format (self->deadline_at - now);
      else
        text = shou_countdown_format (self->deadline_at, now);
      if (self->approximate && !shou_deadline_is_lapsed (self->deadline_at, now))
        {
          char *about;

          /* Translators: %s is a countdown ("剩余 2天3小时") counted without the
           * holiday table for its year, so it may be off by a holiday: 约%s */
          about = g_strdup_printf (_("about %s"), text);
          g_free (text);
          text = about;
        }
      /* Setting the same text still queues a resize; most ticks change nothing. */
      if (g_strcmp0 (gtk_label_get_text (self->label), text) != 0)
        gtk_label_set_text (self->label, text);
      urgency = shou_urgency_for (self->deadline_at, now);
    }

  set_lapsed (self, urgency == SHOU_URGENCY_OVERDUE && self->on_lapse != SHOU_LAPSE_NONE);

  if (urgency == self->urgency)
    return;

  old_class = shou_urgency_get_css_class (self->urgency);
  new_class = shou_urgency_get_css_class (urgency);
  if (old_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), old_class);
  if (new_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), new_class);
  self->urgency = urgency;
}

static void
on_clock_tick_cb (ShouCountdownLabel *self)
{
  shou_countdown_label_update (self);
}

static void
shou_countdown_label_unwatch (ShouCountdownLabel *self)
{
  if (self->tick_id != 0)
    {
      shou_clock_unwatch (self->clock, self->tick_id);
      self->tick_id = 0;
    }
}

static void
shou_countdown_label_rewatch (ShouCountdownLabel *self)
{
  gboolean want = self->clock != NULL && self->deadline_at != 0;

  if (want && self->tick_id == 0)
    self->tick_id = shou_clock_watch (self->clock, G_CALLBACK (on_clock_tick_cb), self);
  else if (!want)
    shou_countdown_label_unwatch (self);
}

static gboolean
shou_countdown_label_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard_mode,
                                    GtkTooltip *tooltip)
{
  ShouCountdownLabel *self = SHOU_COUNTDOWN_LABEL (widget);
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  const char *lapse;

  if (self->deadline_at == 0)
    return FALSE;

  when = shou_time_format_local (self->deadline_at);
  lapse = self->on_lapse != SHOU_LAPSE_NONE
          ? shou_deadline_describe (self->deadline_at, self->on_lapse,
                                    self->clock != NULL ? shou_clock_get_now (self->clock) : g_get_real_time ())
          : NULL;
  /* Translators: %s is a date and time such as 2026-11-11 08:00 */
  text = g_strdup_printf (_("Deadline %s"), when);
  if (lapse != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", lapse, text);
      gtk_tooltip_set_text (tooltip, both);
    }
  else
    gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
shou_countdown_label_dispose (GObject *object)
{
  ShouCountdownLabel *self = SHOU_COUNTDOWN_LABEL (object);

  shou_countdown_label_unwatch (self);
  g_clear_object (&self->clock);
  g_clear_pointer ((GtkWidget **) &self->label, gtk_widget_unparent);
  g_clear_pointer (&self->icon, gtk_widget_unparent);

  G_OBJECT_CLASS (shou_countdown_label_parent_class)->dispose (object);
}

static void
shou_countdown_label_class_init (ShouCountdownLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_countdown_label_dispose;
  widget_class->query_tooltip = shou_countdown_label_query_tooltip;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "countdown-label");
}

static void
shou_countdown_label_init (ShouCountdownLabel *self)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_attributes (self->label, attrs);
  gtk_label_set_xalign (self->label, 0.0f);
  /* A narrow column shows two lines at most; the tooltip has it all. */
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->label, 2);
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_halign (GTK_WIDGET (self->label), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "countdown");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
  self->icon = gtk_image_new_from_icon_name ("alarm-symbolic");
  gtk_widget_add_css_class (self->icon, "lapsed-icon");
  gtk_widget_set_visible (self->icon, FALSE);
  /* The text says it; the icon is for the eye. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  pango_attr_list_unref (attrs);
}

GtkWidget *
shou_countdown_label_new (ShouClock *clock)
{
  ShouCountdownLabel *self;

  g_return_val_if_fail (clock == NULL || SHOU_IS_CLOCK (clock), NULL);

  self = g_object_new (SHOU_TYPE_COUNTDOWN_LABEL, NULL);
  shou_countdown_label_set_clock (self, clock);

  return GTK_WIDGET (self);
}

void
shou_countdown_label_set_clock (ShouCountdownLabel *self,
                                ShouClock          *clock)
{
  g_return_if_fail (SHOU_IS_COUNTDOWN_LABEL (self));
  g_return_if_fail (clock == NULL || SHOU_IS_CLOCK (clock));

  if (self->clock == clock)
    return;

  shou_countdown_label_unwatch (self);
  g_set_object (&self->clock, clock);
  shou_countdown_label_rewatch (self);
  shou_countdown_label_update (self);
}

void
shou_countdown_label_set_deadline (ShouCountdownLabel *self,
                                   gint64              deadline_at,
                                   ShouLapse           on_lapse)
{
  g_return_if_fail (SHOU_IS_COUNTDOWN_LABEL (self));

  self->deadline_at = deadline_at;
  self->on_lapse = on_lapse;
  shou_countdown_label_rewatch (self);
  shou_countdown_label_update (self);
}

void
shou_countdown_label_set_approximate (ShouCountdownLabel *self,
                                      gboolean            approximate)
{
  g_return_if_fail (SHOU_IS_COUNTDOWN_LABEL (self));

  if (self->approximate == !!approximate)
    return;
  self->approximate = !!approximate;
  shou_countdown_label_update (self);
}

void
shou_countdown_label_set_wrap (ShouCountdownLabel *self,
                               gboolean            wrap)
{
  g_return_if_fail (SHOU_IS_COUNTDOWN_LABEL (self));

  gtk_label_set_ellipsize (self->label, wrap ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (self->label, wrap ? -1 : 2);
  self->card = !!wrap;
  shou_countdown_label_update (self);
}

void
shou_countdown_label_set_compact (ShouCountdownLabel *self,
                                  gboolean            compact)
{
  g_return_if_fail (SHOU_IS_COUNTDOWN_LABEL (self));

  if (self->compact == !!compact)
    return;
  self->compact = !!compact;
  shou_countdown_label_update (self);
}

gboolean
shou_countdown_label_get_lapsed (ShouCountdownLabel *self)
{
  g_return_val_if_fail (SHOU_IS_COUNTDOWN_LABEL (self), FALSE);

  return self->lapsed;
}

const char *
shou_countdown_label_get_text (ShouCountdownLabel *self)
{
  g_return_val_if_fail (SHOU_IS_COUNTDOWN_LABEL (self), NULL);

  return gtk_label_get_text (self->label);
}

ShouUrgency
shou_countdown_label_get_urgency (ShouCountdownLabel *self)
{
  g_return_val_if_fail (SHOU_IS_COUNTDOWN_LABEL (self), SHOU_URGENCY_NONE);

  return self->urgency;
}
