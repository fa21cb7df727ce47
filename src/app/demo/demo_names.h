#pragma once
// Word lists for the demo data (demo.cc). Names follow where such goods really come from: 义乌 small
// commodities, 广州 clothes/shoes/bags/cosmetics, 深圳 electronics, 杭州 womenswear, 泉州/晋江 shoes and
// sportswear, 东莞 toys, 温州 leather goods, 佛山 homeware. Every name is made up; none is a real firm or brand.
#include <span>
#include <string_view>

#include "domain/catalog/supplier.h"

namespace daifa::app::demo {

// ---- People -------------------------------------------------------------------------------------------

inline constexpr std::string_view kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹",
};
inline constexpr std::string_view kGivenNames[] = {
    "伟",   "芳",   "娜",   "秀英", "敏",   "静",   "丽",   "强",   "磊",   "军",   "洋",   "勇",
    "艳",   "杰",   "娟",   "涛",   "明",   "超",   "秀兰", "霞",   "平",   "刚",   "建华", "晓燕",
    "海波", "志强", "丽华", "春梅", "文杰", "思远", "佳怡", "子轩", "雨涵", "浩然", "欣怡", "俊杰",
};
// Mainland mobile numbers: 11 digits, these three-digit carrier prefixes.
inline constexpr std::string_view kMobilePrefixes[] = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "180", "181", "182", "186", "187", "188", "189",
};
inline constexpr std::string_view kMailDomains[] = {"163.com", "126.com", "aliyun.com", "sina.com"};

// ---- Suppliers ----------------------------------------------------------------------------------------

struct SupplierSeed {
  std::string_view name;
  SupplierKind kind;
  std::string_view sku_code;   // ASCII prefix of the supplier's own item numbers (货号)
  std::string_view mail_slug;  // ASCII local part for the contact email
  std::string_view serves;     // category codes it can supply, e.g. "NZ,TZ"
};

// The first factory is the one the demo supplier login is bound to: it carries womenswear, the biggest category.
inline constexpr SupplierSeed kSuppliers[] = {
    {"杭州余杭区佳美服饰厂", SupplierKind::factory, "JM", "jiamei", "NZ,TZ"},
    {"晋江市恒步鞋业有限公司", SupplierKind::factory, "HB", "hengbu", "XZ,YD"},
    {"东莞市乐童玩具厂", SupplierKind::factory, "LT", "letong", "WJ"},
    {"深圳市宝安区迅联电子厂", SupplierKind::factory, "XL", "xunlian", "SM"},
    {"温州市鹿城区正达皮具厂", SupplierKind::factory, "ZD", "zhengda", "XB,XZ"},
    {"佛山市顺德区美居日用品厂", SupplierKind::factory, "MJ", "meiju", "JJ"},
    {"广州市白云区美研化妆品厂", SupplierKind::factory, "MY", "meiyan", "MH"},
    {"义乌国际商贸城佳美百货批发", SupplierKind::wholesaler, "YW", "yiwubaihuo", "JJ,WJ,MH"},
    {"广州白云区乐步鞋业批发", SupplierKind::wholesaler, "LB", "lebu", "XZ,XB"},
    {"广州十三行潮衣服装批发", SupplierKind::wholesaler, "SSH", "chaoyi", "NZ,MZ"},
    {"杭州四季青尚品女装批发", SupplierKind::wholesaler, "SJQ", "shangpin", "NZ,MZ"},
    {"义乌市福田童装袜业批发部", SupplierKind::wholesaler, "FT", "futian", "TZ,YD"},
    {"泉州丰泽区动感运动用品批发", SupplierKind::wholesaler, "DG", "donggan", "YD,XZ,MZ"},
    {"佛山乐从家居日用批发", SupplierKind::wholesaler, "LC", "lecong", "JJ"},
    {"深圳华强北速通数码代理", SupplierKind::agent, "HQB", "sutong", "SM"},
    {"东莞市智趣玩具代理", SupplierKind::agent, "ZQ", "zhiqu", "WJ,TZ"},
    {"温州瓯海箱包品牌代理", SupplierKind::agent, "OH", "ouhai", "XB"},
    {"杭州下沙美妆品牌代理", SupplierKind::agent, "XS", "xiasha", "MH"},
    {"义乌市优选户外用品代理", SupplierKind::agent, "YX", "youxuan", "YD,JJ"},
    {"广州番禺童装代理", SupplierKind::agent, "PY", "panyu", "TZ"},
    {"深圳龙华区优品数码配件代理", SupplierKind::agent, "LH", "longhua", "SM"},
};

// ---- Distributors -------------------------------------------------------------------------------------

struct DistributorSeed {
  std::string_view name;
  int tier;
  int referrer;  // index of an earlier entry, -1 = came in directly
  std::string_view mail_slug;
};

