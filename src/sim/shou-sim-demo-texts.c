/* shou-sim-demo-texts.c: what demo buyers buy and write, fitting the
 * goods, the order's state and the platform. */
#include "config.h"

#include <string.h>

#include "shou-sim-demo-texts.h"

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

/* Starts as ShouSimGoods does. */
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

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

const char *
shou_sim_texts_pick_reply (GRand *rand)
{
  return PICK (rand, replies);
}

const char *
shou_sim_texts_pick_refusal (GRand *rand)
{
  return PICK (rand, refusals);
}

const char *
shou_sim_texts_pick_acceptance (GRand *rand)
{
  return PICK (rand, acceptances);
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
shou_sim_texts_pick_escalation (GRand        *rand,
                                ShouPlatform  platform)
{
  guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (escalations));

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
shou_sim_texts_pick_buyer_text (GRand            *rand,
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
  t = n > 0 ? fitting[g_rand_int_range (rand, 0, n)] : &buyer_texts[G_N_ELEMENTS (buyer_texts) - 3];
  *out_reason_code = t->reason;
  return t->text;
}

const char *
shou_sim_texts_pick_logistics (GRand *rand,
                               guint  step)
{
  return logistics_steps[MIN (step, G_N_ELEMENTS (logistics_steps) - 1)];
}

const char *
shou_sim_texts_pick_carrier (GRand *rand)
{
  return PICK (rand, carriers);
}

char *
shou_sim_texts_make_tracking (GRand      *rand,
                              const char *carrier)
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
    g_string_append_c (s, '0' + g_rand_int_range (rand, 0, 10));
  return g_string_free (s, FALSE);
}


const char *
shou_sim_texts_pick_nick (GRand *rand)
{
  return PICK (rand, nicks);
}

const char *
shou_sim_texts_pick_surname (GRand *rand)
{
  return PICK (rand, surnames);
}

const char *
shou_sim_texts_pick_place (GRand *rand)
{
  return PICK (rand, places);
}

const char *
shou_sim_texts_pick_r1_script (GRand *rand)
{
  return PICK (rand, r1_scripts);
}

const ShouSimGoods *
shou_sim_texts_pick_goods (GRand *rand)
{
  return (const ShouSimGoods *) &PICK (rand, goods);
}

GBytes *
shou_sim_texts_tiny_png (void)
{
  return g_bytes_new_static (tiny_png, sizeof tiny_png);
}
