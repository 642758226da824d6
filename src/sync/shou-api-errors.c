#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "core/shou-core.h"
#include "store/shou-db.h"
#include "shou-api-error.h"
#include "shou-api-errors.h"

/* Error codes (API.md "Errors"), and the ones this client sets itself. */
static const ShouCodeText codes[] = {
  { "bad_json", N_("The platform could not read what Shouhou sent. Update Shouhou or tell its developers.") },
  { "bad_request", N_("The platform did not accept the entered data. Check it and try again.") },
  { "unauthorized", N_("The platform refused the API token. Enter the token again in Accounts and Shops.") },
  { "forbidden", N_("This account has no access to the shop.") },
  { "not_found", N_("The platform no longer has this item. It may have been deleted.") },
  { "method_not_allowed", N_("The platform does not support this operation.") },
  { "version_conflict", N_("The request changed on the platform since you last saw it. Check it and choose again.") },
  { "claimed", N_("Another staff member is handling this request.") },
  { "too_large", N_("The file is larger than the platform allows.") },
  { "unsupported_type", N_("The platform does not accept this type of file.") },
  { "not_allowed", N_("The platform does not allow this at the moment.") },
  { "idempotency_mismatch", N_("The platform already received a different action for this step. Sync, check the request and choose again.") },
  { "too_many", N_("This request already has as many files as the platform allows.") },
  { "internal", N_("The platform had an internal problem. Shouhou tries again later.") },
  { "unavailable", N_("The platform is not available right now. Shouhou tries again later.") },
  /* A hub's answers about the platform behind it. */
  { "platform_session_expired", N_("The shop’s authorisation on the platform has expired. Authorise the shop again in Accounts and Shops; waiting actions are sent after that.") },
  { "platform_busy", N_("The platform is busy. Shouhou tries again later.") },
  { "platform_unavailable", N_("The hub could not reach the platform. Shouhou tries again later.") },
  { "platform_refused", N_("The platform refused this. Check the request and try again.") },
  { "verification_code_required", N_("The platform asks for the verification code it sent to the shop’s phone.") },
  /* This side's own codes (shou-api-client.h). */
  { "timed_out", N_("The platform did not answer in time. Shouhou tries again later.") },
  { "unknown_ca", N_("The server’s certificate is not trusted: it is self-signed or comes from an unknown authority.") },
  { "bad_identity", N_("The server’s certificate is not trusted: it was issued for another address.") },
  { "expired", N_("The server’s certificate is not trusted: it has expired or is not valid yet.") },
  { "revoked", N_("The server’s certificate is not trusted: it has been revoked.") },
  { "insecure", N_("The server’s certificate is not trusted: it is not safe enough.") },
  { "not_tls", N_("The server does not answer over a secure connection (https://). Check the address.") },
  { "tls_failed", N_("A secure connection to the server could not be set up. Ask the API provider to check its certificate.") },
  { "network", N_("Could not reach the platform. Check the network connection.") },
  { "bad_response", N_("The platform’s answer could not be read. Shouhou tries again later.") },
  { "conflict", N_("The platform refused this action. Check the request and choose again.") },
};

/* 422 not_allowed reasons that are not core reason codes. */
static const ShouCodeText not_allowed_reasons[] = {
  { "address_in_use", N_("This address is used by an open after-sales request and cannot be deleted now.") },
  { "already_open", N_("This order line already has an open after-sales request.") },
  { "over_action_cap", N_("The amount is above your limit for one action. Ask the shop owner.") },
  { "over_day_cap", N_("This amount would take you over today’s limit. Ask the shop owner.") },
  /* 授权店铺 (POST /v1/shops/{id}/authorisation) */
  { "no_code", N_("There is no authorisation code in what was pasted. After you agree, copy the whole address from the browser’s address bar and paste it again.") },
  { "code_invalid", N_("The platform did not accept this code. Check that you copied the whole address, or open the authorisation page again and paste the new address.") },
  { "code_expired", N_("This code has expired: a code works only once, for a few minutes. Open the authorisation page again and paste the new address.") },
  { "no_redirect_uri", N_("The hub has no registered redirect address for the platform’s app. Ask whoever runs the hub to set it up.") },
  { "no_authorisation", N_("This shop’s platform needs no authorisation.") },
  /* A parcel sent with the "other" carrier, on a platform with no code for it (issue 25). */
  { "other_carrier_not_offered", N_("This platform has no code for a carrier that is not listed. Choose a listed carrier, or enter the parcel in the platform’s merchant backend.") },
};

