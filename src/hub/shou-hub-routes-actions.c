/* shou-hub-routes-actions.c: POST /v1/aftersales/{id}/actions, idempotent
 * and checked against the version the seller saw. */
#include "config.h"

#include "hub/shou-hub-doc.h"
#include "hub/shou-hub-input.h"
#include "shou-hub-routes.h"

static const char *const action_fields[] = { "action", "expected_version", "params", NULL };

static const char *const *
params_for_action (ShouAction action)
{
  static const char *const agree_refund[] = { "amount_fen", "verification_code", NULL };
  static const char *const agree_return[] = { "address_id", "message", NULL };
  static const char *const negotiate[] = { "round", "text", "scripts", "proposal", "amount_fen", "evidence", NULL };
  static const char *const reject[] = { "reason_code", "explanation", "evidence", NULL };
  static const char *const none[] = { NULL };
  static const char *const refuse_receipt[] = { "reason", "evidence", NULL };
  static const char *const ship_exchange[] = { "carrier", "tracking_no", "carrier_name", NULL };
  static const char *const refund_proof[] = { "evidence", NULL };
  static const char *const message[] = { "text", NULL };
  static const char *const appeal[] = { "text", "evidence", NULL };

  switch (action)
    {
    case SHOU_ACTION_AGREE_REFUND: return agree_refund;
    case SHOU_ACTION_AGREE_RETURN: return agree_return;
    case SHOU_ACTION_NEGOTIATE: return negotiate;
    case SHOU_ACTION_REJECT: return reject;
    case SHOU_ACTION_CONFIRM_RECEIPT: return none;
    case SHOU_ACTION_REFUSE_RECEIPT: return refuse_receipt;
    case SHOU_ACTION_SHIP_EXCHANGE: return ship_exchange;
    case SHOU_ACTION_UPLOAD_REFUND_PROOF: return refund_proof;
    case SHOU_ACTION_MESSAGE: return message;
    case SHOU_ACTION_INTERCEPT: return none;
    case SHOU_ACTION_AWAIT_RETURN: return none;
    case SHOU_ACTION_APPEAL: return appeal;
    case SHOU_N_ACTIONS:
    default: return none;
    }
}

static gboolean
check_evidence_refs (ShouHubAftersale  *as,
                     JsonArray         *refs,
                     guint             *n,
                     ShouHubFailure   **failure)
{
  *n = refs ? json_array_get_length (refs) : 0;
  for (guint i = 0; i < *n; i++)
    {
      const char *sha = json_array_get_string_element (refs, i);

      if (!shou_hub_doc_has_evidence (as, sha))
        {
          *failure = shou_hub_failure_bad ("evidence", "unknown_evidence",
                                           "Evidence %s was not uploaded to this request", sha);
          return FALSE;
        }
    }
  return TRUE;
}

