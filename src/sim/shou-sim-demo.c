#include "config.h"

#include <string.h>

#include "shou-sim-demo.h"

struct _ShouSimDemo
{
  GObject       parent_instance;
  ShouSimWorld *world;
  GRand        *rand;
};

G_DEFINE_FINAL_TYPE (ShouSimDemo, shou_sim_demo, G_TYPE_OBJECT)

/* Kinds of goods: buyers' reasons and texts must fit the goods. */
typedef enum
{
  WEAR       = 1 << 0,   /* clothes and socks */
  SHOES      = 1 << 1,
  TEXTILE    = 1 << 2,   /* bedding, pillows, eye masks */
  GADGET     = 1 << 3,   /* electronics and their accessories */
  KITCHEN    = 1 << 4,
  CONSUMABLE = 1 << 5,   /* food, pet, cleaning, baby and care products */
  SPORTS     = 1 << 6,
  ANY        = 0x7f,
} Category;

typedef struct
{
  const char *title;
  const char *sku;
  gint64      price_fen;
  Category    category;
} Goods;

static const Goods goods[] = {
  { "加绒连帽卫衣 男女同款宽松", "XL 黑色", 15900, WEAR },
  { "蓝牙耳机 Pro 主动降噪", "白色 标准版", 29900, GADGET },
  { "316不锈钢保温杯 大容量", "500ml 雾蓝", 8900, KITCHEN },
  { "儿童雪地靴 加厚防滑", "32码 粉色", 12900, SHOES },
  { "纯棉四件套 全棉床上用品", "1.8m床 奶白", 26900, TEXTILE },
  { "电热水壶 家用304不锈钢", "1.7L 白色", 9900, KITCHEN },
  { "泰国天然乳胶枕 一对装", "波浪款 60x40cm", 19900, TEXTILE },
  { "轻薄羽绒服 90白鸭绒", "L 藏青", 49900, WEAR },
  { "空气炸锅 家用大容量", "4.5L 可视款", 35900, KITCHEN },
  { "豆腐猫砂 原味除臭", "10kg 装", 5990, CONSUMABLE },
  { "洗衣凝珠 持久留香", "52颗 樱花香", 4990, CONSUMABLE },
  { "液态硅胶手机壳", "iPhone 15 深海蓝", 2990, GADGET },
  { "纯棉运动袜 中筒", "5双装 混色", 3990, WEAR },
  { "护手霜礼盒 滋润保湿", "6支装", 6900, CONSUMABLE },
  { "扫地机器人 S7 自动集尘", "标准版", 169900, GADGET },
  { "TPE瑜伽垫 加厚防滑", "6mm 紫色", 7900, SPORTS },
  { "每日坚果礼盒", "1.5kg 30袋", 12800, CONSUMABLE },
  { "婴儿纸尿裤 超薄透气", "L码 84片", 10900, CONSUMABLE },
  { "快充充电宝 20000mAh", "白色 22.5W", 12900, GADGET },
  { "双面羊绒毛呢大衣", "M 驼色", 39900, WEAR },
  { "无线鼠标 静音办公", "灰色", 4900, GADGET },
  { "真丝眼罩 遮光睡眠", "香槟色", 3900, TEXTILE },
  { "电动牙刷 声波款", "黑色 含4刷头", 19900, GADGET },
  { "加厚珊瑚绒睡衣套装", "XL 灰粉", 8900, WEAR },
};

/* Nicknames anyone may have on any platform. Each platform adds the default
 * nicknames it gives new users (see make_nick): "tb…" on Taobao and Tmall,
 * "jd_…" on JD, "用户…" on Douyin, "pdd…" and 拼单 names on Pinduoduo. */
static const char *const nicks[] = {
  "小鹿乱撞_93", "晴天娃娃", "快乐星球007", "momo酱", "阿杰不秃头", "一只橙子",
  "柠檬不萌", "爱吃火锅的猫", "风吹麦浪", "南城旧梦", "糖糖ovo",
  "星河滚烫", "吃土少女", "奶茶续命", "周末去露营", "山有木兮",
  "慢慢来", "小太阳☀", "一颗大白菜",
};

static const char *const surnames[] = {
  "张", "李", "王", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
};

static const char *const places[] = {
  "浙江省 杭州市 西湖区 文三路***号", "广东省 深圳市 南山区 科技园***栋",
  "北京市 北京市 朝阳区 望京街道***", "上海市 上海市 浦东新区 张江镇***弄",
  "四川省 成都市 武侯区 人民南路***号", "江苏省 南京市 鼓楼区 中山北路***号",
  "湖北省 武汉市 洪山区 珞喻路***号", "山东省 青岛市 市南区 香港中路***号",
  "福建省 厦门市 思明区 莲前西路***号", "陕西省 西安市 雁塔区 小寨东路***号",
};

typedef struct
{
  const char *reason;
  const char *text;
  Category    fits;       /* kinds of goods the text makes sense for */
  const char *keywords;   /* and, if set, one of these words ("|") in the title */
} BuyerText;

