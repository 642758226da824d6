/* shou-detail-incident.c: register a logistics incident from the request
 * the detail pane shows, suggested when its parcel's tracking stalls
 * (shou-detail-incident.h).
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "store/shou-store-care.h"
#include "ui/care/shou-incident-dialogs.h"
#include "ui/evidence/shou-logistics.h"
#include "shou-detail-incident.h"

struct _ShouDetailIncident
{
  AdwPreferencesGroup parent_instance;

  ShouStore    *store;
  JsonObject   *prefill;     /* for the dialog: shop, buyer, order, parcel */
  gboolean      suggests;
  AdwActionRow *suggest_row;
  GtkWidget    *button;
};

G_DEFINE_FINAL_TYPE (ShouDetailIncident, shou_detail_incident, ADW_TYPE_PREFERENCES_GROUP)

static const char *
get_string (JsonObject *object,
            const char *member)
{
  return object != NULL ? json_object_get_string_member_with_default (object, member, NULL) : NULL;
}

/* The order's latest parcel in the API's shape, or NULL. (transfer full) */
static JsonObject *
outbound_parcel (JsonObject *order)
{
  g_autoptr(GPtrArray) list = order != NULL ? shou_outbound_list_from_json (order, NULL) : NULL;
  ShouOutbound *parcel;

  if (list == NULL || list->len == 0)
    return NULL;
  parcel = g_ptr_array_index (list, list->len - 1);
  /* A signed or returned parcel is not stalled, however old its last event. */
  if (parcel->signed_at > 0 || parcel->returned_at > 0)
    {
      JsonObject *json = shou_outbound_to_json (parcel);

      json_object_set_boolean_member (json, "shou-done", TRUE);
      return json;
    }
  return shou_outbound_to_json (parcel);
}

void
shou_detail_incident_set_request (ShouDetailIncident *self,
                                  JsonObject         *request,
                                  ShouPlatform        platform,
                                  gint64              now)
{
  JsonObject *order = request != NULL && json_object_has_member (request, "order") &&
                      JSON_NODE_HOLDS_OBJECT (json_object_get_member (request, "order"))
                      ? json_object_get_object_member (request, "order") : NULL;
  JsonObject *buyer = order != NULL && json_object_has_member (order, "buyer") &&
                      JSON_NODE_HOLDS_OBJECT (json_object_get_member (order, "buyer"))
                      ? json_object_get_object_member (order, "buyer") : NULL;
  g_autoptr(JsonObject) outbound = order != NULL ? outbound_parcel (order) : NULL;
  JsonObject *parcels[3] = { NULL, NULL, outbound };
  const ShouProfile *profile = NULL;
  ShouProfiles *profiles = shou_profiles_get_default ();
  JsonObject *parcel = NULL;
  g_autofree char *stall = NULL;
  gint64 stall_us = 0;

  g_return_if_fail (SHOU_IS_DETAIL_INCIDENT (self));

  g_clear_pointer (&self->prefill, json_object_unref);
  self->suggests = FALSE;
  if (request != NULL)
    {
      const char *names[] = { "return_shipment", "exchange_shipment" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (json_object_has_member (request, names[i]) &&
            JSON_NODE_HOLDS_OBJECT (json_object_get_member (request, names[i])))
          parcels[i] = json_object_get_object_member (request, names[i]);
    }
  if (profiles != NULL)
    profile = shou_profiles_get (profiles, platform);
  if (profile != NULL)
    stall_us = shou_profile_get_logistics_stall (profile);

  /* The parcel: the first that stalled, else the return, the exchange's, the order's own. */
  for (guint i = 0; i < G_N_ELEMENTS (parcels) && stall == NULL; i++)
    if (parcels[i] != NULL && stall_us > 0 &&
        !json_object_get_boolean_member_with_default (parcels[i], "shou-done", FALSE))
      {
        stall = shou_logistics_describe_stall (parcels[i], stall_us, now);
        if (stall != NULL)
          parcel = parcels[i];
      }
  for (guint i = 0; i < G_N_ELEMENTS (parcels) && parcel == NULL; i++)
    parcel = parcels[i];

  gtk_widget_set_visible (GTK_WIDGET (self), parcel != NULL);
  if (parcel == NULL)
    return;

  self->prefill = json_object_new ();
  if (get_string (request, "shop_key") != NULL)
    json_object_set_string_member (self->prefill, "shop_key", get_string (request, "shop_key"));
  if (get_string (request, "id") != NULL)
    json_object_set_string_member (self->prefill, "aftersale_id", get_string (request, "id"));
  if (get_string (buyer, "nick") != NULL)
    json_object_set_string_member (self->prefill, "buyer_nick", get_string (buyer, "nick"));
  if (get_string (order, "order_no") != NULL)
    json_object_set_string_member (self->prefill, "order_no", get_string (order, "order_no"));
  if (get_string (parcel, "carrier") != NULL)
    json_object_set_string_member (self->prefill, "carrier", get_string (parcel, "carrier"));
  if (get_string (parcel, "tracking_no") != NULL)
    json_object_set_string_member (self->prefill, "tracking_no", get_string (parcel, "tracking_no"));

  /* Suggested once: not after an incident about this parcel was registered. */
  self->suggests = stall != NULL && self->store != NULL &&
                   !shou_store_has_incident_about (self->store, get_string (parcel, "tracking_no"),
                                                   get_string (order, "order_no"));
  gtk_widget_set_visible (GTK_WIDGET (self->suggest_row), self->suggests);
  if (self->suggests)
    adw_action_row_set_subtitle (self->suggest_row, stall);
  if (self->suggests)
    gtk_widget_add_css_class (self->button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->button, "suggested-action");
}

static void
on_register_clicked_cb (ShouDetailIncident *self)
{
  if (self->store == NULL || self->prefill == NULL)
    return;
  shou_incident_dialog_register_for (GTK_WIDGET (self), self->store, self->prefill);
}

gboolean
shou_detail_incident_suggests (ShouDetailIncident *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_INCIDENT (self), FALSE);

  return self->suggests && gtk_widget_get_visible (GTK_WIDGET (self));
}

GtkWidget *
shou_detail_incident_get_button (ShouDetailIncident *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_INCIDENT (self), NULL);

  return self->button;
}

void
shou_detail_incident_setup (ShouDetailIncident *self,
                            ShouStore          *store)
{
  g_return_if_fail (SHOU_IS_DETAIL_INCIDENT (self));
  g_return_if_fail (SHOU_IS_STORE (store));

  g_set_object (&self->store, store);
}

static void
shou_detail_incident_finalize (GObject *object)
{
  ShouDetailIncident *self = SHOU_DETAIL_INCIDENT (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->prefill, json_object_unref);

  G_OBJECT_CLASS (shou_detail_incident_parent_class)->finalize (object);
}

static void
shou_detail_incident_class_init (ShouDetailIncidentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shou_detail_incident_finalize;
}

static void
shou_detail_incident_init (ShouDetailIncident *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Logistics Incident"));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);

  self->suggest_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->suggest_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggest_row),
                                 _("Tracking has stalled: register a logistics incident, "
                                   "contact the courier and tell the buyer"));
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (self->suggest_row, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->suggest_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->suggest_row));

  /* Delayed, lost, damaged or signed by someone else (001 篇七). */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Delayed, lost, damaged or signed by someone else"));
  self->button = gtk_button_new_with_mnemonic (_("Re_gister Logistics Incident…"));
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (on_register_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
}
