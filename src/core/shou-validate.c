/* shou-validate.c: tracking numbers, phones, postcodes, message lengths, evidence */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "shou-money.h"
#include "shou-validate.h"

G_DEFINE_QUARK (shou-validate-error-quark, shou_validate_error)

typedef struct
{
  const char *code;
  const char *name;
  const char *pattern;   /* anchored regex over the normalised number */
  const char *example;
} CarrierFormat;

/* Formats as the carriers print them on waybills (2020s). */
static const CarrierFormat carrier_formats[] = {
  { "SF",    N_("SF Express"),   "^(SF[0-9]{12,13}|[0-9]{12})$",                      "SF1234567890123" },
  { "ZTO",   N_("ZTO Express"),  "^[234567][0-9]{11,14}$",                            "773012345678901" },
  { "YTO",   N_("YTO Express"),  "^YT[0-9]{13}$",                                     "YT1234567890123" },
  { "STO",   N_("STO Express"),  "^(77|88|66|55|268|368|468|568|668|868|968)[0-9]{9,11}$", "773123456789" },
  { "YUNDA", N_("Yunda Express"), "^[0-9]{13,15}$",                                   "4312345678901" },
  { "JD",    N_("JD Logistics"), "^JD[0-9A-Z]{13,15}$",                               "JDVA12345678901" },
  { "EMS",   N_("EMS"),          "^([A-Z]{2}[0-9]{9}[A-Z]{2}|1[0-9]{12})$",           "EA123456789CN" },
  { "JTSD",  N_("J&T Express"),  "^JT[0-9]{13}$",                                     "JT1234567890123" },
  { "DBL",   N_("Deppon"),       "^([0-9]{8,10}|DPK[0-9]{10,13})$",                   "DPK201234567890" },
};

#define N_CARRIERS G_N_ELEMENTS (carrier_formats)

const ShouCarrier *
shou_carriers_get_all (guint *n_carriers)
{
  static ShouCarrier *carriers = NULL;

  if (g_once_init_enter (&carriers))
    {
      ShouCarrier *table = g_new0 (ShouCarrier, N_CARRIERS + 1);

      for (guint i = 0; i < N_CARRIERS; i++)
        {
          table[i].code = carrier_formats[i].code;
          table[i].name = g_dgettext (GETTEXT_PACKAGE, carrier_formats[i].name);
        }
      g_once_init_leave (&carriers, table);
    }

  if (n_carriers != NULL)
    *n_carriers = N_CARRIERS;
  return carriers;
}

const ShouCarrier *
shou_carrier_find (const char *code)
{
  const ShouCarrier *all = shou_carriers_get_all (NULL);

  if (code == NULL)
    return NULL;
  for (guint i = 0; i < N_CARRIERS; i++)
    if (g_ascii_strcasecmp (all[i].code, code) == 0)
      return &all[i];
  return NULL;
}

char *
shou_tracking_number_normalize (const char *tracking_no)
{
  GString *out;

  if (tracking_no == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  for (const char *p = tracking_no; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-' || *p == '\t')
        continue;
      g_string_append_c (out, g_ascii_toupper (*p));
    }
  return g_string_free (out, FALSE);
}

gboolean
shou_carrier_is_other (const char *code)
{
  return code != NULL && g_ascii_strcasecmp (code, SHOU_CARRIER_OTHER) == 0;
}

gboolean
shou_validate_carrier_name (const char  *name,
                            GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  glong length;

  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT,
                   _("The carrier name is not valid text"));
      return FALSE;
    }
  if (trimmed[0] == '\0')
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY,
                   _("Enter the carrier name"));
      return FALSE;
    }
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || shou_text_is_invisible_control (c))
        {
          g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT,
                       _("The carrier name is not valid text"));
          return FALSE;
        }
    }
  length = g_utf8_strlen (trimmed, -1);
  if (length > SHOU_CARRIER_NAME_MAX)
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The carrier name is at most %d character",
                                "The carrier name is at most %d characters",
                                SHOU_CARRIER_NAME_MAX),
                   SHOU_CARRIER_NAME_MAX);
      return FALSE;
    }
  return TRUE;
}

/* 其他快递: letters and digits, 6–30 once normalised; nothing more is known. */
static gboolean
validate_other_number (const char  *tracking_no,
                       GError     **error)
{
  g_autofree char *number = shou_tracking_number_normalize (tracking_no);
  gsize length = strlen (number);

  if (length == 0)
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY,
                   _("Enter the tracking number"));
      return FALSE;
    }
  for (const char *p = number; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      {
        g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT,
                     _("A tracking number has only letters and digits"));
        return FALSE;
      }
  if (length < 6 || length > 30)
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT,
                   _("A tracking number has 6 to 30 letters and digits"));
      return FALSE;
    }
  return TRUE;
}

