/* test-core-validate.c: tracking numbers, phones, postcodes, evidence sniffing */
#include "config.h"

#include "core-test-util.h"

typedef struct
{
  const char *carrier;
  const char *number;
  int         code;     /* -1 = valid */
} TrackingCase;

static const TrackingCase tracking_cases[] = {
  { "SF", "SF1234567890123", -1 },
  { "SF", "SF123456789012", -1 },
  { "SF", "123456789012", -1 },
  { "sf", "sf 1234 5678 9012 3", -1 },
  { "SF", "SF12345", SHOU_VALIDATE_ERROR_FORMAT },
  { "SF", "YT1234567890123", SHOU_VALIDATE_ERROR_FORMAT },
  { "ZTO", "773012345678901", -1 },
  { "ZTO", "534567890123", -1 },
  { "ZTO", "12345678901", SHOU_VALIDATE_ERROR_FORMAT },
  { "ZTO", "934567890123", SHOU_VALIDATE_ERROR_FORMAT },
  { "YTO", "YT1234567890123", -1 },
  { "YTO", "YT123456789012", SHOU_VALIDATE_ERROR_FORMAT },
  { "YTO", "1234567890123", SHOU_VALIDATE_ERROR_FORMAT },
  { "STO", "773123456789", -1 },
  { "STO", "8812345678901", -1 },
  { "STO", "2681234567890", -1 },
  { "STO", "123456789012", SHOU_VALIDATE_ERROR_FORMAT },
  { "YUNDA", "4312345678901", -1 },
  { "YUNDA", "312345678901234", -1 },
  { "YUNDA", "431234567890", SHOU_VALIDATE_ERROR_FORMAT },
  { "JD", "JDVA12345678901", -1 },
  { "JD", "JDX000123456789", -1 },
  { "JD", "JD123", SHOU_VALIDATE_ERROR_FORMAT },
  { "EMS", "EA123456789CN", -1 },
  { "EMS", "1123456789012", -1 },
  { "EMS", "EA12345678CN", SHOU_VALIDATE_ERROR_FORMAT },
  { "JTSD", "JT1234567890123", -1 },
  { "JTSD", "JT12345678901", SHOU_VALIDATE_ERROR_FORMAT },
  { "DBL", "12345678", -1 },
  { "DBL", "DPK201234567890", -1 },
  { "DBL", "1234567", SHOU_VALIDATE_ERROR_FORMAT },
  { "SF", "", SHOU_VALIDATE_ERROR_EMPTY },
  { "SF", NULL, SHOU_VALIDATE_ERROR_EMPTY },
  /* 其他快递 (seed 000 ⑶ 10): letters and digits, 6–30; 百世, 宅急送, 丰网 */
  { "OTHER", "557012345678", -1 },
  { "other", "zjs-0012 3456", -1 },
  { "OTHER", "FW1234567890123456789012345678", -1 },
  { "OTHER", "12345", SHOU_VALIDATE_ERROR_FORMAT },
  { "OTHER", "FW12345678901234567890123456789", SHOU_VALIDATE_ERROR_FORMAT },
  { "OTHER", "5570/1234567", SHOU_VALIDATE_ERROR_FORMAT },
  { "OTHER", "百世557012345678", SHOU_VALIDATE_ERROR_FORMAT },
  { "OTHER", "", SHOU_VALIDATE_ERROR_EMPTY },
  { "UPS", "1Z999AA10123456784", SHOU_VALIDATE_ERROR_UNKNOWN_CARRIER },
  { NULL, "SF1234567890123", SHOU_VALIDATE_ERROR_UNKNOWN_CARRIER },
};

static void
test_tracking (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tracking_cases); i++)
    {
      const TrackingCase *c = &tracking_cases[i];
      g_autoptr(GError) error = NULL;
      gboolean ok = shou_validate_tracking_number (c->carrier, c->number, &error);

      if (c->code < 0 && !ok)
        g_error ("%s %s: %s", c->carrier, c->number, error->message);
      if (c->code >= 0 && !g_error_matches (error, SHOU_VALIDATE_ERROR, c->code))
        g_error ("%s %s: expected error %d", c->carrier, c->number, c->code);
    }
}

