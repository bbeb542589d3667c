/**
 * Common passwords and the words they are built on (AUTH-02), all lower-case. `checkPassword` compares a
 * password *after* normalisation (lower-case, leetspeak undone, leading/trailing digits, years and symbols
 * removed), so each base word here also refuses its thousands of variants: `Welcome2024!`, `P@ssw0rd2024`,
 * `2023Admin#`, `Qwerty!@#`… Sources: the public top-lists of leaked passwords (English and Chinese pinyin),
 * typed here — nothing is downloaded at run time.
 */
const LIST = `
password passwd passw pass passwort motdepasse contrasena mima wodemima mimamima woaini woaini1314 aini aini1314
admin administrator root toor sysadmin superuser super supervisor manager user guest test tester testing demo
default changeme change letmein welcome welcome1 hello hellohello hi login logon master masterkey secret
secure security private access system server network internet computer oracle mysql postgres database
qwerty qwertyuiop qwertz azerty asdf asdfgh asdfghjkl zxcv zxcvbn zxcvbnm qazwsx qazwsxedc wsxedc qweasd
qweasdzxc qwe qweqwe asdasd zxczxc abc abcd abcde abcdef abcdefg abcdefgh abcabc aaa aaaa aaaaaa
iloveyou iloveu loveyou lovely love lover loveme princess prince sunshine shadow monkey dragon football
baseball basketball soccer hockey tennis golf master michael jordan jennifer hunter buster tigger charlie
superman batman spiderman ironman starwars pokemon naruto killer trustno trustnoone whatever freedom
ninja mustang harley ranger thomas robert daniel andrew joshua matthew anthony william george jessica
ashley amanda nicole michelle daniel taylor summer winter spring autumn flower flowers orange banana
apple cherry chocolate cookie cheese pepper ginger purple yellow silver golden diamond star stars
computer internet google yahoo facebook twitter linkedin microsoft windows linux ubuntu apple iphone
samsung huawei xiaomi lenovo tencent alibaba baidu taobao wechat weixin qq qqqq
family friend friends forever together happy happiness smile angel angels baby babygirl babyboy
beautiful pretty cute sweet sweetie honey darling kitty kitten puppy doggy doggie tiger lion eagle
phoenix falcon cobra viper thunder lightning storm rainbow ocean sky sea mountain river forest
hello world helloworld nothing anything something everything nobody somebody someone
secret1 access14 mypass mypassword yourpassword newpassword oldpassword temp temppass temporary
office work worker company business service services support helpdesk account accounts finance
money dollar cash bank banking credit gold rich lucky winner champion victory success
china chinese zhongguo beijing shanghai guangzhou shenzhen tianjin chongqing nanjing wuhan chengdu
hangzhou xian xianggang taiwan hongkong macau
nihao nihaoma zaijian xiexie duibuqi haoren huairen baobei laopo laogong qinai qinaide xiaobao
xiaoming xiaohong xiaoli xiaowang xiaozhang wangwei zhangwei liwei liuwei lijing wangfang zhangmin
zhang wang li liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang song
xie tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai jia wei xue ye yan
woshishui woainimen woaiwojia wojiaoshenme wode aiqing xingfu kuaile pingan jiankang shunli
dangyuan dangjian dangzuzhi zhengfu zhengwu gongwuyuan ganbu lingdao shuji shizhang xianzhang
zuzhi zuzhibu jiwei jijian jiancha jianchayuan fayuan gongan shenji xunshi xunchai xinfang jiandu
renshi renshiju guanli bangong bangongshi
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december
one two three four five six seven eight nine ten hundred thousand million
red green blue black white pink brown grey gray
alpha beta gamma delta omega sigma zeta theta
cat dog pig cow horse bird fish mouse rabbit snake sheep goat monkey rooster chicken
mickey minnie donald goofy pluto snoopy garfield hellokitty doraemon pikachu
america england london paris tokyo seoul moscow berlin
jesus christ god angel heaven devil satan hell
fuck fuckyou fuckoff shit bitch asshole sex sexy porn
pass1 pass12 pass123 pass1234 admin1 admin12 admin123 admin888 root123 test123 user123 guest123
qwe123 qwe1234 asd123 zxc123 abc123 abc1234 abcd1234 aaa111 a1b2c3 a1b2c3d4 1a2b3c 1q2w3e 1q2w3e4r
1q2w3e4r5t 1qaz2wsx 1qaz2wsx3edc qaz123 zaq12wsx zaq1xsw2 1qazxsw2 2wsx3edc q1w2e3r4 q1w2e3r4t5
123456 1234567 12345678 123456789 1234567890 0123456789 12345 1234 123 123123 123321 1234321 654321
111111 1111111 11111111 000000 0000000 00000000 666666 888888 8888888 88888888 999999 555555 777777
112233 121212 123123123 123654 147258 147258369 159357 159753 258369 321321 369369 456456 456789
520520 5201314 1314520 1314521 521521 woaini520 aini520 caonima 7758521 7758258 584520
987654 9876543 98765432 987654321 11223344 12341234 12121212 520131400 11111 22222 33333
iloveyou1 iloveyou2 loveyou1314 password1 password12 password123 passw0rd p4ssword p455w0rd
welcome123 welcome1234 hello123 hello1234 letmein123 master123 monkey123 dragon123 qwerty123
qwerty1234 qwertyui qwerty12 abcdef123 abc12345 a123456 a12345678 aa123456 aa12345678 qq123456
woaini123 zxcvbnm123 asdfgh123 asdf1234 zxcv1234 1234qwer 1234abcd abcd123456 a123456789
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/u).filter(Boolean));

/** Words that are never part of a password, whatever is around them (contained, not only equal). */
export const ALWAYS_REFUSED_WORDS: readonly string[] = ['password', 'passw0rd', 'qwerty', '123456', 'jiandu', 'zuzhibu', '组织部', '监督'];
