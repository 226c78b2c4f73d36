/**
 * Reference data for the 12 sub-districts (街道) of Yangpu, and a realistic, synthetic demo set of
 * residential committees (居民区). Street codes and names are fixed; the committees are plausible
 * demo data built from Yangpu road and estate names, not the official list (administrators load that).
 */

export interface Street {
  code: string;
  name: string;
  nameEn: string;
  sort: number;
}

export interface DemoCommittee {
  /** `${streetCode}-NN`, e.g. 'dinghai-01'. */
  code: string;
  streetCode: string;
  name: string;
}

export const STREETS: Street[] = [
  { code: 'dinghai', name: '定海路街道', nameEn: 'Dinghai Road Sub-district', sort: 1 },
  { code: 'pingliang', name: '平凉路街道', nameEn: 'Pingliang Road Sub-district', sort: 2 },
  { code: 'jiangpu', name: '江浦路街道', nameEn: 'Jiangpu Road Sub-district', sort: 3 },
  { code: 'siping', name: '四平路街道', nameEn: 'Siping Road Sub-district', sort: 4 },
  { code: 'kongjiang', name: '控江路街道', nameEn: 'Kongjiang Road Sub-district', sort: 5 },
  { code: 'changbai', name: '长白新村街道', nameEn: 'Changbai Xincun Sub-district', sort: 6 },
  { code: 'yanji', name: '延吉新村街道', nameEn: 'Yanji Xincun Sub-district', sort: 7 },
  { code: 'yinhang', name: '殷行街道', nameEn: 'Yinhang Sub-district', sort: 8 },
  { code: 'daqiao', name: '大桥街道', nameEn: 'Daqiao Sub-district', sort: 9 },
  { code: 'wujiaochang', name: '五角场街道', nameEn: 'Wujiaochang Sub-district', sort: 10 },
  { code: 'xinjiangwan', name: '新江湾城街道', nameEn: 'Xinjiangwancheng Sub-district', sort: 11 },
  { code: 'changhai', name: '长海路街道', nameEn: 'Changhai Road Sub-district', sort: 12 },
];