static const BuyerText buyer_texts[] = {
  { "size_mismatch", "按尺码表拍的，穿上还是偏小，想换大一码", WEAR, "衣" },
  { "size_mismatch", "衣长比详情页写的短了一截，不合身", WEAR, "衣" },
  { "size_mismatch", "孩子脚长20厘米，32码穿着挤脚，想退", SHOES, NULL },
  { "size_mismatch", "袜口太紧，勒脚", WEAR, "袜" },
  { "quality_problem", "才穿两天袖口就开线了，图片已上传", WEAR, "衣" },
  { "quality_problem", "洗了一次就起球掉色", WEAR | TEXTILE, "四件套|睡衣|袜" },
  { "quality_problem", "左耳机没有声音，重新配对也不行", GADGET, "耳机" },
  { "quality_problem", "杯盖密封不严，放包里漏了一书包水", KITCHEN, "杯" },
  { "quality_problem", "烧水时底座有焦味，不敢再用", KITCHEN, "水壶" },
  { "quality_problem", "用了一周炸锅涂层就掉了", KITCHEN, "炸锅" },
  { "quality_problem", "用了三天就充不进电了", GADGET, "充电宝|牙刷" },
  { "quality_problem", "开机后一直报错，也不能自动回充", GADGET, "扫地机器人" },
  { "quality_problem", "按键失灵，单击变双击", GADGET, "鼠标" },
  { "quality_problem", "边缘开胶了，装不紧手机", GADGET, "手机壳" },
  { "quality_problem", "收到就有一股刺鼻的味道，散了几天还在", TEXTILE | SPORTS, "乳胶枕|瑜伽垫|四件套" },
  { "quality_problem", "开胶起皮，鞋底有裂口", SHOES, NULL },
  { "quality_problem", "有好几袋受潮发软了", CONSUMABLE, "坚果" },
  { "quality_problem", "宝宝用了红屁屁，不敢再用", CONSUMABLE, "纸尿裤" },
  { "quality_problem", "收到就有明显瑕疵，图片已上传", WEAR | SHOES | TEXTILE | GADGET | KITCHEN | SPORTS, NULL },
  { "no_reason_7d", "不太喜欢这个颜色，吊牌未拆，包装完好", WEAR | SHOES, NULL },
  { "no_reason_7d", "买重复了，退一件，未拆封", ANY, NULL },
  { "no_reason_7d", "家里已经有一个了，未拆封", GADGET | KITCHEN, NULL },
  { "not_as_described", "实物颜色和详情页差别很大，偏灰", WEAR | SHOES | TEXTILE | SPORTS, NULL },
  { "not_as_described", "详情页写的纯棉，摸起来像化纤", WEAR | TEXTILE, "纯棉" },
  { "not_as_described", "容量没有标的那么大", KITCHEN, NULL },
  { "not_as_described", "续航远没有宣传的长", GADGET, "耳机|充电宝|扫地机器人|牙刷" },
  { "not_as_described", "净含量不足，称了少了一百多克", CONSUMABLE, "坚果|猫砂" },
  { "missing_items", "四件套少发了一个枕套", TEXTILE, "四件套" },
  { "missing_items", "一对装只收到一个", TEXTILE, "一对装" },
  { "missing_items", "五双装只有四双", WEAR, "袜" },
  { "missing_items", "说好的刷头少了两个", GADGET, "牙刷" },
  { "missing_items", "说好的赠品没有收到", ANY, NULL },
  { "damaged_in_transit", "外箱压坏了，水壶有明显凹痕", KITCHEN, "水壶" },
  { "damaged_in_transit", "快递破损，杯子摔出裂纹", KITCHEN, "杯" },
  { "damaged_in_transit", "外包装破损，机器外壳有磕碰", GADGET | KITCHEN, "扫地机器人|炸锅" },
  { "damaged_in_transit", "袋子破了，漏了一半在箱子里", CONSUMABLE, "猫砂|坚果|洗衣凝珠" },
  { "damaged_in_transit", "外包装破损，商品有磕碰", GADGET | KITCHEN | SPORTS, NULL },
  { "wrong_item", "拍的和发来的颜色不一样", WEAR | SHOES | TEXTILE | GADGET | SPORTS, NULL },
  { "wrong_item", "拍的大码，发来的是小码", WEAR | SHOES, NULL },
  { "wrong_item", "发来的规格和我拍的不一样", ANY, NULL },
  { "not_wanted", "拍错规格了，麻烦退一下", ANY, NULL },
  { "not_wanted", "不想要了，还没拆封", ANY, NULL },
  { "not_received", "物流三天没更新了，一直没收到货", ANY, NULL },
  { "late_shipping", "说好48小时内发货，到现在还没发", ANY, NULL },
};

/* Round 1: the buyer answers the seller's question. */
static const char *const replies[] = {
  "照片已经发了，你们看一下是不是质量问题",
  "能不能直接换一件新的？",
  "我不要优惠券，只要退款",
  "我白天上班，晚上再联系可以吗",
  "问题很明显，你们看图就知道了",
};

/* Round 2: the buyer turns the proposal down. */
static const char *const refusals[] = {
  "不接受，我就要退货退款",
  "补偿太少了，不接受",
  "可以接受补偿，但希望多给一点",
};

/* The buyer accepts the proposal. */
static const char *const acceptances[] = {
  "那就按你说的办吧",
  "好的，可以接受",
  "行，就这样处理吧",
};

/* What buyers write when they ask the platform to step in, in each
 * platform's words (Taobao and Tmall: 客服介入 / 小二; the others: 平台). */
static const struct {
  const char *before;
  const char *after;     /* NULL: no platform named */
} escalations[] = {
  { "商家拒绝理由不成立，商品确实有问题", NULL },
  { "商家一直拖着不处理，请", "处理" },
  { "商家不回消息，申请", "介入" },
};

static const char *const logistics_steps[] = {
  "【揽收】快递员已揽件",
  "【运输中】快件已到达 杭州转运中心",
  "【运输中】快件离开 杭州转运中心，发往 上海",
  "【运输中】快件已到达 上海浦东分拨中心",
  "【派送中】快递员正在派送，请保持电话畅通",
  "【已签收】您的快件已签收，签收人：前台",
};

static const char *const carriers[] = { "SF", "ZTO", "YTO", "STO", "YUNDA", "JD", "EMS" };

static const char *const r1_scripts[] = { "apology", "ask_photos", "offer_compensation", "explain_policy" };

/* Smallest valid PNG: enough for sniffing and hashing. */
static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
  0x42, 0x60, 0x82,
};

static void
shou_sim_demo_dispose (GObject *object)
{
  ShouSimDemo *self = SHOU_SIM_DEMO (object);

  g_clear_object (&self->world);
  G_OBJECT_CLASS (shou_sim_demo_parent_class)->dispose (object);
}

static void
shou_sim_demo_finalize (GObject *object)
{
  ShouSimDemo *self = SHOU_SIM_DEMO (object);

  g_clear_pointer (&self->rand, g_rand_free);
  G_OBJECT_CLASS (shou_sim_demo_parent_class)->finalize (object);
}

static void
shou_sim_demo_class_init (ShouSimDemoClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_sim_demo_dispose;
  G_OBJECT_CLASS (klass)->finalize = shou_sim_demo_finalize;
}

static void
shou_sim_demo_init (ShouSimDemo *self)
{
}

ShouSimDemo *
shou_sim_demo_new (ShouSimWorld *world,
                   guint32       seed)
{
  ShouSimDemo *self = g_object_new (SHOU_TYPE_SIM_DEMO, NULL);

  self->world = g_object_ref (world);
  self->rand = g_rand_new_with_seed (seed);
  return self;
}

GRand *
shou_sim_demo_get_rand (ShouSimDemo *self)
{
  return self->rand;
}