typedef struct
{
  const char *name;
  int         code;     /* -1 = valid */
} CarrierNameCase;

/* The name typed for 其他快递: 1–20 characters once trimmed, plain text. */
static const CarrierNameCase carrier_name_cases[] = {
  { "百世快递", -1 },
  { "  宅急送 ", -1 },
  { "丰网速运", -1 },
  { "<b>安能</b>", -1 },                 /* text, never markup: kept as typed */
  { "一二三四五六七八九十一二三四五六七八九十", -1 },
  { "一二三四五六七八九十一二三四五六七八九十一", SHOU_VALIDATE_ERROR_TOO_LONG },
  { "", SHOU_VALIDATE_ERROR_EMPTY },
  { "   ", SHOU_VALIDATE_ERROR_EMPTY },
  { NULL, SHOU_VALIDATE_ERROR_EMPTY },
  { "百世\033[31m", SHOU_VALIDATE_ERROR_FORMAT },
  { "百\xe2\x80\x8b世", SHOU_VALIDATE_ERROR_FORMAT },
  { "\xff\xfe", SHOU_VALIDATE_ERROR_FORMAT },
};

static void
test_carrier_other (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (carrier_name_cases); i++)
    {
      const CarrierNameCase *c = &carrier_name_cases[i];
      g_autoptr(GError) error = NULL;
      gboolean ok = shou_validate_carrier_name (c->name, &error);

      if (c->code < 0 && !ok)
        g_error ("case %u: %s", i, error->message);
      if (c->code >= 0 && !g_error_matches (error, SHOU_VALIDATE_ERROR, c->code))
        g_error ("case %u: expected error %d", i, c->code);
    }
  /* Not a listed carrier: pickers and GET /v1/carriers do not offer it twice. */
  g_assert_true (shou_carrier_is_other ("OTHER"));
  g_assert_true (shou_carrier_is_other ("other"));
  g_assert_false (shou_carrier_is_other ("SF"));
  g_assert_false (shou_carrier_is_other (NULL));
  g_assert_null (shou_carrier_find ("OTHER"));
}

static void
test_tracking_message_says_format (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (shou_validate_tracking_number ("YTO", "123", &error));
  g_assert_nonnull (strstr (error->message, "YTO Express"));
  g_assert_nonnull (strstr (error->message, "YT1234567890123"));
}

static void
test_carriers (void)
{
  static const char * const required[] = { "SF", "ZTO", "YTO", "STO", "YUNDA", "JD", "EMS", "JTSD", "DBL" };
  const ShouCarrier *all;
  guint n = 0;
  g_autofree char *normal = shou_tracking_number_normalize (" sf-1234 5678 ");

  all = shou_carriers_get_all (&n);
  g_assert_cmpuint (n, >=, G_N_ELEMENTS (required));
  g_assert_null (all[n].code);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const ShouCarrier *carrier = shou_carrier_find (required[i]);

      g_assert_nonnull (carrier);
      g_assert_cmpstr (carrier->code, ==, required[i]);
      g_assert_cmpstr (carrier->name, !=, "");
    }
  g_assert_null (shou_carrier_find ("UPS"));
  g_assert_null (shou_carrier_find (NULL));
  g_assert_cmpstr (normal, ==, "SF12345678");
}

