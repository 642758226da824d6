/* test-core-sensitive.c: third-party platforms and payment channels, with spans */
#include "config.h"

#include "core-test-util.h"

typedef struct
{
  const char *text;
  const char *word;     /* first match's canonical word, NULL = clean */
  const char *span;     /* the original text of the first match */
  guint       n;        /* number of matches */
} SensitiveCase;

static const SensitiveCase cases[] = {
  { "加我微信", "微信", "微信", 1 },
  { "加我 微 信 吧", "微信", "微 信", 1 },
  { "V信联系", "微信", "V信", 1 },
  { "ｖ信联系", "微信", "ｖ信", 1 },
  { "威信号多少", "微信", "威信", 1 },
  { "薇信也行", "微信", "薇信", 1 },
  { "weixin: abc", "微信", "weixin", 1 },
  { "WeChat me", "微信", "WeChat", 1 },
  { "加vx", "微信", "vx", 1 },
  { "加 V X 123", "微信", "V X", 1 },
  { "wx123456", "微信", "wx", 1 },
  { "请qq联系", "QQ", "qq", 1 },
  { "ＱＱ：12345", "QQ", "ＱＱ", 1 },
  { "Ｑ Ｑ号", "QQ", "Ｑ Ｑ", 1 },
  { "q.q 12345", "QQ", "q.q", 1 },
  { "扣扣多少", "QQ", "扣扣", 1 },
  { "支付宝转账", "支付宝", "支付宝", 1 },
  { "支 付 宝", "支付宝", "支 付 宝", 1 },
  { "支fu宝", "支付宝", "支fu宝", 1 },
  { "zhifubao", "支付宝", "zhifubao", 1 },
  { "zhi fu bao 给你", "支付宝", "zhi fu bao", 1 },
  { "ZFB转你", "支付宝", "ZFB", 1 },
  { "alipay账号", "支付宝", "alipay", 1 },
  { "Alipay/WeChat", "支付宝", "Alipay", 2 },
  { "支付寶", "支付宝", "支付寶", 1 },
  { "财付通", "财付通", "财付通", 1 },
  { "微信或者支付宝都行", "微信", "微信", 2 },
  /* Clean text, including Latin words that contain the letters. */
  { "您好，商品已发出，请注意查收", NULL, NULL, 0 },
  { "equipment", NULL, NULL, 0 },
  { "the newxbox arrived", NULL, NULL, 0 },
  { "vxworks", NULL, NULL, 0 },
  { "aqua quality", NULL, NULL, 0 },
  { "Twxy", NULL, NULL, 0 },
  { "淘宝店铺", NULL, NULL, 0 },
  { "微波炉已寄出", NULL, NULL, 0 },
  { "信息已核实", NULL, NULL, 0 },
  { "", NULL, NULL, 0 },
};

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SensitiveCase *c = &cases[i];
      g_autoptr(GArray) matches = shou_sensitive_scan (c->text);

      if (matches->len != c->n)
        g_error ("\"%s\": %u matches, expected %u", c->text, matches->len, c->n);
      if (c->n > 0)
        {
          ShouSensitiveMatch *m = &g_array_index (matches, ShouSensitiveMatch, 0);
          g_autofree char *span = g_strndup (c->text + m->start, m->end - m->start);

          g_assert_cmpstr (m->word, ==, c->word);
          g_assert_cmpstr (span, ==, c->span);
          g_assert_false (shou_validate_no_sensitive (c->text, NULL));
        }
      else
        g_assert_true (shou_validate_no_sensitive (c->text, NULL));

      /* Matches are in order and do not overlap. */
      for (guint j = 1; j < matches->len; j++)
        g_assert_cmpuint (g_array_index (matches, ShouSensitiveMatch, j).start, >=,
                          g_array_index (matches, ShouSensitiveMatch, j - 1).end);
    }
}

static void
test_error_names_word (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (shou_validate_no_sensitive ("加我V信", &error));
  g_assert_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_SENSITIVE);
  g_assert_nonnull (strstr (error->message, "微信"));
  g_assert_true (shou_validate_no_sensitive (NULL, NULL));
}

typedef struct
{
  ShouPlatform platform;
  const char  *text;
  const char  *word;   /* NULL = clean */
} PlatformCase;

static const PlatformCase platform_cases[] = {
  { SHOU_PLATFORM_PDD, "淘宝同款更便宜", "淘宝" },
  { SHOU_PLATFORM_PDD, "去 Tao Bao 看看", "淘宝" },
  { SHOU_PLATFORM_PDD, "拼多多官方售后", NULL },
  { SHOU_PLATFORM_TAOBAO, "淘宝官方售后", NULL },
  { SHOU_PLATFORM_TAOBAO, "天猫旗舰店同款", NULL },
  { SHOU_PLATFORM_TMALL, "淘宝也有", NULL },
  { SHOU_PLATFORM_TAOBAO, "拼多多更便宜", "拼多多" },
  { SHOU_PLATFORM_TAOBAO, "pdd上买的", "拼多多" },
  { SHOU_PLATFORM_TAOBAO, "抖音直播间见", "抖音" },
  { SHOU_PLATFORM_DOUYIN, "抖音商城", NULL },
  { SHOU_PLATFORM_TAOBAO, "去京东买吧", "京东" },
  { SHOU_PLATFORM_TAOBAO, "已用京东快递发出", NULL },
  { SHOU_PLATFORM_PDD, "京东物流单号JDVA12345678901", NULL },
  { SHOU_PLATFORM_JD, "京东自营", NULL },
  { SHOU_PLATFORM_JD, "加微信", "微信" },
};

static void
test_platform_names (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (platform_cases); i++)
    {
      const PlatformCase *c = &platform_cases[i];
      g_autoptr(GArray) matches = shou_sensitive_scan_for_platform (c->text, c->platform);
      ShouProfile *profile = core_test_profile (c->platform, NULL);

      if (c->word == NULL)
        {
          if (matches->len != 0)
            g_error ("%s: \"%s\" flagged %s", shou_platform_to_string (c->platform), c->text,
                     g_array_index (matches, ShouSensitiveMatch, 0).word);
          g_assert_true (shou_validate_no_sensitive_for_profile (profile, c->text, NULL));
        }
      else
        {
          if (matches->len == 0)
            g_error ("%s: \"%s\" not flagged", shou_platform_to_string (c->platform), c->text);
          g_assert_cmpstr (g_array_index (matches, ShouSensitiveMatch, 0).word, ==, c->word);
          g_assert_false (shou_validate_no_sensitive_for_profile (profile, c->text, NULL));
        }
    }

  /* The plain scan never flags a selling platform's name. */
  {
    g_autoptr(GArray) matches = shou_sensitive_scan ("淘宝拼多多抖音京东");
    g_assert_cmpuint (matches->len, ==, 0);
  }
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GArray) matches = shou_sensitive_scan ("\xff\xfe qq");

  g_assert_cmpuint (matches->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sensitive/table", test_table);
  g_test_add_func ("/core/sensitive/error-names-word", test_error_names_word);
  g_test_add_func ("/core/sensitive/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/core/sensitive/other-platforms", test_platform_names);

  return g_test_run ();
}