#define PICK(self, array) ((array)[g_rand_int_range ((self)->rand, 0, G_N_ELEMENTS (array))])

const char *
shou_sim_demo_pick_reply (ShouSimDemo *self)
{
  return PICK (self, replies);
}

const char *
shou_sim_demo_pick_refusal (ShouSimDemo *self)
{
  return PICK (self, refusals);
}

const char *
shou_sim_demo_pick_acceptance (ShouSimDemo *self)
{
  return PICK (self, acceptances);
}

static const char *
platform_staff (ShouPlatform platform)
{
  switch (platform)
    {
    case SHOU_PLATFORM_TAOBAO:
      return "淘宝客服";
    case SHOU_PLATFORM_TMALL:
      return "天猫客服";
    case SHOU_PLATFORM_JD:
      return "京东客服";
    case SHOU_PLATFORM_DOUYIN:
      return "抖音平台";
    case SHOU_PLATFORM_PDD:
    case SHOU_N_PLATFORMS:
    default:
      return "平台";
    }
}

char *
shou_sim_demo_pick_escalation (ShouSimDemo  *self,
                               ShouPlatform  platform)
{
  guint i = g_rand_int_range (self->rand, 0, G_N_ELEMENTS (escalations));

  if (escalations[i].after == NULL)
    return g_strdup (escalations[i].before);
  return g_strconcat (escalations[i].before, platform_staff (platform), escalations[i].after, NULL);
}

static Category
goods_category (const char *title)
{
  for (guint i = 0; i < G_N_ELEMENTS (goods); i++)
    if (g_strcmp0 (goods[i].title, title) == 0)
      return goods[i].category;
  return 0;
}

