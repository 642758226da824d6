/* shou-sensitive.c: finding third-party platforms and payment channels in messages
 *
 * Text is normalised (compatibility decomposition as in NFKC, so full
 * width, circled and mathematical letters become ASCII; lower case;
 * accents, spaces, zero-width and bidi controls, punctuation and symbols
 * dropped) with a map back to the original byte offsets, so "Ｖ 信",
 * "微\u200b信", "ⓥⓧ", "zhi-fu-bao" and "Q.Q" are found and the UI can
 * highlight them. Allowed phrases ("树立威信", "QQ糖", "加我们") and code
 * contexts ("货号 WX-2301") keep ordinary sentences clean.
 */
#include "config.h"

#include <string.h>

#include "shou-sensitive.h"

typedef struct
{
  const char *pattern;   /* already normalised: lower case, no separators */
  const char *word;      /* canonical word reported; NULL: an allowed phrase */
  int         family;    /* -1: always; else a platform whose own name it is;
                            ABUSE: uncivil language */
} SensitiveWord;

#define ANY (-1)
#define ABUSE (-2)
#define TAOBAO_FAMILY SHOU_PLATFORM_TAOBAO

/* Data, not UI strings: the words platforms penalise (seed 003). */
static const SensitiveWord sensitive_words[] = {
  { "支付宝", "支付宝", ANY },
  { "支付寶", "支付宝", ANY },
  { "支fu宝", "支付宝", ANY },
  { "zhi付宝", "支付宝", ANY },
  { "支付bao", "支付宝", ANY },
  { "吱付宝", "支付宝", ANY },
  { "zhifubao", "支付宝", ANY },
  { "zfb", "支付宝", ANY },
  { "alipay", "支付宝", ANY },
  { "微信", "微信", ANY },
  { "威信", "微信", ANY },
  { "薇信", "微信", ANY },
  { "徽信", "微信", ANY },
  { "微xin", "微信", ANY },
  { "wei信", "微信", ANY },
  { "v信", "微信", ANY },
  { "微x", "微信", ANY },
  { "weixin", "微信", ANY },
  { "wechat", "微信", ANY },
  { "weichat", "微信", ANY },
  { "vx", "微信", ANY },
  { "wx", "微信", ANY },
  { "财付通", "财付通", ANY },
  { "tenpay", "财付通", ANY },
  { "云闪付", "云闪付", ANY },
  { "扣扣", "QQ", ANY },
  { "qq", "QQ", ANY },
  { "企鹅号", "QQ", ANY },
  /* "Add me" takes the buyer off the platform (003); "加我们的会员" does not. */
  { "加我", "加我", ANY },
  { "加个微", "微信", ANY },
  { "加我们", NULL, ANY },
  { "参加我", NULL, ANY },
  { "增加我", NULL, ANY },
  { "追加我", NULL, ANY },
  { "附加我", NULL, ANY },
  { "更加我", NULL, ANY },
  /* Look-alikes in ordinary sentences. */
  { "树立威信", NULL, ANY },
  { "建立威信", NULL, ANY },
  { "有威信", NULL, ANY },
  { "失去威信", NULL, ANY },
  { "威信县", NULL, ANY },
  { "威信力", NULL, ANY },
  { "qq糖", NULL, ANY },
  { "qq星", NULL, ANY },
  { "qq弹", NULL, ANY },
  /* Uncivil language: the same penalty as outside contact (003). */
  { "傻逼", "傻逼", ABUSE },
  { "傻b", "傻逼", ABUSE },
  { "傻比", "傻逼", ABUSE },
  { "煞笔", "傻逼", ABUSE },
  { "沙比", "傻逼", ABUSE },
  { "傻叉", "傻叉", ABUSE },
  { "sb", "傻逼", ABUSE },
  { "脑残", "脑残", ABUSE },
  { "神经病", "神经病", ABUSE },
  { "去死", "去死", ABUSE },
  { "滚蛋", "滚蛋", ABUSE },
  { "滚犊子", "滚蛋", ABUSE },
  { "他妈的", "他妈的", ABUSE },
  { "妈的", "他妈的", ABUSE },
  { "tmd", "他妈的", ABUSE },
  { "你妈", "你妈", ABUSE },
  { "草泥马", "草泥马", ABUSE },
  { "操你", "操你", ABUSE },
  { "cnm", "草泥马", ABUSE },
  { "nmsl", "你妈", ABUSE },
  { "贱人", "贱人", ABUSE },
  { "白痴", "白痴", ABUSE },
  { "智障", "智障", ABUSE },
  { "废物", "废物", ABUSE },
  { "死全家", "死全家", ABUSE },
  { "狗东西", "狗东西", ABUSE },
  { "混蛋", "混蛋", ABUSE },
  { "王八蛋", "王八蛋", ABUSE },
  { "妈妈的", NULL, ANY },
  { "你妈妈", NULL, ANY },
  { "他妈妈", NULL, ANY },
  { "废物利用", NULL, ANY },
  { "废物回收", NULL, ANY },
  /* Other selling platforms: forbidden only on a platform that is not theirs. */
  { "淘宝", "淘宝", TAOBAO_FAMILY },
  { "淘寶", "淘宝", TAOBAO_FAMILY },
  { "taobao", "淘宝", TAOBAO_FAMILY },
  { "天猫", "天猫", TAOBAO_FAMILY },
  { "tmall", "天猫", TAOBAO_FAMILY },
  { "拼多多", "拼多多", SHOU_PLATFORM_PDD },
  { "pinduoduo", "拼多多", SHOU_PLATFORM_PDD },
  { "pdd", "拼多多", SHOU_PLATFORM_PDD },
  { "抖音", "抖音", SHOU_PLATFORM_DOUYIN },
  { "抖店", "抖音", SHOU_PLATFORM_DOUYIN },
  { "douyin", "抖音", SHOU_PLATFORM_DOUYIN },
  { "京东", "京东", SHOU_PLATFORM_JD },
  { "jingdong", "京东", SHOU_PLATFORM_JD },
  /* JD's courier is a carrier, not a shop. */
  { "京东快递", NULL, ANY },
  { "京东物流", NULL, ANY },
  { "京东快运", NULL, ANY },
};