gboolean
shou_validate_tracking_number (const char  *carrier_code,
                               const char  *tracking_no,
                               GError     **error)
{
  g_autofree char *number = NULL;
  const CarrierFormat *format = NULL;

  for (guint i = 0; i < N_CARRIERS && carrier_code != NULL; i++)
    if (g_ascii_strcasecmp (carrier_formats[i].code, carrier_code) == 0)
      format = &carrier_formats[i];

  if (format == NULL && shou_carrier_is_other (carrier_code))
    return validate_other_number (tracking_no, error);

  if (format == NULL)
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_UNKNOWN_CARRIER,
                   _("Unknown carrier “%s”"), carrier_code ? carrier_code : "");
      return FALSE;
    }

  number = shou_tracking_number_normalize (tracking_no);
  if (number[0] == '\0')
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY,
                   _("Enter the tracking number"));
      return FALSE;
    }

  if (!g_regex_match_simple (format->pattern, number, 0, 0))
    {
      /* TRANSLATORS: %s is a carrier name, the second %s an example number */
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT,
                   _("This is not a %s tracking number; expected something like %s"),
                   g_dgettext (GETTEXT_PACKAGE, format->name), format->example);
      return FALSE;
    }

  return TRUE;
}

static char *
strip_separators (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ' && *p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
is_mobile (const char *phone)
{
  g_autofree char *digits = strip_separators (phone);
  const char *p = digits;

  if (g_str_has_prefix (p, "+86"))
    p += 3;
  else if (g_str_has_prefix (p, "0086"))
    p += 4;
  return g_regex_match_simple ("^1[3-9][0-9]{9}$", p, 0, 0);
}

static gboolean
is_landline (const char *phone)
{
  g_autofree char *copy = g_strstrip (g_strdup (phone));

  /* 010-12345678, 0755 1234567, (021)12345678, 021-12345678-123, 400-123-4567 */
  return g_regex_match_simple ("^(\\(0[0-9]{2,3}\\)|0[0-9]{2,3}[- ]?)[1-9][0-9]{6,7}([- ]?(转|ext\\.?|#)?[0-9]{1,6})?$",
                               copy, G_REGEX_CASELESS, 0) ||
         g_regex_match_simple ("^[48]00[- ]?[0-9]{3}[- ]?[0-9]{4}$", copy, 0, 0);
}

gboolean
shou_validate_phone (const char  *phone,
                     GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (phone ? phone : ""));

  if (copy[0] == '\0')
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY,
                   _("Enter a phone number"));
      return FALSE;
    }

  if (!is_mobile (copy) && !is_landline (copy))
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT,
                   _("Enter an 11-digit mobile number (13812345678) or a landline with its area code (010-12345678)"));
      return FALSE;
    }

  return TRUE;
}

gboolean
shou_validate_amount (gint64   amount_fen,
                      gint64   max_fen,
                      GError **error)
{
  if (amount_fen <= 0)
    {
      g_set_error_literal (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY,
                           _("Enter an amount above zero"));
      return FALSE;
    }
  if (amount_fen > max_fen)
    {
      g_autofree char *max = shou_money_format (MAX (max_fen, 0));

      /* Translators: %s is an amount such as ¥59.00 */
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_BIG,
                   _("At most %s, the amount the buyer asked for"), max);
      return FALSE;
    }
  return TRUE;
}

gboolean
shou_text_is_invisible_control (gunichar c)
{
  return (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF || c == 0x180E ||
         c == 0x061C || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

char *
shou_text_clean (const char  *text,
                 gssize       length,
                 GError     **error)
{
  g_autoptr(GString) out = NULL;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (text);
  /* With an explicit length g_utf8_validate also refuses NUL. */
  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error_literal (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT,
                           _("The text holds characters that are not allowed (control characters)"));
      return NULL;
    }
  out = g_string_sized_new ((gsize) length);
  end = text + length;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_CONTROL && c != '\n' && c != '\t' && c != '\r')
        {
          g_set_error_literal (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT,
                               _("The text holds characters that are not allowed (control characters)"));
          return NULL;
        }
      if (!shou_text_is_invisible_control (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
shou_validate_postcode (const char  *postcode,
                        GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (postcode ? postcode : ""));

  if (copy[0] == '\0')
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY,
                   _("Enter a postcode"));
      return FALSE;
    }

  if (!g_regex_match_simple ("^[0-8][0-9]{5}$", copy, 0, 0))
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT,
                   _("A postcode has six digits, e.g. 100000"));
      return FALSE;
    }

  return TRUE;
}

