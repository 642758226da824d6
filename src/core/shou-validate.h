/* shou-validate.h: validators for what sellers type. Each returns %TRUE or a
 * %SHOU_VALIDATE_ERROR with a translated message saying what is wrong. */
#pragma once

#include <glib.h>

#include "shou-profile.h"
#include "shou-sensitive.h"
#include "shou-sniff.h"

G_BEGIN_DECLS

#define SHOU_VALIDATE_ERROR (shou_validate_error_quark ())

typedef enum
{
  SHOU_VALIDATE_ERROR_EMPTY,
  SHOU_VALIDATE_ERROR_FORMAT,
  SHOU_VALIDATE_ERROR_TOO_LONG,
  SHOU_VALIDATE_ERROR_TOO_SHORT,
  SHOU_VALIDATE_ERROR_UNKNOWN_CARRIER,
  SHOU_VALIDATE_ERROR_SENSITIVE,
  SHOU_VALIDATE_ERROR_TYPE,
  SHOU_VALIDATE_ERROR_TOO_BIG,
  SHOU_VALIDATE_ERROR_TOO_MANY,
} ShouValidateError;

GQuark shou_validate_error_quark (void);

typedef struct
{
  const char *code;      /* "SF", "ZTO", "YTO", "STO", "YUNDA", "JD", "EMS", "JTSD", "DBL" */
  const char *name;      /* 顺丰速运 … (translated label) */
} ShouCarrier;

/* A carrier not in the list (其他快递, seed 000 ⑶ 10): the seller or buyer
 * types its name (carrier_name) and the number gets a loose check only
 * (letters and digits, 6–30 after normalising); it is never in
 * shou_carriers_get_all(), and shou_carrier_find() does not know it. */
#define SHOU_CARRIER_OTHER "OTHER"
#define SHOU_CARRIER_NAME_MAX 20

gboolean shou_carrier_is_other (const char *code);

/* A typed carrier name: 1–SHOU_CARRIER_NAME_MAX characters after trimming,
 * no control or invisible characters. Shown as plain text only. */
gboolean shou_validate_carrier_name (const char  *name,
                                     GError     **error);

/* Every carrier core knows, NULL-terminated by a zero entry. */
const ShouCarrier *shou_carriers_get_all      (guint       *n_carriers);
const ShouCarrier *shou_carrier_find          (const char  *code);

/* Upper-cased with spaces and dashes removed: what to store and send. */
char    *shou_tracking_number_normalize (const char *tracking_no);
gboolean shou_validate_tracking_number (const char  *carrier_code,
                                        const char  *tracking_no,
                                        GError     **error);
/* Mainland mobile (1[3-9]x 11 digits, optional +86) or landline
 * (area code 0xx/0xxx, 7–8 digits, optional extension; '-' or space). */
gboolean shou_validate_phone           (const char  *phone,
                                        GError     **error);
gboolean shou_validate_postcode        (const char  *postcode,
                                        GError     **error);
/* Length per the profile (characters or UTF-8 bytes). */
gboolean shou_validate_message         (const ShouProfile *profile,
                                        const char        *text,
                                        GError           **error);

/* A rejection explanation: between the profile's explanation_min and _max
 * characters (Taobao refuse_message: 2–200). */
gboolean shou_validate_explanation     (const ShouProfile *profile,
                                        const char        *text,
                                        GError           **error);

/**
 * shou_validate_amount:
 * An amount the seller gives explicitly (a refund, a partial refund, a
 * compensation): from 1 fen to @max_fen. Zero is not "omitted": an action
 * without an amount leaves the field out. SHOU_VALIDATE_ERROR_EMPTY for
 * zero or less, _TOO_BIG above @max_fen.
 */
gboolean shou_validate_amount          (gint64       amount_fen,
                                        gint64       max_fen,
                                        GError     **error);

/**
 * shou_text_clean:
 * The seller's own text as it is stored and sent: zero-width characters
 * (U+200B–U+200D, U+2060, U+FEFF, U+180E) and bidi controls (U+200E,
 * U+200F, U+061C, U+202A–U+202E, U+2066–U+2069) removed, nothing else
 * changed (full-width punctuation stays as written). %NULL with
 * SHOU_VALIDATE_ERROR_FORMAT when @text (@length bytes, or -1) is not UTF-8
 * or holds NUL or another control character than tab, line feed and
 * carriage return (terminal escapes, C1 controls).
 * Returns: (transfer full) (nullable)
 */
char    *shou_text_clean               (const char  *text,
                                        gssize       length,
                                        GError     **error);
/* %TRUE for the characters shou_text_clean() removes. */
gboolean shou_text_is_invisible_control (gunichar    c);

/* Masks a phone as platforms do: "138****5678". */
char    *shou_phone_mask               (const char  *phone);

/* %TRUE when @text is clean for @profile's platform, as above. */
gboolean shou_validate_no_sensitive_for_profile (const ShouProfile *profile,
                                                 const char        *text,
                                                 GError           **error);
gboolean shou_validate_no_sensitive    (const char  *text,
                                        GError     **error);

/**
 * shou_validate_evidence:
 * Checks sniffed type, size and count (@n_existing already attached)
 * against the profile. Messages say how big and what the limit is.
 */
gboolean shou_validate_evidence        (const ShouProfile *profile,
                                        const guint8      *data,
                                        gsize              length,
                                        guint              n_existing,
                                        const char       **out_content_type,
                                        GError           **error);

G_END_DECLS
