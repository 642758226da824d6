/* shou-platform-failure.c: platform errors as API answers. */
#include "config.h"

#include "protocol/shou-protocol.h"
#include "shou-platform-failure.h"

ShouHubFailure *
shou_platform_failure_from_error (const GError *error,
                                  const char   *platform)
{
  ShouHubFailure *failure;

  if (error->domain != SHOU_PROTOCOL_ERROR)
    return shou_hub_failure_new (502, "platform_unavailable", "%s: %s", platform, error->message);
  switch ((ShouProtocolError) error->code)
    {
    case SHOU_PROTOCOL_ERROR_SESSION_EXPIRED:
      return shou_hub_failure_new (503, "platform_session_expired",
                                   "The shop's %s authorisation lapsed: authorise it again", platform);
    case SHOU_PROTOCOL_ERROR_RATE_LIMITED:
    case SHOU_PROTOCOL_ERROR_UNAVAILABLE:
      return shou_hub_failure_new (503, "platform_busy", "%s is busy: %s", platform, error->message);
    case SHOU_PROTOCOL_ERROR_BUSINESS:
    case SHOU_PROTOCOL_ERROR_NO_PERMISSION:
    case SHOU_PROTOCOL_ERROR_BAD_REQUEST:
      failure = shou_hub_failure_new (422, "platform_refused", "%s", error->message);
      failure->reason = g_strdup ("platform_refused");
      return failure;
    case SHOU_PROTOCOL_ERROR_MALFORMED:
    case SHOU_PROTOCOL_ERROR_SIGNATURE:
    case SHOU_PROTOCOL_ERROR_OTHER:
    default:
      return shou_hub_failure_new (502, "platform_unavailable", "%s", error->message);
    }
}
