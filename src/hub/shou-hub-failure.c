/* shou-hub-failure.c: API error answers (API.md "Errors"). */
#include "config.h"

#include "shou-hub-failure.h"

G_DEFINE_QUARK (shou-hub-error-quark, shou_hub_error)

static ShouHubFailure *failure_new_valist (guint       status,
                                           const char *code,
                                           const char *format,
                                           va_list     args) G_GNUC_PRINTF (3, 0);

static ShouHubFailure *
failure_new_valist (guint       status,
                    const char *code,
                    const char *format,
                    va_list     args)
{
  ShouHubFailure *failure = g_new0 (ShouHubFailure, 1);
  g_autofree char *message = g_strdup_vprintf (format, args);

  failure->status = status;
  failure->code = g_strdup (code);
  /* Messages may quote the request (a query parameter, a field): the
   * answer must stay UTF-8 JSON whatever bytes came in. */
  failure->message = g_utf8_make_valid (message, -1);
  failure->current_version = -1;
  return failure;
}

ShouHubFailure *
shou_hub_failure_new (guint       status,
                      const char *code,
                      const char *format,
                      ...)
{
  ShouHubFailure *failure;
  va_list args;

  va_start (args, format);
  failure = failure_new_valist (status, code, format, args);
  va_end (args);
  return failure;
}

ShouHubFailure *
shou_hub_failure_bad (const char *field,
                      const char *detail,
                      const char *format,
                      ...)
{
  ShouHubFailure *failure;
  va_list args;

  va_start (args, format);
  failure = failure_new_valist (400, "bad_request", format, args);
  va_end (args);
  failure->field = field ? g_utf8_make_valid (field, -1) : NULL;
  failure->detail = g_strdup (detail);
  return failure;
}

ShouHubFailure *
shou_hub_failure_from_rules (const GError *error)
{
  ShouHubFailure *failure;
  const char *reason = "wrong_status";

  if (error->domain == SHOU_RULES_ERROR && error->code >= 0 && error->code < SHOU_N_REASONS)
    reason = shou_reason_to_string (error->code);
  failure = shou_hub_failure_new (422, "not_allowed", "%s", error->message);
  failure->reason = g_strdup (reason);
  return failure;
}

void
shou_hub_failure_free (ShouHubFailure *failure)
{
  if (failure == NULL)
    return;
  g_free (failure->code);
  g_free (failure->message);
  g_free (failure->field);
  g_free (failure->detail);
  g_free (failure->reason);
  g_clear_pointer (&failure->holder, json_object_unref);
  g_free (failure);
}

JsonObject *
shou_hub_failure_to_json (const ShouHubFailure *failure)
{
  JsonObject *body = json_object_new ();
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "code", failure->code);
  json_object_set_string_member (error, "message", failure->message);
  if (failure->field != NULL)
    json_object_set_string_member (error, "field", failure->field);
  if (failure->detail != NULL)
    json_object_set_string_member (error, "detail", failure->detail);
  if (failure->reason != NULL)
    json_object_set_string_member (error, "reason", failure->reason);
  if (failure->holder != NULL)
    json_object_set_object_member (error, "holder", json_object_ref (failure->holder));
  if (failure->current_version >= 0)
    json_object_set_int_member (error, "current_version", failure->current_version);
  json_object_set_object_member (body, "error", error);
  return body;
}

