/* Evidence uploads: real PNG/JPEG/PDF bytes made here, sniffed by the
 * server; impostors, oversize and too many files are refused per platform
 * profile, and refused uploads change nothing. */
#include "config.h"

#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "sim-test-util.h"

static void
put_be32 (GByteArray *out,
          guint32     v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (out, b, 4);
}

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         len)
{
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
  return ~crc;
}

static void
png_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         len)
{
  guint32 crc = crc32_update (0, (const guint8 *) type, 4);

  crc = crc32_update (crc, data, len);
  put_be32 (out, len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  g_byte_array_append (out, data, len);
  put_be32 (out, crc);
}

/* A decodable RGB PNG of @w x @h (zlib stored blocks), padded with a tEXt
 * chunk to @min_size bytes; @tint makes distinct files. */
static GBytes *
make_png (guint  w,
          guint  h,
          guint8 tint,
          gsize  min_size)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(GByteArray) z = g_byte_array_new ();
  guint8 ihdr[13] = { 0 };
  guint32 a = 1, b = 0;
  gsize pos = 0;

  for (guint y = 0; y < h; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (raw, &filter, 1);
      for (guint x = 0; x < w; x++)
        {
          guint8 px[3] = { x * 8, y * 8, tint };

          g_byte_array_append (raw, px, 3);
        }
    }
  for (guint i = 0; i < raw->len; i++)
    {
      a = (a + raw->data[i]) % 65521;
      b = (b + a) % 65521;
    }
  g_byte_array_append (z, (const guint8 *) "\x78\x01", 2);
  while (pos < raw->len)
    {
      guint16 n = MIN (raw->len - pos, 65535);
      guint8 hdr[5] = { pos + n == raw->len, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff };

      g_byte_array_append (z, hdr, 5);
      g_byte_array_append (z, raw->data + pos, n);
      pos += n;
    }
  put_be32 (z, (b << 16) | a);

  g_byte_array_append (out, signature, 8);
  ihdr[3] = w; ihdr[2] = w >> 8;
  ihdr[7] = h; ihdr[6] = h >> 8;
  ihdr[8] = 8;   /* bit depth */
  ihdr[9] = 2;   /* RGB */
  png_chunk (out, "IHDR", ihdr, sizeof ihdr);
  png_chunk (out, "IDAT", z->data, z->len);
  if (out->len + 12 + 12 + 9 < min_size)
    {
      gsize pad = min_size - out->len - 12 - 12;
      g_autofree guint8 *text = g_malloc (pad);

      memcpy (text, "Comment", 8);
      memset (text + 8, 'x', pad - 8);
      png_chunk (out, "tEXt", text, pad);
    }
  png_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* A JFIF container: SOI, APP0 "JFIF", a comment, EOI. */
static GBytes *
make_jpeg (gboolean with_eoi)
{
  static const guint8 head[] = {
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x48,
    0x00, 0x48, 0x00, 0x00, 0xFF, 0xFE, 0x00, 0x0C, 's', 'h', 'o', 'u', 'h', 'o', 'u', '-', 't', 'e',
  };
  g_autoptr(GByteArray) out = g_byte_array_new ();

  g_byte_array_append (out, head, sizeof head);
  if (with_eoi)
    g_byte_array_append (out, (const guint8 *) "\xFF\xD9", 2);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* A real JPEG, from gdk-pixbuf's encoder. */
static GBytes *
make_real_jpeg (int w,
                int h)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  g_autoptr(GError) error = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

/* A PNG whose header says 100,000 × 100,000 pixels (40 GB decoded). */
static GBytes *
make_png_bomb (void)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  guint8 ihdr[13] = { 0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0, 8, 2, 0, 0, 0 };
  g_autoptr(GByteArray) out = g_byte_array_new ();

  g_byte_array_append (out, signature, 8);
  png_chunk (out, "IHDR", ihdr, sizeof ihdr);
  png_chunk (out, "IDAT", (const guint8 *) "\x78\x01\x01\x00\x00\xff\xff\x00\x00\x00\x01", 11);
  png_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
make_pdf (void)
{
  static const char pdf[] =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
    "trailer << /Root 1 0 R >>\n"
    "%%EOF\n";

  return g_bytes_new_static (pdf, sizeof pdf - 1);
}

static SimResponse *
upload (SimFixture *f,
        const char *id,
        const char *type,
        GBytes     *bytes)
{
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/evidence?kind=product_photo", id);

  return sim_request_full (f, "POST", path, SIM_TOKEN_A, type, bytes, NULL);
}

static const ShouProfile *
profile_for (ShouPlatform platform)
{
  return shou_profiles_get (shou_profiles_get_default (), platform);
}

static void
test_png_roundtrip (SimFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  g_autoptr(GBytes) png = make_png (16, 12, 200, 0);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autoptr(SimResponse) first = upload (f, id, "image/png", png);
  g_autoptr(SimResponse) again = upload (f, id, "application/octet-stream", png);
  g_autofree char *get = g_strdup_printf ("/v1/aftersales/%s/evidence/%s", id, sha);
  g_autoptr(SimResponse) back = sim_request (f, "GET", get, SIM_TOKEN_A, NULL);
  g_autoptr(JsonObject) as = sim_get_aftersale (f, SIM_TOKEN_A, id);
  JsonObject *e;
  JsonArray *list;

  g_assert_cmpuint (first->status, ==, 201);
  e = sim_member (first, "evidence");
  g_assert_cmpstr (json_object_get_string_member (e, "id"), ==, sha);
  g_assert_cmpstr (json_object_get_string_member (e, "content_type"), ==, "image/png");
  g_assert_cmpint (json_object_get_int_member (e, "size"), ==, g_bytes_get_size (png));
  g_assert_cmpstr (json_object_get_string_member (e, "kind"), ==, "product_photo");
  g_assert_cmpstr (json_object_get_string_member (e, "by"), ==, "seller");

  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_member (again, "evidence"), "id"), ==, sha);

  g_assert_cmpuint (back->status, ==, 200);
  g_assert_true (g_bytes_equal (back->body, png));
  g_assert_cmpstr (soup_message_headers_get_content_type (back->headers, NULL), ==, "image/png");

  list = json_object_get_array_member (as, "evidence");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
}