/** Per street: [committee name, road used for demo addresses]. Order gives the code number. */
const TABLE: Record<string, [string, string][]> = {
  dinghai: [
    ['定海一居民区', '定海路'],
    ['定海二居民区', '定海路'],
    ['定海三居民区', '定海路'],
    ['杨树浦路第一居民区', '杨树浦路'],
    ['隆昌路居民区', '隆昌路'],
    ['内江路第一居民区', '内江路'],
    ['内江路第二居民区', '内江路'],
    ['黎平路居民区', '黎平路'],
    ['河间路居民区', '河间路'],
    ['波阳路居民区', '波阳路'],
    ['双阳路居民区', '双阳路'],
    ['军工路居民区', '军工路'],
    ['安浦路居民区', '安浦路'],
  ],
  pingliang: [
    ['平凉一居民区', '平凉路'],
    ['平凉二居民区', '平凉路'],
    ['杭州路第一居民区', '杭州路'],
    ['杭州路第二居民区', '杭州路'],
    ['临青路居民区', '临青路'],
    ['辽阳路居民区', '辽阳路'],
    ['通北路居民区', '通北路'],
    ['许昌路居民区', '许昌路'],
    ['兰州路居民区', '兰州路'],
    ['宁武路居民区', '宁武路'],
    ['齐齐哈尔路居民区', '齐齐哈尔路'],
    ['松潘路居民区', '松潘路'],
    ['怀德路居民区', '怀德路'],
  ],
  jiangpu: [
    ['江浦路第一居民区', '江浦路'],
    ['江浦路第二居民区', '江浦路'],
    ['长阳路第一居民区', '长阳路'],
    ['昆明路居民区', '昆明路'],
    ['龙江路居民区', '龙江路'],
    ['辽源路居民区', '辽源西路'],
    ['铜梁路居民区', '铜梁路'],
    ['大连路居民区', '大连路'],
    ['打虎山路居民区', '打虎山路'],
    ['本溪路第一居民区', '本溪路'],
  ],
  siping: [
    ['鞍山一村居民区', '鞍山路'],
    ['鞍山三村居民区', '鞍山路'],
    ['鞍山四村第一居民区', '鞍山路'],
    ['鞍山四村第二居民区', '鞍山路'],
    ['鞍山五村居民区', '鞍山路'],
    ['鞍山六村居民区', '鞍山路'],
    ['抚顺路居民区', '抚顺路'],
    ['阜新路居民区', '阜新路'],
    ['铁岭路居民区', '铁岭路'],
    ['同济新村居民区', '四平路'],
    ['四平路第一居民区', '四平路'],
    ['密云路居民区', '密云路'],
  ],
  kongjiang: [
    ['控江一村居民区', '控江路'],
    ['控江二村居民区', '控江路'],
    ['控江三村居民区', '控江路'],
    ['控江四村居民区', '控江路'],
    ['控江五村居民区', '控江路'],
    ['凤城一村居民区', '凤城路'],
    ['凤城二村居民区', '凤城路'],
    ['凤城三村居民区', '凤城路'],
    ['辽源二村居民区', '辽源西路'],
    ['靖宇中路居民区', '靖宇中路'],
    ['沈阳路居民区', '沈阳路'],
    ['靖宇南路居民区', '靖宇南路'],
  ],
  changbai: [
    ['长白一村居民区', '长白路'],
    ['长白二村居民区', '长白路'],
    ['长白三村居民区', '长白路'],
    ['长白四村居民区', '长白路'],
    ['安图新村居民区', '安图路'],
    ['双辽路居民区', '双辽路'],
    ['白城路居民区', '白城路'],
    ['包头南路居民区', '包头南路'],
    ['敦化路居民区', '敦化路'],
    ['延吉东路第一居民区', '延吉东路'],
  ],
  yanji: [
    ['延吉一村居民区', '延吉中路'],
    ['延吉二村居民区', '延吉中路'],
    ['延吉三村居民区', '延吉中路'],
    ['延吉四村居民区', '延吉西路'],
    ['延吉五村居民区', '延吉西路'],
    ['延吉六村居民区', '延吉东路'],
    ['延吉七村居民区', '延吉东路'],
    ['松花江路居民区', '松花江路'],
    ['靖宇东路居民区', '靖宇东路'],
    ['图们路居民区', '图们路'],
    ['内江路第三居民区', '内江路'],
  ],
  yinhang: [
    ['开鲁一村居民区', '开鲁路'],
    ['开鲁二村居民区', '开鲁路'],
    ['开鲁三村居民区', '开鲁路'],
    ['开鲁五村居民区', '开鲁路'],
    ['市光一村居民区', '市光路'],
    ['市光二村居民区', '市光路'],
    ['市光三村居民区', '市光路'],
    ['民星路居民区', '民星路'],
    ['闸殷路居民区', '闸殷路'],
    ['嫩江路居民区', '嫩江路'],
    ['工农三村居民区', '工农路'],
    ['国和一村居民区', '国和路'],
    ['殷行路居民区', '殷行路'],
    ['航天新苑居民区', '民庆路'],
    ['兰花新村居民区', '殷行路'],
  ],
  daqiao: [
    ['惠民路居民区', '惠民路'],
    ['周家牌路居民区', '周家牌路'],
    ['宁国路居民区', '宁国路'],
    ['贵阳路居民区', '贵阳路'],
    ['眉州路居民区', '眉州路'],
    ['长阳路第二居民区', '长阳路'],
    ['杨树浦路第二居民区', '杨树浦路'],
    ['荆州路居民区', '荆州路'],
    ['霍山路居民区', '霍山路'],
    ['腾越路居民区', '腾越路'],
    ['景星路居民区', '景星路'],
    ['引翔港居民区', '杨树浦路'],
  ],
  wujiaochang: [
    ['国定路第一居民区', '国定路'],
    ['国定路第二居民区', '国定路'],
    ['政立路居民区', '政立路'],
    ['国权路居民区', '国权路'],
    ['政通路居民区', '政通路'],
    ['政民路居民区', '政民路'],
    ['国年路居民区', '国年路'],
    ['武川路居民区', '武川路'],
    ['翔殷路居民区', '翔殷路'],
    ['黄兴路第一居民区', '黄兴路'],
    ['邯郸路居民区', '邯郸路'],
    ['大学路居民区', '大学路'],
    ['复旦新村居民区', '国权北路'],
    ['财大新村居民区', '武东路'],
  ],
  xinjiangwan: [
    ['新江湾城第一居民区', '殷高东路'],
    ['新江湾城第二居民区', '殷高东路'],
    ['淞沪路居民区', '淞沪路'],
    ['国帆路居民区', '国帆路'],
    ['政青路居民区', '政青路'],
    ['江湾城路居民区', '江湾城路'],
    ['政悦路居民区', '政悦路'],
    ['时代花园居民区', '国浩路'],
  ],
  changhai: [
    ['长海路第一居民区', '长海路'],
    ['长海路第二居民区', '长海路'],
    ['中原一村居民区', '中原路'],
    ['中原二村居民区', '中原路'],
    ['政化路居民区', '政化路'],
    ['民京路居民区', '民京路'],
    ['国和路居民区', '国和路'],
    ['佳木斯路居民区', '佳木斯路'],
    ['黑山路居民区', '黑山路'],
    ['政修路居民区', '政修路'],
    ['工农一村居民区', '工农路'],
  ],
};

const ROADS = new Map<string, string>();

export const DEMO_COMMITTEES: DemoCommittee[] = STREETS.flatMap((street) =>
  (TABLE[street.code] ?? []).map(([name, road], i) => {
    const code = `${street.code}-${String(i + 1).padStart(2, '0')}`;
    ROADS.set(code, road);
    return { code, streetCode: street.code, name };
  }),
);

/** The committee where the demo child director works. */
export const DEMO_DIRECTOR_COMMITTEE = 'dinghai-01';

/** The road used for demo addresses of a committee. */
export function committeeRoad(committeeCode: string): string {
  const road = ROADS.get(committeeCode);
  if (!road) throw new Error(`unknown committee ${committeeCode}`);
  return road;
}

/** The committees of one street, in code order. */
export function committeesOfStreet(streetCode: string): DemoCommittee[] {
  return DEMO_COMMITTEES.filter((c) => c.streetCode === streetCode);
}