static gboolean
text_fits (const BuyerText *t,
           const char      *title,
           Category         category)
{
  g_auto(GStrv) words = NULL;

  if (category == 0)
    return t->fits == ANY && t->keywords == NULL;
  if ((t->fits & category) == 0)
    return FALSE;
  if (t->keywords == NULL)
    return TRUE;
  words = g_strsplit (t->keywords, "|", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (title, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Reasons a buyer can give at this point of the order and for this type. */
static gboolean
reason_fits (const char      *reason,
             ShouOrderState   state,
             ShouRequestType  type)
{
  if (state == SHOU_ORDER_PENDING_SHIPMENT || state == SHOU_ORDER_PENDING_PAYMENT)
    return g_str_equal (reason, "late_shipping") || g_str_equal (reason, "not_wanted");
  if (g_str_equal (reason, "late_shipping"))
    return FALSE;
  if (g_str_equal (reason, "not_received"))
    return state == SHOU_ORDER_SHIPPED && type == SHOU_REQUEST_REFUND_ONLY;
  if (type == SHOU_REQUEST_EXCHANGE)
    return g_str_equal (reason, "size_mismatch") || g_str_equal (reason, "quality_problem") ||
           g_str_equal (reason, "wrong_item") || g_str_equal (reason, "damaged_in_transit") ||
           g_str_equal (reason, "not_as_described");
  return TRUE;
}

const char *
shou_sim_demo_pick_buyer_text (ShouSimDemo      *self,
                               const char       *title,
                               ShouOrderState    state,
                               ShouRequestType   type,
                               const char      **out_reason_code)
{
  const BuyerText *fitting[G_N_ELEMENTS (buyer_texts)];
  Category category = goods_category (title);
  guint n = 0;
  const BuyerText *t;

  for (guint i = 0; i < G_N_ELEMENTS (buyer_texts); i++)
    if (text_fits (&buyer_texts[i], title ? title : "", category) &&
        reason_fits (buyer_texts[i].reason, state, type))
      fitting[n++] = &buyer_texts[i];
  /* Every goods and state has generic texts; this is only a guard. */
  t = n > 0 ? fitting[g_rand_int_range (self->rand, 0, n)] : &buyer_texts[G_N_ELEMENTS (buyer_texts) - 3];
  *out_reason_code = t->reason;
  return t->text;
}

const char *
shou_sim_demo_pick_logistics (ShouSimDemo *self,
                              guint        step)
{
  return logistics_steps[MIN (step, G_N_ELEMENTS (logistics_steps) - 1)];
}

const char *
shou_sim_demo_pick_carrier (ShouSimDemo *self)
{
  return PICK (self, carriers);
}

char *
shou_sim_demo_make_tracking (ShouSimDemo *self,
                             const char  *carrier)
{
  GString *s = g_string_new (NULL);
  guint digits = 12;

  /* Formats the carriers use: SF + 12 digits, JDVA + 11, ZTO/YTO style
   * numbers (YT + 13), plain digits for the rest. */
  if (g_str_equal (carrier, "SF"))
    g_string_append (s, "SF");
  else if (g_str_equal (carrier, "JD"))
    {
      g_string_append (s, "JDVA");
      digits = 11;
    }
  else if (g_str_equal (carrier, "YTO"))
    {
      g_string_append (s, "YT");
      digits = 13;
    }
  else if (g_str_equal (carrier, "EMS"))
    {
      g_string_append (s, "11");
      digits = 11;
    }
  else if (g_str_equal (carrier, "ZTO"))
    {
      g_string_append (s, "7");
      digits = 11;
    }
  else if (g_str_equal (carrier, "YUNDA"))
    {
      g_string_append (s, "43");
      digits = 11;
    }
  else if (g_str_equal (carrier, "STO"))
    {
      g_string_append (s, "77");
      digits = 11;
    }
  for (guint i = 0; i < digits; i++)
    g_string_append_c (s, '0' + g_rand_int_range (self->rand, 0, 10));
  return g_string_free (s, FALSE);
}

/* Orders */

static char *
make_order_no (ShouSimDemo  *self,
               ShouPlatform  platform,
               gint64        at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);

  switch (platform)
    {
    case SHOU_PLATFORM_PDD:
      return g_strdup_printf ("%02d%02d%02d-%015" G_GINT64_FORMAT,
                              g_date_time_get_year (dt) % 100, g_date_time_get_month (dt),
                              g_date_time_get_day_of_month (dt),
                              (gint64) g_rand_int (self->rand) * 100000 + g_rand_int_range (self->rand, 0, 99999));
    case SHOU_PLATFORM_DOUYIN:
      return g_strdup_printf ("69%08u%09u", g_rand_int (self->rand) % 100000000u,
                              g_rand_int (self->rand) % 1000000000u);
    case SHOU_PLATFORM_JD:
      return g_strdup_printf ("3%011u", g_rand_int (self->rand) % 100000000u * 1000 +
                              g_rand_int_range (self->rand, 0, 1000));
    case SHOU_PLATFORM_TAOBAO:
    case SHOU_PLATFORM_TMALL:
    case SHOU_N_PLATFORMS:
    default:
      return g_strdup_printf ("3%09u%09u", g_rand_int (self->rand) % 1000000000u,
                              g_rand_int (self->rand) % 1000000000u);
    }
}

/* A buyer's nickname in the style of @platform: a chosen one, or the
 * default the platform gives new users. */
static char *
make_nick (ShouSimDemo  *self,
           ShouPlatform  platform)
{
  if (g_rand_int_range (self->rand, 0, 3) != 0)
    return g_strdup (PICK (self, nicks));
  switch (platform)
    {
    case SHOU_PLATFORM_TAOBAO:
    case SHOU_PLATFORM_TMALL:
      return g_strdup_printf ("tb%09u", g_rand_int (self->rand) % 1000000000u);
    case SHOU_PLATFORM_JD:
      return g_strdup_printf ("jd_%07x", g_rand_int (self->rand) % 0x10000000u);
    case SHOU_PLATFORM_DOUYIN:
      return g_strdup_printf ("用户%010u", g_rand_int (self->rand) % 1000000000u + 1000000000u);
    case SHOU_PLATFORM_PDD:
      return g_rand_boolean (self->rand)
             ? g_strdup_printf ("pdd%08u", g_rand_int (self->rand) % 100000000u)
             : g_strdup_printf ("拼单达人%02u", g_rand_int_range (self->rand, 1, 100));
    case SHOU_N_PLATFORMS:
    default:
      return g_strdup (PICK (self, nicks));
    }
}

static void
set_time_or_null (JsonObject *o,
                  const char *name,
                  gint64      value)
{
  if (value > 0)
    json_object_set_int_member (o, name, value);
  else
    json_object_set_null_member (o, name);
}

static JsonObject *
make_order (ShouSimDemo    *self,
            const char     *order_id,
            const char     *shop_id,
            ShouPlatform    platform,
            ShouOrderState  state,
            gboolean        cod,
            gint64          created_at)
{
  JsonObject *order = json_object_new ();
  JsonObject *buyer = json_object_new ();
  JsonArray *lines = json_array_new ();
  g_autofree char *order_no = make_order_no (self, platform, created_at);
  g_autofree char *nick = make_nick (self, platform);
  g_autofree char *name = g_strdup_printf ("%s*", PICK (self, surnames));
  g_autofree char *phone = g_strdup_printf ("1%d%d****%04d", g_rand_int_range (self->rand, 3, 10),
                                            g_rand_int_range (self->rand, 0, 10),
                                            g_rand_int_range (self->rand, 0, 10000));
  guint n_lines = g_rand_int_range (self->rand, 0, 4) == 0 ? 2 : 1;
  gint64 paid = 0;
  gint64 paid_at = created_at + g_rand_int_range (self->rand, 1, 30) * SHOU_USEC_PER_MINUTE;
  gint64 shipped_at = paid_at + g_rand_int_range (self->rand, 3, 40) * SHOU_USEC_PER_HOUR;
  gint64 completed_at = shipped_at + g_rand_int_range (self->rand, 2, 5) * SHOU_USEC_PER_DAY;

  for (guint i = 0; i < n_lines; i++)
    {
      const Goods *g = &PICK (self, goods);
      JsonObject *line = json_object_new ();
      g_autofree char *line_id = g_strdup_printf ("%s-%u", order_id, i + 1);
      int quantity = g_rand_int_range (self->rand, 0, 5) == 0 ? 2 : 1;

      json_object_set_string_member (line, "id", line_id);
      json_object_set_string_member (line, "title", g->title);
      json_object_set_string_member (line, "sku", g->sku);
      json_object_set_int_member (line, "quantity", quantity);
      json_object_set_int_member (line, "price_fen", g->price_fen);
      json_array_add_object_element (lines, line);
      paid += g->price_fen * quantity;
    }

  json_object_set_string_member (buyer, "nick", nick);
  json_object_set_string_member (buyer, "name", name);
  json_object_set_string_member (buyer, "phone", phone);
  json_object_set_string_member (buyer, "address", PICK (self, places));

  json_object_set_string_member (order, "id", order_id);
  json_object_set_string_member (order, "shop_id", shop_id);
  json_object_set_string_member (order, "order_no", order_no);
  json_object_set_string_member (order, "state", shou_order_state_to_string (state));
  json_object_set_boolean_member (order, "cod", cod);
  json_object_set_int_member (order, "paid_fen", state == SHOU_ORDER_PENDING_PAYMENT ? 0 : paid);
  json_object_set_int_member (order, "created_at", created_at);
  set_time_or_null (order, "paid_at", state != SHOU_ORDER_PENDING_PAYMENT ? paid_at : 0);
  set_time_or_null (order, "shipped_at", state == SHOU_ORDER_SHIPPED || state == SHOU_ORDER_COMPLETED ? shipped_at : 0);
  set_time_or_null (order, "completed_at", state == SHOU_ORDER_COMPLETED ? completed_at : 0);
  json_object_set_object_member (order, "buyer", buyer);
  json_object_set_array_member (order, "lines", lines);
  return order;
}

/* Places the order's history just before @opened_at, as a buyer opens a
 * request some time after receiving (or waiting for) the goods. */
static void
retime_order (ShouSimDemo *self,
              JsonObject  *order,
              gint64       opened_at)
{
  ShouOrderState state = SHOU_ORDER_COMPLETED;
  gint64 completed = 0, shipped = 0, paid, created;

  shou_order_state_from_string (json_object_get_string_member (order, "state"), &state);
  if (state == SHOU_ORDER_COMPLETED)
    {
      completed = opened_at - g_rand_int_range (self->rand, 60, 3 * 24 * 60) * SHOU_USEC_PER_MINUTE;
      shipped = completed - g_rand_int_range (self->rand, 2, 5) * SHOU_USEC_PER_DAY;
    }
  else if (state == SHOU_ORDER_SHIPPED)
    shipped = opened_at - g_rand_int_range (self->rand, 60, 2 * 24 * 60) * SHOU_USEC_PER_MINUTE;
  paid = (shipped ? shipped : opened_at) - g_rand_int_range (self->rand, 3, 40) * SHOU_USEC_PER_HOUR;
  created = paid - g_rand_int_range (self->rand, 1, 30) * SHOU_USEC_PER_MINUTE;
  json_object_set_int_member (order, "created_at", created);
  set_time_or_null (order, "paid_at", state != SHOU_ORDER_PENDING_PAYMENT ? paid : 0);
  set_time_or_null (order, "shipped_at", shipped);
  set_time_or_null (order, "completed_at", completed);
}

char *
shou_sim_demo_add_order (ShouSimDemo     *self,
                         const char      *shop_id,
                         ShouOrderState   state,
                         gint64           at,
                         GError         **error)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autofree char *merchant = NULL;
  g_autofree char *order_id = NULL;
  g_autoptr(JsonObject) order = NULL;
  ShouPlatform platform;
  gint64 created;

  merchant = shou_hub_store_get_shop (db, shop_id, &platform);
  if (merchant == NULL)
    {
      g_set_error (error, SHOU_HUB_ERROR, SHOU_HUB_ERROR_NOT_FOUND, "No shop %s", shop_id);
      return NULL;
    }
  order_id = g_strdup_printf ("o-%" G_GINT64_FORMAT, shou_hub_store_next_id (db, "order"));
  /* Old enough for its state's timestamps to lie in the past. */
  created = at - (state == SHOU_ORDER_COMPLETED ? 7 : state == SHOU_ORDER_SHIPPED ? 3 : 0) * SHOU_USEC_PER_DAY
               - SHOU_USEC_PER_HOUR;
  order = make_order (self, order_id, shop_id, platform, state,
                      platform == SHOU_PLATFORM_DOUYIN && g_rand_int_range (self->rand, 0, 4) == 0,
                      created);
  if (!shou_hub_store_put_order (db, order_id, shop_id, merchant, order, 1, at, error))
    return NULL;
  return g_steal_pointer (&order_id);
}

/* Stories: a request's history, replayed through core. */

typedef struct
{
  ShouEventKind kind;
  gint64        offset;      /* after the request opened */
  const char   *text;
  ShouProposal  proposal;
  guint         round;
  gint64        amount_fen;
  gboolean      with_evidence;
} Step;

typedef struct
{
  ShouRequestType type;
  ShouOrderState  order_state;
  const char     *reason;     /* NULL: chosen to fit the goods (add_request) */
  const char     *text;
  Step            steps[8];
  guint           n_steps;
  char            escalation[160];
} Story;

static void
story_add (ShouSimDemo  *self,
           Story        *story,
           ShouEventKind kind,
           const char   *text)
{
  Step *step;
  gint64 prev = story->n_steps > 0 ? story->steps[story->n_steps - 1].offset : 0;

  g_assert (story->n_steps < G_N_ELEMENTS (story->steps));
  step = &story->steps[story->n_steps++];
  memset (step, 0, sizeof *step);
  step->kind = kind;
  step->text = text;
  step->offset = prev + g_rand_int_range (self->rand, 20, 16 * 60) * SHOU_USEC_PER_MINUTE;
}

/* A random story for @platform; the request ends wherever core lets it. */
static void
make_story (ShouSimDemo  *self,
            ShouPlatform  platform,
            Story        *story)
{
  int plot = g_rand_int_range (self->rand, 0, 14);
  g_autofree char *escalation = shou_sim_demo_pick_escalation (self, platform);

  memset (story, 0, sizeof *story);
  g_strlcpy (story->escalation, escalation, sizeof story->escalation);
  story->order_state = g_rand_boolean (self->rand) ? SHOU_ORDER_COMPLETED : SHOU_ORDER_SHIPPED;
  story->type = SHOU_REQUEST_RETURN_REFUND;

  switch (plot)
    {
    case 0: /* unshipped refund, waiting for the seller */
      story->type = SHOU_REQUEST_REFUND_ONLY;
      story->order_state = SHOU_ORDER_PENDING_SHIPMENT;
      story->reason = g_rand_boolean (self->rand) ? "late_shipping" : "not_wanted";
      story->text = g_str_equal (story->reason, "late_shipping") ? "说好48小时内发货，到现在还没发"
                                                                 : "拍错规格了，麻烦退一下";
      break;
    case 1: /* return waiting for the seller */
      break;
    case 2: /* refund only after shipment, waiting */
      story->type = SHOU_REQUEST_REFUND_ONLY;
      break;
    case 3: /* agreed, buyer must ship */
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "请在7天内寄回，不要使用到付");
      break;
    case 4: /* shipped back, seller must confirm receipt */
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_LOGISTICS_UPDATE, logistics_steps[1]);
      break;
    case 5: /* negotiation round 1 */
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "亲，非常抱歉给您带来不便，能否提供一下商品问题的照片？我们核实后马上为您处理");
      story->steps[story->n_steps - 1].round = 1;
      break;
    case 6: /* round 1 answered; round 2 sent */
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "亲，麻烦提供一下问题照片，我们帮您核实");
      story->steps[story->n_steps - 1].round = 1;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, PICK (self, replies));
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "核实后为您补偿部分金额，商品无需退回，您看可以吗？");
      story->steps[story->n_steps - 1].round = 2;
      story->steps[story->n_steps - 1].proposal = SHOU_PROPOSAL_PARTIAL_REFUND;
      story->steps[story->n_steps - 1].amount_fen = 1000;
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      break;
    case 7: /* refused by the seller */
      story->order_state = SHOU_ORDER_COMPLETED;
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "亲，商品已经使用过，不影响二次销售的情况才能退哦");
      story->steps[story->n_steps - 1].round = 1;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, PICK (self, replies));
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "可以为您换一件新的，您看可以吗？");
      story->steps[story->n_steps - 1].round = 2;
      story->steps[story->n_steps - 1].proposal = SHOU_PROPOSAL_EXCHANGE;
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, "不接受，我就要退货退款");
      story_add (self, story, SHOU_EVENT_REJECT, "退回商品有明显使用痕迹，影响二次销售");
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      break;
    case 8: /* escalated after a refusal */
      story->order_state = SHOU_ORDER_COMPLETED;
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "亲，商品已经使用过，不影响二次销售的情况才能退哦");
      story->steps[story->n_steps - 1].round = 1;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, PICK (self, replies));
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "可以为您补偿10元，您看可以吗？");
      story->steps[story->n_steps - 1].round = 2;
      story->steps[story->n_steps - 1].proposal = SHOU_PROPOSAL_COMPENSATION;
      story->steps[story->n_steps - 1].amount_fen = 1000;
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, "不接受");
      story_add (self, story, SHOU_EVENT_REJECT, "商品经检测无质量问题，属于正常使用磨损");
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      story_add (self, story, SHOU_EVENT_BUYER_ESCALATE, story->escalation);
      break;
    case 9: /* refunded */
      story->type = SHOU_REQUEST_REFUND_ONLY;
      story_add (self, story, SHOU_EVENT_AGREE_REFUND, NULL);
      break;
    case 10: /* return completed */
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_CONFIRM_RECEIPT, NULL);
      break;
    case 11: /* withdrawn */
      story_add (self, story, SHOU_EVENT_BUYER_CANCEL, NULL);
      break;
    case 12: /* exchange waiting for the seller to ship */
      story->type = SHOU_REQUEST_EXCHANGE;
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "收到后给您换大一码发出");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_CONFIRM_RECEIPT, NULL);
      break;
    case 13: /* cash on delivery, receipt confirmed: refund proof due */
    default:
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_CONFIRM_RECEIPT, NULL);
      break;
    }

  /* Platforms without the negotiation tool: a direct refusal or agreement. */
  if (plot >= 5 && plot <= 8 && platform != SHOU_PLATFORM_PDD)
    {
      if (plot == 5 || plot == 6)
        {
          story->n_steps = 0;
          story_add (self, story, SHOU_EVENT_MESSAGE, "亲，麻烦提供一下商品问题的照片，我们核实后马上处理");
        }
      else
        {
          story->n_steps = 0;
          story_add (self, story, SHOU_EVENT_REJECT, "退回商品有明显使用痕迹，影响二次销售");
          story->steps[0].with_evidence = TRUE;
          if (plot == 8)
            story_add (self, story, SHOU_EVENT_BUYER_ESCALATE, story->escalation);
        }
    }
}