typedef struct
{
  gunichar c;
  gsize    start;
  gsize    end;
  gboolean sep_before;   /* a dropped separator came right before */
} Unit;

static gunichar
normalise_char (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    c -= 0xFEE0;
  else if (c == 0x3000)
    c = ' ';
  if (c < 0x80)
    c = g_ascii_tolower ((char) c);
  return c;
}

static gboolean
is_separator (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
      return TRUE;
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    default:
      return FALSE;
    }
}

static gboolean
is_ascii_letter (gunichar c)
{
  return c < 0x80 && g_ascii_isalpha ((char) c);
}

/* Each character becomes its compatibility decomposition (NFKD; after the
 * marks are dropped as separators this matches as NFKC does): "ⓥ", "𝐯" and
 * "ｖ" are "v", "é" is "e". Every unit keeps the original character's span. */
static GArray *
normalise (const char *text)
{
  GArray *units = g_array_new (FALSE, FALSE, sizeof (Unit));
  gboolean sep = TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar original = g_utf8_get_char (p);
      gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n = 1;

      parts[0] = original;
      /* ASCII and the common ideographs decompose to themselves. */
      if (original >= 0x80 && !(original >= 0x4E00 && original <= 0x9FFF))
        n = g_unichar_fully_decompose (original, TRUE, parts, G_N_ELEMENTS (parts));
      for (gsize k = 0; k < n; k++)
        {
          gunichar c = normalise_char (parts[k]);
          Unit unit;

          if (is_separator (c))
            {
              sep = TRUE;
              continue;
            }
          unit.c = g_unichar_tolower (c);
          unit.start = (gsize) (p - text);
          unit.end = (gsize) (g_utf8_next_char (p) - text);
          unit.sep_before = sep;
          g_array_append_val (units, unit);
          sep = FALSE;
        }
    }

  return units;
}

static gboolean
is_ascii_digit (gunichar c)
{
  return c < 0x80 && g_ascii_isdigit ((char) c);
}

/* Words that introduce a product or order code: what follows is not a
 * contact ("货号：WX-2301" is a SKU, not WeChat). Normalised, reversed
 * comparison happens in in_code_context(). */
static const char *const code_words[] = {
  "货号", "型号", "款号", "编号", "编码", "条码", "规格", "sku", "订单号", "单号", "批号",
};

