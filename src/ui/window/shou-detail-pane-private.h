/* shou-detail-pane-private.h: the detail pane's state, shared by its files:
 * shou-detail-pane.c (showing a request), shou-detail-pane-buttons.c
 * (which actions are enabled and suggested) and shou-detail-pane-actions.c
 * (the seller's actions on it: dialogs, queueing, copying). */
#pragma once

#include "shou-annotation-group.h"
#include "shou-claim-bar.h"
#include "shou-countdown-label.h"
#include "shou-detail-incident.h"
#include "shou-order-parcel.h"
#include "shou-detail-pane.h"

G_BEGIN_DECLS

struct _ShouDetailPane
{
  GtkWidget           parent_instance;

  ShouStore          *store;
  ShouClock          *clock;
  char               *request_id;
  JsonObject         *request;
  gint64              version;
  guint               allowed;
  ShouReason          reasons[SHOU_N_ACTIONS];
  char               *messages[SHOU_N_ACTIONS];
  gboolean            has_conflict;
  GtkWindow          *dialog;
  GtkWidget          *tracking_view;
  GtkWidget          *exchange_view;
  gulong              tick_id;
  gint64              deadline_at;
  ShouLapse           on_lapse;
  gboolean            deadline_practice;
  /* What the platform's own deadline means (intervention), or NULL. */
  const char         *deadline_platform;
  guint               reload_id;

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  char               *empty_title;   /* the page's own, while a summary shows */
  ShouClaimBar       *claim_bar;
  ShouAnnotationGroup *annotation_group;
  GtkInfoBar         *conflict_bar;
  GtkLabel           *conflict_label;
  GtkWidget          *code_button;     /* the platform asks for its SMS code */
  GtkRevealer        *pending_revealer;
  GtkLabel           *pending_label;
  GtkScrolledWindow  *scroller;
  ShouCountdownLabel *countdown;
  GtkLabel           *lapse_label;
  GtkLabel           *deadline_label;
  GtkWidget          *deadline_box;
  AdwActionRow       *type_row;
  AdwActionRow       *reason_row;
  AdwActionRow       *description_row;
  AdwActionRow       *buyer_risk_row;
  AdwActionRow       *amount_row;
  AdwActionRow       *postage_row;
  ShouOrderParcel    *order_parcel;
  AdwActionRow       *goods_row;
  AdwActionRow       *order_row;
  AdwActionRow       *paid_row;
  AdwActionRow       *buyer_row;
  AdwActionRow       *address_row;
  GtkWidget          *logistics_group;
  AdwActionRow       *return_address_row;
  GtkBox             *tracking_box;
  GtkWidget          *exchange_group;
  GtkBox             *exchange_box;
  ShouDetailIncident *incident_group;
  GtkWidget          *evidence_group;
  GtkFlowBox         *evidence_box;
  GtkWidget          *timeline_group;
  GtkListBox         *timeline_list;
  GtkFlowBox         *action_bar;
  GtkWidget          *agree_refund_button;
  GtkWidget          *agree_return_button;
  GtkWidget          *confirm_receipt_button;
  GtkWidget          *refuse_receipt_button;
  GtkWidget          *reply_button;
  GtkWidget          *reject_button;
  GtkWidget          *ship_exchange_button;
  GtkWidget          *upload_refund_proof_button;
  GtkWidget          *add_evidence_button;
  GtkWidget          *intercept_button;
  GtkWidget          *await_return_button;
  GtkWidget          *appeal_button;
};

gboolean    shou_detail_pane_evidence_wanted       (ShouDetailPane *self);
const char *shou_detail_pane_order_no              (ShouDetailPane *self);
const char *shou_detail_pane_tracking_no           (ShouDetailPane *self);
void        shou_detail_pane_emit_toast            (ShouDetailPane *self,
                                                    const char     *message);
void        shou_detail_pane_emit_action_queued    (ShouDetailPane *self,
                                                    const char     *request_id);

/* Which actions are enabled, shown and suggested (shou-detail-pane-buttons.c). */
void        shou_detail_pane_install_actions       (GtkWidgetClass *widget_class);
/* Wraps the action bar's buttons in cells and adds their shortcuts. */
void        shou_detail_pane_init_buttons          (ShouDetailPane *self);
/* The request's allowed and blocked actions (API.md) into the buttons. */
void        shou_detail_pane_read_actions          (ShouDetailPane *self,
                                                    JsonArray      *allowed,
                                                    JsonArray      *blocked);
void        shou_detail_pane_update_actions        (ShouDetailPane *self);

/* The pane's installed actions (shou-detail-pane-actions.c). */
void        shou_detail_pane_activate_action       (GtkWidget      *widget,
                                                    const char     *action_name,
                                                    GVariant       *parameter);
void        shou_detail_pane_activate_add_evidence (GtkWidget      *widget,
                                                    const char     *action_name,
                                                    GVariant       *parameter);
void        shou_detail_pane_activate_copy         (GtkWidget      *widget,
                                                    const char     *action_name,
                                                    GVariant       *parameter);
void        shou_detail_pane_activate_verification_code (GtkWidget      *widget,
                                                          const char     *action_name,
                                                          GVariant       *parameter);
void        shou_detail_pane_activate_review_again (GtkWidget      *widget,
                                                    const char     *action_name,
                                                    GVariant       *parameter);

G_END_DECLS