static const char *
first_reason_code (ShouSimDemo  *self,
                   ShouPlatform  platform)
{
  guint n = 0;
  const ShouRejectReason *reasons =
    shou_profile_get_reject_reasons (shou_sim_world_get_profile (self->world, platform), &n);

  return n > 0 ? reasons[g_rand_int_range (self->rand, 0, n)].code : NULL;
}

/* Replays @story on a fresh request at @base; stops at the first step core
 * refuses (the request stays where it is). */
static ShouHubAftersale *
play_story (ShouSimDemo  *self,
            const Story  *story,
            JsonObject   *order,
            const char   *merchant,
            const char   *line_id,
            gint64        amount_fen,
            JsonObject   *address,
            gint64        base,
            const char   *evidence_sha,
            gint64       *out_last)
{
  ShouHubAftersale *as;
  ShouPlatform platform;
  gint64 last = base;

  as = shou_sim_world_open_on (self->world, order, merchant, TRUE, line_id, story->type, amount_fen,
                               story->reason, story->text, base, NULL);
  if (as == NULL)
    return NULL;
  platform = as->state.platform;

  for (guint i = 0; i < story->n_steps; i++)
    {
      const Step *step = &story->steps[i];
      g_autoptr(JsonObject) params = json_object_new ();
      g_autofree char *tracking = NULL;
      g_autofree char *explanation = NULL;
      ShouEvent event = { 0 };
      gint64 at = base + step->offset;
      const char *carrier = NULL;

      event.kind = step->kind;
      event.text = step->text;
      event.round = step->round;
      event.proposal = step->proposal;
      event.amount_fen = step->amount_fen;
      if (step->with_evidence && evidence_sha != NULL)
        {
          JsonArray *list = json_array_new ();

          shou_hub_doc_attach_evidence (as, evidence_sha, "image/png", sizeof tiny_png,
                                          "product_photo", SHOU_ACTOR_SELLER, at);
          json_array_add_string_element (list, evidence_sha);
          json_object_set_array_member (params, "evidence", list);
          event.n_evidence = 1;
        }
      switch (step->kind)
        {
        case SHOU_EVENT_AGREE_REFUND:
          event.amount_fen = as->state.amount_fen;
          break;
        case SHOU_EVENT_AGREE_RETURN:
          event.address_id = json_object_get_string_member (address, "id");
          json_object_set_object_member (params, "address", json_object_ref (address));
          break;
        case SHOU_EVENT_NEGOTIATE:
          {
            JsonArray *scripts = json_array_new ();

            json_array_add_string_element (scripts, PICK (self, r1_scripts));
            json_object_set_array_member (params, "scripts", scripts);
          }
          break;
        case SHOU_EVENT_REJECT:
          {
            const ShouRejectReason *reason;

            event.reason_code = first_reason_code (self, platform);
            reason = event.reason_code
              ? shou_profile_find_reject_reason (shou_sim_world_get_profile (self->world, platform),
                                                 event.reason_code)
              : NULL;
            if (reason != NULL)
              {
                explanation = g_strdup_printf ("经核实：%s。已与买家沟通并附上凭证，请平台知悉。", reason->text);
                event.text = explanation;
              }
          }
          break;
        case SHOU_EVENT_BUYER_SHIP_RETURN:
          carrier = PICK (self, carriers);
          tracking = shou_sim_demo_make_tracking (self, carrier);
          event.carrier = carrier;
          event.tracking_no = tracking;
          break;
        case SHOU_EVENT_OPEN:
        case SHOU_EVENT_BUYER_REPLY:
        case SHOU_EVENT_BUYER_ACCEPT:
        case SHOU_EVENT_BUYER_CANCEL:
        case SHOU_EVENT_BUYER_ESCALATE:
        case SHOU_EVENT_BUYER_MODIFY:
        case SHOU_EVENT_BUYER_CONFIRM_EXCHANGE:
        case SHOU_EVENT_CONFIRM_RECEIPT:
        case SHOU_EVENT_REFUSE_RECEIPT:
        case SHOU_EVENT_SHIP_EXCHANGE:
        case SHOU_EVENT_UPLOAD_REFUND_PROOF:
        case SHOU_EVENT_MESSAGE:
        case SHOU_EVENT_LOGISTICS_UPDATE:
        case SHOU_EVENT_LAPSE:
        case SHOU_EVENT_PLATFORM_REFUND:
        case SHOU_EVENT_PLATFORM_CLOSE:
        case SHOU_N_EVENTS:
        default:
          break;
        }
      if (!shou_sim_world_apply (self->world, as, &event, params, at, NULL))
        break;
      last = at;
    }
  *out_last = last;
  return as;
}

