/* shou-order-parcel.c: the order's own parcel in the detail pane. */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/evidence/shou-logistics.h"
#include "shou-detail-sections.h"
#include "shou-order-parcel.h"

struct _ShouOrderParcel
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *state_row;
  AdwActionRow        *due_row;
  AdwActionRow        *wait_row;
  AdwActionRow        *express_row;
  GtkWidget           *tracking_view;
};

G_DEFINE_FINAL_TYPE (ShouOrderParcel, shou_order_parcel, ADW_TYPE_PREFERENCES_GROUP)

static const ShouProfile *
profile_for (ShouPlatform platform)
{
  ShouProfiles *profiles = shou_profiles_get_default ();

  return profiles != NULL ? shou_profiles_get (profiles, platform) : NULL;
}

/* The latest parcel of @order, or NULL. */
static ShouOutbound *
latest_parcel (JsonObject *order)
{
  g_autoptr(GPtrArray) list = order ? shou_outbound_list_from_json (order, NULL) : NULL;

  if (list == NULL || list->len == 0)
    return NULL;
  return g_ptr_array_steal_index (list, list->len - 1);
}

/* When the shipping clock starts: the group formed (拼团成功, when the order
 * says so), else payment. */
static gint64
shipping_start (JsonObject *order)
{
  gint64 formed = json_object_get_int_member_with_default (order, "group_formed_at", 0);

  return formed > 0 ? formed : json_object_get_int_member_with_default (order, "paid_at", 0);
}

char *
shou_order_parcel_describe_due (JsonObject  *order,
                                ShouPlatform platform,
                                gint64       now,
                                ShouShipDue *out_due)
{
  const ShouProfile *profile = profile_for (platform);
  g_autoptr(ShouOutbound) parcel = NULL;
  g_autofree char *countdown = NULL;
  g_autofree char *penalty = NULL;
  ShouShippingRules rules;
  ShouOrderState state;
  ShouShipDue due = { 0 };
  const char *what;

  if (out_due != NULL)
    *out_due = due;
  if (order == NULL || profile == NULL ||
      !shou_order_state_from_string (json_object_get_string_member_with_default (order, "state", ""), &state))
    return NULL;
  parcel = latest_parcel (order);
  shou_shipping_rules_from_profile (profile, &rules);
  shou_shipping_due (&rules, state, shipping_start (order), parcel, now, &due);
  if (out_due != NULL)
    *out_due = due;
  if (due.kind == SHOU_SHIP_DUE_NONE)
    return NULL;

  what = due.kind == SHOU_SHIP_DUE_SHIP ? _("Ship and have it collected")
                                        : _("First tracking event");
  countdown = shou_countdown_format (due.due_at, now);
  if (rules.late_penalty_fen > 0)
    {
      g_autofree char *money = shou_money_format (rules.late_penalty_fen);

      /* TRANSLATORS: the platform deducts this amount for each late order */
      penalty = g_strdup_printf (due.late ? _("late: %s deducted") : _("if late: %s deducted"), money);
    }
  else if (rules.late_refund_is_review)
    penalty = g_strdup (due.late ? _("late: the buyer may complain; a refund for not shipping counts like a bad review")
                                 : _("if late: the buyer may complain"));
  if (penalty != NULL)
    /* Translators: "Ship and have it collected: 5 h left · if late: ¥5.00 deducted" */
    return g_strdup_printf (_("%s: %s · %s"), what, countdown, penalty);
  /* Translators: "Ship and have it collected: 5 h left" */
  return g_strdup_printf (_("%s: %s"), what, countdown);
}

