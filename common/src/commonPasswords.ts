/**
 * Some 300 of the most common passwords, worldwide and in China, written from general knowledge of
 * the published leak statistics (no list was downloaded). All entries are lowercase; `checkPassword`
 * compares lowercased input, and also the input stripped of leading/trailing digits and symbols, so
 * bare words ("password", "shanghai", "woaini") also catch "Password123!" and the like.
 */
const LIST = [
  // digits
  '123456', '1234567', '12345678', '123456789', '1234567890', '12345', '1234', '123123', '123321',
  '111111', '000000', '666666', '888888', '88888888', '8888888', '11111111', '00000000', '666888',
  '654321', '987654321', '0987654321', '112233', '121212', '123654', '123789', '147258', '147258369',
  '159357', '159753', '258369', '369258', '789456', '789456123', '741852963', '963852741', '520520',
  '5201314', '52013145201314', '1314520', '201314', '520131', '131420', '584520', '7758521', '7758258',
  '5211314', '1314521', '168168', '518518', '147852', '147852369', '12341234', '11223344', '1122334455',
  '123qwe', '123abc', '100200', '110110', '119119', '12121212', '13141314', '123456123', '246810',
  '19491001', '20080808', '20082008', '1qaz', '101010',
  // keyboard walks
  'qwerty', 'qwertyuiop', 'qwerty123', 'qwe123', 'qweasd', 'qweasdzxc', 'qazwsx', 'qazwsxedc',
  '1qaz2wsx', '1qaz2wsx3edc', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e', 'q1w2e3r4', 'q1w2e3r4t5', 'zaq12wsx',
  'zxcvbnm', 'zxcvbn', 'asdfghjkl', 'asdfgh', 'asdf', 'asdf1234', 'asd123', 'zxc123', 'qwer1234',
  'abcd1234', 'abc123456', 'a1b2c3', 'a1b2c3d4', '1a2b3c', '!qaz2wsx', 'qwertyui', 'poiuytrewq',
  '1234qwer', 'asdasd', 'qweqwe', 'zxczxc', 'mnbvcxz', 'qaz123', 'wsx123',
  // letters + digits, common in China
  'a123456', 'a1234567', 'a12345678', 'a123456789', 'aa123456', 'aaa123456', 'abc123', 'abc12345',
  'abcd123', 'a11111', 'a111111', 'a000000', 'a666666', 'a888888', 'q123456', 'qq123456', 'z123456',
  'w123456', 'woaini', 'woaini1314', 'woaini520', 'woaini123', 'woainima', 'woaiwojia', 'iloveyou',
  'iloveu', 'ilovechina', 'loveyou', 'love', 'lover', 'love1314', 'aini1314', 'wodemima', 'mima',
  'mima123', 'mimamima', 'nihao', 'nihao123', 'zhang123', 'wang123', 'li123456', 'liu123',
  'chen123', 'zhangwei', 'wangwei', 'wangjing', 'liuyang', 'lijing', 'zhangjie', 'lina', 'xiaoming',
  'zhongguo', 'china', 'chinese', 'beijing', 'shanghai', 'shenzhen', 'guangzhou', 'hangzhou', 'nanjing',
  'tianjin', 'wuhan', 'chengdu', 'yangpu', 'pudong', 'fudan', 'tongji', 'baidu', 'taobao', 'alibaba',
  'tencent', 'weixin', 'wechat', 'qqqqqq', 'qq123', 'qq5201314', 'huawei', 'xiaomi', 'pinyin',
  'yangyang', 'xiaoxiao', 'tiantian', 'wangyang', 'fuckyou', 'caonima', 'nuanyang', 'gongzuo',
  'minzheng', 'ertong', 'jiayou', 'kuaile', 'xingfu', 'pingan', 'facai', 'dragon', 'tiger', 'panda',
  // English words and names
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass', 'pass123', 'password1', 'password12',
  'password123', 'passwd', 'pwd', 'letmein', 'welcome', 'welcome1', 'hello', 'hello123', 'helloworld',
  'admin', 'admin123', 'admin888', 'admin@123', 'administrator', 'root', 'root123', 'toor', 'test',
  'test123', 'testtest', 'guest', 'user', 'user123', 'default', 'changeme', 'secret', 'system',
  'master', 'login', 'access', 'monkey', 'football', 'baseball', 'basketball', 'soccer', 'superman',
  'batman', 'spiderman', 'starwars', 'pokemon', 'princess', 'sunshine', 'shadow', 'michael', 'jordan',
  'jordan23', 'charlie', 'ashley', 'jessica', 'daniel', 'thomas', 'robert', 'jennifer', 'michelle',
  'hunter', 'ranger', 'buster', 'killer', 'trustno1', 'whatever', 'freedom', 'flower', 'summer',
  'winter', 'computer', 'internet', 'google', 'apple', 'samsung', 'microsoft', 'qwertz', 'azerty',
  'mustang', 'harley', 'cheese', 'chocolate', 'cookie', 'banana', 'orange', 'pepper', 'ginger',
  'maggie', 'bailey', 'buddy', 'hannah', 'andrew', 'joshua', 'matthew', 'anthony', 'nicole', 'amanda',
  'justin', 'taylor', 'tigger', 'purple', 'yellow', 'silver', 'golden', 'diamond', 'lovely', 'angel',
  'angels', 'babygirl', 'baby', 'family', 'friends', 'forever', 'happy', 'lucky', 'money', 'magic',
  'qwerty1', 'abc', 'abcdef', 'abcdefg', 'abcdefgh', 'aaaaaa', 'zzzzzz', 'iloveyou1', 'loveme',
  'myspace', 'facebook', 'linkedin', 'twitter', 'youtube', 'zaq1zaq1', 'aa123123', 'a5201314',
  'asdf123', 'asdfasdf', 'qazxsw', 'zxcasdqwe', 'woshishui', 'wocao', 'nimabi', 'haha', 'hahaha',
  'hehe', 'xiaoqiang', 'xiaohong', 'xiaoyu', 'xiaolong',
];

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST);
