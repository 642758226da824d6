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

  status = shou_hub_action_apply (ctx, merchant, id, key, body, &text, &replayed);
  if (replayed)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Idempotent-Replayed", "true");
  shou_hub_http_send_text (ctx, msg, status, text);
}
