/* shou-platform-error.h: what a platform's error envelope means to the hub,
 * whatever the platform. Each platform's error module (pdd/shou-pdd-error.c,
 * taobao/…) reads its own envelope and answers with one of these. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHOU_PLATFORM_ERROR (shou_platform_error_quark ())

typedef enum
{
  SHOU_PLATFORM_ERROR_SESSION_EXPIRED,  /* the shop's authorisation lapsed: re-authorise */
  SHOU_PLATFORM_ERROR_FLOW_CONTROL,     /* rate limited: retry later */
  SHOU_PLATFORM_ERROR_NO_PERMISSION,    /* the app or shop may not call this */
  SHOU_PLATFORM_ERROR_BUSINESS,         /* the platform refused the operation (sub-code) */
  SHOU_PLATFORM_ERROR_SIGNATURE,        /* the platform refused our signature */
  SHOU_PLATFORM_ERROR_TRANSPORT,        /* no answer, or not HTTP 200 */
  SHOU_PLATFORM_ERROR_BAD_RESPONSE,     /* an answer we cannot read */
  SHOU_PLATFORM_ERROR_UNSUPPORTED,      /* the platform's API offers no such call */
} ShouPlatformErrorCode;

GQuark shou_platform_error_quark (void);

/* One error answer, with the platform's own codes kept for support. */
typedef struct
{
  ShouPlatformErrorCode  kind;
  char                  *code;      /* the platform's error code, "10019" */
  char                  *sub_code;  /* its sub-code, or %NULL */
  char                  *message;   /* its message (remote text: never markup) */
} ShouPlatformFault;

ShouPlatformFault *shou_platform_fault_new      (ShouPlatformErrorCode    kind,
                                                 const char              *code,
                                                 const char              *sub_code,
                                                 const char              *message);
void               shou_platform_fault_free     (ShouPlatformFault       *fault);
/* A SHOU_PLATFORM_ERROR whose message is "[code/sub_code] message". */
GError            *shou_platform_fault_to_error (const ShouPlatformFault *fault);
/* The fault an error carries back (kind from its code; codes parsed from
 * the message shou_platform_fault_to_error() wrote). (transfer full) */
ShouPlatformFault *shou_platform_fault_from_error (const GError          *error);
const char        *shou_platform_error_to_string (ShouPlatformErrorCode   kind);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouPlatformFault, shou_platform_fault_free)

G_END_DECLS
