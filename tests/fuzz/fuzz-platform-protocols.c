/* Fuzz the real platforms' protocol parsers (issue 22): yuan amounts, the
 * TOP, 抖店 and JOS error envelopes, and the canonical sorted JSON the
 * platforms sign. Never crash; what parses round-trips; a fault always
 * matches the error it set; the canonical text is a fixed point. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "hub/platforms/douyin/shou-douyin-envelope.h"
#include "hub/platforms/jd/shou-jd-envelope.h"
#include "hub/platforms/taobao/shou-taobao-envelope.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_yuan (const char *text)
{
  gint64 fen = -1;
  g_autoptr(GError) error = NULL;

  if (!shou_protocol_parse_yuan (text, &fen, &error))
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  else
    {
      g_autofree char *again_text = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d",
                                                     fen / 100, (int) (fen % 100));
      gint64 again = -1;

      g_assert_true (fen >= 0);
      g_assert_true (shou_protocol_parse_yuan (again_text, &again, NULL));
      g_assert_cmpint (again, ==, fen);
    }
}

static void
check_fault (gboolean           ok,
             ShouProtocolFault *fault,
             GError            *error,
             JsonNode          *payload)
{
  if (ok)
    {
      g_assert_no_error (error);
      g_assert_null (fault);
      g_assert_nonnull (payload);
      return;
    }
  g_assert_nonnull (error);
  g_assert_true (error->domain == SHOU_PROTOCOL_ERROR);
  g_assert_null (payload);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (fault != NULL)
    {
      g_assert_cmpint (fault->kind, ==, error->code);
      g_assert_true (fault->message == NULL || g_utf8_validate (fault->message, -1, NULL));
      g_assert_true (fault->sub_message == NULL || g_utf8_validate (fault->sub_message, -1, NULL));
    }
}

static void
check_envelopes (const char *text,
                 gssize      length)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShouProtocolFault) fault = NULL;
      g_autoptr(JsonNode) payload = NULL;
      gboolean ok;

      if (i == 0)
        ok = shou_taobao_envelope_read (text, length, "taobao.refund.get", &payload, &fault, &error);
      else if (i == 1)
        ok = shou_douyin_envelope_read (text, length, &payload, &fault, &error);
      else
        ok = shou_jd_envelope_read (text, length, "jingdong.asc.query.list", &payload, &fault, &error);
      check_fault (ok, fault, error, payload);
    }
}

static void
check_sorted_json (const char *text,
                   gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) again = json_parser_new ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (!json_parser_load_from_data (parser, text, length, NULL))
    return;
  first = shou_protocol_sorted_json (json_parser_get_root (parser), NULL);
  if (first == NULL)
    return;
  g_assert_true (g_utf8_validate (first, -1, NULL));
  g_assert_true (json_parser_load_from_data (again, first, -1, NULL));
  second = shou_protocol_sorted_json (json_parser_get_root (again), NULL);
  g_assert_cmpstr (first, ==, second);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);

  check_yuan (text);
  /* json-glib wants UTF-8; the envelopes are read from what arrived. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;
  check_envelopes (text, -1);
  check_sorted_json (text, -1);
  return 0;
}