// Two referral chains three levels deep (三级分销): 0 → 2 → 4 and 1 → 3 → 5.
inline constexpr DistributorSeed kDistributors[] = {
    {"小红书·美妆优选店", 4, -1, "meizhuang.youxuan"},
    {"抖音·潮流女装馆", 5, -1, "chaoliu.nvzhuang"},
    {"拼多多·家居好物", 2, 0, "jiaju.haowu"},
    {"淘宝·童趣母婴铺", 3, 1, "tongqu.muying"},
    {"快手·运动潮鞋仓", 1, 2, "chaoxie.cang"},
    {"微信小店·数码好物社", 2, 3, "shuma.haowu"},
};

// ---- Catalog ------------------------------------------------------------------------------------------

struct Range {
  int lo;
  int hi;
};

struct Colour {
  std::string_view cn;
  std::string_view code;  // ASCII, upper case: goes into the SKU
};

// A 规格 choice. `scale` is the price and weight of this choice relative to the first, in percent.
struct Spec {
  std::string_view cn;
  std::string_view code;
  int scale;
};

// Which measurements a size chart lists.
enum class Fit { none, top, dress, bottom, shoes };

struct ItemType {
  std::string_view cn;
  std::string_view en;
  Range yuan;                         // shop price
  Range grams;                        // shipping weight of the first size / spec
  Fit fit = Fit::none;
  int length_cm = 0;                  // garment length of the first size
  std::string_view length_label = "衣长(cm)";
  std::span<const Spec> specs = {};   // 规格; empty = variants by colour (and size) only
  bool coloured = true;               // false: the colour is not a choice (a serum, a screen protector)
  Range size_window = {0, 99};        // which of the category's sizes this type comes in (shoes: women's, men's)
};

struct Style {
  std::string_view cn;
  std::string_view en;
};

// Base body measurements (cm) of the first size, and how much each next size adds.
struct Body {
  int chest, waist, hip, shoulder;
  int step, shoulder_step, length_step;
  bool by_height = false;  // children's sizes are heights: the chart adds a 身高 column
};

struct Category {
  std::string_view name;         // stored as products.category
  std::string_view code;         // ASCII SKU prefix
  std::string_view audience_en;  // "Women's " etc., inserted into the English title
  std::span<const ItemType> types;
  std::span<const Style> styles;
  std::span<const Colour> colours;
  std::span<const std::string_view> sizes;  // empty: no 尺码 option
  Body body;
  std::span<const std::string_view> tags;
  std::span<const std::string_view> materials;
  std::span<const std::string_view> points;  // selling points (卖点)
};

inline constexpr std::string_view kSeasons[] = {"2026春夏新款", "2026秋冬新款", "新款", "爆款", "", ""};

// ---- 女装 ----
inline constexpr std::string_view kWomenSizes[] = {"S", "M", "L", "XL", "XXL"};
inline constexpr ItemType kWomenTypes[] = {
    {.cn = "连衣裙", .en = "Dress", .yuan = {89, 299}, .grams = {250, 450}, .fit = Fit::dress, .length_cm = 100, .length_label = "裙长(cm)"},
    {.cn = "雪纺衫", .en = "Chiffon Blouse", .yuan = {49, 159}, .grams = {120, 220}, .fit = Fit::top, .length_cm = 58},
    {.cn = "针织开衫", .en = "Knit Cardigan", .yuan = {79, 229}, .grams = {300, 500}, .fit = Fit::top, .length_cm = 56},
    {.cn = "短袖T恤", .en = "T-Shirt", .yuan = {39, 99}, .grams = {150, 250}, .fit = Fit::top, .length_cm = 60},
    {.cn = "阔腿裤", .en = "Wide-Leg Trousers", .yuan = {59, 169}, .grams = {300, 500}, .fit = Fit::bottom, .length_cm = 98, .length_label = "裤长(cm)"},
    {.cn = "半身裙", .en = "A-Line Skirt", .yuan = {59, 169}, .grams = {200, 380}, .fit = Fit::bottom, .length_cm = 70, .length_label = "裙长(cm)"},
    {.cn = "风衣", .en = "Trench Coat", .yuan = {199, 299}, .grams = {700, 1000}, .fit = Fit::top, .length_cm = 100},
    {.cn = "卫衣", .en = "Hoodie", .yuan = {69, 199}, .grams = {400, 650}, .fit = Fit::top, .length_cm = 62},
};
inline constexpr Style kWomenStyles[] = {
    {"法式", "French-Style"},         {"韩版宽松", "Korean Loose-Fit"}, {"复古港风", "Retro Hong Kong-Style"},
    {"简约通勤", "Minimalist Office"}, {"甜美学院风", "Sweet Preppy"},  {"森系文艺", "Artsy Mori"},
    {"高级感纯色", "Premium Solid"},   {"小众设计感", "Indie Design"},
};
inline constexpr Colour kWomenColours[] = {
    {"黑色", "BLACK"}, {"白色", "WHITE"},    {"杏色", "APRICOT"}, {"卡其色", "KHAKI"},     {"雾霾蓝", "HAZEBLUE"},
    {"粉色", "PINK"},  {"酒红色", "WINE"},    {"牛油果绿", "AVOCADO"}, {"燕麦色", "OATMEAL"},
};
inline constexpr std::string_view kWomenTags[] = {"2026新款", "显瘦", "百搭", "气质", "通勤", "宽松", "小个子", "一件代发"};
inline constexpr std::string_view kWomenMaterials[] = {"雪纺面料", "精梳纯棉", "醋酸面料", "柔软针织", "天丝面料"};
inline constexpr std::string_view kWomenPoints[] = {"收腰显瘦", "垂感好不起球", "透气亲肤", "不挑身材", "小个子友好"};

