/* shou-profile-private.h: a profile's fields, shared by its loader
 * (shou-profile-load.c) and its lookups (shou-profile.c). */
#pragma once

#include <json-glib/json-glib.h>

#include "shou-profile.h"

G_BEGIN_DECLS

#define SHOU_PROFILE_MAX_ESCALATIONS 4

struct _ShouProfile
{
  gatomicrefcount    ref_count;
  char              *name;
  ShouPlatform       platform;
  char              *version;
  guint              open_types[SHOU_N_ORDER_STATES];
  gint64             window;
  ShouDeadlineRule  *deadlines;
  guint              n_deadlines;
  gboolean           nego_required;
  guint              nego_rounds;
  gint64             nego_wait;
  gboolean           round2_evidence_required;
  gboolean           reject_evidence_required;
  gboolean           reject_before_shipment;
  /* Escalation rules, the first matching wins (0 = none). */
  gint64             escalate_after[SHOU_PROFILE_MAX_ESCALATIONS];
  int                escalate_shipped[SHOU_PROFILE_MAX_ESCALATIONS];
  guint              n_escalations;
  char              *description;
  GPtrArray         *facts;
  char             **evidence_types;
  gsize              evidence_max_bytes;
  guint              evidence_max_count;
  guint              message_max;
  gboolean           message_in_bytes;
  guint              explanation_min;
  guint              explanation_max;
  gint64             small_amount_fen;
  gint64             logistics_stall;
  gint64             lapse_warning;
  gboolean           line_reopenable;
  /* "batch": refunds one agree call may carry, and their total (0 = no cap). */
  gint64             agree_batch_count;
  gint64             agree_batch_fen;
  ShouRejectReason  *reasons;
  guint              n_reasons;
  /* Working-day calendar (shou-profile-calendar.c): day number (since
   * 1970-01-01, China Standard Time) -> holiday or workday; years with a table. */
  GHashTable        *calendar_days;
  GHashTable        *calendar_years;
};

void     shou_profile_fact_free      (ShouProfileFact *fact);
/* Reads the optional "working_calendar" member (@node may be %NULL). */
gboolean shou_profile_parse_calendar (ShouProfile     *self,
                                      JsonNode        *node,
                                      const char      *name,
                                      GError         **error);

G_END_DECLS