/* Where the running deadline should land, relative to now. */
static gint64
pick_deadline_offset (ShouSimDemo *self,
                      gint64       grace)
{
  int roll = g_rand_int_range (self->rand, 0, 100);

  if (roll < 12 && grace > 10 * SHOU_USEC_PER_MINUTE)
    return -(gint64) g_rand_double_range (self->rand, 5 * 60, 0.8 * grace / G_USEC_PER_SEC) * G_USEC_PER_SEC;
  if (roll < 30)
    return (gint64) g_rand_int_range (self->rand, 10, 120) * SHOU_USEC_PER_MINUTE;
  if (roll < 55)
    return (gint64) g_rand_int_range (self->rand, 2, 24) * SHOU_USEC_PER_HOUR;
  return (gint64) g_rand_int_range (self->rand, 24, 24 * 6) * SHOU_USEC_PER_HOUR;
}

static gint64
running_deadline (ShouSimDemo      *self,
                  ShouHubAftersale *as,
                  gint64            at)
{
  ShouEvaluation eval;

  shou_rules_evaluate (shou_sim_world_get_profile (self->world, as->state.platform),
                       &as->state, at, &eval);
  if (eval.nego_wait_until > 0 && (eval.deadline_at == 0 || eval.nego_wait_until < eval.deadline_at))
    return eval.nego_wait_until;
  return eval.deadline_at;
}

