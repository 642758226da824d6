/* test-taobao-evidence.c: Taobao/Tmall evidence against taobao-fake on
 * 127.0.0.1: a refusal carries its proof picture as refuse_proof and the
 * contract's evidence goes to taobao.refund.message.add as its image, both
 * as multipart/form-data with the file left out of the sign (the fake
 * computes the sign on its own and refuses one that covers the file); a
 * picture over 130,000 bytes or not GIF/JPG/PNG is refused before anything
 * is sent, in the seller's language; a Tmall refusal needs its proof. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "core/shou-validate.h"
#include "hub/platforms/taobao/shou-taobao-actions.h"
#include "hub/platforms/taobao/shou-taobao-platform.h"
#include "hub/platforms/taobao/shou-taobao-sign.h"
#include "hub/platforms/shou-platform-http.h"
#include "platform-test-fixture.h"
#include "taobao-fake.h"

#define APP_KEY "12345678"
#define SECRET  "fake-app-secret"

static void
open_shop (Fixture      *f,
           const char   *shop,
           ShouPlatform  which)
{
  g_autoptr(GError) error = NULL;
  ShouPlatformOptions options;

  fixture_open (f, shop, which, which == SHOU_PLATFORM_TMALL ? "天猫店" : "淘宝店",
                taobao_fake_new (APP_KEY, SECRET));
  platform_fake_add_token (f->fake, "sess-1", "ref-1");
  options = fixture_options (f, APP_KEY, SECRET);
  f->platform = shou_taobao_platform_new (f->store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (shou_taobao_platform_set_token (f->platform, shop, "sess-1", "ref-1", T0 + 30 * 86400, &error));
}

static void
taobao_setup (Fixture       *f,
              gconstpointer  data)
{
  open_shop (f, "tb-1", SHOU_PLATFORM_TAOBAO);
}

static void
tmall_setup (Fixture       *f,
             gconstpointer  data)
{
  open_shop (f, "tm-1", SHOU_PLATFORM_TMALL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  fixture_close (f);
}

/* @size bytes standing for a picture (the adapter goes by the type the hub
 * sniffed), kept in the hub's store as evidence; its SHA-256. */
static char *
stored_picture (Fixture  *f,
                gsize     size,
                GBytes  **out_bytes)
{
  g_autofree guint8 *data = g_malloc (size);
  g_autoptr(GError) error = NULL;
  char *sha;

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 31 + 7);
  *out_bytes = g_bytes_new (data, size);
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, *out_bytes);
  g_assert_true (shou_hub_store_put_evidence (f->store, MERCHANT, sha, "image/png", *out_bytes, &error));
  return sha;
}

static JsonObject *
with_evidence (const char *sha)
{
  JsonObject *params = json_object_new ();
  JsonArray *list = json_array_new ();

  json_array_add_string_element (list, sha);
  json_object_set_array_member (params, "evidence", list);
  return params;
}

/* The seller's refusal with a picture: taobao.refund.refuse goes multipart,
 * refuse_proof a file part of exactly the stored bytes, the sign accepted;
 * 130,001 bytes or a PDF are refused (413, 415) before anything is sent. */
static void
test_refuse_proof (Fixture       *f,
                   gconstpointer  data)
{
  gint64 shipped = platform_fake_add_case (f->fake, TB_REFUND_SHIPPED, TB_WAIT_SELLER_AGREE, "12.00", T0 - 600);
  gint64 other = platform_fake_add_case (f->fake, TB_REFUND_SHIPPED, TB_WAIT_SELLER_AGREE, "13.00", T0 - 500);
  g_autoptr(GBytes) small = NULL;
  g_autoptr(GBytes) large = NULL;
  g_autofree char *small_sha = stored_picture (f, SHOU_TAOBAO_PROOF_MAX_BYTES, &small);
  g_autofree char *large_sha = stored_picture (f, SHOU_TAOBAO_PROOF_MAX_BYTES + 1, &large);
  g_autoptr(JsonObject) small_params = with_evidence (small_sha);
  g_autoptr(JsonObject) large_params = with_evidence (large_sha);
  g_autofree char *fragment = NULL;
  const char *refusal = "商品已发出，请签收后再申请";
  ShouEvent reject = { .kind = SHOU_EVENT_REJECT, .reason_code = "already_shipped", .text = refusal, .n_evidence = 1 };
  ShouHubFailure *failure;

  fixture_pull_all (f);
  /* 130,001 bytes: TOP's limit, said in the seller's language; nothing sent. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  failure = fixture_act (f, "tb-", other, &reject, large_params);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 413);
  g_assert_cmpstr (failure->code, ==, "too_large");
  g_assert_cmpstr (failure->message, ==, "淘宝的凭证图片最多 130000 字节，请压缩后再上传");
  shou_hub_failure_free (failure);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_assert_cmpuint (platform_fake_count (f->fake, "taobao.refund.refuse"), ==, 0);
  g_assert_cmpint (platform_fake_get_status (f->fake, other), ==, TB_WAIT_SELLER_AGREE);

  /* Exactly 130,000 bytes: sent as refuse_proof, a file part. */
  g_assert_null (fixture_act (f, "tb-", shipped, &reject, small_params));
  fragment = g_strdup_printf ("%s|proof=%u|%s", refusal, (guint) SHOU_TAOBAO_PROOF_MAX_BYTES, small_sha);
  fixture_assert_last_call (f, "taobao.refund.refuse", fragment);
  g_assert_cmpint (platform_fake_get_status (f->fake, shipped), ==, TB_SELLER_REFUSE_BUYER);
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 0);
}