static gboolean
in_code_context (GArray *units,
                 guint   i)
{
  const Unit *u = (const Unit *) (gpointer) units->data;

  for (guint w = 0; w < G_N_ELEMENTS (code_words); w++)
    {
      glong n = g_utf8_strlen (code_words[w], -1);
      const char *p = code_words[w];
      gboolean same = (glong) i >= n;

      for (glong k = 0; same && k < n; k++, p = g_utf8_next_char (p))
        same = u[i - n + k].c == g_utf8_get_char (p);
      if (same)
        return TRUE;
    }
  return FALSE;
}

/* Patterns decoded once into characters: scanning runs on every keystroke. */
typedef struct
{
  gunichar chars[16];
  guint    len;
} Pattern;

static const Pattern *
get_patterns (void)
{
  static Pattern *patterns = NULL;

  if (g_once_init_enter (&patterns))
    {
      Pattern *table = g_new0 (Pattern, G_N_ELEMENTS (sensitive_words));

      for (guint w = 0; w < G_N_ELEMENTS (sensitive_words); w++)
        {
          for (const char *p = sensitive_words[w].pattern; *p != '\0'; p = g_utf8_next_char (p))
            {
              g_assert (table[w].len < G_N_ELEMENTS (table[w].chars));
              table[w].chars[table[w].len++] = g_utf8_get_char (p);
            }
        }
      g_once_init_leave (&patterns, table);
    }
  return patterns;
}

/* Length in units of the pattern matched at @i, or 0. */
static guint
match_at (GArray        *units,
          guint          i,
          const Pattern *pattern)
{
  const Unit *u = (const Unit *) (gpointer) units->data;
  guint n = pattern->len;

  if (i + n > units->len)
    return 0;
  for (guint k = 0; k < n; k++)
    if (u[i + k].c != pattern->chars[k])
      return 0;

  /* Latin letters must not be part of a longer word: "equipment" is not "qq"… */
  if (is_ascii_letter (pattern->chars[0]) && i > 0 && !u[i].sep_before &&
      is_ascii_letter (u[i - 1].c))
    return 0;
  if (is_ascii_letter (pattern->chars[n - 1]) && i + n < units->len && !u[i + n].sep_before &&
      is_ascii_letter (u[i + n].c))
    return 0;

  /* Two or three Latin letters (vx, wx, qq, zfb, sb) inside a code: digits
   * right before, a short number right after ("WX2301", "2301WX"), or a
   * code word before ("货号 WX-2301"). Six digits or more right after are
   * an account ("vx13812345678"). */
  if (n <= 3 && is_ascii_letter (pattern->chars[0]) && is_ascii_letter (pattern->chars[n - 1]))
    {
      guint digits = 0;

      if (i > 0 && !u[i].sep_before && is_ascii_digit (u[i - 1].c))
        return 0;
      while (i + n + digits < units->len && is_ascii_digit (u[i + n + digits].c) &&
             (digits > 0 || !u[i + n].sep_before))
        digits++;
      if (digits > 0 && digits < 6)
        return 0;
      if (in_code_context (units, i))
        return 0;
    }

  return n;
}

static gboolean
word_applies (const SensitiveWord *w,
              int                  platform)
{
  if (w->family == ANY || w->family == ABUSE || platform < 0)
    return w->family == ANY || w->family == ABUSE;
  if (platform == SHOU_PLATFORM_TMALL)
    platform = TAOBAO_FAMILY;
  return w->family != platform;
}

static GArray *
scan (const char *text,
      int         platform)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (ShouSensitiveMatch));
  g_autoptr(GArray) units = NULL;
  const Pattern *patterns;

  g_array_set_clear_func (matches, (GDestroyNotify) shou_sensitive_match_clear);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return matches;

  units = normalise (text);
  patterns = get_patterns ();

  for (guint i = 0; i < units->len;)
    {
      guint best_len = 0;
      const SensitiveWord *best = NULL;

      for (guint w = 0; w < G_N_ELEMENTS (sensitive_words); w++)
        {
          guint len;

          if (sensitive_words[w].word != NULL && !word_applies (&sensitive_words[w], platform))
            continue;
          len = match_at (units, i, &patterns[w]);

          if (len > best_len)
            {
              best_len = len;
              best = &sensitive_words[w];
            }
        }

      if (best != NULL && best->word == NULL)
        i += best_len;
      else if (best != NULL)
        {
          ShouSensitiveMatch match;

          match.start = g_array_index (units, Unit, i).start;
          match.end = g_array_index (units, Unit, i + best_len - 1).end;
          match.word = g_strdup (best->word);
          match.kind = best->family == ABUSE ? SHOU_SENSITIVE_ABUSE
                       : best->family == ANY ? SHOU_SENSITIVE_CONTACT : SHOU_SENSITIVE_PLATFORM;
          g_array_append_val (matches, match);
          i += best_len;
        }
      else
        i++;
    }

  return matches;
}

