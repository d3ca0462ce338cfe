"""Fictional Chinese wording of demo events, by category: titles, descriptions, results, notes.

This is demo *data* (what residents and staff would have typed), not interface text, so it is
not translated. Placeholders: {addr} an address, {place} a shop or building, {n} a number,
{room} a smart garbage room, {name} a person, {company} an enterprise.
"""

from __future__ import annotations

import random

# category code → (titles, descriptions, results)
TEMPLATES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "dispute.neighbour": (
        (
            "{addr}邻里因楼上漏水发生纠纷",
            "{addr}两户邻居因噪音扰民多次争吵",
            "{addr}邻里因公共过道堆物起争执",
        ),
        (
            "反映人称楼上住户卫生间漏水已近一个月，多次协商无果，双方情绪激动，请求社区介入调解。",
            "楼上住户夜间经常拖动家具、大声喧哗，影响老人和孩子休息，反映人希望尽快协调。",
            "两户邻居因过道堆放杂物、电动车停放问题争吵，已发生推搡，需要及时化解。",
        ),
        (
            "已组织双方到民调室调解，达成漏水维修及费用分担协议，双方签字确认。",
            "网格员上门沟通，双方同意互相体谅，夜间十点后不再产生噪音，纠纷化解。",
            "已协调双方清理过道杂物，电动车统一停放到车棚。",
        ),
    ),
    "dispute.family": (
        ("{addr}家庭因赡养老人问题发生矛盾", "{addr}夫妻矛盾激化需调解", "{addr}兄弟因老宅分割起纠纷"),
        (
            "子女对老人赡养费分担意见不一，老人独自居住生活困难，请求调解。",
            "夫妻双方因家庭琐事长期争吵，女方情绪低落，邻居担心发生意外。",
            "兄弟二人因老屋拆迁补偿款分配意见不一，多次争吵。",
        ),
        (
            "经书记调处室调解，子女签订赡养协议，按月支付赡养费。",
            "已联合妇联上门疏导，双方同意冷静处理，持续跟踪回访。",
            "经调解，兄弟双方就补偿款分配达成一致并签订调解协议。",
        ),
    ),
    "dispute.labour": (
        ("{company}拖欠{n}名工人工资", "{addr}工地农民工讨薪", "{company}员工反映未签劳动合同"),
        (
            "{n}名工人反映{company}拖欠两个月工资，多次讨要未果。",
            "工人反映工程完工后包工头失联，工资迟迟未发放，情绪激动。",
            "员工反映入职半年未签订劳动合同，也未缴纳社保。",
        ),
        (
            "经工调室协调，企业已分期支付拖欠工资，工人签字确认。",
            "已协调总包单位先行垫付工人工资，并追究包工头责任。",
            "已督促企业补签劳动合同并补缴社保，员工表示满意。",
        ),
    ),
    "dispute.property_mgmt": (
        ("{addr}小区物业服务纠纷", "{addr}业主与物业因停车位收费争议", "{addr}小区电梯维修费用分摊纠纷"),
        (
            "业主反映物业公司服务不到位，垃圾清运不及时，却上调物业费。",
            "物业擅自提高地面停车位收费，业主不满，部分业主拒交物业费。",
            "小区电梯大修需动用维修资金，部分低层业主不愿分摊，工程迟迟无法启动。",
        ),
        ("已召集业委会、物业和业主代表协商，物业承诺整改服务并暂缓调价。",),
    ),
    "security.hazard": (
        ("{addr}夜间有可疑人员徘徊", "{addr}电动车被盗", "{addr}出租房疑似聚众赌博"),
        (
            "居民反映近几晚有陌生人在楼道附近徘徊，查看各家门锁，担心安全。",
            "反映人停放在楼下的电动车昨晚被盗，已向派出所报警，请求调取监控。",
            "出租房内夜间人员进出频繁，声音嘈杂，疑似有赌博行为。",
        ),
        ("派出所已加强夜间巡逻，并在该区域增设监控探头。", "民警已到场核查处置，相关人员已依法处理。"),
    ),
    "security.fraud": (
        ("{addr}居民疑似遭遇电信诈骗", "{addr}老人接到冒充公检法电话", "{addr}居民反映刷单被骗"),
        (
            "居民接到自称客服的电话，要求转账退款，已转出{n}千元，发现被骗。",
            "独居老人接到冒充公检法的电话，要求将存款转入“安全账户”，家属及时发现。",
            "居民在网上参与刷单返利，先后转账{n}千元后对方失联。",
        ),
        ("民警已上门开展反诈宣传，协助报案并冻结涉案账户。",),
    ),
    "key_people.correction": (
        ("社区矫正对象{name}未按时报到", "社区矫正对象外出未请假"),
        ("网格员走访发现社区矫正对象近一周未在居住地，电话无人接听。",),
        ("司法所已联系本人到所报到并进行警示教育。",),
    ),
    "key_people.mental": (
        ("{addr}严重精神障碍患者情绪异常", "{addr}精神障碍患者疑似停药"),
        ("家属反映患者近期拒绝服药，夜间吵闹，有摔砸物品行为，请求帮助。",),
        ("已联系精防医生上门随访，督促按时服药，落实监护责任。",),
    ),
    "key_people.petition": (
        ("重点信访人员{name}近期动态", "重点信访人员拟赴市上访"),
        ("网格员走访得知该人员近期准备前往市里反映征迁补偿问题。",),
        ("包案领导已约谈当事人，解释政策并承诺跟进诉求。",),
    ),
    "food.unlicensed": (
        ("{addr}无证经营小吃店", "{addr}疑似黑作坊加工食品", "{place}无营业执照经营"),
        (
            "该店铺无营业执照和食品经营许可证，长期经营早餐，卫生状况差。",
            "出租房内有人加工豆制品对外销售，无任何证照，污水直排。",
            "{place}未办理营业执照即开门营业，周边商户反映不公平竞争。",
        ),
        ("市场监管所已现场检查，责令停止经营并依法立案。", "已指导经营者办理营业执照和食品经营许可。"),
    ),
    "food.expired": (
        ("{place}销售过期食品", "{place}售卖发霉面包"),
        (
            "反映人在{place}购买的牛奶已过保质期{n}天，与店家协商无果。",
            "在{place}购买的面包拆开后发现已经发霉。",
        ),
        ("执法人员现场下架过期食品，并对经营者进行处罚。",),
    ),
    "food.hygiene": (
        ("{place}后厨卫生脏乱", "{place}餐馆发现老鼠", "{addr}饭店食品卫生问题"),
        ("顾客反映{place}后厨油污严重，用餐时发现苍蝇，要求检查。",),
        ("已对该餐馆进行检查，责令限期整改后厨卫生，复查合格。",),
    ),
    "price.gouging": (
        ("{place}未明码标价", "{place}涉嫌乱收费"),
        ("游客反映{place}商品未标价，结账时价格明显偏高。",),
        ("已责令商家明码标价，并退还多收费用。",),
    ),
    "price.scale": (
        ("{addr}菜市场摊位缺斤短两", "{addr}水果摊使用鬼秤"),
        ("反映人购买的水果回家称重少了近{n}两，怀疑摊主秤有问题。",),
        ("已对该摊位电子秤进行检定，没收不合格计量器具。",),
    ),
    "product.fake": (
        ("{place}销售假冒商品", "{place}售卖三无产品"),
        ("反映人购买的商品无生产厂家和合格证。",),
        ("已查扣涉嫌假冒商品，依法立案调查。",),
    ),
    "product.elevator": (
        ("{addr}电梯困人", "{addr}电梯频繁故障"),
        (
            "{addr}电梯运行中突然停在两层之间，有{n}人被困，已拨打电话求助。",
            "电梯近一个月内多次停运，老人上下楼困难。",
        ),
        (
            "维保单位已到场解救被困人员，并对电梯进行全面检修。",
            "已督促维保单位全面检修，更换故障部件，电梯恢复运行。",
        ),
    ),
    "product.gas_cylinder": (
        ("{place}违规使用液化气钢瓶", "{addr}闻到煤气味疑似泄漏"),
        (
            "{place}在室内存放多个液化气钢瓶，部分钢瓶已过检验期。",
            "居民反映楼道内闻到明显煤气味，担心燃气泄漏。",
        ),
        (
            "已督促商户更换合格钢瓶并迁移至安全位置。",
            "燃气公司已到场检测，更换老化软管，排除泄漏隐患。",
        ),
    ),
    "city.street_stall": (
        ("{addr}流动摊贩占道经营", "{addr}店铺出店经营占用人行道", "{addr}夜市摊位占道影响通行"),
        (
            "早晚高峰有多个流动摊贩在路口摆摊，占用人行道和非机动车道，影响通行。",
            "{place}将货物堆放在店门外人行道上，行人只能绕行到机动车道。",
            "夜市摊位越摆越多，晚上占用半幅车道，车辆通行困难。",
        ),
        (
            "执法队员已现场劝离流动摊贩，清理占道物品，纳入日常巡查。",
            "已对店主进行教育，货物已搬回店内。",
            "已规范夜市摊位设置范围，划定临时经营区。",
        ),
    ),
    "city.garbage": (
        ("{addr}垃圾堆放未及时清运", "{addr}垃圾桶满溢", "{room}满溢告警", "{addr}建筑垃圾乱倾倒"),
        (
            "{addr}路边垃圾堆放两天未清运，气味难闻，招来蚊蝇。",
            "{addr}垃圾桶满溢，周边有垃圾散落，请及时清运。",
            "{room}满溢告警，请及时清运。",
            "有人在夜间将装修垃圾倾倒在空地上，堆积约{n}立方米。",
        ),
        ("环卫所已安排车辆清运，并对周边进行冲洗消杀。", "已完成清运，增加该点位清运频次。"),
    ),
    "city.advert": (
        ("{addr}墙面小广告泛滥", "{place}违规设置户外广告牌"),
        (
            "居民楼外墙和电线杆上贴满小广告，影响市容。",
            "{place}未经审批在门前设置大型广告牌，存在坠落隐患。",
        ),
        (
            "已组织人员清理小广告，并对广告发布者进行教育。",
            "已责令商户拆除违规广告牌。",
        ),
    ),
    "city.parking": (
        ("{addr}车辆乱停堵塞消防通道", "{addr}共享单车乱停放", "{addr}车辆乱停影响通行"),
        (
            "小区消防通道长期被私家车占用，一旦发生火情消防车无法进入。",
            "地铁口附近共享单车堆积，占用盲道和人行道。",
            "路边车辆随意停放，早晚高峰道路拥堵。",
        ),
        (
            "已联系车主挪车，并在消防通道施划禁停标线。",
            "已通知运营企业清运调度单车。",
            "已对违停车辆贴单告知，并增设停车引导标识。",
        ),
    ),
    "building.illegal": (
        ("{addr}屋顶违章搭建彩钢棚", "{addr}私自加层建设", "{addr}违规圈占绿地搭建围墙"),
        (
            "反映人称{addr}住户在屋顶搭建彩钢棚约{n}十平方米，存在安全隐患。",
            "某户正在原有房屋上加建一层，未见任何审批手续。",
            "有住户私自砌筑围墙圈占公共绿地约{n}十平方米。",
        ),
        ("已下达限期拆除通知书，当事人已自行拆除。", "执法队已组织强制拆除违建部分，拆除面积已登记。"),
    ),
    "building.noise": (
        ("{addr}工地夜间施工噪音扰民", "{addr}装修噪音扰民"),
        (
            "附近工地晚上十点后仍在打桩作业，噪音很大，居民无法入睡。",
            "楼上装修每天早上七点前就开始电钻作业，周末也不停。",
        ),
        (
            "已责令施工单位停止夜间施工，确需连续作业须办理夜间施工许可。",
            "已告知装修户遵守作业时间，并由物业加强监督。",
        ),
    ),
    "building.dust": (
        ("{addr}渣土车沿路撒漏", "{addr}工地扬尘严重"),
        ("渣土运输车辆未密闭，沿途撒漏泥土，路面尘土飞扬。", "工地裸土未覆盖，大风天扬尘严重。"),
        ("已督促运输企业整改，对撒漏路段进行清扫冲洗。", "已要求工地落实裸土覆盖和喷淋降尘措施。"),
    ),
    "environment.sewage": (
        ("{addr}河道有污水排入", "{company}疑似偷排污水"),
        ("港儿河边有管道向河道排放浑浊污水，河水发黑发臭。",),
        ("已封堵偷排管道，责令企业整改，河道已清淤。",),
    ),
    "environment.burning": (
        ("{addr}有人露天焚烧垃圾", "{addr}田间焚烧秸秆"),
        ("空地上有人焚烧垃圾，浓烟很大，附近居民无法开窗。",),
        ("已现场扑灭火源，对焚烧者进行教育。",),
    ),
    "facility.road": (
        ("{addr}路面坑洼破损", "{addr}井盖缺失存在隐患", "{addr}人行道地砖松动"),
        (
            "{addr}路面出现多个坑洼，雨天积水，电动车经过容易摔倒。",
            "路口一处井盖缺失，已用杂物临时遮挡，夜间很危险。",
            "人行道地砖大面积松动，下雨天踩上去溅水，老人容易摔倒。",
        ),
        ("城建办已安排养护单位修补路面。", "已更换井盖并设置警示标志。", "已重新铺设松动地砖。"),
    ),
    "facility.streetlight": (
        ("{addr}路灯损坏不亮", "{addr}一段路灯全部熄灭"),
        ("{addr}有{n}盏路灯不亮已一周，晚上出行不便。",),
        ("已维修更换灯具，路灯恢复照明。",),
    ),
    "facility.water": (
        ("{addr}下水道堵塞污水外溢", "{addr}自来水管爆裂", "{addr}小区停水"),
        (
            "下水道堵塞导致污水从窨井冒出，气味难闻。",
            "路边自来水管爆裂，水流满地，影响通行。",
            "小区从早上开始停水，没有接到任何通知，居民生活不便。",
        ),
        (
            "已疏通管道，恢复正常排水。",
            "供水部门已抢修完毕，恢复供水。",
            "已联系供水公司，查明原因为管网检修，已恢复供水并要求提前公告。",
        ),
    ),
    "social.elderly": (
        ("{addr}独居老人需要关爱帮扶", "{addr}高龄老人生活困难"),
        ("{name}老人独居，行动不便，近期身体不适，无人照料。",),
        ("已安排志愿者定期上门探访，并申请居家养老服务。",),
    ),
    "social.assistance": (
        ("{addr}困难家庭申请临时救助", "{addr}残疾人家庭生活困难"),
        ("家庭主要劳动力因病住院，家庭生活陷入困境，申请临时救助。",),
        ("已按程序办理临时救助，发放救助金。",),
    ),
    "social.insurance": (
        ("{name}咨询医保报销问题", "{name}反映养老保险未到账"),
        (
            "反映人在外地就医后回来报销遇到困难，不清楚办理流程。",
            "反映人退休后养老金迟迟未到账，多次咨询无果。",
        ),
        (
            "社会事务办已电话解答办理流程，协助完成报销。",
            "已协助查询养老金发放进度，核对银行账户后已到账。",
        ),
    ),
    "safety.fire": (
        ("{addr}楼道电动车充电飞线", "{place}消防通道堵塞", "{addr}烟感报警"),
        (
            "楼道内有住户私拉电线给电动车充电，存在严重火灾隐患。",
            "{place}消防通道被杂物堆满，灭火器已过期。",
            "{addr}烟感探测器报警，请核实现场情况。",
        ),
        (
            "已拆除飞线，引导居民到集中充电点充电。",
            "已督促清理消防通道杂物并更换灭火器。",
            "经现场核实为厨房油烟误报，已复位探测器并提醒住户注意用火安全。",
        ),
    ),
    "safety.typhoon": (
        ("{addr}台风期间积水严重", "{addr}危旧房屋需转移人员"),
        (
            "台风带来强降雨，{addr}路段积水深约{n}十厘米，车辆无法通行。",
            "台风来临前，危旧房屋内仍有老人居住，需要转移。",
        ),
        ("已组织抽排积水，道路恢复通行。", "已将人员转移至安置点，台风过后安全返回。"),
    ),
}