/* 400 bad_request details (API.md). */
static const ShouCodeText details[] = {
  { "missing_field", N_("Something required was left empty.") },
  { "empty", N_("Something required was left empty.") },
  { "wrong_type", N_("A value has the wrong form.") },
  { "unknown_field", N_("The platform does not know one of the fields Shouhou sent. Update Shouhou.") },
  { "negative_amount", N_("The amount cannot be negative.") },
  { "amount_overflow", N_("The amount is too large.") },
  { "overflow", N_("A number is too large.") },
  { "out_of_range", N_("A value is out of the allowed range.") },
  { "amount_out_of_range", N_("The amount is more than the platform allows for this request.") },
  { "unknown_action", N_("The platform does not know this action. Update Shouhou.") },
  { "unknown_reason", N_("The platform does not know this reason. Choose another one.") },
  { "unknown_proposal", N_("The platform does not know this proposal. Choose another one.") },
  { "unknown_address", N_("This return address no longer exists. Choose another one.") },
  { "unknown_evidence", N_("An evidence file has not reached the platform yet. Add it again.") },
  { "unknown_carrier", N_("The platform does not know this carrier. Choose another one.") },
  { "invalid_tracking_no", N_("The tracking number does not match the carrier.") },
  { "invalid_carrier_name", N_("The carrier name is empty, too long or holds characters the platform does not allow.") },
  { "invalid_phone", N_("The phone number is not valid.") },
  { "invalid_postcode", N_("The postcode is not valid.") },
  { "invalid_division_code", N_("The region code of the address is not valid. Choose the province, city and district again.") },
  { "too_long", N_("The text is too long.") },
  { "too_short", N_("The text is too short.") },
  { "sensitive_word", N_("The text contains a word the platform does not allow.") },
  { "invalid_text", N_("The text contains characters the platform does not allow.") },
  { "unknown_kind", N_("The platform does not know this kind of evidence.") },
  { "unknown_platform", N_("The platform is not known.") },
  { "unknown_type", N_("The platform does not know this type of request.") },
  { "unknown_state", N_("The platform does not know this state.") },
  { "unknown_line", N_("This order line does not exist.") },
  { "bad_cursor", N_("The sync position was not accepted. Shouhou starts the sync again.") },
  { "bad_key", N_("The platform refused the action’s key. Shouhou sends it again.") },
  { "too_many", N_("Too many items at once.") },
};


char *
shou_api_error_describe (const char *code,
                         const char *reason)
{
  const char *text = NULL;

  if (g_strcmp0 (code, "not_allowed") == 0 && reason != NULL)
    {
      ShouReason why;

      if (shou_reason_from_string (reason, &why) && why != SHOU_REASON_NONE)
        return g_strdup (shou_reason_get_message (why));
      text = shou_code_text_lookup (not_allowed_reasons, G_N_ELEMENTS (not_allowed_reasons), reason);
    }
  else if (g_strcmp0 (code, "bad_request") == 0)
    text = shou_code_text_lookup (details, G_N_ELEMENTS (details), reason);

  if (text == NULL)
    text = shou_code_text_lookup (codes, G_N_ELEMENTS (codes), code);
  if (text == NULL)
    {
      g_debug ("No text for API error code %s (reason %s)", code ? code : "(none)",
               reason ? reason : "(none)");
      text = N_("The platform refused this. Check the request and try again.");
    }
  return g_strdup (_(text));
}

char *
shou_api_error_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == SHOU_API_ERROR)
    {
      const char *code = shou_api_error_get_code (error);

      /* The client's own messages are translated already and may carry
       * what only this side knows (an HTTP status). */
      if (code == NULL)
        return g_strdup (error->message);
      return shou_api_error_describe (code, shou_api_error_get_reason (error));
    }

  g_debug ("Error shown as a summary: %s (%s %d)", error->message,
           g_quark_to_string (error->domain), error->code);
  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NOT_FOUND:
          return g_strdup (_("The file was not found."));
        case G_IO_ERROR_PERMISSION_DENIED:
          return g_strdup (_("Shouhou may not read or write this file."));
        case G_IO_ERROR_NO_SPACE:
          return g_strdup (_("The disk is full."));
        case G_IO_ERROR_TIMED_OUT:
          return g_strdup (_("The operation took too long."));
        default:
          break;
        }
    }
  if (error->domain == SHOU_DB_ERROR)
    {
      switch (error->code)
        {
        case SHOU_DB_ERROR_BUSY:
          return g_strdup (_("the cache is in use by another Shouhou"));
        case SHOU_DB_ERROR_CORRUPT:
          return g_strdup (_("the cache file is damaged"));
        case SHOU_DB_ERROR_OPEN:
          return g_strdup (_("the cache file could not be opened"));
        default:
          return g_strdup (_("the cache could not be read or written"));
        }
    }
  if (error->domain == G_DBUS_ERROR ||
      g_str_has_prefix (g_quark_to_string (error->domain), "secret"))
    return g_strdup (_("The system keyring is not available."));
  return g_strdup (_("Something went wrong. Details are in the log."));
}

const char *
shou_api_error_code_for (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != SHOU_API_ERROR)
    return "failed";
  if (shou_api_error_get_code (error) != NULL)
    return shou_api_error_get_code (error);
  switch ((ShouApiError) error->code)
    {
    case SHOU_API_ERROR_NETWORK:
      return "network";
    case SHOU_API_ERROR_AUTH:
      return "unauthorized";
    case SHOU_API_ERROR_FORBIDDEN:
      return "forbidden";
    case SHOU_API_ERROR_NOT_FOUND:
      return "not_found";
    case SHOU_API_ERROR_CONFLICT:
      return "version_conflict";
    case SHOU_API_ERROR_NOT_ALLOWED:
      return "not_allowed";
    case SHOU_API_ERROR_BAD_REQUEST:
      return "bad_request";
    case SHOU_API_ERROR_BAD_RESPONSE:
      return "bad_response";
    case SHOU_API_ERROR_SERVER:
      return "unavailable";
    case SHOU_API_ERROR_INSECURE:
      return "insecure";
    case SHOU_API_ERROR_CERTIFICATE:
      return "tls_failed";
    default:
      return "failed";
    }
}

char *
shou_api_error_describe_attempt (const char *code)
{
  if (code == NULL || shou_code_text_lookup (codes, G_N_ELEMENTS (codes), code) == NULL)
    return g_strdup (_("The last attempt did not go through."));
  return shou_api_error_describe (code, NULL);
}

const char * const *
shou_api_error_known_codes (void)
{
  static const char *all[G_N_ELEMENTS (codes) + 1];

  if (all[0] == NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
      all[i] = codes[i].code;
  return all;
}