static void
test_impostors (SimFixture    *f,
                gconstpointer  data)
{
  g_autofree char *tb = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  g_autofree char *jd = sim_open_request (f, "a-jd", "completed", "return_refund", NULL);
  g_autofree char *before = shou_sim_server_checksum (f->server);
  g_autofree char *after = NULL;
  g_autoptr(GBytes) text = g_bytes_new_static ("this is not a picture, only text\n", 33);
  g_autoptr(GBytes) png = make_png (4, 4, 1, 0);
  g_autoptr(GBytes) cut_jpeg = make_jpeg (FALSE);
  g_autoptr(GBytes) jfif_only = make_jpeg (TRUE);
  g_autoptr(GBytes) jpeg = make_real_jpeg (40, 30);
  g_autoptr(GBytes) pdf = make_pdf ();
  g_autoptr(GBytes) bomb = make_png_bomb ();
  g_autoptr(GByteArray) html = g_byte_array_new ();
  g_autoptr(GBytes) cut_png = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) - 12);
  g_autoptr(SimResponse) r1 = upload (f, tb, "image/jpeg", text);
  g_autoptr(SimResponse) r2 = upload (f, tb, "image/jpeg", png);
  g_autoptr(SimResponse) r3 = upload (f, tb, "image/jpeg", cut_jpeg);
  g_autoptr(SimResponse) r4 = upload (f, tb, "image/png", cut_png);
  g_autoptr(SimResponse) r5 = upload (f, tb, "application/pdf", pdf);
  g_autoptr(SimResponse) r6 = NULL;
  g_autoptr(SimResponse) r7 = NULL;
  g_autoptr(SimResponse) r8 = NULL;
  g_autoptr(SimResponse) r9 = NULL;
  g_autoptr(SimResponse) r10 = NULL;
  g_autoptr(SimResponse) got = NULL;
  g_autofree char *got_path = NULL;
  g_autoptr(GBytes) html_bytes = NULL;
  const char *disposition;
  static const char html_tail[] = "<html><script>alert(1)</script></html>\xFF\xD9";

  g_assert_cmpuint (r1->status, ==, 415);
  g_assert_cmpstr (sim_error_code (r1), ==, "unsupported_type");
  g_assert_cmpuint (r2->status, ==, 415);
  g_assert_cmpuint (r3->status, ==, 415);
  g_assert_cmpuint (r4->status, ==, 415);
  /* Taobao takes pictures only. */
  g_assert_cmpuint (r5->status, ==, 415);
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);

  /* JD also takes PDF; the JFIF file is a JPEG. */
  r6 = upload (f, jd, "application/pdf", pdf);
  g_assert_cmpuint (r6->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (sim_member (r6, "evidence"), "content_type"), ==, "application/pdf");
  r7 = upload (f, jd, "image/jpeg", jpeg);
  g_assert_cmpuint (r7->status, ==, 201);

  /* JPEG magic before an HTML page, a JFIF header with no picture, and a
   * picture announcing 100,000 × 100,000 pixels: a real decoder reads none. */
  g_byte_array_append (html, g_bytes_get_data (jfif_only, NULL), g_bytes_get_size (jfif_only) - 2);
  g_byte_array_append (html, (const guint8 *) html_tail, sizeof html_tail - 1);
  html_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&html));
  before = (g_free (before), shou_sim_server_checksum (f->server));
  r8 = upload (f, jd, "image/jpeg", html_bytes);
  r9 = upload (f, jd, "image/jpeg", jfif_only);
  r10 = upload (f, jd, "image/png", bomb);
  g_assert_cmpuint (r8->status, ==, 415);
  g_assert_cmpuint (r9->status, ==, 415);
  g_assert_cmpuint (r10->status, ==, 415);
  g_assert_cmpstr (sim_error_code (r10), ==, "unsupported_type");
  g_free (after);
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);

  /* Served as a download of its own type, never sniffed into another. */
  got_path = g_strdup_printf ("/v1/aftersales/%s/evidence/%s", jd,
                              json_object_get_string_member (sim_member (r7, "evidence"), "id"));
  got = sim_request (f, "GET", got_path, SIM_TOKEN_A, NULL);
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (got->headers, "X-Content-Type-Options"), ==, "nosniff");
  disposition = soup_message_headers_get_one (got->headers, "Content-Disposition");
  g_assert_nonnull (disposition);
  g_assert_true (g_str_has_prefix (disposition, "attachment; filename=\""));
  g_assert_nonnull (strstr (disposition, ".jpg\""));
  g_assert_true (g_bytes_equal (got->body, jpeg));
}