GENERIC_RESULTS = (
    "已现场核实并处置完毕，已向反映人反馈。",
    "经处置，问题已解决，纳入日常巡查。",
)
SHOP_KINDS = (
    "小吃店",
    "便利店",
    "理发店",
    "水果店",
    "早餐店",
    "五金店",
    "快递点",
    "面馆",
    "海鲜排档",
    "茶室",
)
ESTATES = (
    "江心花苑",
    "科技岛人才公寓",
    "江滨家园",
    "樟香苑",
    "板桥新村",
    "上沙佳苑",
    "老涂安置小区",
    "鹿岛公寓",
)

NOTES = {
    "reject": (
        "不属于本街道管辖范围，已告知反映人向相关部门反映。",
        "反映内容经核实不属实。",
        "诉求已在其他渠道办理。",
    ),
    "escalate": ("涉及跨区域协调，需上报区级部门处置。", "超出街道处置权限，提请区级协调。"),
    "district_return": ("区级部门认为属街道职责，退回街道处置。",),
    "give_back": ("不属于本部门职责，请重新派发。", "该事项需多部门联合处置，退回重新协调。"),
    "reassign": ("根据部门反馈，改派至责任部门。", "调整处置部门。"),
    "request_extension": ("需协调多个权属单位，申请延期。", "涉及维修采购，需要更多时间。"),
    "deny_extension": ("该事项不复杂，请按期办结。",),
    "verify_fail": ("现场核查问题仍然存在，请继续处置。",),
    "redo": ("反映人对处置结果不满意，要求重新办理。",),
    "supervise": ("请尽快处置并反馈结果。", "群众反映强烈，请加快办理。", "该事项已临期，请抓紧办结。"),
}
RATING_NOTES = {
    1: ("问题没有解决。", "处理太慢。"),
    2: ("基本解决了。", ""),
    3: ("处理及时，非常满意。", "感谢网格员。", ""),
}


