/* shou-profile.c: a loaded profile's lifetime and its lookups (deadline
 * tables, negotiation, evidence, messages, facts, reject reasons). */
#include "config.h"

#include <string.h>

#include "shou-profile-private.h"

G_DEFINE_BOXED_TYPE (ShouProfile, shou_profile, shou_profile_ref, shou_profile_unref)

void
shou_profile_fact_free (ShouProfileFact *fact)
{
  g_free (fact->id);
  g_free (fact->note);
  g_free (fact->seed);
  g_free (fact);
}

static void
shou_profile_free (ShouProfile *self)
{
  for (guint i = 0; i < self->n_deadlines; i++)
    {
      g_free (self->deadlines[i].id);
      g_free (self->deadlines[i].seed);
    }
  g_free (self->deadlines);
  for (guint i = 0; i < self->n_reasons; i++)
    {
      g_free (self->reasons[i].code);
      g_free (self->reasons[i].text);
    }
  g_free (self->reasons);
  g_strfreev (self->evidence_types);
  g_clear_pointer (&self->facts, g_ptr_array_unref);
  g_clear_pointer (&self->calendar_days, g_hash_table_unref);
  g_clear_pointer (&self->calendar_years, g_hash_table_unref);
  g_free (self->description);
  g_free (self->version);
  g_free (self->name);
  g_free (self);
}

ShouProfile *
shou_profile_ref (ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
shou_profile_unref (ShouProfile *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    shou_profile_free (self);
}

ShouPlatform
shou_profile_get_platform (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, SHOU_PLATFORM_TAOBAO);
  return self->platform;
}

const char *
shou_profile_get_version (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->version;
}

const char *
shou_profile_get_name (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

guint
shou_profile_get_open_types (const ShouProfile *self,
                             ShouOrderState     state)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail ((guint) state < SHOU_N_ORDER_STATES, 0);
  return self->open_types[state];
}

gint64
shou_profile_get_window (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->window;
}

const ShouDeadlineRule *
shou_profile_get_deadlines (const ShouProfile *self,
                            guint             *n_rules)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_rules != NULL)
    *n_rules = self->n_deadlines;
  return self->deadlines;
}

const ShouDeadlineRule *
shou_profile_get_deadline_by_id (const ShouProfile *self,
                                 const char        *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; id != NULL && i < self->n_deadlines; i++)
    if (g_strcmp0 (self->deadlines[i].id, id) == 0)
      return &self->deadlines[i];
  return NULL;
}

const ShouDeadlineRule *
shou_profile_find_deadline (const ShouProfile *self,
                            ShouRequestStatus  status,
                            ShouRequestType    type,
                            gboolean           shipped,
                            gboolean           received,
                            gboolean           cod)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_deadlines; i++)
    {
      const ShouDeadlineRule *rule = &self->deadlines[i];

      if (rule->status != status)
        continue;
      if (rule->types_mask != 0 && (rule->types_mask & (1u << type)) == 0)
        continue;
      if (rule->shipped != -1 && rule->shipped != (shipped ? 1 : 0))
        continue;
      if (rule->received != -1 && rule->received != (received ? 1 : 0))
        continue;
      if (rule->cod != -1 && rule->cod != (cod ? 1 : 0))
        continue;
      return rule;
    }
  return NULL;
}

const ShouDeadlineRule *
shou_profile_find_deadline_by_id (const ShouProfile *self,
                                  const char        *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_deadlines; i++)
    if (g_strcmp0 (self->deadlines[i].id, id) == 0)
      return &self->deadlines[i];
  return NULL;
}

gboolean
shou_profile_get_negotiation_required (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->nego_required;
}

guint
shou_profile_get_negotiation_rounds (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->nego_rounds;
}

gint64
shou_profile_get_negotiation_wait (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->nego_wait;
}

gboolean
shou_profile_get_round2_evidence_required (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->round2_evidence_required;
}

gboolean
shou_profile_get_reject_evidence_required (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->reject_evidence_required;
}

gboolean
shou_profile_get_reject_before_shipment (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->reject_before_shipment;
}

gint64
shou_profile_get_escalate_delay (const ShouProfile *self,
                                 gboolean           shipped)
{
  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->n_escalations; i++)
    if (self->escalate_shipped[i] == -1 || self->escalate_shipped[i] == (shipped ? 1 : 0))
      return self->escalate_after[i];
  return 0;
}

const char *
shou_profile_get_description (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->description;
}

const ShouProfileFact *
shou_profile_find_fact (const ShouProfile *self,
                        const char        *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; self->facts != NULL && i < self->facts->len; i++)
    {
      const ShouProfileFact *fact = g_ptr_array_index (self->facts, i);

      if (g_strcmp0 (fact->id, id) == 0)
        return fact;
    }
  return NULL;
}

const ShouProfileFact *
shou_profile_get_fact (const ShouProfile *self,
                       guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->facts != NULL && index < self->facts->len, NULL);
  return g_ptr_array_index (self->facts, index);
}

guint
shou_profile_get_n_facts (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->facts != NULL ? self->facts->len : 0;
}

const char * const *
shou_profile_get_evidence_types (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->evidence_types;
}

gsize
shou_profile_get_evidence_max_bytes (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->evidence_max_bytes;
}

guint
shou_profile_get_evidence_max_count (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->evidence_max_count;
}

guint
shou_profile_get_agree_batch (const ShouProfile *self,
                              gint64            *out_max_fen)
{
  g_return_val_if_fail (self != NULL, 1);
  if (out_max_fen != NULL)
    *out_max_fen = self->agree_batch_fen;
  return (guint) self->agree_batch_count;
}

guint
shou_profile_get_message_max (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->message_max;
}

gboolean
shou_profile_get_message_in_bytes (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->message_in_bytes;
}

guint
shou_profile_get_explanation_min (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->explanation_min;
}

guint
shou_profile_get_explanation_max (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->explanation_max;
}

gint64
shou_profile_get_small_amount_fen (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->small_amount_fen;
}

gint64
shou_profile_get_logistics_stall (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->logistics_stall;
}

gint64
shou_profile_get_lapse_warning (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lapse_warning;
}

gboolean
shou_profile_get_line_reopenable (const ShouProfile *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->line_reopenable;
}

const ShouRejectReason *
shou_profile_get_reject_reasons (const ShouProfile *self,
                                 guint             *n_reasons)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_reasons != NULL)
    *n_reasons = self->n_reasons;
  return self->reasons;
}

const ShouRejectReason *
shou_profile_find_reject_reason (const ShouProfile *self,
                                 const char        *code)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_reasons; i++)
    if (g_strcmp0 (self->reasons[i].code, code) == 0)
      return &self->reasons[i];
  return NULL;
}