/* The contract's evidence upload: taobao.refund.message.add with the
 * picture as image (multipart, sign accepted), then kept in the hub's store
 * and attached to the request; over the limit it is a typed, translated
 * refusal (SHOU_VALIDATE_ERROR_TOO_BIG, which the hub answers 413). */
static void
test_upload_evidence (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = platform_fake_add_case (f->fake, TB_REFUND_AND_RETURN, TB_WAIT_SELLER_AGREE, "20.00", T0 - 600);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(ShouHubAftersale) after = NULL;
  g_autoptr(GBytes) picture = NULL;
  g_autoptr(GBytes) large = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *kept_type = NULL;
  g_autofree char *sha = stored_picture (f, 4000, &picture);
  g_autofree char *large_sha = NULL;
  g_autofree char *fragment = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *evidence;

  fixture_pull_all (f);
  as = fixture_stored (f, "tb-", id);
  g_assert_true (shou_hub_store_begin (f->store, &error));
  g_assert_true (shou_hub_platform_upload_evidence (SHOU_HUB_PLATFORM (f->platform), as, sha, "image/png", picture,
                                                    "photo", f->now * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  g_assert_true (shou_hub_store_commit (f->store, &error));
  fragment = g_strdup_printf ("商家上传凭证|image=4000|%s", sha);
  fixture_assert_last_call (f, "taobao.refund.message.add", fragment);
  after = fixture_stored (f, "tb-", id);
  evidence = json_object_get_array_member (after->doc, "evidence");
  g_assert_cmpuint (json_array_get_length (evidence), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (evidence, 0), "id"), ==, sha);
  kept = shou_hub_store_get_evidence (f->store, MERCHANT, sha, &kept_type);
  g_assert_nonnull (kept);
  g_assert_true (g_bytes_equal (kept, picture));

  /* Over the limit, and a PDF: refused before anything is sent. */
  large_sha = stored_picture (f, SHOU_TAOBAO_PROOF_MAX_BYTES + 1, &large);
  g_setenv ("LANGUAGE", "zh_TW", TRUE);
  setlocale (LC_ALL, "");
  g_assert_false (shou_hub_platform_upload_evidence (SHOU_HUB_PLATFORM (f->platform), after, large_sha, "image/png",
                                                     large, "photo", f->now * G_USEC_PER_SEC, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_BIG);
  g_assert_cmpstr (error->message, ==, "淘寶的憑證圖片最多 130000 位元組，請壓縮後再上傳");
  g_clear_error (&error);
  g_assert_false (shou_hub_platform_upload_evidence (SHOU_HUB_PLATFORM (f->platform), after, sha, "application/pdf",
                                                     picture, "document", f->now * G_USEC_PER_SEC, &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TYPE);
  g_assert_cmpstr (error->message, ==, "淘寶只接受 GIF、JPG 或 PNG 圖片作為憑證");
  g_clear_error (&error);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_assert_cmpuint (platform_fake_count (f->fake, "taobao.refund.message.add"), ==, 1);
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 0);
}

/* TOP's rule for a byte[] parameter, as the fake enforces it: a multipart
 * call whose sign also covered the file field is refused (25 Invalid
 * Signature); the same call signed over the text fields only passes. */
static void
test_file_not_signed (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = platform_fake_add_case (f->fake, TB_REFUND_AND_RETURN, TB_WAIT_SELLER_AGREE, "20.00", T0 - 600);
  g_autoptr(ShouPlatformHttp) http = shou_platform_http_new (10);
  g_autoptr(GBytes) picture = g_bytes_new_static ("\x89PNG....", 8);
  g_autofree char *refund_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  for (int covers_file = 1; covers_file >= 0; covers_file--)
    {
      g_autoptr(GHashTable) api = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GHashTable) all = NULL;
      g_autoptr(GTree) form = shou_platform_params_new ();
      g_autoptr(JsonObject) answer = NULL;
      g_autoptr(GError) error = NULL;
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_insert (api, g_strdup ("refund_id"), g_strdup (refund_id));
      g_hash_table_insert (api, g_strdup ("content"), g_strdup ("凭证"));
      if (covers_file)   /* "@evidence": what bububa's ParamValue.String() gives a file */
        g_hash_table_insert (api, g_strdup ("image"), g_strdup ("@evidence"));
      all = shou_taobao_request_params (APP_KEY, SECRET, "taobao.refund.message.add", "sess-1",
                                        f->now * G_USEC_PER_SEC, SHOU_TAOBAO_SIGN_HMAC_SHA256, api);
      g_hash_table_remove (all, "image");
      g_hash_table_iter_init (&iter, all);
      while (g_hash_table_iter_next (&iter, &key, &value))
        shou_platform_params_set (form, key, value);
      answer = shou_platform_http_post_multipart (http, platform_fake_get_url (f->fake), form, "image",
                                                  "evidence", "image/png", picture, &error);
      g_assert_no_error (error);
      if (covers_file)
        {
          g_assert_true (json_object_has_member (answer, "error_response"));
          g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (answer, "error_response"),
                                                       "code"), ==, 25);
        }
      else
        g_assert_true (json_object_has_member (answer, "refund_message_add_response"));
    }
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 1);
}