gboolean
shou_validate_message (const ShouProfile  *profile,
                       const char         *text,
                       GError            **error)
{
  guint max;
  gsize len;

  g_return_val_if_fail (profile != NULL, FALSE);

  if (text == NULL || text[0] == '\0')
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY,
                   _("Write a message"));
      return FALSE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT,
                   _("The message is not valid text"));
      return FALSE;
    }

  max = shou_profile_get_message_max (profile);
  if (shou_profile_get_message_in_bytes (profile))
    {
      len = strlen (text);
      if (len > max)
        {
          /* TRANSLATORS: lengths in bytes; a Chinese character takes 3 bytes */
          g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_LONG,
                       _("The message is %u bytes long; the platform allows %u bytes (a Chinese character counts as 3)"),
                       (guint) len, max);
          return FALSE;
        }
    }
  else
    {
      len = (gsize) g_utf8_strlen (text, -1);
      if (len > max)
        {
          g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_LONG,
                       _("The message is %u characters long; the platform allows %u"),
                       (guint) len, max);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
shou_validate_explanation (const ShouProfile  *profile,
                           const char         *text,
                           GError            **error)
{
  guint len;

  g_return_val_if_fail (profile != NULL, FALSE);

  len = text != NULL && g_utf8_validate (text, -1, NULL) ? (guint) g_utf8_strlen (text, -1) : 0;
  if (len < shou_profile_get_explanation_min (profile) || len == 0)
    {
      g_set_error (error, SHOU_VALIDATE_ERROR,
                   len == 0 ? SHOU_VALIDATE_ERROR_EMPTY : SHOU_VALIDATE_ERROR_TOO_SHORT,
                   _("Explain in at least %u characters"),
                   MAX (shou_profile_get_explanation_min (profile), 1));
      return FALSE;
    }
  if (len > shou_profile_get_explanation_max (profile))
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_LONG,
                   _("The explanation is %u characters long; the platform allows %u"),
                   len, shou_profile_get_explanation_max (profile));
      return FALSE;
    }
  return TRUE;
}

char *
shou_phone_mask (const char *phone)
{
  g_autofree char *digits = NULL;
  const char *p;
  gsize len;

  if (phone == NULL)
    return g_strdup ("");

  digits = strip_separators (phone);
  p = digits;
  if (g_str_has_prefix (p, "+86"))
    p += 3;

  len = strlen (p);
  if (len == 11 && p[0] == '1')
    return g_strdup_printf ("%.3s****%s", p, p + 7);

  if (len > 6)
    {
      GString *out = g_string_new (NULL);

      /* Keep the area code or first three and the last four characters. */
      g_string_append_len (out, p, 3);
      for (gsize i = 3; i < len - 4; i++)
        g_string_append_c (out, '*');
      g_string_append (out, p + len - 4);
      return g_string_free (out, FALSE);
    }

  return g_strnfill (len, '*');
}

static gboolean
report_sensitive (GArray  *matches,
                  GError **error)
{
  ShouSensitiveMatch *match;

  if (matches->len == 0)
    return TRUE;

  match = &g_array_index (matches, ShouSensitiveMatch, 0);
  if (match->kind == SHOU_SENSITIVE_ABUSE)
    /* TRANSLATORS: %s is an uncivil word; platforms fine it like outside contact */
    g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_SENSITIVE,
                 _("Messages must not contain uncivil language (“%s”)"), match->word);
  else
    /* TRANSLATORS: %s is a forbidden word such as 微信 */
    g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_SENSITIVE,
                 _("Messages must not mention other platforms or payment channels (“%s”)"),
                 match->word);
  return FALSE;
}

gboolean
shou_validate_no_sensitive (const char  *text,
                            GError     **error)
{
  g_autoptr(GArray) matches = NULL;

  if (text == NULL)
    return TRUE;
  matches = shou_sensitive_scan (text);
  return report_sensitive (matches, error);
}

gboolean
shou_validate_no_sensitive_for_profile (const ShouProfile  *profile,
                                        const char         *text,
                                        GError            **error)
{
  g_autoptr(GArray) matches = NULL;

  g_return_val_if_fail (profile != NULL, FALSE);

  if (text == NULL)
    return TRUE;
  matches = shou_sensitive_scan_for_platform (text, shou_profile_get_platform (profile));
  return report_sensitive (matches, error);
}

gboolean
shou_validate_evidence (const ShouProfile  *profile,
                        const guint8       *data,
                        gsize               length,
                        guint               n_existing,
                        const char        **out_content_type,
                        GError            **error)
{
  const char *type;
  gsize max_bytes;
  guint max_count;

  g_return_val_if_fail (profile != NULL, FALSE);

  if (out_content_type != NULL)
    *out_content_type = NULL;

  max_count = shou_profile_get_evidence_max_count (profile);
  if (n_existing >= max_count)
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_MANY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "At most %u piece of evidence can be attached",
                                "At most %u pieces of evidence can be attached",
                                max_count),
                   max_count);
      return FALSE;
    }

  if (data == NULL || length == 0)
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY,
                   _("The file is empty"));
      return FALSE;
    }

  type = shou_sniff_content_type (data, length);
  if (type == NULL ||
      !g_strv_contains (shou_profile_get_evidence_types (profile), type))
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **) shou_profile_get_evidence_types (profile));

      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TYPE,
                   _("This file type is not accepted (allowed: %s), or the file is damaged"),
                   allowed);
      return FALSE;
    }

  max_bytes = shou_profile_get_evidence_max_bytes (profile);
  if (length > max_bytes)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_BIG,
                   _("The file is %s; the platform accepts at most %s"), size, limit);
      return FALSE;
    }

  if (out_content_type != NULL)
    *out_content_type = type;
  return TRUE;
}