// ---- 男装 ----
inline constexpr std::string_view kMenSizes[] = {"M", "L", "XL", "XXL", "3XL"};
inline constexpr ItemType kMenTypes[] = {
    {.cn = "POLO衫", .en = "Polo Shirt", .yuan = {59, 189}, .grams = {200, 300}, .fit = Fit::top, .length_cm = 68},
    {.cn = "长袖衬衫", .en = "Oxford Shirt", .yuan = {69, 199}, .grams = {220, 320}, .fit = Fit::top, .length_cm = 72},
    {.cn = "夹克外套", .en = "Jacket", .yuan = {149, 299}, .grams = {500, 800}, .fit = Fit::top, .length_cm = 68},
    {.cn = "休闲裤", .en = "Chinos", .yuan = {79, 199}, .grams = {400, 600}, .fit = Fit::bottom, .length_cm = 100, .length_label = "裤长(cm)"},
    {.cn = "牛仔裤", .en = "Jeans", .yuan = {89, 259}, .grams = {500, 750}, .fit = Fit::bottom, .length_cm = 102, .length_label = "裤长(cm)"},
    {.cn = "圆领卫衣", .en = "Sweatshirt", .yuan = {79, 199}, .grams = {450, 700}, .fit = Fit::top, .length_cm = 68},
    {.cn = "纯棉短袖T恤", .en = "Cotton T-Shirt", .yuan = {39, 119}, .grams = {180, 260}, .fit = Fit::top, .length_cm = 70},
    {.cn = "羽绒马甲", .en = "Down Vest", .yuan = {129, 299}, .grams = {300, 450}, .fit = Fit::top, .length_cm = 66},
};
inline constexpr Style kMenStyles[] = {
    {"商务休闲", "Business Casual"},  {"日系简约", "Japanese Minimalist"}, {"美式复古", "American Vintage"},
    {"潮牌宽松", "Oversized Street"}, {"纯色百搭", "Essential Solid"},     {"工装风", "Workwear"},
    {"修身弹力", "Slim Stretch"},     {"青年都市", "Urban"},
};
inline constexpr Colour kMenColours[] = {
    {"黑色", "BLACK"}, {"白色", "WHITE"},   {"藏青色", "NAVY"},      {"灰色", "GREY"},
    {"卡其色", "KHAKI"}, {"军绿色", "OLIVE"}, {"浅蓝色", "LIGHTBLUE"},
};
inline constexpr std::string_view kMenTags[] = {"男士", "商务", "休闲", "宽松", "纯棉", "潮流", "大码", "一件代发"};
inline constexpr std::string_view kMenMaterials[] = {"纯棉", "牛津纺", "弹力牛仔", "涤棉混纺", "冰丝面料", "华夫格面料"};
inline constexpr std::string_view kMenPoints[] = {"挺括不易皱", "吸汗透气", "大码无忧", "微弹舒适", "耐洗不变形"};