static JsonObject *
make_address (ShouSimDemo *self,
              const char  *name,
              const char  *phone,
              const char  *province,
              const char  *city,
              const char  *district,
              const char  *street,
              const char  *postcode,
              gboolean     is_default)
{
  JsonObject *a = json_object_new ();

  json_object_set_string_member (a, "name", name);
  json_object_set_string_member (a, "phone", phone);
  json_object_set_string_member (a, "province", province);
  json_object_set_string_member (a, "city", city);
  json_object_set_string_member (a, "district", district);
  json_object_set_string_member (a, "street", street);
  json_object_set_string_member (a, "postcode", postcode);
  json_object_set_boolean_member (a, "is_default", is_default);
  return a;
}

typedef struct
{
  const char   *id;
  const char   *merchant;
  ShouPlatform  platform;
  const char   *name;
  guint         n_requests;
  guint         n_spare_orders;
} DemoShop;

static const DemoShop demo_shops[] = {
  { "shop-taobao", "demo", SHOU_PLATFORM_TAOBAO, "暖阳小屋 淘宝店", 55, 15 },
  { "shop-tmall", "demo", SHOU_PLATFORM_TMALL, "暖阳家居旗舰店", 45, 15 },
  { "shop-pdd", "demo", SHOU_PLATFORM_PDD, "暖阳好物 拼多多店", 60, 15 },
  { "shop-douyin", "demo", SHOU_PLATFORM_DOUYIN, "暖阳生活 抖店", 45, 15 },
  { "shop-jd", "demo", SHOU_PLATFORM_JD, "暖阳家居 京东店", 35, 10 },
  { "shop-other", "other", SHOU_PLATFORM_PDD, "山野茶铺 拼多多店", 12, 5 },
};

static gboolean
add_addresses (ShouSimDemo  *self,
               const char   *shop_id,
               const char   *merchant,
               JsonObject  **out_first,
               GError      **error)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autoptr(JsonObject) a = make_address (self, "周敏（售后仓）", "13857196624", "浙江省", "杭州市",
                                          "余杭区", "仓前街道文一西路1500号 3号仓 售后组", "311121", TRUE);
  g_autoptr(JsonObject) b = make_address (self, "刘强（退货处）", "0571-88812345", "浙江省", "金华市",
                                          "义乌市", "福田街道商城大道88号 B座退货处", "322000", FALSE);
  g_autofree char *id_a = g_strdup_printf ("addr-%" G_GINT64_FORMAT, shou_hub_store_next_id (db, "address"));
  g_autofree char *id_b = g_strdup_printf ("addr-%" G_GINT64_FORMAT, shou_hub_store_next_id (db, "address"));

  if (!shou_hub_store_put_address (db, id_a, shop_id, merchant, a, 1, FALSE, error) ||
      !shou_hub_store_put_address (db, id_b, shop_id, merchant, b, 1, FALSE, error))
    return FALSE;
  *out_first = shou_hub_store_get_address (db, id_a);
  return TRUE;
}

static gboolean
add_request (ShouSimDemo  *self,
             const char   *shop_id,
             const char   *merchant,
             ShouPlatform  platform,
             JsonObject   *address,
             const char   *evidence_sha,
             gint64        now,
             gboolean      quick,
             GError      **error)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *line_id = NULL;
  JsonObject *line;
  Story story;
  gint64 base, last = 0, deadline, amount, target;
  gboolean cod;
  guint32 state_seed;

  make_story (self, platform, &story);
  cod = platform == SHOU_PLATFORM_DOUYIN && g_rand_int_range (self->rand, 0, 3) == 0 &&
        story.order_state != SHOU_ORDER_PENDING_SHIPMENT;

  order_id = g_strdup_printf ("o-%" G_GINT64_FORMAT, shou_hub_store_next_id (db, "order"));
  order = make_order (self, order_id, shop_id, platform, story.order_state, cod,
                      now - g_rand_int_range (self->rand, 8, 25) * SHOU_USEC_PER_DAY);

  line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
  line_id = g_strdup (json_object_get_string_member (line, "id"));
  amount = json_object_get_int_member (line, "price_fen") * json_object_get_int_member (line, "quantity");
  if (g_rand_int_range (self->rand, 0, 6) == 0 && amount > 2000)
    amount = amount / 2;
  /* The buyer's reason and words fit the goods and the order's state. */
  if (story.reason == NULL)
    story.text = shou_sim_demo_pick_buyer_text (self, json_object_get_string_member (line, "title"),
                                                story.order_state, story.type, &story.reason);

  if (quick)
    {
      base = now - g_rand_int_range (self->rand, 60, 3 * 24 * 60) * SHOU_USEC_PER_MINUTE;
      story.n_steps = MIN (story.n_steps, 2);
      retime_order (self, order, base);
      as = play_story (self, &story, order, merchant, line_id, amount, address, base, evidence_sha, &last);
    }
  else
    {
      /* Play once to learn where the deadline lands, then again shifted so
       * that it falls at the chosen distance from now. Same seed, same story. */
      state_seed = g_rand_int (self->rand);
      g_rand_set_seed (self->rand, state_seed);
      retime_order (self, order, now - 3 * SHOU_USEC_PER_DAY);
      as = play_story (self, &story, order, merchant, line_id, amount, address, now - 3 * SHOU_USEC_PER_DAY,
                       evidence_sha, &last);
      if (as == NULL)
        return shou_hub_store_put_order (db, order_id, shop_id, merchant, order, 1, now, error);
      /* Offsets relative to the first play's opening time. */
      last -= now - 3 * SHOU_USEC_PER_DAY;
      deadline = running_deadline (self, as, now - 3 * SHOU_USEC_PER_DAY + last);
      if (deadline > 0)
        deadline -= now - 3 * SHOU_USEC_PER_DAY;
      if (deadline > 0 && !shou_status_is_finished (as->state.status))
        {
          target = pick_deadline_offset (self, shou_sim_world_get_lapse_grace (self->world));
          base = now + target - deadline;
          base = MIN (base, now - last - 5 * SHOU_USEC_PER_MINUTE);
        }
      else
        base = now - last - g_rand_int_range (self->rand, 10, 8 * 24 * 60) * SHOU_USEC_PER_MINUTE;
      g_clear_pointer (&as, shou_hub_aftersale_free);
      g_rand_set_seed (self->rand, state_seed);
      retime_order (self, order, base);
      as = play_story (self, &story, order, merchant, line_id, amount, address, base, evidence_sha, &last);
    }
  if (!shou_hub_store_put_order (db, order_id, shop_id, merchant, order, 1, now, error))
    return FALSE;
  if (as == NULL)
    return TRUE;
  return shou_sim_world_save (self->world, as, error);
}

