/* shou-preferences-window.c: the preferences window
 * (shou-preferences-window.h).
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-review.h"
#include "shou-preferences-window.h"

#define SETTINGS_ID "io.github.shouhou.Shouhou"
#define CAP_KEY     "review-price-difference-cap"

/* The setting is in fen; the seller types yuan. */
static gboolean
fen_to_yuan (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 100.0);
  return TRUE;
}

static GVariant *
yuan_to_fen (const GValue       *value,
             const GVariantType *expected_type,
             gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) (g_value_get_double (value) * 100.0 + 0.5));
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, SETTINGS_ID, TRUE)
                                                     : NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, CAP_KEY))
    return NULL;
  return g_settings_new (SETTINGS_ID);
}

GtkWindow *
shou_preferences_window_new (GtkWindow *parent)
{
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1.0, SHOU_REVIEW_PRICE_DIFFERENCE_CAP_FEN / 100.0, 0.5);
  g_autoptr(GSettings) settings = settings_new_if_installed ();

  gtk_window_set_title (GTK_WINDOW (window), _("Preferences"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 360);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("After-Sales Care"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "emblem-favorite-symbolic");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Bad Reviews"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Most price difference refund (yuan)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Offered to settle a bad review, unless the buyer has left six or more bad reviews. "
                                 "At most 5 yuan."));
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), SHOU_REVIEW_PRICE_DIFFERENCE_CAP_FEN / 100.0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (spin, "review-price-difference-cap");
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Most price difference refund (yuan)"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  if (settings != NULL)
    g_settings_bind_with_mapping (settings, CAP_KEY, spin, "value", G_SETTINGS_BIND_DEFAULT,
                                  fen_to_yuan, yuan_to_fen, NULL, NULL);
  else
    gtk_widget_set_sensitive (row, FALSE);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  return GTK_WINDOW (window);
}