// ---- 童装 ----
inline constexpr std::string_view kKidsSizes[] = {"90", "100", "110", "120", "130", "140"};
inline constexpr ItemType kKidsTypes[] = {
    {.cn = "连衣裙", .en = "Dress", .yuan = {49, 159}, .grams = {150, 250}, .fit = Fit::dress, .length_cm = 50, .length_label = "裙长(cm)"},
    {.cn = "连帽卫衣", .en = "Hoodie", .yuan = {49, 139}, .grams = {250, 400}, .fit = Fit::top, .length_cm = 38},
    {.cn = "两件套套装", .en = "Two-Piece Set", .yuan = {69, 199}, .grams = {300, 500}, .fit = Fit::top, .length_cm = 38},
    {.cn = "打底裤", .en = "Leggings", .yuan = {29, 79}, .grams = {120, 200}, .fit = Fit::bottom, .length_cm = 50, .length_label = "裤长(cm)"},
    {.cn = "羽绒服", .en = "Down Jacket", .yuan = {129, 299}, .grams = {350, 550}, .fit = Fit::top, .length_cm = 45},
    {.cn = "短袖T恤", .en = "T-Shirt", .yuan = {29, 79}, .grams = {100, 180}, .fit = Fit::top, .length_cm = 36},
    {.cn = "牛仔裤", .en = "Jeans", .yuan = {49, 139}, .grams = {250, 400}, .fit = Fit::bottom, .length_cm = 52, .length_label = "裤长(cm)"},
    {.cn = "家居睡衣", .en = "Pajama Set", .yuan = {39, 119}, .grams = {200, 350}, .fit = Fit::top, .length_cm = 38},
};
inline constexpr Style kKidsStyles[] = {
    {"卡通恐龙", "Cartoon Dinosaur"}, {"小熊印花", "Bear Print"}, {"公主风", "Princess"},
    {"韩版", "Korean-Style"},         {"纯棉基础款", "Basic Cotton"}, {"学院风", "Preppy"},
    {"运动风", "Sporty"},             {"彩虹条纹", "Rainbow Stripe"},
};
inline constexpr Colour kKidsColours[] = {
    {"粉色", "PINK"}, {"白色", "WHITE"}, {"黄色", "YELLOW"}, {"天蓝色", "SKYBLUE"},
    {"灰色", "GREY"}, {"红色", "RED"},   {"绿色", "GREEN"},
};
inline constexpr std::string_view kKidsTags[] = {"童装", "男童", "女童", "宝宝", "纯棉", "A类", "亲肤", "一件代发"};
inline constexpr std::string_view kKidsMaterials[] = {"A类纯棉", "精梳棉", "莫代尔", "珊瑚绒", "天然彩棉"};
inline constexpr std::string_view kKidsPoints[] = {"宝宝穿着不扎", "柔软亲肤", "耐洗不起球", "宽松好活动", "国标A类"};

// ---- 鞋靴 ----
inline constexpr std::string_view kShoeSizes[] = {"36", "37", "38", "39", "40", "41", "42", "43", "44"};
inline constexpr Range kWomensShoes = {0, 4};  // 36–40
inline constexpr Range kMensShoes = {3, 8};    // 39–44
inline constexpr ItemType kShoeTypes[] = {
    {.cn = "小白鞋", .en = "White Sneakers", .yuan = {69, 199}, .grams = {600, 800}, .fit = Fit::shoes},
    {.cn = "老爹鞋", .en = "Chunky Sneakers", .yuan = {99, 259}, .grams = {700, 950}, .fit = Fit::shoes},
    {.cn = "跑步鞋", .en = "Running Shoes", .yuan = {129, 299}, .grams = {550, 750}, .fit = Fit::shoes},
    {.cn = "乐福鞋", .en = "Loafers", .yuan = {89, 229}, .grams = {500, 700}, .fit = Fit::shoes, .size_window = kWomensShoes},
    {.cn = "马丁靴", .en = "Martin Boots", .yuan = {129, 299}, .grams = {900, 1300}, .fit = Fit::shoes},
    {.cn = "帆布鞋", .en = "Canvas Shoes", .yuan = {39, 119}, .grams = {450, 650}, .fit = Fit::shoes},
    {.cn = "凉鞋", .en = "Sandals", .yuan = {49, 159}, .grams = {300, 500}, .fit = Fit::shoes, .size_window = kWomensShoes},
    {.cn = "商务皮鞋", .en = "Leather Dress Shoes", .yuan = {159, 299}, .grams = {800, 1100}, .fit = Fit::shoes, .size_window = kMensShoes},
};
inline constexpr Style kShoeStyles[] = {
    {"百搭", "Everyday"},           {"韩版", "Korean-Style"}, {"厚底增高", "Platform"}, {"透气", "Breathable"},
    {"复古", "Retro"},              {"轻便软底", "Lightweight"}, {"休闲", "Casual"},    {"防滑耐磨", "Non-Slip"},
};
inline constexpr Colour kShoeColours[] = {
    {"白色", "WHITE"}, {"黑色", "BLACK"}, {"米白", "CREAM"},       {"灰色", "GREY"},
    {"棕色", "BROWN"}, {"白绿", "WHITEGREEN"}, {"红色", "RED"},
};
inline constexpr std::string_view kShoeTags[] = {"鞋子", "休闲鞋", "运动鞋", "增高", "透气", "舒适", "情侣款", "一件代发"};
inline constexpr std::string_view kShoeMaterials[] = {"头层牛皮", "超纤皮", "飞织网面", "帆布", "EVA轻质大底", "橡胶大底"};
inline constexpr std::string_view kShoePoints[] = {"脚感柔软", "防滑耐磨", "不磨脚", "轻便透气", "久走不累"};