static void
test_phone (void)
{
  static const struct { const char *phone; gboolean ok; } cases[] = {
    { "13812345678", TRUE },
    { "+8613812345678", TRUE },
    { "+86 138 1234 5678", TRUE },
    { "138-1234-5678", TRUE },
    { "19912345678", TRUE },
    { "12812345678", FALSE },
    { "1381234567", FALSE },
    { "138123456789", FALSE },
    { "010-12345678", TRUE },
    { "0755 1234567", TRUE },
    { "(021)12345678", TRUE },
    { "021-12345678-123", TRUE },
    { "0571-8765432转8001", TRUE },
    { "400-123-4567", TRUE },
    { "010-1234", FALSE },
    { "12345678", FALSE },
    { "abc", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = shou_validate_phone (cases[i].phone, &error);

      if (ok != cases[i].ok)
        g_error ("phone \"%s\": expected %s", cases[i].phone, cases[i].ok ? "valid" : "invalid");
      g_assert_true (ok == (error == NULL));
    }
}

static void
test_phone_mask (void)
{
  static const struct { const char *phone; const char *masked; } cases[] = {
    { "13812345678", "138****5678" },
    { "+86 138 1234 5678", "138****5678" },
    { "010-12345678", "010****5678" },
    { "12345", "*****" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = shou_phone_mask (cases[i].phone);
      g_assert_cmpstr (masked, ==, cases[i].masked);
    }
}

static void
test_postcode (void)
{
  static const struct { const char *code; gboolean ok; } cases[] = {
    { "100000", TRUE },
    { "518000", TRUE },
    { " 200000 ", TRUE },
    { "010000", TRUE },
    { "900000", FALSE },
    { "10000", FALSE },
    { "1000000", FALSE },
    { "10000a", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (shou_validate_postcode (cases[i].code, NULL), ==, cases[i].ok);
}

static void
test_message_chars (void)
{
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_PDD, NULL);
  GString *s = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (shou_profile_get_message_in_bytes (profile));
  for (guint i = 0; i < shou_profile_get_message_max (profile); i++)
    g_string_append (s, "好");
  text = g_string_free (s, FALSE);
  g_assert_true (shou_validate_message (profile, text, NULL));
  {
    g_autofree char *longer = g_strconcat (text, "!", NULL);
    g_assert_false (shou_validate_message (profile, longer, &error));
    g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_LONG);
  }
  g_clear_error (&error);
  g_assert_false (shou_validate_message (profile, "", &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY);
}

static void
test_explanation (void)
{
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_TAOBAO, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (shou_validate_explanation (profile, "好", &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_SHORT);
  g_clear_error (&error);
  g_assert_false (shou_validate_explanation (profile, NULL, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY);
  g_assert_true (shou_validate_explanation (profile, "好的", NULL));
}

typedef struct
{
  const char   *name;
  const guint8 *data;
  gsize         length;
  const char   *type;
} SniffCase;

static const guint8 jpeg_ok[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 0xFF, 0xD9 };
static const guint8 jpeg_truncated[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0 };
static const guint8 png_ok[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
  0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE,
  0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82,
};
static const guint8 png_truncated[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
  0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE,
  0, 0, 0, 0, 'I', 'E',
};
static const guint8 png_no_ihdr[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
  0, 0, 0, 13, 'X', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE,
  0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82,
};
static const char pdf_ok[] = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
static const char pdf_truncated[] = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n";
static const char gif[] = "GIF89a\x01\x00\x01\x00";
static const char text[] = "hello, this is not an image";

static const SniffCase sniff_cases[] = {
  { "jpeg", jpeg_ok, sizeof jpeg_ok, "image/jpeg" },
  { "jpeg-truncated", jpeg_truncated, sizeof jpeg_truncated, NULL },
  { "png", png_ok, sizeof png_ok, "image/png" },
  { "png-truncated", png_truncated, sizeof png_truncated, NULL },
  { "png-no-ihdr", png_no_ihdr, sizeof png_no_ihdr, NULL },
  { "pdf", (const guint8 *) pdf_ok, sizeof pdf_ok - 1, "application/pdf" },
  { "pdf-truncated", (const guint8 *) pdf_truncated, sizeof pdf_truncated - 1, NULL },
  { "gif", (const guint8 *) gif, sizeof gif - 1, NULL },
  { "text", (const guint8 *) text, sizeof text - 1, NULL },
  { "empty", (const guint8 *) "", 0, NULL },
  { "three-bytes", jpeg_ok, 3, NULL },
};

static void
test_sniff (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sniff_cases); i++)
    {
      const char *type = shou_sniff_content_type (sniff_cases[i].data, sniff_cases[i].length);

      if (g_strcmp0 (type, sniff_cases[i].type) != 0)
        g_error ("%s: sniffed %s, expected %s", sniff_cases[i].name, type, sniff_cases[i].type);
    }
  g_assert_null (shou_sniff_content_type (NULL, 10));
}

static void
test_evidence_messages (void)
{
  ShouProfile *profile = core_test_profile (SHOU_PLATFORM_JD, NULL);
  g_autoptr(GError) error = NULL;
  const char *type = NULL;

  g_assert_true (shou_validate_evidence (profile, (const guint8 *) pdf_ok, sizeof pdf_ok - 1, 0, &type, &error));
  g_assert_cmpstr (type, ==, "application/pdf");
  g_assert_false (shou_validate_evidence (profile, (const guint8 *) pdf_truncated, sizeof pdf_truncated - 1,
                                          0, &type, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TYPE);
  g_assert_nonnull (strstr (error->message, "image/jpeg"));
  g_clear_error (&error);
  g_assert_false (shou_validate_evidence (profile, NULL, 0, 0, &type, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY);
}

/* An explicit amount: 1 fen to the maximum; zero is refused, not "all". */
static void
test_amount (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_validate_amount (1, 5900, NULL));
  g_assert_true (shou_validate_amount (5900, 5900, NULL));
  g_assert_false (shou_validate_amount (0, 5900, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (shou_validate_amount (-1, 5900, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (shou_validate_amount (G_MININT64, 5900, NULL));
  g_assert_false (shou_validate_amount (5901, 5900, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_BIG);
  g_assert_nonnull (strstr (error->message, "59.00"));
  g_clear_error (&error);
  /* A request without an amount has nothing to refund. */
  g_assert_false (shou_validate_amount (1, 0, NULL));
}

static void
test_text_clean (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = shou_text_clean ("您好\u200b，\u202e已收到\u2066！\u2069\ufeff\u200d\u061c", -1, NULL);
  g_autofree char *b = shou_text_clean ("第一行\n第二行\t（全角标点）", -1, NULL);
  g_autofree char *c = NULL;

  g_assert_cmpstr (a, ==, "您好，已收到！");
  g_assert_cmpstr (b, ==, "第一行\n第二行\t（全角标点）");
  g_assert_null (shou_text_clean ("\x1b[31m红\x1b[0m", -1, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (shou_text_clean ("a\0b", 3, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (shou_text_clean ("\xc2\x85", -1, NULL));
  g_assert_null (shou_text_clean ("\xff", -1, NULL));
  c = shou_text_clean ("", -1, NULL);
  g_assert_cmpstr (c, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/validate/tracking", test_tracking);
  g_test_add_func ("/core/validate/tracking-message-says-format", test_tracking_message_says_format);
  g_test_add_func ("/core/validate/carriers", test_carriers);
  g_test_add_func ("/core/validate/carrier-other", test_carrier_other);
  g_test_add_func ("/core/validate/phone", test_phone);
  g_test_add_func ("/core/validate/phone-mask", test_phone_mask);
  g_test_add_func ("/core/validate/postcode", test_postcode);
  g_test_add_func ("/core/validate/message-chars", test_message_chars);
  g_test_add_func ("/core/validate/explanation", test_explanation);
  g_test_add_func ("/core/validate/sniff", test_sniff);
  g_test_add_func ("/core/validate/evidence-messages", test_evidence_messages);
  g_test_add_func ("/core/validate/amount", test_amount);
  g_test_add_func ("/core/validate/text-clean", test_text_clean);

  return g_test_run ();
}
