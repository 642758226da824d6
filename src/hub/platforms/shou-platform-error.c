/* shou-platform-error.c: typed platform errors. */
#include "config.h"

#include <string.h>

#include "shou-platform-error.h"

G_DEFINE_QUARK (shou-platform-error-quark, shou_platform_error)

ShouPlatformFault *
shou_platform_fault_new (ShouPlatformErrorCode  kind,
                         const char            *code,
                         const char            *sub_code,
                         const char            *message)
{
  ShouPlatformFault *fault = g_new0 (ShouPlatformFault, 1);

  fault->kind = kind;
  fault->code = g_strdup (code ? code : "");
  fault->sub_code = g_strdup (sub_code);
  fault->message = g_utf8_make_valid (message ? message : "", -1);
  return fault;
}

void
shou_platform_fault_free (ShouPlatformFault *fault)
{
  if (fault == NULL)
    return;
  g_free (fault->code);
  g_free (fault->sub_code);
  g_free (fault->message);
  g_free (fault);
}

GError *
shou_platform_fault_to_error (const ShouPlatformFault *fault)
{
  g_return_val_if_fail (fault != NULL, NULL);
  return g_error_new (SHOU_PLATFORM_ERROR, fault->kind, "[%s%s%s] %s", fault->code,
                      fault->sub_code ? "/" : "", fault->sub_code ? fault->sub_code : "",
                      fault->message);
}

ShouPlatformFault *
shou_platform_fault_from_error (const GError *error)
{
  g_autofree char *code = NULL;
  g_autofree char *sub_code = NULL;
  const char *text;
  const char *close;

  g_return_val_if_fail (error != NULL, NULL);
  text = error->message;
  close = text[0] == '[' ? strchr (text, ']') : NULL;
  if (error->domain != SHOU_PLATFORM_ERROR)
    return shou_platform_fault_new (SHOU_PLATFORM_ERROR_TRANSPORT, NULL, NULL, text);
  if (close != NULL)
    {
      g_autofree char *codes = g_strndup (text + 1, close - text - 1);
      char *slash = strchr (codes, '/');

      if (slash != NULL)
        {
          *slash = '\0';
          sub_code = g_strdup (slash + 1);
        }
      code = g_strdup (codes);
      text = close[1] == ' ' ? close + 2 : close + 1;
    }
  return shou_platform_fault_new (error->code, code, sub_code, text);
}

const char *
shou_platform_error_to_string (ShouPlatformErrorCode kind)
{
  switch (kind)
    {
    case SHOU_PLATFORM_ERROR_SESSION_EXPIRED: return "session_expired";
    case SHOU_PLATFORM_ERROR_FLOW_CONTROL: return "flow_control";
    case SHOU_PLATFORM_ERROR_NO_PERMISSION: return "no_permission";
    case SHOU_PLATFORM_ERROR_BUSINESS: return "business";
    case SHOU_PLATFORM_ERROR_SIGNATURE: return "signature";
    case SHOU_PLATFORM_ERROR_TRANSPORT: return "transport";
    case SHOU_PLATFORM_ERROR_BAD_RESPONSE: return "bad_response";
    case SHOU_PLATFORM_ERROR_UNSUPPORTED: return "unsupported";
    default: return "unknown";
    }
}