char *
shou_order_parcel_describe_wait (JsonObject *request,
                                 gboolean   *out_returned)
{
  JsonObject *order = shou_json_get_object (request, "order");
  g_autoptr(ShouOutbound) parcel = latest_parcel (order);
  JsonObject *wait = shou_json_get_object (request, "parcel_wait");
  ShouParcelWait mode = SHOU_PARCEL_WAIT_NONE;
  ShouRequestType type;
  ShouRequestStatus status;

  if (out_returned != NULL)
    *out_returned = FALSE;
  if (parcel == NULL ||
      !shou_request_type_from_string (shou_json_get_string (request, "type"), &type) ||
      !shou_status_from_string (shou_json_get_string (request, "status"), &status) ||
      type != SHOU_REQUEST_REFUND_ONLY || shou_status_is_finished (status))
    return NULL;
  if (wait != NULL && !shou_parcel_wait_from_string (shou_json_get_string (wait, "mode"), &mode))
    mode = SHOU_PARCEL_WAIT_NONE;

  /* 000 ⑵ 二.2: 若未簽收，可以直接拒收，商品會退回賣家，賣家在收到商品之後會退款;
   * 003: 已发货:联系客户拒签,并告知快递打回. */
  switch (shou_outbound_get_state (parcel))
    {
    case SHOU_OUTBOUND_SHIPPED:
    case SHOU_OUTBOUND_COLLECTED:
    case SHOU_OUTBOUND_IN_TRANSIT:
      if (mode == SHOU_PARCEL_WAIT_INTERCEPT)
        return g_strdup (_("Intercept requested: the courier turns the parcel back; refund once it has arrived"));
      if (mode == SHOU_PARCEL_WAIT_AWAIT)
        return g_strdup (_("Waiting for the buyer to refuse the parcel and for it to come back: "
                           "refund once it has arrived"));
      return g_strdup (_("Not signed for yet: ask the buyer to refuse the parcel, or intercept it; "
                         "refund once it is back"));
    case SHOU_OUTBOUND_REFUSED:
    case SHOU_OUTBOUND_RETURNING:
      if (mode == SHOU_PARCEL_WAIT_INTERCEPT)
        return g_strdup (_("Intercepted: the parcel is coming back; refund once it has arrived"));
      return g_strdup (_("Waiting for the parcel to come back: refund once it has arrived"));
    case SHOU_OUTBOUND_RETURNED:
      if (out_returned != NULL)
        *out_returned = TRUE;
      return g_strdup (_("The parcel is back with the seller: the refund can be agreed"));
    case SHOU_OUTBOUND_SIGNED:
    case SHOU_N_OUTBOUND_STATES:
    default:
      return NULL;
    }
}

/* The wait row's title: the seller's choice, or what the parcel did. */
static const char *
wait_title (JsonObject *request,
            gboolean    returned)
{
  ShouParcelWait mode = SHOU_PARCEL_WAIT_NONE;

  if (returned)
    return _("Parcel Returned");
  shou_parcel_wait_from_string (shou_json_get_string (shou_json_get_object (request, "parcel_wait"), "mode"), &mode);
  if (mode == SHOU_PARCEL_WAIT_INTERCEPT)
    return _("Parcel Intercepted");
  if (mode == SHOU_PARCEL_WAIT_AWAIT)
    return _("Waiting for the Parcel");
  return _("Refused Delivery");
}

char *
shou_order_parcel_describe_express (JsonObject *request,
                                    gint64      now)
{
  JsonObject *express = shou_json_get_object (request, "express_refund");
  g_autofree char *paid = NULL;
  ShouRequestStatus status = SHOU_STATUS_WAIT_SELLER;
  gint64 deadline = json_object_get_int_member_with_default (request, "deadline_at", 0);
  gboolean can_appeal = FALSE;
  JsonArray *allowed = shou_json_get_array (request, "allowed_actions");

  if (express == NULL)
    return NULL;
  for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
    if (g_strcmp0 (json_array_get_string_element (allowed, i), "appeal") == 0)
      can_appeal = TRUE;
  shou_status_from_string (shou_json_get_string (request, "status"), &status);
  paid = shou_time_format_local (json_object_get_int_member_with_default (express, "paid_at", 0));

  /* 000 ⑵ 淘寶極速退款後不退貨: the platform paid first; without the goods the seller appeals. */
  if (json_object_get_boolean_member_with_default (express, "appealed", FALSE))
    /* Translators: %s: when the platform paid the buyer */
    return g_strdup_printf (_("Money already paid to the buyer (%s) · appeal sent: the platform decides"), paid);
  if (can_appeal)
    /* Translators: %s: when the platform paid the buyer */
    return g_strdup_printf (_("Money already paid to the buyer (%s) · the goods have not come back: "
                              "appeal with the tracking evidence"), paid);
  if (status == SHOU_STATUS_WAIT_BUYER_RETURN && deadline > 0)
    {
      g_autofree char *countdown = shou_countdown_format (deadline, now);

      /* Translators: %s: when the platform paid the buyer; %s: time left ("2 days 3 h left") */
      return g_strdup_printf (_("Money already paid to the buyer (%s) · watch the return: the buyer must ship it back, %s"),
                              paid, countdown);
    }
  if (status == SHOU_STATUS_SUCCESS)
    /* Translators: %s: when the platform paid the buyer */
    return g_strdup_printf (_("Money already paid to the buyer (%s) · the return arrived"), paid);
  /* Translators: %s: when the platform paid the buyer */
  return g_strdup_printf (_("Money already paid to the buyer (%s) · watch the return"), paid);
}