def _fill(template: str, values: dict[str, object]) -> str:
    return template.format(**values)


# The template a sensor alarm uses, by category: the index of its title/description/result.
SENSOR_INDEX = {"city.garbage": 2, "safety.fire": 2}


def _pick(options: tuple[str, ...], index: int, rng: random.Random) -> str:
    return options[index] if 0 <= index < len(options) else rng.choice(options)


def event_text(
    rng: random.Random,
    category_code: str,
    category_name: str,
    *,
    addr: str,
    place: str,
    name: str,
    room: str,
    company: str = "",
    sensor: bool = False,
) -> tuple[str, str, int]:
    """A (title, description, template index) for an event of the category.

    Titles, descriptions and results of a category are aligned by index, so the description and
    the eventual result speak of the same matter as the title.
    """
    found = TEMPLATES.get(category_code)
    if found is None:
        return f"{addr}{category_name}问题", f"反映人称{addr}存在{category_name}问题，请尽快核实处理。", -1
    titles, descriptions, _results = found
    index = SENSOR_INDEX.get(category_code, 0) if sensor else rng.randrange(len(titles))
    # One set of values per event, so a number in the title is the same in the description.
    values = {"addr": addr, "place": place, "name": name, "room": room, "n": rng.randint(2, 9)}
    values["company"] = company
    title = _fill(_pick(titles, index, rng), values)
    description = _fill(_pick(descriptions, index, rng), values)
    return title[:200], description, index


def result_text(rng: random.Random, category_code: str, index: int = -1) -> str:
    found = TEMPLATES.get(category_code)
    if found is None:
        return rng.choice(GENERIC_RESULTS)
    return _pick(found[2], index, rng)


def note_for(rng: random.Random, verb: str) -> str:
    return rng.choice(NOTES[verb]) if verb in NOTES else ""


def shop_name(rng: random.Random, surname: str) -> str:
    return f"{surname}记{rng.choice(SHOP_KINDS)}"


def estate(rng: random.Random) -> str:
    return rng.choice(ESTATES)