// ---- 箱包 ----
inline constexpr Spec kSuitcaseSizes[] = {{"20寸登机箱", "20IN", 100}, {"24寸托运箱", "24IN", 125}, {"28寸托运箱", "28IN", 150}};
inline constexpr Spec kLaptopSizes[] = {{"13.3寸", "13IN", 100}, {"14寸", "14IN", 105}, {"15.6寸", "15IN", 110}};
inline constexpr ItemType kBagTypes[] = {
    {.cn = "双肩包", .en = "Backpack", .yuan = {59, 259}, .grams = {500, 900}},
    {.cn = "托特包", .en = "Tote Bag", .yuan = {49, 199}, .grams = {300, 600}},
    {.cn = "斜挎包", .en = "Crossbody Bag", .yuan = {39, 169}, .grams = {250, 450}},
    {.cn = "拉杆行李箱", .en = "Spinner Suitcase", .yuan = {199, 299}, .grams = {2800, 3400}, .specs = kSuitcaseSizes},
    {.cn = "钱包", .en = "Wallet", .yuan = {29, 129}, .grams = {100, 200}},
    {.cn = "腰包", .en = "Waist Bag", .yuan = {29, 99}, .grams = {150, 300}},
    {.cn = "电脑包", .en = "Laptop Bag", .yuan = {69, 199}, .grams = {500, 800}, .specs = kLaptopSizes},
    {.cn = "化妆包", .en = "Cosmetic Bag", .yuan = {19, 69}, .grams = {80, 200}},
};
inline constexpr Style kBagStyles[] = {
    {"大容量", "Large-Capacity"}, {"简约", "Minimalist"}, {"复古", "Vintage"},      {"轻奢", "Affordable Luxury"},
    {"防水", "Waterproof"},       {"通勤", "Commuter"},   {"韩版", "Korean-Style"}, {"多功能", "Multi-Pocket"},
};
inline constexpr Colour kBagColours[] = {
    {"黑色", "BLACK"}, {"灰色", "GREY"}, {"卡其色", "KHAKI"}, {"藏青色", "NAVY"},
    {"酒红色", "WINE"}, {"米白", "CREAM"}, {"棕色", "BROWN"},
};
inline constexpr std::string_view kBagTags[] = {"包包", "大容量", "通勤", "学生", "防水", "百搭", "礼物", "一件代发"};
inline constexpr std::string_view kBagMaterials[] = {"牛津布", "PU皮", "头层牛皮", "水洗帆布", "尼龙", "PC箱体"};
inline constexpr std::string_view kBagPoints[] = {"多隔层收纳", "防泼水", "五金耐用", "轻便减负", "走线细密"};

// ---- 数码配件 ----
inline constexpr Spec kCableLengths[] = {{"1米", "1M", 100}, {"2米", "2M", 125}, {"3米", "3M", 150}};
inline constexpr Spec kChargerWatts[] = {{"20W", "20W", 100}, {"33W", "33W", 130}, {"65W", "65W", 200}};
inline constexpr Spec kPowerBankSizes[] = {{"10000mAh", "10K", 100}, {"20000mAh", "20K", 160}};
inline constexpr Spec kPhoneModels[] = {
    {"iPhone 15", "IP15", 100}, {"iPhone 15 Pro", "IP15P", 100}, {"iPhone 16", "IP16", 100},
    {"华为Mate 60", "MATE60", 100}, {"小米14", "MI14", 100},
};
inline constexpr ItemType kDigitalTypes[] = {
    {.cn = "Type-C数据线", .en = "USB-C Cable", .yuan = {9, 39}, .grams = {30, 60}, .specs = kCableLengths},
    {.cn = "快充充电头", .en = "Fast Charger", .yuan = {29, 99}, .grams = {60, 120}, .specs = kChargerWatts},
    {.cn = "充电宝", .en = "Power Bank", .yuan = {69, 199}, .grams = {200, 300}, .specs = kPowerBankSizes},
    {.cn = "蓝牙耳机", .en = "Bluetooth Earbuds", .yuan = {59, 299}, .grams = {40, 80}},
    {.cn = "手机壳", .en = "Phone Case", .yuan = {15, 59}, .grams = {30, 60}, .specs = kPhoneModels},
    {.cn = "钢化膜", .en = "Tempered Glass Screen Protector", .yuan = {9, 39}, .grams = {20, 40}, .specs = kPhoneModels, .coloured = false},
    {.cn = "桌面手机支架", .en = "Phone Stand", .yuan = {19, 69}, .grams = {100, 250}},
    {.cn = "无线鼠标", .en = "Wireless Mouse", .yuan = {39, 129}, .grams = {70, 110}},
};
inline constexpr Style kDigitalStyles[] = {
    {"升级款", "Upgraded"}, {"便携", "Portable"}, {"简约", "Minimalist"}, {"耐用", "Durable"},
    {"高颜值", "Stylish"},  {"商务", "Business"}, {"轻薄", "Slim"},
};
inline constexpr Colour kDigitalColours[] = {
    {"黑色", "BLACK"}, {"白色", "WHITE"}, {"银色", "SILVER"}, {"远峰蓝", "BLUE"}, {"樱花粉", "PINK"},
};
inline constexpr std::string_view kDigitalTags[] = {"数码", "手机配件", "快充", "苹果", "安卓", "Type-C", "便携", "一件代发"};
inline constexpr std::string_view kDigitalMaterials[] = {"铝合金", "亲肤硅胶", "TPU", "编织线材", "ABS阻燃材料"};
inline constexpr std::string_view kDigitalPoints[] = {"支持PD快充", "3C认证", "一年质保", "兼容主流机型", "小巧便携"};