void
shou_order_parcel_set_request (ShouOrderParcel *self,
                               JsonObject      *request,
                               ShouPlatform     platform,
                               gint64           now)
{
  JsonObject *order = shou_json_get_object (request, "order");
  g_autoptr(ShouOutbound) parcel = latest_parcel (order);
  g_autofree char *due_text = NULL;
  g_autofree char *wait_text = NULL;
  g_autofree char *express_text = NULL;
  ShouShipDue due;
  gboolean returned = FALSE;

  g_return_if_fail (SHOU_IS_ORDER_PARCEL (self));

  due_text = shou_order_parcel_describe_due (order, platform, now, &due);
  wait_text = request != NULL ? shou_order_parcel_describe_wait (request, &returned) : NULL;
  express_text = request != NULL ? shou_order_parcel_describe_express (request, now) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), parcel != NULL || due_text != NULL || express_text != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->state_row), parcel != NULL);
  if (parcel != NULL)
    {
      ShouOutboundState state = shou_outbound_get_state (parcel);
      const gint64 times[] = { parcel->shipped_at, parcel->collected_at, parcel->first_event_at,
                               parcel->signed_at, parcel->refused_at, parcel->returning_at,
                               parcel->returned_at };
      g_autofree char *when = shou_time_format_local (times[state]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), shou_outbound_state_get_label (state));
      adw_action_row_set_subtitle (self->state_row, when);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->due_row), due_text != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_row), "error");
  if (due_text != NULL)
    {
      adw_action_row_set_subtitle (self->due_row, due_text);
      if (due.late)
        gtk_widget_add_css_class (GTK_WIDGET (self->due_row), "error");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->wait_row), wait_text != NULL);
  if (wait_text != NULL)
    {
      adw_action_row_set_subtitle (self->wait_row, wait_text);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->wait_row), wait_title (request, returned));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->express_row), express_text != NULL);
  if (express_text != NULL)
    adw_action_row_set_subtitle (self->express_row, express_text);

  gtk_widget_set_visible (self->tracking_view, parcel != NULL);
  if (parcel != NULL)
    {
      g_autoptr(JsonObject) json = shou_outbound_to_json (parcel);
      const ShouProfile *profile = profile_for (platform);
      gboolean done = parcel->signed_at > 0 || parcel->returned_at > 0;

      /* A signed or returned parcel is not stalled, however old its last event. */
      shou_tracking_view_set_shipment (SHOU_TRACKING_VIEW (self->tracking_view), json,
                                       profile != NULL && !done ? shou_profile_get_logistics_stall (profile) : 0,
                                       now);
    }
}

void
shou_order_parcel_tick (ShouOrderParcel *self,
                        JsonObject      *request,
                        ShouPlatform     platform,
                        gint64           now)
{
  g_autofree char *due_text = NULL;
  g_autofree char *express_text = NULL;
  ShouShipDue due;

  g_return_if_fail (SHOU_IS_ORDER_PARCEL (self));

  if (request == NULL || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  due_text = shou_order_parcel_describe_due (shou_json_get_object (request, "order"), platform, now, &due);
  if (due_text != NULL && gtk_widget_get_visible (GTK_WIDGET (self->due_row)) &&
      g_strcmp0 (due_text, adw_action_row_get_subtitle (self->due_row)) != 0)
    adw_action_row_set_subtitle (self->due_row, due_text);
  express_text = shou_order_parcel_describe_express (request, now);
  if (express_text != NULL && gtk_widget_get_visible (GTK_WIDGET (self->express_row)) &&
      g_strcmp0 (express_text, adw_action_row_get_subtitle (self->express_row)) != 0)
    adw_action_row_set_subtitle (self->express_row, express_text);
}

static AdwActionRow *
add_row (ShouOrderParcel *self,
         const char      *name,
         const char      *title)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  gtk_widget_set_name (GTK_WIDGET (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (row));
  return row;
}

static void
shou_order_parcel_class_init (ShouOrderParcelClass *klass)
{
}

static void
shou_order_parcel_init (ShouOrderParcel *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Order Parcel"));
  gtk_widget_set_name (GTK_WIDGET (self), "order-parcel");
  self->state_row = add_row (self, "order-parcel-state", "");
  self->due_row = add_row (self, "order-parcel-due", _("Shipping Deadline"));
  self->wait_row = add_row (self, "order-parcel-wait", _("Refused Delivery"));
  gtk_widget_add_css_class (GTK_WIDGET (self->wait_row), "warning");
  self->express_row = add_row (self, "order-parcel-express", _("Express Refund"));
  gtk_widget_add_css_class (GTK_WIDGET (self->express_row), "warning");
  self->tracking_view = shou_tracking_view_new ();
  gtk_widget_set_name (self->tracking_view, "order-parcel-tracking");
  gtk_widget_set_margin_top (self->tracking_view, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->tracking_view);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