/* Validates the action's params into @event/@extra. */
static gboolean
prepare_action (ShouHubContext    *ctx,
                ShouHubAftersale  *as,
                ShouAction         action,
                JsonObject        *params,
                ShouEvent         *event,
                JsonObject        *extra,
                ShouHubFailure   **failure)
{
  const ShouProfile *profile = shou_hub_platform_get_request_profile (ctx->platform, as);
  JsonArray *evidence = NULL;
  JsonArray *scripts = NULL;
  const char *s = NULL;
  gint64 n = 0;

  if (!shou_hub_input_check_fields (params, params_for_action (action), "params", failure))
    return FALSE;

  event->kind = shou_action_to_event (action);
  switch (action)
    {
    case SHOU_ACTION_AGREE_REFUND:
      event->amount_fen = as->state.amount_fen;
      if (!shou_hub_input_amount_upto (params, "amount_fen", as->state.amount_fen, &event->amount_fen, failure) ||
          !shou_hub_input_string (params, "verification_code", FALSE, &s, failure))
        return FALSE;
      /* The SMS code a platform sent for a large refund (Taobao), passed on. */
      if (s != NULL)
        json_object_set_string_member (extra, "verification_code", s);
      break;
    case SHOU_ACTION_AGREE_RETURN:
      {
        g_autoptr(JsonObject) address = NULL;

        if (!shou_hub_input_string (params, "address_id", TRUE, &event->address_id, failure) ||
            !shou_hub_input_string (params, "message", FALSE, &event->text, failure) ||
            !shou_hub_input_text (profile, "message", event->text, failure))
          return FALSE;
        address = shou_hub_store_get_address (ctx->store, as->merchant_id, event->address_id);
        if (address == NULL ||
            g_strcmp0 (json_object_get_string_member (address, "shop_id"), as->shop_id) != 0 ||
            json_object_get_boolean_member (address, "deleted"))
          {
            *failure = shou_hub_failure_bad ("address_id", "unknown_address",
                                             "No return address %s in this shop", event->address_id);
            return FALSE;
          }
        json_object_set_object_member (extra, "address", g_steal_pointer (&address));
      }
      break;
    case SHOU_ACTION_NEGOTIATE:
      if (!shou_hub_input_int (params, "round", TRUE, &n, failure))
        return FALSE;
      if (n != 1 && n != 2)
        {
          *failure = shou_hub_failure_bad ("round", "out_of_range", "The round must be 1 or 2");
          return FALSE;
        }
      event->round = n;
      if (!shou_hub_input_string (params, "text", TRUE, &event->text, failure) ||
          !shou_hub_input_text (profile, "text", event->text, failure) ||
          !shou_hub_input_strings (params, "scripts", &scripts, failure) ||
          !shou_hub_input_string (params, "proposal", FALSE, &s, failure) ||
          !shou_hub_input_amount_upto (params, "amount_fen",
                                       g_strcmp0 (s, "compensation") == 0 ? as->state.paid_fen
                                                                          : as->state.amount_fen,
                                       &event->amount_fen, failure) ||
          !shou_hub_input_strings (params, "evidence", &evidence, failure) ||
          !check_evidence_refs (as, evidence, &event->n_evidence, failure))
        return FALSE;
      if (s != NULL && !shou_proposal_from_string (s, &event->proposal))
        {
          *failure = shou_hub_failure_bad ("proposal", "unknown_proposal", "Unknown proposal \"%s\"", s);
          return FALSE;
        }
      if (scripts != NULL)
        json_object_set_array_member (extra, "scripts", json_array_ref (scripts));
      if (evidence != NULL)
        json_object_set_array_member (extra, "evidence", json_array_ref (evidence));
      break;
    case SHOU_ACTION_REJECT:
      if (!shou_hub_input_string (params, "reason_code", FALSE, &event->reason_code, failure) ||
          !shou_hub_input_string (params, "explanation", FALSE, &event->text, failure) ||
          !shou_hub_input_strings (params, "evidence", &evidence, failure) ||
          !check_evidence_refs (as, evidence, &event->n_evidence, failure))
        return FALSE;
      if (event->reason_code != NULL && *event->reason_code != '\0' &&
          shou_profile_find_reject_reason (profile, event->reason_code) == NULL)
        {
          *failure = shou_hub_failure_bad ("reason_code", "unknown_reason",
                                           "Unknown rejection reason \"%s\" for this platform",
                                           event->reason_code);
          return FALSE;
        }
      if (event->reason_code != NULL && *event->reason_code == '\0')
        event->reason_code = NULL;
      if (event->text != NULL && *event->text != '\0')
        {
          glong len = g_utf8_strlen (event->text, -1);

          if (len > (glong) shou_profile_get_explanation_max (profile) &&
              shou_profile_get_explanation_max (profile) > 0)
            {
              *failure = shou_hub_failure_bad ("explanation", "too_long",
                                               "The explanation is %ld characters; at most %u are allowed",
                                               len, shou_profile_get_explanation_max (profile));
              return FALSE;
            }
          if (len < (glong) shou_profile_get_explanation_min (profile))
            {
              *failure = shou_hub_failure_bad ("explanation", "too_short",
                                               "The explanation is %ld characters; at least %u are needed",
                                               len, shou_profile_get_explanation_min (profile));
              return FALSE;
            }
          if (!shou_hub_input_text (profile, "explanation", NULL, failure))
            return FALSE;
          if (!shou_validate_no_sensitive (event->text, NULL))
            {
              *failure = shou_hub_failure_bad ("explanation", "sensitive_word",
                                               "The explanation mentions a third-party platform or payment channel");
              return FALSE;
            }
        }
      else
        event->text = NULL;
      if (evidence != NULL)
        json_object_set_array_member (extra, "evidence", json_array_ref (evidence));
      break;
    case SHOU_ACTION_CONFIRM_RECEIPT:
      break;
    case SHOU_ACTION_REFUSE_RECEIPT:
      if (!shou_hub_input_string (params, "reason", FALSE, &event->reason_code, failure) ||
          !shou_hub_input_text (profile, "reason", event->reason_code, failure) ||
          !shou_hub_input_strings (params, "evidence", &evidence, failure) ||
          !check_evidence_refs (as, evidence, &event->n_evidence, failure))
        return FALSE;
      break;
    case SHOU_ACTION_SHIP_EXCHANGE:
      if (!shou_hub_input_shipment (params, &event->carrier, &event->tracking_no,
                                    &event->carrier_name, failure))
        return FALSE;
      break;
    case SHOU_ACTION_UPLOAD_REFUND_PROOF:
      if (!shou_hub_input_strings (params, "evidence", &evidence, failure) ||
          !check_evidence_refs (as, evidence, &event->n_evidence, failure))
        return FALSE;
      if (evidence != NULL)
        json_object_set_array_member (extra, "evidence", json_array_ref (evidence));
      break;
    case SHOU_ACTION_MESSAGE:
      if (!shou_hub_input_string (params, "text", TRUE, &event->text, failure) ||
          !shou_hub_input_text (profile, "text", event->text, failure))
        return FALSE;
      break;
    case SHOU_ACTION_INTERCEPT:
    case SHOU_ACTION_AWAIT_RETURN:
      break;
    case SHOU_ACTION_APPEAL:
      if (!shou_hub_input_string (params, "text", FALSE, &event->text, failure) ||
          !shou_hub_input_text (profile, "text", event->text, failure) ||
          !shou_hub_input_strings (params, "evidence", &evidence, failure) ||
          !check_evidence_refs (as, evidence, &event->n_evidence, failure))
        return FALSE;
      if (evidence != NULL)
        json_object_set_array_member (extra, "evidence", json_array_ref (evidence));
      break;
    case SHOU_N_ACTIONS:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static guint
failure_text (ShouHubFailure  *failure,
              char           **out_text)
{
  g_autoptr(JsonObject) body = shou_hub_failure_to_json (failure);

  *out_text = shou_hub_http_to_string (body);
  return failure->status;
}

guint
shou_hub_action_apply (ShouHubContext  *ctx,
                       const char      *merchant,
                       const char      *id,
                       const char      *key,
                       JsonObject      *body,
                       char           **out_text,
                       gboolean        *out_replayed)
{
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *stored_body = NULL;
  g_autofree char *text = NULL;
  const char *action_name = NULL;
  JsonObject *params = NULL;
  ShouEvent event = { 0 };
  ShouAction action;
  guint stored_status = 0;
  guint status;
  g_autofree char *day = NULL;
  gint64 expected = 0;
  gint64 amount = 0;
  gint64 now = shou_hub_platform_now (ctx->platform);

  *out_replayed = FALSE;
  hash = shou_hub_input_hash (id, body);
  /* One transaction from the key's lookup to its answer: another hub
   * process (or its rule runner) with the same key waits for this one and
   * then replays it; the request's row stays locked from its reading to
   * the commit. */
  if (!shou_hub_store_begin (ctx->store, &error) ||
      !shou_hub_store_lock_key (ctx->store, merchant, key, &error))
    {
      shou_hub_store_rollback (ctx->store);
      failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      return failure_text (failure, out_text);
    }
  if (shou_hub_store_get_idempotent (ctx->store, merchant, key, &stored_hash, &stored_status, &stored_body))
    {
      shou_hub_store_rollback (ctx->store);
      if (!g_str_equal (stored_hash, hash))
        {
          failure = shou_hub_failure_new (422, "idempotency_mismatch",
                                          "This Idempotency-Key was used with a different request");
          return failure_text (failure, out_text);
        }
      ctx->replays++;
      *out_replayed = TRUE;
      *out_text = g_steal_pointer (&stored_body);
      return stored_status;
    }
  as = shou_hub_platform_fetch_request (ctx->platform, merchant, id);
  if (as == NULL || g_strcmp0 (as->merchant_id, merchant) != 0)
    {
      shou_hub_store_rollback (ctx->store);
      failure = shou_hub_failure_new (404, "not_found", "No such after-sales request");
      return failure_text (failure, out_text);
    }

  if (shou_hub_input_params (body, &params, &failure) &&
      shou_hub_input_check_fields (body, action_fields, NULL, &failure) &&
      shou_hub_input_string (body, "action", TRUE, &action_name, &failure) &&
      shou_hub_input_int (body, "expected_version", TRUE, &expected, &failure))
    {
      if (!shou_action_from_string (action_name, &action))
        failure = shou_hub_failure_bad ("action", "unknown_action", "Unknown action \"%s\"", action_name);
      else
        prepare_action (ctx, as, action, params ? params : extra, &event, extra, &failure);
    }
  if (failure != NULL)
    {
      /* Bad input is not remembered: the client may fix it and retry. */
      shou_hub_store_rollback (ctx->store);
      return failure_text (failure, out_text);
    }

  /* Who may act: the claim's holder, within an agent's caps. */
  day = shou_hub_team_day (now);
  if (action == SHOU_ACTION_AGREE_REFUND || action == SHOU_ACTION_NEGOTIATE)
    amount = MAX (event.amount_fen, 0);
  if (!shou_hub_team_check_claim (ctx, merchant, id, now, &failure))
    ;
  else if (expected != as->state.version)
    {
      failure = shou_hub_failure_new (409, "version_conflict",
                                      "The request changed (version %" G_GINT64_FORMAT
                                      ", you saw %" G_GINT64_FORMAT ")",
                                      as->state.version, expected);
      failure->current_version = as->state.version;
    }
  else if (shou_hub_team_check_caps (ctx, merchant, amount, day, &failure))
    shou_hub_platform_perform_action (ctx->platform, as, &event, extra, now, &failure);

  if (failure != NULL)
    {
      status = failure->status;
      response = shou_hub_failure_to_json (failure);
    }
  else if (as->rendered == NULL)
    {
      status = 200;
      response = json_object_new ();
      json_object_set_object_member (response, "aftersale",
                                     shou_hub_platform_render_request (ctx->platform, as));
    }
  else
    status = 200;
  /* The platform rendered the request as it saved it (for the change feed):
   * the answer is that text, not a second rendering. */
  text = response ? shou_hub_http_to_string (response)
                  : g_strconcat ("{\"aftersale\":", as->rendered, "}", NULL);
  if (!shou_hub_store_add_audit (ctx->store, merchant, ctx->caller ? ctx->caller->staff_id : NULL,
                                 action_name, id, amount, day, status, now, &error) ||
      /* A 5xx (the platform busy, or the shop's authorisation lapsed) is
       * not remembered: the client retries with the same key, and the
       * retry must reach the platform once the cause is gone. */
      (status < 500 && !shou_hub_store_put_idempotent (ctx->store, merchant, key, hash, status, text, now, &error)) ||
      !shou_hub_store_commit (ctx->store, &error))
    {
      shou_hub_store_rollback (ctx->store);
      g_clear_pointer (&failure, shou_hub_failure_free);
      failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      return failure_text (failure, out_text);
    }
  if (status == 200)
    ctx->actions_applied++;
  *out_text = g_steal_pointer (&text);
  return status;
}

/* What shou_hub_action_apply_many() keeps of one job. */
typedef struct
{
  ShouHubAftersale *as;
  JsonObject       *extra;
  ShouHubFailure   *failure;
  ShouEvent         event;
  char             *hash;
  char             *day;
  const char       *action_name;
  gint64            amount;
  gint              dup_of;     /* an earlier job with the same key, or -1 */
  gboolean          record;     /* reached the platform's checks: audited and remembered */
  gboolean          ready;      /* passed them: goes to the platform */
} Many;

static void
job_answer_failure (ShouHubActionJob *job,
                    ShouHubFailure   *failure)
{
  g_clear_pointer (&job->text, g_free);
  job->status = failure_text (failure, &job->text);
}

/* The checks of shou_hub_action_apply() for one job, inside the open
 * transaction: an answer now (replay, 404, bad input; nothing written),
 * a failure to record, or ready for the platform. */
static void
check_job (ShouHubContext   *ctx,
           ShouHubActionJob *job,
           Many             *m,
           gint64            now)
{
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *stored_body = NULL;
  JsonObject *params = NULL;
  guint stored_status = 0;
  gint64 expected = 0;
  ShouAction action = SHOU_ACTION_AGREE_REFUND;

  if (!shou_hub_store_lock_key (ctx->store, job->merchant, job->key, &error))
    {
      failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      job_answer_failure (job, failure);
      return;
    }
  if (shou_hub_store_get_idempotent (ctx->store, job->merchant, job->key, &stored_hash, &stored_status, &stored_body))
    {
      if (!g_str_equal (stored_hash, m->hash))
        {
          failure = shou_hub_failure_new (422, "idempotency_mismatch",
                                          "This Idempotency-Key was used with a different request");
          job_answer_failure (job, failure);
          return;
        }
      ctx->replays++;
      job->replayed = TRUE;
      job->status = stored_status;
      job->text = g_steal_pointer (&stored_body);
      return;
    }
  m->as = shou_hub_platform_fetch_request (ctx->platform, job->merchant, job->id);
  if (m->as == NULL || g_strcmp0 (m->as->merchant_id, job->merchant) != 0)
    {
      failure = shou_hub_failure_new (404, "not_found", "No such after-sales request");
      job_answer_failure (job, failure);
      return;
    }
  if (shou_hub_input_params (job->body, &params, &failure) &&
      shou_hub_input_check_fields (job->body, action_fields, NULL, &failure) &&
      shou_hub_input_string (job->body, "action", TRUE, &m->action_name, &failure) &&
      shou_hub_input_int (job->body, "expected_version", TRUE, &expected, &failure))
    {
      if (!shou_action_from_string (m->action_name, &action))
        failure = shou_hub_failure_bad ("action", "unknown_action", "Unknown action \"%s\"", m->action_name);
      else
        prepare_action (ctx, m->as, action, params ? params : m->extra, &m->event, m->extra, &failure);
    }
  if (failure != NULL)
    {
      /* Bad input is not remembered: the client may fix it and retry. */
      job_answer_failure (job, failure);
      return;
    }

  m->record = TRUE;
  m->day = shou_hub_team_day (now);
  if (action == SHOU_ACTION_AGREE_REFUND || action == SHOU_ACTION_NEGOTIATE)
    m->amount = MAX (m->event.amount_fen, 0);
  if (!shou_hub_team_check_claim (ctx, job->merchant, job->id, now, &m->failure))
    ;
  else if (expected != m->as->state.version)
    {
      m->failure = shou_hub_failure_new (409, "version_conflict",
                                         "The request changed (version %" G_GINT64_FORMAT
                                         ", you saw %" G_GINT64_FORMAT ")",
                                         m->as->state.version, expected);
      m->failure->current_version = m->as->state.version;
    }
  else if (shou_hub_team_check_caps (ctx, job->merchant, m->amount, m->day, &m->failure))
    m->ready = TRUE;
}

void
shou_hub_action_apply_many (ShouHubContext    *ctx,
                            ShouHubActionJob **jobs,
                            guint              n)
{
  g_autofree Many *many = g_new0 (Many, n);
  g_autofree ShouHubBatchItem *items = g_new0 (ShouHubBatchItem, n);
  g_autofree guint *item_job = g_new0 (guint, n);
  g_autoptr(GError) error = NULL;
  ShouHubStaff *saved_caller = ctx->caller;
  gint64 now = shou_hub_platform_now (ctx->platform);
  gboolean committed;
  guint n_items = 0;

  if (n == 1)
    {
      /* Alone: the one-action path, as without gathering. */
      ctx->caller = jobs[0]->caller;
      g_clear_pointer (&jobs[0]->text, g_free);
      jobs[0]->status = shou_hub_action_apply (ctx, jobs[0]->merchant, jobs[0]->id, jobs[0]->key,
                                               jobs[0]->body, &jobs[0]->text, &jobs[0]->replayed);
      ctx->caller = saved_caller;
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      jobs[i]->status = 0;
      jobs[i]->replayed = FALSE;
      g_clear_pointer (&jobs[i]->text, g_free);
      many[i].hash = shou_hub_input_hash (jobs[i]->id, jobs[i]->body);
      many[i].extra = json_object_new ();
      many[i].dup_of = -1;
      for (guint j = 0; j < i && many[i].dup_of < 0; j++)
        if (g_str_equal (jobs[j]->merchant, jobs[i]->merchant) && g_str_equal (jobs[j]->key, jobs[i]->key))
          many[i].dup_of = j;
    }

  if (!shou_hub_store_begin (ctx->store, &error))
    {
      g_autoptr(ShouHubFailure) failure = shou_hub_failure_new (500, "internal", "%s", error->message);

      for (guint i = 0; i < n; i++)
        job_answer_failure (jobs[i], failure);
      goto out;
    }
  for (guint i = 0; i < n; i++)
    if (many[i].dup_of < 0)
      {
        ctx->caller = jobs[i]->caller;
        check_job (ctx, jobs[i], &many[i], now);
        if (many[i].ready)
          {
            items[n_items] = (ShouHubBatchItem) { many[i].as, &many[i].event, many[i].extra, NULL };
            item_job[n_items++] = i;
          }
      }
  ctx->caller = saved_caller;

  if (n_items > 0)
    shou_hub_platform_perform_batch (ctx->platform, items, n_items, now);
  for (guint k = 0; k < n_items; k++)
    many[item_job[k]].failure = g_steal_pointer (&items[k].failure);

  /* The answers, audited and remembered as one action's are. */
  committed = TRUE;
  for (guint i = 0; i < n && committed; i++)
    {
      Many *m = &many[i];

      if (!m->record)
        continue;
      if (m->failure != NULL)
        job_answer_failure (jobs[i], m->failure);
      else if (m->as->rendered == NULL)
        {
          g_autoptr(JsonObject) response = json_object_new ();

          json_object_set_object_member (response, "aftersale",
                                         shou_hub_platform_render_request (ctx->platform, m->as));
          jobs[i]->status = 200;
          jobs[i]->text = shou_hub_http_to_string (response);
        }
      else
        {
          jobs[i]->status = 200;
          jobs[i]->text = g_strconcat ("{\"aftersale\":", m->as->rendered, "}", NULL);
        }
      committed = shou_hub_store_add_audit (ctx->store, jobs[i]->merchant,
                                            jobs[i]->caller ? jobs[i]->caller->staff_id : NULL,
                                            m->action_name, jobs[i]->id, m->amount, m->day,
                                            jobs[i]->status, now, &error) &&
                  (jobs[i]->status >= 500 ||
                   shou_hub_store_put_idempotent (ctx->store, jobs[i]->merchant, jobs[i]->key, m->hash,
                                                  jobs[i]->status, jobs[i]->text, now, &error));
    }
  if (committed)
    committed = shou_hub_store_commit (ctx->store, &error);
  if (!committed)
    {
      g_autoptr(ShouHubFailure) failure = shou_hub_failure_new (500, "internal", "%s", error->message);

      shou_hub_store_rollback (ctx->store);
      for (guint i = 0; i < n; i++)
        if (many[i].record)
          job_answer_failure (jobs[i], failure);
    }
  else
    for (guint i = 0; i < n; i++)
      if (many[i].record && jobs[i]->status == 200)
        ctx->actions_applied++;

out:
  for (guint i = 0; i < n; i++)
    {
      Many *m = &many[i];

      if (m->dup_of >= 0)
        {
          ShouHubActionJob *first = jobs[m->dup_of];

          if (g_str_equal (many[m->dup_of].hash, m->hash))
            {
              jobs[i]->status = first->status;
              jobs[i]->text = g_strdup (first->text);
              jobs[i]->replayed = first->status < 500;
              ctx->replays += jobs[i]->replayed;
            }
          else
            {
              g_autoptr(ShouHubFailure) failure =
                shou_hub_failure_new (422, "idempotency_mismatch",
                                      "This Idempotency-Key was used with a different request");

              job_answer_failure (jobs[i], failure);
            }
        }
    }
  for (guint i = 0; i < n; i++)
    {
      g_clear_pointer (&many[i].as, shou_hub_aftersale_free);
      g_clear_pointer (&many[i].extra, json_object_unref);
      g_clear_pointer (&many[i].failure, shou_hub_failure_free);
      g_free (many[i].hash);
      g_free (many[i].day);
    }
}

/* How many actions the hub may gather with this one for the platform's
 * batch calls: agree_refund on a platform with them, within its profile's
 * count, not repeated with an SMS code, and not from an agent (whose day
 * cap counts each action as it is done); else 1: it goes alone now. */
static guint
gather_count (ShouHubContext   *ctx,
              ShouHubAftersale *as,
              JsonObject       *body)
{
  JsonObject *params = NULL;
  JsonNode *node = json_object_get_member (body, "params");

  if (ctx->gather == NULL || !shou_hub_platform_has_batch (ctx->platform) ||
      !json_object_has_member (body, "action") ||
      !JSON_NODE_HOLDS_VALUE (json_object_get_member (body, "action")) ||
      g_strcmp0 (json_object_get_string_member (body, "action"), "agree_refund") != 0)
    return 1;
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    params = json_node_get_object (node);
  if (params != NULL && json_object_has_member (params, "verification_code"))
    return 1;
  if (ctx->caller != NULL && ctx->caller->role != NULL && g_str_equal (ctx->caller->role, "agent"))
    return 1;
  return shou_profile_get_agree_batch (shou_hub_platform_get_request_profile (ctx->platform, as), NULL);
}

void
shou_hub_route_post_action (ShouHubContext    *ctx,
                            SoupServerMessage *msg,
                            const char        *merchant,
                            const char        *id)
{
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(ShouHubFailure) failure = NULL;
  char *text = NULL;
  const char *key;
  gboolean replayed;
  guint max_count;
  guint status;

  as = shou_hub_http_load_aftersale (ctx, msg, merchant, id);
  if (as == NULL)
    return;

  key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Idempotency-Key");
  if (key == NULL || strlen (key) < 8 || strlen (key) > 128)
    {
      failure = shou_hub_failure_bad ("Idempotency-Key", key ? "bad_key" : "missing_field",
                                      "An Idempotency-Key header of 8 to 128 characters is required");
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }

  body = shou_hub_http_parse_body (ctx, msg);
  if (body == NULL)
    return;

  max_count = gather_count (ctx, as, body);
  if (max_count > 1 &&
      shou_hub_gather_add (ctx->gather, msg, merchant, as->shop_id, id, key, body, max_count))
    return;

  status = shou_hub_action_apply (ctx, merchant, id, key, body, &text, &replayed);
  if (max_count > 1)
    {
      g_autofree char *name = g_strconcat (merchant, "\n", as->shop_id, NULL);

      shou_hub_gather_went_alone (ctx->gather, name);
    }
  if (replayed)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Idempotent-Replayed", "true");
  shou_hub_http_send_text (ctx, msg, status, text);
}