// ---- 家居日用 ----
inline constexpr Spec kBoxSizes[] = {{"小号", "S", 100}, {"中号", "M", 140}, {"大号", "L", 180}};
inline constexpr Spec kBedSizes[] = {{"1.5米床", "150", 100}, {"1.8米床", "180", 115}, {"2.0米床", "200", 130}};
inline constexpr Spec kBottleSizes[] = {{"350ml", "350ML", 100}, {"500ml", "500ML", 120}};
inline constexpr Spec kHangerPacks[] = {{"10只装", "10PCS", 100}, {"20只装", "20PCS", 180}};
inline constexpr Spec kMatSizes[] = {{"40x60cm", "40X60", 100}, {"50x80cm", "50X80", 150}};
inline constexpr ItemType kHomeTypes[] = {
    {.cn = "收纳箱", .en = "Storage Box", .yuan = {19, 89}, .grams = {500, 1500}, .specs = kBoxSizes},
    {.cn = "床上四件套", .en = "Bedding Set", .yuan = {129, 299}, .grams = {1500, 2500}, .specs = kBedSizes},
    {.cn = "纯棉毛巾", .en = "Cotton Towel", .yuan = {9, 39}, .grams = {100, 200}},
    {.cn = "保温杯", .en = "Insulated Bottle", .yuan = {39, 129}, .grams = {300, 450}, .specs = kBottleSizes},
    {.cn = "沙发抱枕", .en = "Throw Pillow", .yuan = {19, 69}, .grams = {400, 700}},
    {.cn = "香薰机", .en = "Aroma Diffuser", .yuan = {29, 99}, .grams = {300, 500}},
    {.cn = "防滑衣架", .en = "Non-Slip Hangers", .yuan = {9, 39}, .grams = {300, 600}, .specs = kHangerPacks},
    {.cn = "入户地垫", .en = "Door Mat", .yuan = {19, 79}, .grams = {400, 900}, .specs = kMatSizes},
};
inline constexpr Style kHomeStyles[] = {
    {"北欧", "Nordic"},   {"日式", "Japanese-Style"}, {"简约", "Minimalist"},        {"ins风", "Aesthetic"},
    {"加厚", "Thick"},    {"奶油风", "Cream-Style"},  {"轻奢", "Affordable Luxury"},
};
inline constexpr Colour kHomeColours[] = {
    {"白色", "WHITE"}, {"灰色", "GREY"}, {"米白", "CREAM"}, {"原木色", "WOOD"}, {"雾霾蓝", "HAZEBLUE"}, {"奶咖色", "LATTE"},
};
inline constexpr std::string_view kHomeTags[] = {"家居", "家用", "收纳", "居家好物", "宿舍", "北欧", "实用", "一件代发"};
inline constexpr std::string_view kHomeMaterials[] = {"食品级PP", "新疆长绒棉", "304不锈钢", "珊瑚绒", "竹纤维"};
inline constexpr std::string_view kHomePoints[] = {"加厚耐用", "易清洗", "不掉色", "节省空间", "食品级材质"};