static void
test_size_limit (SimFixture    *f,
                 gconstpointer  data)
{
  gsize max = shou_profile_get_evidence_max_bytes (profile_for (SHOU_PLATFORM_TAOBAO));
  g_autofree char *id = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  g_autoptr(GBytes) fits = make_png (8, 8, 3, max);
  g_autoptr(GBytes) big = make_png (8, 8, 4, max + 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SimResponse) too_big = NULL;
  g_autoptr(SimResponse) ok = NULL;

  g_assert_cmpuint (g_bytes_get_size (fits), ==, max);
  g_assert_cmpuint (g_bytes_get_size (big), ==, max + 1);
  before = shou_sim_server_checksum (f->server);
  too_big = upload (f, id, "image/png", big);
  g_assert_cmpuint (too_big->status, ==, 413);
  g_assert_cmpstr (sim_error_code (too_big), ==, "too_large");
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);
  ok = upload (f, id, "image/png", fits);
  g_assert_cmpuint (ok->status, ==, 201);
}

static void
test_count_limit (SimFixture    *f,
                  gconstpointer  data)
{
  ShouPlatform platform = GPOINTER_TO_UINT (data);
  guint max = shou_profile_get_evidence_max_count (profile_for (platform));
  g_autofree char *shop = g_strdup_printf ("a-%s", shou_platform_to_string (platform));
  g_autofree char *id = sim_open_request (f, shop, "completed", "return_refund", NULL);
  g_autoptr(GBytes) extra = make_png (6, 6, 250, 0);
  g_autoptr(SimResponse) refused = NULL;
  g_autoptr(JsonObject) as = NULL;

  g_assert_cmpuint (max, >, 0);
  for (guint i = 0; i < max; i++)
    {
      g_autoptr(GBytes) png = make_png (6, 6, i, 0);
      g_autoptr(SimResponse) r = upload (f, id, "image/png", png);

      g_assert_cmpuint (r->status, ==, 201);
    }
  refused = upload (f, id, "image/png", extra);
  g_assert_cmpuint (refused->status, ==, 422);
  g_assert_cmpstr (sim_error_code (refused), ==, "too_many");
  as = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (as, "evidence")), ==, max);
}

static void
test_evidence_in_action (SimFixture    *f,
                         gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-douyin", "completed", "return_refund", NULL);
  g_autoptr(GBytes) png = make_png (10, 10, 77, 0);
  g_autoptr(SimResponse) up = upload (f, id, "image/png", png);
  const char *sha = json_object_get_string_member (sim_member (up, "evidence"), "id");
  g_autoptr(SimResponse) reasons = sim_request (f, "GET", "/v1/reasons?platform=douyin", SIM_TOKEN_A, NULL);
  JsonArray *list = json_object_get_array_member (sim_object (reasons), "reasons");
  const char *code = json_object_get_string_member (json_array_get_object_element (list, 0), "code");
  g_autofree char *params = g_strdup_printf ("{\"reason_code\": \"%s\", \"explanation\": \"商品经检测无质量问题，附检测照片\","
                                             " \"evidence\": [\"%s\"]}", code, sha);
  g_autoptr(SimResponse) r = sim_action (f, id, "reject", params);
  JsonObject *rejection;

  g_assert_cmpuint (r->status, ==, 200);
  rejection = json_object_get_object_member (sim_member (r, "aftersale"), "rejection");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (rejection, "evidence"), 0), ==, sha);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sim/evidence/png-roundtrip", SimFixture, NULL, sim_fixture_setup, test_png_roundtrip, sim_fixture_teardown);
  g_test_add ("/sim/evidence/impostors", SimFixture, NULL, sim_fixture_setup, test_impostors, sim_fixture_teardown);
  g_test_add ("/sim/evidence/size-limit", SimFixture, NULL, sim_fixture_setup, test_size_limit, sim_fixture_teardown);
  g_test_add ("/sim/evidence/count-limit/taobao", SimFixture, GUINT_TO_POINTER (SHOU_PLATFORM_TAOBAO),
              sim_fixture_setup, test_count_limit, sim_fixture_teardown);
  g_test_add ("/sim/evidence/count-limit/douyin", SimFixture, GUINT_TO_POINTER (SHOU_PLATFORM_DOUYIN),
              sim_fixture_setup, test_count_limit, sim_fixture_teardown);
  g_test_add ("/sim/evidence/in-action", SimFixture, NULL, sim_fixture_setup, test_evidence_in_action, sim_fixture_teardown);

  return g_test_run ();
}