GArray *
shou_sensitive_scan (const char *text)
{
  return scan (text, -1);
}

GArray *
shou_sensitive_scan_for_platform (const char   *text,
                                  ShouPlatform  platform)
{
  g_return_val_if_fail ((guint) platform < SHOU_N_PLATFORMS, scan (text, -1));
  return scan (text, (int) platform);
}

void
shou_sensitive_match_clear (ShouSensitiveMatch *match)
{
  if (match != NULL)
    g_clear_pointer (&match->word, g_free);
}

/* The platforms' own domains: a link to them is not a risk. */
static const char *const platform_domains[SHOU_N_PLATFORMS][4] = {
  [SHOU_PLATFORM_TAOBAO] = { "taobao.com", "tmall.com", "tb.cn", NULL },
  [SHOU_PLATFORM_TMALL] = { "tmall.com", "taobao.com", "tb.cn", NULL },
  [SHOU_PLATFORM_PDD] = { "pinduoduo.com", "yangkeduo.com", NULL, NULL },
  [SHOU_PLATFORM_DOUYIN] = { "douyin.com", "jinritemai.com", "iesdouyin.com", NULL },
  [SHOU_PLATFORM_JD] = { "jd.com", "3.cn", NULL, NULL },
};

static gboolean
is_platform_host (const char   *host,
                  ShouPlatform  platform)
{
  if ((guint) platform >= SHOU_N_PLATFORMS)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (platform_domains[platform]) && platform_domains[platform][i] != NULL; i++)
    {
      const char *domain = platform_domains[platform][i];
      gsize hl = strlen (host), dl = strlen (domain);

      if (g_str_equal (host, domain) || (hl > dl && host[hl - dl - 1] == '.' && g_str_equal (host + hl - dl, domain)))
        return TRUE;
    }
  return FALSE;
}

ShouBuyerRisk
shou_sensitive_buyer_risks (const char   *text,
                            ShouPlatform  platform,
                            char        **out_word)
{
  static GRegex *link_re;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *folded = NULL;
  ShouBuyerRisk risks = SHOU_BUYER_RISK_NONE;

  if (out_word != NULL)
    *out_word = NULL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return risks;

  matches = shou_sensitive_scan (text);
  for (guint i = 0; i < matches->len; i++)
    if (g_array_index (matches, ShouSensitiveMatch, i).kind == SHOU_SENSITIVE_CONTACT)
      {
        risks |= SHOU_BUYER_RISK_ACCOUNT;
        if (out_word != NULL && *out_word == NULL)
          *out_word = g_strdup (g_array_index (matches, ShouSensitiveMatch, i).word);
        break;
      }

  if (g_once_init_enter (&link_re))
    {
      /* Any scheme://host, or a bare host under a common top-level domain. */
      GRegex *re = g_regex_new ("(?:[a-z][a-z0-9+.-]*://([^\\s/\"'<>?#:]+)|"
                                "((?:[a-z0-9-]+\\.)+(?:com|cn|net|org|cc|top|xyz|me|io|vip|shop|link|info|ly|co|app|"
                                "site|online|club|wang|ink|tk|ml|ga|ru|hk|tw))(?![a-z0-9-]))[^\\s\"'<>]*",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&link_re, re);
    }
  /* Full-width letters and dots count: "ｅｖｉｌ．ｃｏｍ" is a link too. */
  folded = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (folded != NULL && g_regex_match (link_re, folded, 0, &info))
    for (; g_match_info_matches (info); g_match_info_next (info, NULL))
      {
        g_autofree char *scheme_host = g_match_info_fetch (info, 1);
        g_autofree char *bare_host = g_match_info_fetch (info, 2);
        g_autofree char *lower = g_ascii_strdown (scheme_host != NULL && *scheme_host != '\0' ? scheme_host
                                                                                              : bare_host, -1);

        if (!is_platform_host (lower, platform))
          {
            risks |= SHOU_BUYER_RISK_LINK;
            if (out_word != NULL && *out_word == NULL)
              *out_word = g_match_info_fetch (info, 0);
            break;
          }
      }
  return risks;
}