// ---- 美妆个护 ----
inline constexpr Spec kMaskPacks[] = {{"5片装", "5PCS", 100}, {"10片装", "10PCS", 180}, {"20片装", "20PCS", 330}};
inline constexpr Spec kCleanserSizes[] = {{"100g", "100G", 100}, {"150g", "150G", 135}};
inline constexpr Spec kSerumSizes[] = {{"30ml", "30ML", 100}, {"50ml", "50ML", 150}};
inline constexpr Spec kSunscreenSizes[] = {{"40ml", "40ML", 100}, {"60ml", "60ML", 135}};
inline constexpr Spec kBrushSets[] = {{"8支装", "8PCS", 100}, {"12支装", "12PCS", 140}};
inline constexpr Spec kShampooSizes[] = {{"400ml", "400ML", 100}, {"750ml", "750ML", 160}};
inline constexpr ItemType kBeautyTypes[] = {
    {.cn = "丝绒口红", .en = "Velvet Lipstick", .yuan = {39, 129}, .grams = {30, 60}},
    {.cn = "补水面膜", .en = "Hydrating Sheet Mask", .yuan = {29, 99}, .grams = {150, 200}, .specs = kMaskPacks, .coloured = false},
    {.cn = "氨基酸洗面奶", .en = "Amino Acid Cleanser", .yuan = {29, 89}, .grams = {150, 250}, .specs = kCleanserSizes, .coloured = false},
    {.cn = "精华液", .en = "Serum", .yuan = {69, 299}, .grams = {80, 150}, .specs = kSerumSizes, .coloured = false},
    {.cn = "防晒霜", .en = "Sunscreen SPF50+", .yuan = {39, 139}, .grams = {60, 120}, .specs = kSunscreenSizes, .coloured = false},
    {.cn = "眼影盘", .en = "Eyeshadow Palette", .yuan = {39, 159}, .grams = {80, 150}},
    {.cn = "化妆刷套装", .en = "Makeup Brush Set", .yuan = {29, 99}, .grams = {150, 300}, .specs = kBrushSets, .coloured = false},
    {.cn = "洗发水", .en = "Shampoo", .yuan = {29, 89}, .grams = {450, 850}, .specs = kShampooSizes, .coloured = false},
};
inline constexpr Style kBeautyStyles[] = {
    {"国货", "Chinese-Brand"}, {"平价", "Affordable"}, {"温和", "Gentle"},
    {"小众", "Niche"},         {"网红", "Trending"},   {"进阶", "Pro"},
};
inline constexpr Colour kBeautyColours[] = {
    {"正红色", "RED"}, {"豆沙色", "ROSEWOOD"}, {"枫叶红", "MAPLE"}, {"奶茶色", "MILKTEA"}, {"珊瑚橘", "CORAL"}, {"蜜桃粉", "PEACH"},
};
inline constexpr std::string_view kBeautyTags[] = {"美妆", "护肤", "国货", "学生党", "平价", "敏感肌", "补水", "一件代发"};
inline constexpr std::string_view kBeautyMaterials[] = {"烟酰胺", "玻尿酸", "氨基酸表活", "植物精粹", "积雪草提取物"};
inline constexpr std::string_view kBeautyPoints[] = {"温和不刺激", "持久不脱妆", "清爽不油腻", "敏感肌可用", "备案可查"};

// ---- 玩具 ----
inline constexpr Spec kBrickCounts[] = {{"300粒", "300PCS", 100}, {"500粒", "500PCS", 150}, {"1000粒", "1000PCS", 250}};
inline constexpr Spec kPlushSizes[] = {{"30cm", "30CM", 100}, {"45cm", "45CM", 160}, {"60cm", "60CM", 240}};
inline constexpr Spec kPuzzleCounts[] = {{"500片", "500PCS", 100}, {"1000片", "1000PCS", 150}};
inline constexpr Spec kTileCounts[] = {{"40片", "40PCS", 100}, {"60片", "60PCS", 140}, {"100片", "100PCS", 210}};
inline constexpr ItemType kToyTypes[] = {
    {.cn = "拼装积木", .en = "Building Blocks", .yuan = {39, 199}, .grams = {400, 1200}, .specs = kBrickCounts, .coloured = false},
    {.cn = "遥控越野车", .en = "RC Off-Road Car", .yuan = {69, 299}, .grams = {600, 1200}},
    {.cn = "毛绒公仔", .en = "Plush Toy", .yuan = {29, 129}, .grams = {200, 400}, .specs = kPlushSizes, .coloured = false},
    {.cn = "拼图", .en = "Jigsaw Puzzle", .yuan = {19, 69}, .grams = {300, 600}, .specs = kPuzzleCounts, .coloured = false},
    {.cn = "泡泡机", .en = "Bubble Machine", .yuan = {19, 69}, .grams = {200, 400}},
    {.cn = "过家家厨房", .en = "Play Kitchen Set", .yuan = {49, 199}, .grams = {800, 2000}},
    {.cn = "磁力片", .en = "Magnetic Tiles", .yuan = {59, 199}, .grams = {600, 900}, .specs = kTileCounts, .coloured = false},
    {.cn = "水枪", .en = "Water Blaster", .yuan = {15, 59}, .grams = {200, 400}},
};
inline constexpr Style kToyStyles[] = {
    {"益智", "Educational"}, {"儿童", "Kids'"}, {"创意", "Creative"}, {"卡通", "Cartoon"},
    {"大号", "Large"},       {"网红", "Trending"}, {"亲子", "Family"},
};
inline constexpr Colour kToyColours[] = {{"红色", "RED"}, {"蓝色", "BLUE"}, {"黄色", "YELLOW"}, {"粉色", "PINK"}, {"绿色", "GREEN"}};
inline constexpr std::string_view kToyTags[] = {"玩具", "益智", "儿童", "男孩", "女孩", "生日礼物", "3岁+", "一件代发"};
inline constexpr std::string_view kToyMaterials[] = {"ABS环保塑料", "PP棉填充", "短毛绒", "加厚纸板", "强磁材料"};
inline constexpr std::string_view kToyPoints[] = {"3C认证", "圆角不伤手", "锻炼动手能力", "送礼佳品", "环保无异味"};