static gboolean
add_tiny_evidence (ShouSimDemo  *self,
                   const char   *merchant,
                   char        **out_sha,
                   GError      **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (tiny_png, sizeof tiny_png);

  *out_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return shou_hub_store_put_evidence (shou_sim_world_get_db (self->world), merchant, *out_sha, "image/png", bytes, error);
}

gboolean
shou_sim_demo_populate (ShouSimDemo  *self,
                        GError      **error)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autofree char *sha = NULL;
  gint64 now = shou_sim_world_now (self->world);

  if (!shou_hub_store_begin (db, error))
    return FALSE;
  if (!shou_hub_store_add_merchant (db, "demo", "暖阳家居（演示商家）", "demo-token-7d1f0c52a9e4", error) ||
      !shou_hub_store_add_merchant (db, "other", "山野茶铺（隔离测试商家）", "other-token-3b86e1f07c2d", error) ||
      !add_tiny_evidence (self, "demo", &sha, error))
    goto fail;
  g_clear_pointer (&sha, g_free);
  if (!add_tiny_evidence (self, "other", &sha, error))
    goto fail;

  for (guint s = 0; s < G_N_ELEMENTS (demo_shops); s++)
    {
      const DemoShop *shop = &demo_shops[s];
      g_autoptr(JsonObject) address = NULL;

      if (!shou_hub_store_add_shop (db, shop->id, shop->merchant, shop->platform, shop->name, error) ||
          !add_addresses (self, shop->id, shop->merchant, &address, error))
        goto fail;
      for (guint i = 0; i < shop->n_requests; i++)
        if (!add_request (self, shop->id, shop->merchant, shop->platform, address, sha, now, FALSE, error))
          goto fail;
      for (guint i = 0; i < shop->n_spare_orders; i++)
        {
          g_autofree char *id = shou_sim_demo_add_order (self, shop->id,
                                                         g_rand_boolean (self->rand) ? SHOU_ORDER_SHIPPED
                                                                                     : SHOU_ORDER_COMPLETED,
                                                         now - g_rand_int_range (self->rand, 0, 48) * SHOU_USEC_PER_HOUR,
                                                         error);
          if (id == NULL)
            goto fail;
        }
    }
  return shou_hub_store_commit (db, error);

fail:
  shou_hub_store_rollback (db);
  return FALSE;
}

gboolean
shou_sim_demo_scale (ShouSimDemo  *self,
                     guint         n,
                     GError      **error)
{
  static const ShouPlatform platforms[] = {
    SHOU_PLATFORM_TAOBAO, SHOU_PLATFORM_TMALL, SHOU_PLATFORM_PDD, SHOU_PLATFORM_DOUYIN, SHOU_PLATFORM_JD,
  };
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autofree char *sha = NULL;
  JsonObject *addresses[G_N_ELEMENTS (platforms)] = { NULL, };
  gboolean ok = FALSE;
  g_autofree char *existing = NULL;
  gint64 now = shou_sim_world_now (self->world);

  shou_hub_store_set_bulk (db, TRUE);
  if (!shou_hub_store_begin (db, error) || !add_tiny_evidence (self, "scale", &sha, error))
    goto fail;

  existing = shou_hub_store_get_token (db, "scale");
  if (existing == NULL &&
      !shou_hub_store_add_merchant (db, "scale", "压测商家", "scale-token-5e0b7d3c", error))
    goto fail;
  for (guint p = 0; p < G_N_ELEMENTS (platforms); p++)
    {
      g_autofree char *shop_id = g_strdup_printf ("shop-scale-%s", shou_platform_to_string (platforms[p]));
      g_autofree char *owner = shou_hub_store_get_shop (db, shop_id, NULL);

      if (owner == NULL &&
          !shou_hub_store_add_shop (db, shop_id, "scale", platforms[p], shop_id, error))
        goto fail;
      if (!add_addresses (self, shop_id, "scale", &addresses[p], error))
        goto fail;
    }
  for (guint i = 0; i < n; i++)
    {
      guint p = i % G_N_ELEMENTS (platforms);
      g_autofree char *shop_id = g_strdup_printf ("shop-scale-%s", shou_platform_to_string (platforms[p]));

      if (!add_request (self, shop_id, "scale", platforms[p], addresses[p], sha, now, TRUE, error))
        goto fail;
    }
  ok = shou_hub_store_commit (db, error);

fail:
  if (!ok)
    shou_hub_store_rollback (db);
  shou_hub_store_set_bulk (db, FALSE);
  for (guint p = 0; p < G_N_ELEMENTS (platforms); p++)
    g_clear_pointer (&addresses[p], json_object_unref);
  return ok;
}