/* Tmall requires refuse_proof: the refusal is offered, and without a
 * picture it is refused with the reason before anything is sent. */
static void
test_tmall_needs_proof (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id = platform_fake_add_case (f->fake, TB_REFUND_SHIPPED, TB_WAIT_SELLER_AGREE, "12.00", T0 - 600);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) rendered = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GBytes) picture = NULL;
  g_autofree char *sha = stored_picture (f, 2000, &picture);
  g_autoptr(JsonObject) proof = with_evidence (sha);
  ShouEvent reject = { .kind = SHOU_EVENT_REJECT, .reason_code = "buyer_unreasonable", .text = "商品已发出，请签收" };
  ShouHubFailure *failure;

  fixture_pull_all (f);
  as = fixture_stored (f, "tb-", id);
  g_assert_cmpint (as->state.platform, ==, SHOU_PLATFORM_TMALL);
  rendered = shou_hub_platform_render_request (SHOU_HUB_PLATFORM (f->platform), as);
  g_assert_true (fixture_has_string (json_object_get_array_member (rendered, "allowed_actions"), "reject"));
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  failure = fixture_act (f, "tb-", id, &reject, params);
  g_assert_nonnull (failure);
  g_assert_cmpuint (failure->status, ==, 422);
  g_assert_cmpstr (failure->reason, ==, "evidence_required");
  g_assert_cmpstr (failure->message, ==, "天猫店铺拒绝退款必须附凭证图片，请先添加");
  shou_hub_failure_free (failure);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_assert_cmpuint (platform_fake_count (f->fake, "taobao.refund.refuse"), ==, 0);
  reject.n_evidence = 1;
  g_assert_null (fixture_act (f, "tb-", id, &reject, proof));
  g_assert_cmpint (platform_fake_get_status (f->fake, id), ==, TB_SELLER_REFUSE_BUYER);
  g_assert_cmpuint (platform_fake_bad_signs (f->fake), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  fixture_init_locale ();
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/taobao/evidence/refuse-proof-multipart", Fixture, NULL, taobao_setup, test_refuse_proof,
              fixture_teardown);
  g_test_add ("/taobao/evidence/upload-message-image", Fixture, NULL, taobao_setup, test_upload_evidence,
              fixture_teardown);
  g_test_add ("/taobao/evidence/file-not-signed", Fixture, NULL, taobao_setup, test_file_not_signed,
              fixture_teardown);
  g_test_add ("/taobao/evidence/tmall-needs-proof", Fixture, NULL, tmall_setup, test_tmall_needs_proof,
              fixture_teardown);
  return g_test_run ();
}