// ---- 运动户外 ----
inline constexpr Spec kMatThickness[] = {{"6mm", "6MM", 100}, {"10mm", "10MM", 130}};
inline constexpr Spec kTentSizes[] = {{"2人", "2P", 100}, {"3-4人", "4P", 140}};
inline constexpr Spec kDumbbellWeights[] = {{"2.5kg", "2KG5", 100}, {"5kg", "5KG", 190}, {"10kg", "10KG", 370}};
inline constexpr Spec kGloveSizes[] = {{"M码", "M", 100}, {"L码", "L", 100}, {"XL码", "XL", 105}};
inline constexpr Spec kBottleVolumes[] = {{"600ml", "600ML", 100}, {"1000ml", "1000ML", 130}};
inline constexpr ItemType kSportTypes[] = {
    {.cn = "瑜伽垫", .en = "Yoga Mat", .yuan = {49, 169}, .grams = {900, 1500}, .specs = kMatThickness},
    {.cn = "负重跳绳", .en = "Weighted Jump Rope", .yuan = {19, 59}, .grams = {150, 300}},
    {.cn = "露营帐篷", .en = "Camping Tent", .yuan = {199, 299}, .grams = {2000, 3000}, .specs = kTentSizes},
    {.cn = "登山杖", .en = "Trekking Pole", .yuan = {39, 129}, .grams = {250, 400}},
    {.cn = "包胶哑铃", .en = "Rubber Dumbbell", .yuan = {39, 89}, .grams = {2600, 2800}, .specs = kDumbbellWeights, .coloured = false},
    {.cn = "折叠露营椅", .en = "Folding Camp Chair", .yuan = {59, 199}, .grams = {1200, 2500}},
    {.cn = "骑行手套", .en = "Cycling Gloves", .yuan = {29, 89}, .grams = {80, 150}, .specs = kGloveSizes},
    {.cn = "运动水壶", .en = "Sports Water Bottle", .yuan = {29, 79}, .grams = {200, 350}, .specs = kBottleVolumes},
};
inline constexpr Style kSportStyles[] = {
    {"专业", "Pro"},       {"轻量化", "Lightweight"}, {"加厚", "Heavy-Duty"}, {"便携", "Portable"},
    {"户外", "Outdoor"},   {"防滑", "Non-Slip"},      {"入门款", "Beginner"},
};
inline constexpr Colour kSportColours[] = {
    {"黑色", "BLACK"}, {"深空蓝", "BLUE"}, {"墨绿", "GREEN"}, {"香芋紫", "PURPLE"}, {"灰色", "GREY"}, {"活力橙", "ORANGE"},
};
inline constexpr std::string_view kSportTags[] = {"运动", "健身", "户外", "露营", "居家健身", "便携", "一件代发"};
inline constexpr std::string_view kSportMaterials[] = {"TPE环保材质", "航空铝合金", "碳纤维", "加密牛津布", "食品级硅胶"};
inline constexpr std::string_view kSportPoints[] = {"防滑耐磨", "承重稳固", "收纳方便", "轻便易携", "送收纳袋"};

// Ten categories × 20 products = the 200 demo products.
inline constexpr Category kCategories[] = {
    {"女装", "NZ", "Women's ", kWomenTypes, kWomenStyles, kWomenColours, kWomenSizes, {84, 66, 88, 36, 4, 1, 1}, kWomenTags, kWomenMaterials, kWomenPoints},
    {"男装", "MZ", "Men's ", kMenTypes, kMenStyles, kMenColours, kMenSizes, {96, 76, 96, 43, 4, 1, 2}, kMenTags, kMenMaterials, kMenPoints},
    {"童装", "TZ", "Kids' ", kKidsTypes, kKidsStyles, kKidsColours, kKidsSizes, {52, 48, 54, 24, 4, 2, 4, true}, kKidsTags, kKidsMaterials, kKidsPoints},
    {"鞋靴", "XZ", "", kShoeTypes, kShoeStyles, kShoeColours, kShoeSizes, {}, kShoeTags, kShoeMaterials, kShoePoints},
    {"箱包", "XB", "", kBagTypes, kBagStyles, kBagColours, {}, {}, kBagTags, kBagMaterials, kBagPoints},
    {"数码配件", "SM", "", kDigitalTypes, kDigitalStyles, kDigitalColours, {}, {}, kDigitalTags, kDigitalMaterials, kDigitalPoints},
    {"家居日用", "JJ", "", kHomeTypes, kHomeStyles, kHomeColours, {}, {}, kHomeTags, kHomeMaterials, kHomePoints},
    {"美妆个护", "MH", "", kBeautyTypes, kBeautyStyles, kBeautyColours, {}, {}, kBeautyTags, kBeautyMaterials, kBeautyPoints},
    {"玩具", "WJ", "", kToyTypes, kToyStyles, kToyColours, {}, {}, kToyTags, kToyMaterials, kToyPoints},
    {"运动户外", "YD", "", kSportTypes, kSportStyles, kSportColours, {}, {}, kSportTags, kSportMaterials, kSportPoints},
};
inline constexpr int kProductsPerCategory = 20;

}  // namespace daifa::app::demo
