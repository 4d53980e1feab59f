// The Korea 2025 dataset: NVIDIA's 2025-10-31 announcement of 260,000 Blackwell GPUs for Korea.
// Quotes Q1–Q13 are verbatim from the seed article, character for character (no-break spaces
// included, written \u00a0; a test compares each with `articles/`). Other sources are cited with
// PARAPHRASE: our own summary of what the stored page says, never its sentences. Where the
// project's fact sheet (its brief, kept outside this repository) and a page disagree, the page wins
// and the record says so.
import type { CitationSeed, Dataset } from './dataset.js';

const SEED = 'newspim-2025-10-31';

/** The fact sheet's quote register (Newspim, verbatim as the article has it, not as the register prints it). */
export const quotes = {
  Q1: "엔비디아는 31일\u00a0한국 정부, 삼성전자, SK그룹, 현대자동차그룹, 네이버클라우드 등과 손잡고 총 26만 개의 차세대 '블랙웰(Blackwell)' 그래픽처리장치(GPU)를 기반으로 한 초대형 AI 팩토리를 구축한다고 밝혔다.",
  Q2: '엔비디아는 앞서 전날인 지난 30일\u00a0젠슨 황 엔비디아 최고경영자(CEO)의 아시아태평양경제협력체 최고경영자 회의(APEC CEO 서밋) 특별 세션에 앞서\u00a0미디어 프리브리핑을 열고 이같은 사실을 알렸다.',
  Q3: '한국 정부는 주권형 AI 개발 가속화를 위해 최대 5만 개 GPU를 도입하며, 삼성전자·SK그룹·현대차그룹도 각각 최대 5만 개를 구축한다.',
  Q4: '네이버클라우드는 6만 개 블랙웰 GPU를 확보한다.',
  Q5: '이 다섯 조직(정부 + 4개 기업)을 합하면 총 26만 개 규모다.',
  Q6: '이로써 한국 내 AI GPU 인프라는 기존 6만5000개 수준에서 30만 개 이상으로 급증한다.',
  Q7: "현지 개발자들과 협력해 엔비디아의 오픈모델 플랫폼 '네모트론(Nemotron)'과 자체 데이터셋을 결합한 한국어 기반 멀티모달 모델을 개발한다.",
  Q8: 'GPU는 GB200뿐 아니라 RTX 6000 시리즈도 포함된다.',
  Q9: '삼성전자는 5만 개 GPU 규모의 AI 팩토리를 통해 반도체 공정 수율 개선과 디지털 트윈·로봇 개발에 나선다.',
  Q10: 'SK그룹은 반도체 연구와 생산, 산업 클라우드 혁신을 추진하며, 현대차그룹은 5000개 블랙웰 GPU로 자율주행·스마트팩토리·로봇 AI 시스템을 개발한다.',
  Q11: "특히 한국 정부와 약 30억 달러(약 4조 원)를 공동 투자해 '피지컬 AI(물리적 인공지능)' 생태계를 확대한다.",
  Q12: "또한 엔비디아는 통신 분야에서 삼성전자, SK텔레콤, KT, LG유플러스, 연세대학교와 함께 'AI 네이티브 6G' 기술을 연구하고 있다.",
  Q13: "한국과학기술정보연구원(KISTI)과는 '한강' 슈퍼컴퓨터 기반의 양자컴퓨팅 공동연구를 진행하며, '쿠라큐(CuQuantum)' 플랫폼을 활용한 하이브리드 양자연산과 연구자 교육도 병행한다.",
  /** Further sentences of the seed article, outside the fact sheet's register. */
  sovereignModel: "엔비디아는 한국 정부와 함께 '주권형 AI 기반모델(Sovereign AI Foundation Model)' 구축을 지원한다.",
  schedule: 'AI 팩토리 구축 일정은 각 파트너사의 계획에 따라 순차적으로 진행된다.',
  edge6g: 'GPU 연산을 기지국 엣지로 옮겨 저전력·고성능 무선망을 구현하고, 이를 통해 배터리 효율 향상과 실시간 AI 서비스를 지원한다.',
} as const;

type QuoteId = Exclude<keyof typeof quotes, 'sovereignModel' | 'schedule' | 'edge6g'>;

/** A verbatim citation of the seed article. */
function seed(id: keyof typeof quotes, statement: string, extra: Omit<CitationSeed, 'source' | 'quote' | 'statement'> = {}): CitationSeed {
  const locator = /^Q\d+$/.test(id) ? (id as QuoteId) : undefined;
  return { source: SEED, quote: quotes[id], statement, ...(locator ? { locator } : {}), ...extra };
}

/** A citation in our own words of what a source says (its wording is not copied). */
function paraphrase(
  source: string,
  summary: string,
  statement: string,
  extra: Omit<CitationSeed, 'source' | 'quote' | 'statement' | 'quoteKind'> = {},
): CitationSeed {
  return { source, quote: summary, quoteKind: 'PARAPHRASE', statement, ...extra };
}

export const korea2025: Dataset = {
  name: 'korea-2025',

  sources: [
    {
      slug: SEED,
      url: null,
      title: "엔비디아, 韓에 '블랙웰' 26만개 공급...초대형 'AI 팩토리' 세운다",
      publisher: 'Newspim (뉴스핌)',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-31T15:00:00+09:00',
      language: 'ko',
      notes: 'The seed article of this dataset, by 서영욱 (Gyeongju); updated 2025-10-31 18:18 KST.',
      missingMetadataReason: 'Archived as a text copy (src/db/seed/articles/) that carries no web address.',
    },
    {
      slug: 'nvidia-newsroom-korea-ai-infrastructure',
      url: 'https://nvidianews.nvidia.com/news/south-korea-ai-infrastructure',
      title:
        'NVIDIA, South Korea Government and Industrial Giants Build AI Infrastructure and Ecosystem to Fuel Korea Innovation, Industries and Jobs',
      publisher: 'NVIDIA Newsroom',
      kind: 'PRESS_RELEASE',
      publishedAt: '2025-10-30',
      language: 'en',
      notes:
        "The official release (fact sheet S1; date in US time). Its own text is not among the stored pages: it is cited only for NVIDIA's words as AFP quotes them (Mint, Voz). IR copy on investor.nvidia.com.",
    },
    {
      slug: 'yonhap-lokmat-260000-gpus',
      url: 'https://www.lokmattimes.com/technology/260000-gpus-to-be-deployed-to-build-ai-factories-in-s-korea-1/',
      title: null,
      publisher: 'Lokmat Times (Yonhap)',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-31',
      language: 'en',
      notes: 'Fact sheet S2: a Yonhap report as Lokmat Times carries it.',
      missingMetadataReason: 'The stored copy shows no headline.',
    },
    {
      slug: 'yonhap-nationpress-260000-gpus',
      url: 'https://www.nationpress.com/business/nvidias-260000-gpu-deployment-in-s-korea',
      title: 'How Will Nvidia Deploy 260,000 GPUs in South Korea?',
      publisher: 'Nation Press (Yonhap)',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-31',
      language: 'en',
      notes: 'Fact sheet S2. The date is the dateline ("Seoul, Oct 31") of the stored copy.',
    },
    {
      slug: 'nationaltechnology-ai-chips-korea',
      url: 'https://www.nationaltechnology.co.uk/Nvidia_to_send_ai_chips_to_south_korea.php',
      title: null,
      publisher: 'National Technology',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'en',
      notes: 'Fact sheet S3.',
      missingMetadataReason: 'Not among the stored pages; cited as the fact sheet summarises it, without its headline or date.',
    },
    {
      slug: 'techbuzz-quarter-million-gpus',
      url: 'https://www.techbuzz.ai/articles/nvidia-lands-quarter-million-gpu-deal-with-south-korea',
      title: null,
      publisher: 'The Tech Buzz',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'en',
      notes: 'Fact sheet S4. It says "over 250,000" GPUs, not 260,000.',
      missingMetadataReason: 'The stored copy shows neither headline nor date.',
    },
    {
      slug: 'cloudnews-28496',
      url: 'https://cloudnews.tech/?p=28496',
      title: null,
      publisher: 'CloudNews.tech',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'en',
      notes: 'Fact sheet S5.',
      missingMetadataReason: 'Not among the stored pages; cited as the fact sheet summarises it, without its headline or date.',
    },
    {
      slug: 'asiae-2025103113022725089',
      url: 'https://cm.asiae.co.kr/en/article/2025103113022725089',
      title: null,
      publisher: 'The Asia Business Daily (asiae.co.kr)',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-31',
      language: 'en',
      notes: 'Fact sheet S6. The date is the one in the article number of its address.',
      missingMetadataReason: 'The stored copy shows no headline.',
    },
    {
      slug: 'livemint-260000-chips',
      url: 'https://www.livemint.com/companies/news/nvidia-to-supply-260-000-cutting-edge-chips-to-south-korea-in-major-ai-push-led-by-president-lee-jae-myung/amp-11761893731636.html',
      title: null,
      publisher: 'Mint (livemint.com)',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-31',
      language: 'en',
      notes: "Fact sheet S7; quotes NVIDIA (via AFP) and Samsung's statement.",
      missingMetadataReason: 'The stored copy shows no headline.',
    },
    {
      slug: 'voz-260000-chips',
      url: 'https://voz.us/en/economy/251031/30490/nvidia-to-supply-260-000-artificial-intelligence-chips-to-south-korea.html',
      title: 'Nvidia to supply 260,000 artificial intelligence chips to South Korea',
      publisher: 'Voz',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-31',
      language: 'en',
      notes: 'Fact sheet S8.',
    },
    {
      slug: 'zdnet-korea-20251031131902',
      url: 'https://zdnet.co.kr/view/?no=20251031131902',
      title: null,
      publisher: 'ZDNet Korea',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-31',
      language: 'ko',
      notes: 'Fact sheet S9 (Hyundai Motor Group and NVIDIA).',
      missingMetadataReason: 'The stored copy shows no headline.',
    },
    {
      slug: 'kmib-0028907371',
      url: 'https://www.kmib.co.kr/article/view.asp?arcid=0028907371',
      title: '“한국 피지컬 AI 발전에 투자” 현대차-엔비디아, 4.3조 공동 투자',
      publisher: 'Kukmin Ilbo (국민일보)',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-31',
      language: 'ko',
      notes: 'Fact sheet S9.',
    },
    {
      slug: 'econotimes-hyundai-nvidia-cluster',
      url: 'https://econotimes.com/Hyundai-Motor-Group-and-Nvidia-Join-Forces-on-3-Billion-AI-Cluster-in-South-Korea-1724746',
      title: null,
      publisher: 'EconoTimes',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'en',
      notes: 'Fact sheet S9.',
      missingMetadataReason: 'The stored copy shows neither headline nor date.',
    },
    {
      slug: 'autoworldjournal-hyundai-ai-factory',
      url: 'https://autoworldjournal.com/nvidia-hyundai-partner-on-3b-ai-factory',
      title: null,
      publisher: 'Auto World Journal',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'en',
      notes: 'Fact sheet S9.',
      missingMetadataReason: 'The stored copy shows neither headline nor date.',
    },
    {
      slug: 'elec4-34603',
      url: 'https://www.elec4.co.kr/article/articleView.asp?idx=34603',
      title: null,
      publisher: 'elec4.co.kr',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'ko',
      notes: 'Fact sheet S10 (SK Group).',
      missingMetadataReason: 'The stored copy shows neither headline nor date.',
    },
    {
      slug: 'scienceai-sk-ai-factory',
      url: 'https://scienceai.news/article/nvidia-sk-group-build-ai-factory-with-50000-gpus/',
      title: null,
      publisher: 'ScienceAI',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'en',
      notes: 'Fact sheet S10.',
      missingMetadataReason: 'The stored copy shows neither headline nor date.',
    },
    {
      slug: 'getnews-samsung-ai-megafactory',
      url: 'https://getnews.me/samsung-launches-ai-megafactory-powered-by-50-000-nvidia-gpus',
      title: null,
      publisher: 'getnews.me',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'en',
      notes: 'Fact sheet S11 (Samsung).',
      missingMetadataReason: 'Not among the stored pages; cited as the fact sheet summarises it, without its headline or date.',
    },
    {
      slug: 'duckittech-samsung-50000-gpus',
      url: 'https://www.duckittech.com/news/samsung-to-deploy-50000-nvidia-gpus-in-new-ai-megafactory-to-revolutionize-chip-manufacturing',
      title: 'Samsung to Deploy 50,000 NVIDIA GPUs in New AI Megafactory to Revolutionize Chip Manufacturing',
      publisher: 'duckittech.com',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'en',
      notes: "Fact sheet S11; quotes Samsung's statement.",
      missingMetadataReason: 'The stored copy shows no date.',
    },
    {
      slug: 'newscj-3334721',
      url: 'https://www.newscj.com/news/articleView.html?idxno=3334721',
      title: null,
      publisher: 'Newscj (천지일보)',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'ko',
      notes: 'Fact sheet S12 (AI-RAN MOU, signed on the 31st at APEC).',
      missingMetadataReason: 'The stored copy shows neither headline nor date.',
    },
    {
      slug: 'mrhmh-1874',
      url: 'http://www.mrhmh.com/news/1874',
      title: null,
      publisher: 'mrhmh.com (Seoul Economic Daily repost)',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'ko',
      notes: 'Fact sheet S13 (KISTI).',
      missingMetadataReason: 'The stored copy, a repost, shows neither headline nor date.',
    },
    {
      slug: 'etoday-2520482',
      url: 'https://m.etoday.co.kr/news/view/2520482',
      title: null,
      publisher: 'Etoday (이투데이)',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'ko',
      notes: 'Fact sheet S14.',
      missingMetadataReason: 'Not among the stored pages; cited as the fact sheet summarises it, without its headline or date.',
    },
    {
      slug: 'kmjournal-2380',
      url: 'https://www.kmjournal.net/news/articleView.html?idxno=2380',
      title: null,
      publisher: 'kmjournal.net',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'ko',
      notes:
        "Fact sheet S15: MSIT's GPU procurement announced on 28 July 2025 (B200 10,080 and H200 3,056 through NAVER Cloud, NHN Cloud and Kakao).",
      missingMetadataReason: 'The stored copy shows no date, and no line of it is clearly the headline.',
    },
    {
      slug: 'kbs-world-197074',
      url: 'https://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=197074',
      title: null,
      publisher: 'KBS World',
      kind: 'NEWS_ARTICLE',
      publishedAt: null,
      language: 'en',
      notes: 'Fact sheet S16. It says "approximately 260-thousand", where the fact sheet lists KBS among the "at least" reports.',
      missingMetadataReason: 'The stored copy (a radio script) shows neither headline nor date.',
    },
    {
      slug: 'evrimagaci-nvidia-korea',
      url: 'https://evrimagaci.org/gpt/nvidia-and-south-korea-launch-historic-ai-partnership-514538',
      title: 'Nvidia And South Korea Launch Historic AI Partnership',
      publisher: 'Evrim Ağacı',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-31',
      language: 'en',
      notes: 'Fact sheet S19.',
    },
    {
      slug: 'anews-260000-ai-chips',
      url: 'https://www.anews.com.tr/world/2025/10/31/nvidia-to-supply-over-260000-ai-chips-to-skorea-in-extended-partnership',
      title: 'Nvidia to supply over 260,000 AI chips to S.Korea in extended partnership',
      publisher: 'A News (anews.com.tr)',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-31',
      language: 'en',
      notes: "Not in the fact sheet; quotes NVIDIA's statement.",
    },
    {
      slug: 'sbs-biz-20000269184',
      url: 'https://biz.sbs.co.kr/amp/article/20000269184',
      title: '[현장연결] 이재명-젠슨황 회동…GPU 26만장 거대 AI동맹',
      publisher: 'SBS Biz',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-31T14:53:00+09:00',
      language: 'ko',
      notes: 'Not in the fact sheet; a live report from Gyeongju, updated 15:16 KST.',
    },
    {
      slug: 'newsway-2025103009333757489',
      url: 'https://www.newsway.co.kr/news/view?ud=2025103009333757489',
      title: '원·달러 환율 1420원 초반대로 ↓···"관세협상 타결 영향"',
      publisher: 'Newsway (뉴스웨이)',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-30T09:35:00+09:00',
      language: 'ko',
      notes:
        'The market rate nearest the announcement that a stored page states: the daytime close of 2025-10-29. No stored page states a rate for 2025-10-31.',
    },
    {
      slug: 'segye-20251029520297',
      url: 'https://www.segye.com/newsView/20251029520297',
      title: '한·미 관세협상 타결 소식에…환율 1420원대로 급락',
      publisher: 'Segye Ilbo (세계일보)',
      kind: 'NEWS_ARTICLE',
      publishedAt: '2025-10-29T19:46:18+09:00',
      language: 'ko',
      notes: 'A second report of the 2025-10-29 daytime close, written that evening.',
    },
  ],

  partners: [
    {
      slug: 'nvidia',
      name: 'NVIDIA',
      nameKo: '엔비디아',
      kind: 'COMPANY',
      aliases: ['Nvidia Corp.'],
      description: "Supplier of the programme's GPUs.",
      website: 'https://www.nvidia.com',
      citations: [seed('Q1', 'NVIDIA announced the AI factories with the Korean government and four companies.')],
    },
    {
      slug: 'korea-government',
      name: 'Government of the Republic of Korea',
      nameKo: '한국 정부',
      kind: 'GOVERNMENT',
      aliases: ['과학기술정보통신부', '과기정통부', 'Ministry of Science and ICT', 'MSIT', 'Seoul government'],
      description: 'Represented in the official materials by the Ministry of Science and ICT (과학기술정보통신부, MSIT).',
      citations: [
        seed('Q1', 'The Korean government is one of the five partners.'),
        paraphrase(
          'nationaltechnology-ai-chips-korea',
          "The government's share is handled by the Ministry of Science and ICT (MSIT).",
          'The government partner is the Ministry of Science and ICT.',
          { locator: 'S3' },
        ),
      ],
    },
    {
      slug: 'samsung-electronics',
      name: 'Samsung Electronics',
      nameKo: '삼성전자',
      kind: 'COMPANY',
      aliases: ['삼성', 'Samsung', 'Samsung Electronics Co.'],
      website: 'https://www.samsung.com',
      citations: [
        seed('Q1', 'Samsung Electronics is one of the five partners.'),
        seed('Q12', 'Samsung Electronics also researches AI-native 6G with NVIDIA.'),
      ],
    },
    {
      slug: 'sk-group',
      name: 'SK Group',
      nameKo: 'SK그룹',
      kind: 'COMPANY',
      aliases: ['SK'],
      citations: [seed('Q1', 'SK Group is one of the five partners.')],
    },
    {
      slug: 'hyundai-motor-group',
      name: 'Hyundai Motor Group',
      nameKo: '현대자동차그룹',
      kind: 'COMPANY',
      aliases: ['현대차그룹', '현대차', 'Hyundai Motor', 'Hyundai'],
      citations: [seed('Q1', 'Hyundai Motor Group is one of the five partners.')],
    },
    {
      slug: 'naver-cloud',
      name: 'NAVER Cloud',
      nameKo: '네이버클라우드',
      kind: 'CLOUD_PROVIDER',
      aliases: ['네이버', 'NAVER', 'Naver Cloud Corp.'],
      citations: [seed('Q1', 'NAVER Cloud is one of the five partners.'), seed('Q4', 'NAVER Cloud secures Blackwell GPUs.')],
    },
    {
      slug: 'sk-telecom',
      name: 'SK Telecom',
      nameKo: 'SK텔레콤',
      kind: 'TELECOM',
      aliases: ['SKT'],
      citations: [seed('Q12', 'SK Telecom researches AI-native 6G with NVIDIA.')],
    },
    {
      slug: 'kt',
      name: 'KT Corp.',
      nameKo: 'KT',
      kind: 'TELECOM',
      citations: [seed('Q12', 'KT researches AI-native 6G with NVIDIA.')],
    },
    {
      slug: 'lg-uplus',
      name: 'LG Uplus',
      nameKo: 'LG유플러스',
      kind: 'TELECOM',
      aliases: ['LGU+', 'LG U+'],
      citations: [seed('Q12', 'LG Uplus researches AI-native 6G with NVIDIA.')],
    },
    {
      slug: 'yonsei-university',
      name: 'Yonsei University',
      nameKo: '연세대학교',
      kind: 'UNIVERSITY',
      aliases: ['연세대', 'Yonsei'],
      citations: [seed('Q12', 'Yonsei University researches AI-native 6G with NVIDIA.')],
    },
    {
      slug: 'kisti',
      name: 'KISTI (Korea Institute of Science and Technology Information)',
      nameKo: '한국과학기술정보연구원',
      kind: 'RESEARCH_INSTITUTE',
      aliases: ['KISTI'],
      citations: [seed('Q13', 'KISTI runs joint quantum-computing research with NVIDIA.')],
    },
    {
      slug: 'etri',
      name: 'ETRI (Electronics and Telecommunications Research Institute)',
      nameKo: '한국전자통신연구원',
      kind: 'RESEARCH_INSTITUTE',
      aliases: ['ETRI'],
      description: 'Not named in the Newspim article; signed the AI-RAN MOU.',
      citations: [
        paraphrase(
          'newscj-3334721',
          'Newscj: ETRI is among the signatories of the AI-RAN research MOU signed at APEC.',
          'ETRI is a party to the AI-RAN MOU.',
          { locator: 'S12' },
        ),
        paraphrase('cloudnews-28496', 'ETRI signed the AI-RAN MOU.', 'ETRI is a party to the AI-RAN MOU.', { locator: 'S5' }),
      ],
    },
    {
      slug: 'nhn-cloud',
      name: 'NHN Cloud',
      nameKo: 'NHN클라우드',
      kind: 'CLOUD_PROVIDER',
      description: "Not named in the Newspim article; hosts part of the government's first GPU tranche.",
      citations: [
        paraphrase(
          'kmjournal-2380',
          'The first ~13,000 government GPUs are hosted by NAVER Cloud, NHN Cloud and Kakao.',
          "NHN Cloud hosts part of the government's first GPU tranche.",
          { locator: 'S15' },
        ),
      ],
    },
    {
      slug: 'kakao',
      name: 'Kakao',
      nameKo: '카카오',
      kind: 'CLOUD_PROVIDER',
      aliases: ['Kakao Corp.'],
      description: "Not named in the Newspim article; hosts part of the government's first GPU tranche.",
      citations: [
        paraphrase(
          'kmjournal-2380',
          'The first ~13,000 government GPUs are hosted by NAVER Cloud, NHN Cloud and Kakao.',
          "Kakao hosts part of the government's first GPU tranche.",
          { locator: 'S15' },
        ),
      ],
    },
    {
      slug: 'lg-ai-research',
      name: 'LG AI Research',
      nameKo: 'LG AI연구원',
      kind: 'RESEARCH_INSTITUTE',
      description: "Not named in the Newspim article; a developer in MSIT's sovereign foundation-model project.",
      citations: [
        paraphrase(
          'etoday-2520482',
          'MSIT project with LG AI Research, NAVER Cloud, SK Telecom, Upstage, NC AI; NeMo, Nemotron.',
          'LG AI Research develops a sovereign foundation model in the MSIT project.',
          { locator: 'S14' },
        ),
      ],
    },
    {
      slug: 'upstage',
      name: 'Upstage',
      nameKo: '업스테이지',
      kind: 'COMPANY',
      description: "Not named in the Newspim article; a developer in MSIT's sovereign foundation-model project.",
      citations: [
        paraphrase(
          'etoday-2520482',
          'MSIT project with LG AI Research, NAVER Cloud, SK Telecom, Upstage, NC AI; NeMo, Nemotron.',
          'Upstage develops a sovereign foundation model in the MSIT project.',
          { locator: 'S14' },
        ),
      ],
    },
    {
      slug: 'nc-ai',
      name: 'NC AI',
      nameKo: 'NC AI',
      kind: 'COMPANY',
      description: "Not named in the Newspim article; a developer in MSIT's sovereign foundation-model project.",
      citations: [
        paraphrase(
          'etoday-2520482',
          'MSIT project with LG AI Research, NAVER Cloud, SK Telecom, Upstage, NC AI; NeMo, Nemotron.',
          'NC AI develops a sovereign foundation model in the MSIT project.',
          { locator: 'S14' },
        ),
      ],
    },
  ],

  gpuModels: [
    {
      slug: 'blackwell-unstated',
      name: 'NVIDIA Blackwell (model unstated)',
      architecture: 'Blackwell',
      vendor: 'NVIDIA',
      modelUnstated: true,
      description: 'Blackwell-generation GPUs where the sources do not name the product.',
      citations: [seed('Q1', "The programme's GPUs are next-generation Blackwell GPUs; no model is named per partner.")],
    },
    {
      slug: 'gb200',
      name: 'NVIDIA GB200',
      architecture: 'Blackwell',
      vendor: 'NVIDIA',
      description: 'Named by the Newspim article only; not confirmed by the other sources listed.',
      citations: [seed('Q8', 'The supplied GPUs include GB200.', { key: 'gpu-models-q8' })],
    },
    {
      slug: 'rtx-pro-6000-blackwell-server',
      name: 'NVIDIA RTX PRO 6000 Blackwell Server Edition',
      architecture: 'Blackwell',
      vendor: 'NVIDIA',
      description: 'The Newspim article calls it "RTX 6000 시리즈" (RTX 6000 series).',
      citations: [
        seed('Q8', 'The supplied GPUs include the RTX 6000 series.'),
        paraphrase(
          'scienceai-sk-ai-factory',
          'SK Group builds on NVIDIA GPUs, including RTX PRO 6000 Blackwell Server Edition.',
          'The official product name is RTX PRO 6000 Blackwell Server Edition.',
          { locator: 'S10', key: 'gpu-models-rtx-pro' },
        ),
        paraphrase(
          'getnews-samsung-ai-megafactory',
          'Samsung robotics runs on RTX PRO 6000 Blackwell Server Edition and Jetson Thor.',
          'Samsung uses RTX PRO 6000 Blackwell Server Edition for robotics.',
          { locator: 'S11' },
        ),
      ],
    },
    {
      slug: 'b200',
      name: 'NVIDIA B200',
      architecture: 'Blackwell',
      vendor: 'NVIDIA',
      citations: [
        paraphrase(
          'kmjournal-2380',
          'The first ~13,000 government GPUs ("Blackwell and other"): B200 10,080 + H200 3,056.',
          "The government's first tranche includes 10,080 B200 GPUs.",
          { locator: 'S15' },
        ),
      ],
    },
    {
      slug: 'h200',
      name: 'NVIDIA H200',
      architecture: 'Hopper',
      vendor: 'NVIDIA',
      description: "A Hopper GPU in the government's first tranche, so not every GPU of the programme is Blackwell.",
      citations: [
        paraphrase(
          'kmjournal-2380',
          'The first ~13,000 government GPUs ("Blackwell and other"): B200 10,080 + H200 3,056.',
          "The government's first tranche includes 3,056 H200 GPUs.",
          { locator: 'S15', key: 'gpu-models-h200' },
        ),
      ],
    },
  ],

  programs: [
    {
      slug: 'korea-2025',
      name: 'NVIDIA–Korea AI factories (Blackwell supply, 2025)',
      nameKo: "엔비디아 한국 AI 팩토리 ('블랙웰' 26만 개 공급)",
      country: 'KR',
      announcedOn: '2025-10-31',
      supplier: 'nvidia',
      installedBaseGpus: 65000,
      // "기존 6만5000개 수준" (Q6): about 65,000.
      installedBaseBound: 'APPROXIMATE',
      // "총 26만 개 규모" (Q5); sources split between a ceiling and a floor, see discrepancy
      // `program-gpu-total-bound`: the parts the dataset resolves mix UP_TO and AT_LEAST, so about.
      statedGpuTotal: 260000,
      statedGpuTotalBound: 'APPROXIMATE',
      // "30만 개 이상" (Q6): more than 300,000, as stated; not the computed 65,000 + 260,000.
      statedCapacityAfter: 300000,
      statedCapacityAfterBound: 'AT_LEAST',
      description:
        "260,000 Blackwell GPUs for the Korean government, Samsung Electronics, SK Group, Hyundai Motor Group and NAVER Cloud, announced at the APEC CEO Summit in Gyeongju; deployment follows each partner's own schedule.",
      citations: [
        seed('Q1', 'NVIDIA and five Korean partners build AI factories on 260,000 Blackwell GPUs, announced on the 31st.', {
          field: 'announcedOn',
        }),
        seed('Q2', 'NVIDIA briefed the media on the 30th, before the APEC CEO Summit session.'),
        seed('Q5', 'The five organisations together come to 260,000 GPUs.', { field: 'statedGpuTotal', key: 'program-total-q5' }),
        seed(
          'Q3',
          'Each of the four "up to 50,000" figures plus 60,000 sums to 260,000, so by the article\'s own arithmetic the total is a ceiling.',
          {
            field: 'statedGpuTotalBound',
            stance: 'CONTRADICTS',
            key: 'program-total-q3-ceiling',
          },
        ),
        seed('Q6', 'Korea had about 65,000 AI GPUs before the deal.', { field: 'installedBaseGpus' }),
        seed('Q6', 'Korea will have more than 300,000 AI GPUs after the deal.', { field: 'statedCapacityAfter' }),
        seed('schedule', "Deployment proceeds in sequence, following each partner's plan."),
        paraphrase(
          'yonhap-lokmat-260000-gpus',
          'NVIDIA expects the Blackwell build-out to lift Korea from roughly 65,000 installed AI GPUs to over 300,000.',
          'The installed base before the deal is about 65,000 GPUs; after it, more than 300,000.',
          { locator: 'S2', field: 'statedCapacityAfter' },
        ),
        paraphrase(
          'yonhap-nationpress-260000-gpus',
          "Installed AI GPU capacity rises from about 65,000 to above 300,000, by NVIDIA's account.",
          "Korea's capacity after the deal is more than 300,000 GPUs.",
          { locator: 'S2', field: 'statedCapacityAfter' },
        ),
        paraphrase(
          'kbs-world-197074',
          'KBS reports NVIDIA supplying about 260,000 Blackwell GPUs in all.',
          'The total is about 260,000 GPUs.',
          { locator: 'S16', field: 'statedGpuTotalBound', key: 'program-total-kbs' },
        ),
        paraphrase(
          'yonhap-lokmat-260000-gpus',
          'Yonhap has NVIDIA planning to deploy as many as 260,000 GPUs in Korea.',
          'The total is at most 260,000 GPUs.',
          { locator: 'S2', field: 'statedGpuTotalBound', stance: 'CONTRADICTS', key: 'program-total-yonhap' },
        ),
        paraphrase(
          'evrimagaci-nvidia-korea',
          'Evrim Ağacı writes that NVIDIA will supply in excess of 260,000 AI chips.',
          'The total is more than 260,000 GPUs.',
          { locator: 'S19', field: 'statedGpuTotalBound', stance: 'CONTRADICTS', key: 'program-total-evrim' },
        ),
        paraphrase(
          'anews-260000-ai-chips',
          'A News reports a partnership covering upwards of 260,000 NVIDIA GPUs.',
          'The total is more than 260,000 GPUs.',
          { field: 'statedGpuTotalBound', stance: 'CONTRADICTS', key: 'program-total-anews' },
        ),
        paraphrase(
          'sbs-biz-20000269184',
          'SBS Biz reports that NVIDIA promised 260,000 or more GPUs (26만 장 이상).',
          'The total is at least 260,000 GPUs.',
          { field: 'statedGpuTotalBound', stance: 'CONTRADICTS', key: 'program-total-sbs' },
        ),
        paraphrase(
          'techbuzz-quarter-million-gpus',
          'The Tech Buzz puts the deployment at more than 250,000 GPUs, a quarter-million; it gives no 260,000 figure.',
          'The total is more than 250,000 GPUs, a lower floor than 260,000.',
          { locator: 'S4', field: 'statedGpuTotal', stance: 'CONTRADICTS', key: 'program-total-techbuzz' },
        ),
        paraphrase(
          'asiae-2025103113022725089',
          'The Asia Business Daily reports NVIDIA supplying more than 250,000 GPUs in Korea.',
          'The total is more than 250,000 GPUs.',
          { locator: 'S6', field: 'statedGpuTotal', stance: 'CONTRADICTS', key: 'program-total-asiae' },
        ),
        paraphrase(
          'nvidia-newsroom-korea-ai-infrastructure',
          "NVIDIA's release, in the words AFP quotes from it, speaks of more than a quarter-million NVIDIA GPUs for Korea's sovereign clouds and AI factories.",
          'NVIDIA announced the programme in its own release.',
          { locator: 'as quoted by AFP in Mint and Voz' },
        ),
        paraphrase(
          'livemint-260000-chips',
          'Mint reports NVIDIA supplying 260,000 advanced chips to Korea, quoting its "over a quarter-million" wording via AFP.',
          'The programme totals 260,000 GPUs.',
          { locator: 'S7', field: 'statedGpuTotal' },
        ),
      ],
    },
  ],

  initiatives: [
    {
      slug: 'sovereign-ai-foundation-model',
      program: 'korea-2025',
      name: 'Sovereign AI Foundation Model',
      nameKo: '주권형 AI 기반모델',
      domain: 'SOVEREIGN_AI',
      description:
        'A Korean-language multimodal model built with local developers from Nemotron and in-house datasets, offered for Korean AI services, agents and the public.',
      technologies: ['Nemotron', 'NeMo', 'Korean multimodal model'],
      participants: [
        {
          partner: 'korea-government',
          role: 'LEAD',
          contribution: 'Leads the sovereign model effort (MSIT project).',
          citations: [seed('sovereignModel', 'NVIDIA supports the Korean government in building the sovereign foundation model.')],
        },
        {
          partner: 'nvidia',
          role: 'SUPPORTER',
          contribution: 'Provides Nemotron, chips and model-building know-how.',
          citations: [seed('Q7', 'NVIDIA works with local developers, combining Nemotron with in-house datasets.')],
        },
        ...(
          [
            ['lg-ai-research', 'LG AI Research'],
            ['naver-cloud', 'NAVER Cloud'],
            ['sk-telecom', 'SK Telecom'],
            ['upstage', 'Upstage'],
            ['nc-ai', 'NC AI'],
          ] as const
        ).map(([partner, name]) => ({
          partner,
          role: 'PARTICIPANT' as const,
          contribution: "Model developer in MSIT's sovereign foundation-model project.",
          citations: [
            paraphrase(
              'etoday-2520482',
              'MSIT project with LG AI Research, NAVER Cloud, SK Telecom, Upstage, NC AI; NeMo, Nemotron.',
              `${name} is a developer in the MSIT project.`,
              { locator: 'S14' },
            ),
          ],
        })),
      ],
      citations: [
        seed('sovereignModel', 'NVIDIA supports the Korean government in building a Sovereign AI Foundation Model.'),
        seed('Q7', 'The model is a Korean-language multimodal model combining Nemotron with in-house datasets.', {
          field: 'technologies',
        }),
      ],
    },
    {
      slug: 'samsung-ai-factory',
      program: 'korea-2025',
      name: 'Samsung AI factory',
      nameKo: '삼성전자 AI 팩토리',
      domain: 'SEMICONDUCTORS',
      description: 'A 50,000-GPU AI factory to improve chip-process yield and to develop digital twins and robots.',
      technologies: ['digital twins', 'robotics', 'cuLitho', 'CUDA-X', 'Omniverse'],
      participants: [
        {
          partner: 'samsung-electronics',
          role: 'LEAD',
          citations: [seed('Q9', 'Samsung Electronics builds the AI factory.')],
        },
        {
          partner: 'nvidia',
          role: 'SUPPORTER',
          citations: [seed('Q1', 'NVIDIA builds the AI factories with its partners.')],
        },
      ],
      citations: [
        seed('Q9', 'Samsung uses the AI factory for chip-process yield, digital twins and robots.'),
        paraphrase(
          'getnews-samsung-ai-megafactory',
          'cuLitho/CUDA-X (20× faster computational lithography), Omniverse fab digital twins.',
          'The Samsung AI factory uses cuLitho, CUDA-X and Omniverse.',
          { locator: 'S11', field: 'technologies' },
        ),
      ],
    },
    {
      slug: 'sk-ai-factory',
      program: 'korea-2025',
      name: 'SK AI factory and industrial cloud',
      nameKo: 'SK그룹 AI 팩토리·산업 클라우드',
      domain: 'INDUSTRIAL_CLOUD',
      description:
        'Semiconductor research and production and an industrial AI cloud, offered as GPU-as-a-service to SK hynix, SK Telecom and outside users.',
      technologies: ['industrial cloud', 'GPU-as-a-service', 'Omniverse'],
      participants: [
        {
          partner: 'sk-group',
          role: 'LEAD',
          citations: [seed('Q10', 'SK Group pursues semiconductor research and production and industrial-cloud innovation.')],
        },
        {
          partner: 'sk-telecom',
          role: 'PARTICIPANT',
          contribution: 'Runs the industrial AI cloud, starting with 2,000+ GPUs.',
          citations: [
            paraphrase(
              'elec4-34603',
              'SK Telecom industrial AI cloud starts with 2,000+ GPUs; phase 1 by end-2027.',
              'SK Telecom operates the industrial AI cloud.',
              { locator: 'S10' },
            ),
          ],
        },
        {
          partner: 'nvidia',
          role: 'SUPPORTER',
          citations: [seed('Q1', 'NVIDIA builds the AI factories with its partners.')],
        },
      ],
      citations: [
        seed('Q10', 'SK Group pursues semiconductor research and production and industrial-cloud innovation.'),
        paraphrase(
          'scienceai-sk-ai-factory',
          'GPU-as-a-service for SK hynix, SK Telecom and outside users; Omniverse.',
          'The SK industrial cloud offers GPU-as-a-service.',
          { locator: 'S10', field: 'technologies' },
        ),
      ],
    },
    {
      slug: 'hyundai-physical-ai-factory',
      program: 'korea-2025',
      name: 'Hyundai physical-AI factory',
      nameKo: '현대차그룹 피지컬 AI 팩토리',
      domain: 'MOBILITY',
      description: 'Autonomous driving, smart factory and robot AI systems on Blackwell GPUs.',
      technologies: ['Blackwell', 'autonomous driving', 'smart factory', 'robotics', 'DGX', 'Omniverse', 'Cosmos', 'DRIVE AGX Thor'],
      participants: [
        {
          partner: 'hyundai-motor-group',
          role: 'LEAD',
          citations: [seed('Q10', 'Hyundai Motor Group develops autonomous-driving, smart-factory and robot AI systems.')],
        },
        {
          partner: 'nvidia',
          role: 'SUPPORTER',
          citations: [seed('Q1', 'NVIDIA builds the AI factories with its partners.')],
        },
      ],
      citations: [
        seed('Q10', 'Hyundai develops autonomous-driving, smart-factory and robot AI systems on Blackwell GPUs.', {
          field: 'technologies',
        }),
        paraphrase(
          'zdnet-korea-20251031131902',
          'DGX, Omniverse, Cosmos, DRIVE AGX Thor; NVIDIA AI Technology Center, Hyundai Physical AI Application Center, physical-AI data centers; three-party MOU with MSIT.',
          'The Hyundai factory uses DGX, Omniverse, Cosmos and DRIVE AGX Thor.',
          { locator: 'S9', field: 'technologies' },
        ),
      ],
    },
    {
      slug: 'physical-ai-ecosystem',
      program: 'korea-2025',
      name: 'Physical AI ecosystem',
      nameKo: '피지컬 AI 생태계',
      domain: 'PHYSICAL_AI',
      description:
        "A co-investment of about USD 3 billion to expand Korea's physical-AI ecosystem: an NVIDIA AI Technology Center, a Hyundai Physical AI Application Center and data centers, backing the government's physical-AI cluster.",
      technologies: ['physical AI'],
      participants: [
        {
          partner: 'hyundai-motor-group',
          role: 'LEAD',
          citations: [seed('Q11', 'Hyundai co-invests about USD 3 billion in the physical-AI ecosystem.')],
        },
        {
          partner: 'nvidia',
          role: 'PARTICIPANT',
          contribution: 'Co-investor, per the Hyundai and NVIDIA materials.',
          citations: [
            paraphrase(
              'kmib-0028907371',
              "Kukmin Ilbo: Hyundai Motor Group and NVIDIA jointly invest (공동 투자) about USD 3 billion, supporting the government's physical-AI cluster plan.",
              'NVIDIA co-invests with Hyundai.',
              { locator: 'S9' },
            ),
          ],
        },
        {
          partner: 'korea-government',
          role: 'SUPPORTER',
          contribution: 'MOU party (MSIT); named as co-investor by the Newspim article only.',
          citations: [seed('Q11', 'The Newspim article names the Korean government as co-investor.')],
        },
      ],
      citations: [seed('Q11', 'The co-investment expands the physical-AI ecosystem.')],
    },
    {
      slug: 'ai-native-6g',
      program: 'korea-2025',
      name: 'AI-native 6G (AI-RAN)',
      nameKo: 'AI 네이티브 6G',
      domain: 'TELECOMMUNICATIONS',
      description:
        'Research that moves GPU compute to the base-station edge for low-power, high-performance wireless networks, better battery efficiency and real-time AI services.',
      technologies: ['AI-RAN', 'edge GPU computing', 'low-power wireless', 'battery efficiency', 'real-time AI'],
      participants: [
        {
          partner: 'nvidia',
          role: 'LEAD',
          citations: [seed('Q12', 'NVIDIA researches AI-native 6G with five Korean partners.')],
        },
        ...(
          [
            ['samsung-electronics', 'Samsung Electronics'],
            ['sk-telecom', 'SK Telecom'],
            ['kt', 'KT'],
            ['lg-uplus', 'LG Uplus'],
            ['yonsei-university', 'Yonsei University'],
          ] as const
        ).map(([partner, name]) => ({
          partner,
          role: 'PARTICIPANT' as const,
          citations: [seed('Q12', `${name} researches AI-native 6G with NVIDIA.`)],
        })),
        {
          partner: 'etri',
          role: 'PARTICIPANT',
          contribution: 'Signed the AI-RAN MOU; not named in the Newspim article.',
          citations: [
            paraphrase(
              'newscj-3334721',
              'Newscj: Yonsei signed the AI-RAN research MOU at APEC on the 31st with NVIDIA, Samsung, SKT, KT, LG Uplus and ETRI.',
              'ETRI is a party to the AI-RAN MOU.',
              { locator: 'S12', key: 'ai-ran-etri' },
            ),
          ],
        },
      ],
      citations: [
        seed('Q12', 'The Newspim article lists five partners for AI-native 6G, without ETRI.', {
          key: 'ai-ran-q12',
          field: 'participants',
          stance: 'CONTRADICTS',
        }),
        seed('edge6g', 'GPU compute moves to the base-station edge for low power, battery efficiency and real-time AI.', {
          field: 'technologies',
        }),
      ],
    },
    {
      slug: 'hangang-quantum-computing',
      program: 'korea-2025',
      name: 'Quantum computing on the Hangang supercomputer',
      nameKo: "'한강' 슈퍼컴퓨터 기반 양자컴퓨팅 공동연구",
      domain: 'QUANTUM_COMPUTING',
      description:
        "Joint research with KISTI on hybrid quantum computing and researcher training on Hangang, Korea's 6th national supercomputer (8,496 NVIDIA GPUs), with a KISTI–NVIDIA Center of Excellence on CUDA-Q.",
      technologies: ['CUDA-Q', 'hybrid quantum computing', 'researcher training', 'Hangang supercomputer'],
      participants: [
        {
          partner: 'kisti',
          role: 'LEAD',
          citations: [seed('Q13', 'KISTI runs the joint quantum research on the Hangang supercomputer.')],
        },
        {
          partner: 'nvidia',
          role: 'PARTICIPANT',
          citations: [seed('Q13', 'NVIDIA runs joint quantum research with KISTI.')],
        },
      ],
      citations: [
        seed('Q13', 'The research uses a platform the article prints as "쿠라큐(CuQuantum)".', {
          field: 'technologies',
          stance: 'CONTRADICTS',
          key: 'quantum-q13',
        }),
        paraphrase(
          'mrhmh-1874',
          'KISTI–NVIDIA Center of Excellence on CUDA-Q; Hangang = 6th national supercomputer, 8,496 NVIDIA GPUs.',
          'The platform is CUDA-Q; Hangang has 8,496 NVIDIA GPUs.',
          { locator: 'S13', field: 'technologies', key: 'quantum-cuda-q' },
        ),
      ],
    },
  ],

  allocations: [
    {
      key: 'government',
      program: 'korea-2025',
      partner: 'korea-government',
      gpuModel: 'blackwell-unstated',
      initiative: 'sovereign-ai-foundation-model',
      quantity: 50000,
      bound: 'UP_TO',
      status: 'ANNOUNCED',
      purpose:
        'Sovereign AI development: the National AI Computing Center (국가AI컴퓨팅센터) and sovereign clouds; the first ~13,000 GPUs (B200 and H200) via NAVER Cloud, NHN Cloud and Kakao.',
      announcedOn: '2025-10-31',
      citations: [
        seed('Q3', 'The government introduces up to 50,000 GPUs to accelerate sovereign AI.', { field: 'quantity' }),
        paraphrase(
          'yonhap-lokmat-260000-gpus',
          'Yonhap: the government will set aside as many as 50,000 NVIDIA GPUs for a national sovereign-AI platform.',
          'The government allocation is up to 50,000 GPUs.',
          { locator: 'S2', field: 'bound' },
        ),
        paraphrase(
          'kmjournal-2380',
          "MSIT's procurement through NAVER Cloud, NHN Cloud and Kakao comes to 13,136 GPUs: 10,080 B200 and 3,056 H200.",
          'Part of the government tranche is Hopper (H200), not Blackwell, while the allocation is stored as Blackwell.',
          { locator: 'S15', field: 'gpuModel', stance: 'CONTRADICTS', key: 'government-first-tranche' },
        ),
        paraphrase(
          'techbuzz-quarter-million-gpus',
          'The Tech Buzz has MSIT starting with 50,000 current Blackwell GPUs, the first 13,000 through NAVER Cloud, NHN Cloud and Kakao.',
          'The government allocation is Blackwell.',
          { locator: 'S4', field: 'gpuModel', key: 'government-blackwell-techbuzz' },
        ),
      ],
    },
    {
      key: 'samsung',
      program: 'korea-2025',
      partner: 'samsung-electronics',
      gpuModel: 'blackwell-unstated',
      initiative: 'samsung-ai-factory',
      quantity: 50000,
      bound: 'AT_LEAST',
      status: 'ANNOUNCED',
      purpose: 'An AI factory for chip-process yield, digital twins and robots.',
      announcedOn: '2025-10-31',
      citations: [
        seed('Q9', 'Samsung builds an AI factory on the scale of 50,000 GPUs.', { field: 'quantity', key: 'samsung-q9' }),
        seed('Q3', 'Samsung builds up to 50,000 GPUs.', { field: 'bound', stance: 'CONTRADICTS', key: 'samsung-q3-bound' }),
        paraphrase(
          'yonhap-lokmat-260000-gpus',
          'Yonhap: Samsung, SK and Hyundai Motor will each deploy as many as 50,000 GPUs.',
          'Samsung receives up to 50,000 GPUs.',
          { locator: 'S2', field: 'bound', stance: 'CONTRADICTS', key: 'samsung-yonhap-bound' },
        ),
        paraphrase(
          'asiae-2025103113022725089',
          'Samsung will bring in over 50,000 NVIDIA GPUs for an AI factory.',
          'Samsung receives more than 50,000 GPUs.',
          {
            locator: 'S6',
            field: 'bound',
            key: 'samsung-official',
          },
        ),
        paraphrase(
          'livemint-260000-chips',
          "Samsung's own statement, as Mint quotes it, speaks of deploying more than 50,000 NVIDIA GPUs.",
          'Samsung receives more than 50,000 GPUs.',
          { locator: 'S7', field: 'bound', key: 'samsung-statement-mint' },
        ),
        paraphrase(
          'duckittech-samsung-50000-gpus',
          'Samsung plans to put upwards of 50,000 NVIDIA GPUs into its AI megafactory.',
          'Samsung receives more than 50,000 GPUs.',
          { locator: 'S11', field: 'bound', key: 'samsung-statement-duckittech' },
        ),
      ],
    },
    {
      key: 'sk',
      program: 'korea-2025',
      partner: 'sk-group',
      gpuModel: 'blackwell-unstated',
      initiative: 'sk-ai-factory',
      quantity: 50000,
      bound: 'AT_LEAST',
      status: 'ANNOUNCED',
      purpose: 'Semiconductor research and production and an industrial AI cloud; phase 1 by end-2027.',
      announcedOn: '2025-10-31',
      citations: [
        seed('Q3', 'SK Group builds up to 50,000 GPUs.', { field: 'quantity' }),
        seed('Q3', 'SK Group builds up to 50,000 GPUs.', { field: 'bound', stance: 'CONTRADICTS', key: 'sk-q3-bound' }),
        paraphrase(
          'yonhap-lokmat-260000-gpus',
          'Yonhap: Samsung, SK and Hyundai Motor will each deploy as many as 50,000 GPUs.',
          'SK Group receives up to 50,000 GPUs.',
          { locator: 'S2', field: 'bound', stance: 'CONTRADICTS', key: 'sk-yonhap-bound' },
        ),
        paraphrase(
          'scienceai-sk-ai-factory',
          'The SK AI factory is to hold in excess of 50,000 NVIDIA GPUs, its first phase done by late 2027.',
          'SK Group receives more than 50,000 GPUs.',
          { locator: 'S10', field: 'bound', key: 'sk-official' },
        ),
        paraphrase(
          'elec4-34603',
          'SK is building an AI factory with 50,000 or more NVIDIA GPUs (5만 개 이상).',
          'SK Group receives more than 50,000 GPUs.',
          {
            locator: 'S10',
            field: 'bound',
            key: 'sk-elec4',
          },
        ),
        paraphrase(
          'asiae-2025103113022725089',
          'SK Group will design an AI factory with over 50,000 NVIDIA GPUs.',
          'SK Group receives more than 50,000 GPUs.',
          {
            locator: 'S6',
            field: 'bound',
            key: 'sk-asiae',
          },
        ),
      ],
    },
    {
      key: 'hyundai',
      program: 'korea-2025',
      partner: 'hyundai-motor-group',
      gpuModel: 'blackwell-unstated',
      initiative: 'hyundai-physical-ai-factory',
      quantity: 50000,
      bound: 'EXACT',
      status: 'ANNOUNCED',
      purpose: 'Autonomous driving, smart factory and robot AI systems.',
      announcedOn: '2025-10-31',
      citations: [
        seed('Q3', 'Hyundai Motor Group builds up to 50,000 GPUs.', { field: 'quantity', key: 'hyundai-q3' }),
        seed('Q3', 'Hyundai Motor Group builds up to 50,000 GPUs.', {
          field: 'bound',
          stance: 'CONTRADICTS',
          key: 'hyundai-q3-bound',
        }),
        seed('Q10', 'Hyundai develops its AI systems with 5,000 Blackwell GPUs.', {
          field: 'quantity',
          stance: 'CONTRADICTS',
          key: 'hyundai-q10',
        }),
        seed('Q5', 'The five allocations sum to 260,000, which needs 50,000 for Hyundai.', {
          field: 'quantity',
          key: 'hyundai-q5',
        }),
        paraphrase(
          'zdnet-korea-20251031131902',
          'Hyundai Motor Group and NVIDIA will use 50,000 Blackwell GPUs (5만 장) to develop, validate and deploy integrated AI models.',
          'Hyundai receives 50,000 Blackwell GPUs.',
          { locator: 'S9', field: 'quantity', key: 'hyundai-official' },
        ),
        paraphrase(
          'kmib-0028907371',
          'Kukmin Ilbo: the two companies plan integrated AI model work on 50,000 Blackwell GPUs (5만장).',
          'Hyundai receives 50,000 Blackwell GPUs.',
          {
            locator: 'S9',
            field: 'bound',
            key: 'hyundai-kmib',
          },
        ),
        paraphrase('kbs-world-197074', 'KBS: 50,000 Blackwell GPUs go to Hyundai Motor.', 'Hyundai receives 50,000 Blackwell GPUs.', {
          locator: 'S16',
          field: 'quantity',
          key: 'hyundai-kbs',
        }),
        paraphrase(
          'autoworldjournal-hyundai-ai-factory',
          'Hyundai Motor Group and NVIDIA are to deploy 50,000 Blackwell GPUs for AI model training, validation and deployment.',
          'Hyundai receives 50,000 Blackwell GPUs.',
          { locator: 'S9', field: 'bound', key: 'hyundai-autoworld' },
        ),
        paraphrase(
          'yonhap-lokmat-260000-gpus',
          'Yonhap: Samsung, SK and Hyundai Motor will each deploy as many as 50,000 GPUs.',
          'Hyundai receives up to 50,000 GPUs.',
          { locator: 'S2', field: 'bound', stance: 'CONTRADICTS', key: 'hyundai-yonhap-bound' },
        ),
        paraphrase(
          'econotimes-hyundai-nvidia-cluster',
          'EconoTimes puts the Hyundai deployment at roughly 50,000 Blackwell GPUs.',
          'Hyundai receives about 50,000 GPUs.',
          { locator: 'S9', field: 'bound', stance: 'CONTRADICTS', key: 'hyundai-econotimes-bound' },
        ),
      ],
    },
    {
      key: 'naver',
      program: 'korea-2025',
      partner: 'naver-cloud',
      gpuModel: 'blackwell-unstated',
      initiative: null,
      quantity: 60000,
      bound: 'APPROXIMATE',
      status: 'ANNOUNCED',
      purpose: 'Blackwell GPUs for NAVER Cloud.',
      announcedOn: '2025-10-31',
      citations: [
        seed('Q4', 'NAVER Cloud secures 60,000 Blackwell GPUs, with no qualifier.', { field: 'quantity', key: 'naver-q4' }),
        paraphrase(
          'yonhap-lokmat-260000-gpus',
          'Yonhap: Naver Cloud will install roughly 60,000 GPUs.',
          'NAVER Cloud receives about 60,000 GPUs.',
          {
            locator: 'S2',
            field: 'bound',
            key: 'naver-yonhap',
          },
        ),
        paraphrase(
          'yonhap-nationpress-260000-gpus',
          'Yonhap, as Nation Press carries it: Naver Cloud is expected to deploy about 60,000 units.',
          'NAVER Cloud receives about 60,000 GPUs.',
          { locator: 'S2', field: 'bound', key: 'naver-nationpress' },
        ),
        paraphrase(
          'anews-260000-ai-chips',
          'A News: Naver Cloud will install about 60,000 GPUs.',
          'NAVER Cloud receives about 60,000 GPUs.',
          {
            field: 'bound',
            key: 'naver-anews',
          },
        ),
        paraphrase('voz-260000-chips', 'Voz: NAVER Cloud receives 60,000 of the chips.', 'NAVER Cloud receives 60,000 GPUs.', {
          locator: 'S8',
          field: 'quantity',
        }),
        paraphrase(
          'evrimagaci-nvidia-korea',
          'Evrim Ağacı: NAVER Cloud is to deploy in excess of 60,000 GPUs.',
          'NAVER Cloud receives more than 60,000 GPUs.',
          {
            locator: 'S19',
            field: 'bound',
            stance: 'CONTRADICTS',
            key: 'naver-evrim',
          },
        ),
      ],
    },
  ],

  investments: [
    {
      slug: 'physical-ai-co-investment',
      program: 'korea-2025',
      initiative: 'physical-ai-ecosystem',
      title: 'Physical AI ecosystem co-investment',
      titleKo: '피지컬 AI 생태계 공동 투자',
      amount: '3000000000',
      currency: 'USD',
      bound: 'APPROXIMATE',
      announcedOn: '2025-10-31',
      description:
        "About USD 3 billion (≈ KRW 4 trillion by the Newspim article's own rounding; KRW 4.2783 trillion per ZDNet Korea, 4.28 trillion per Kukmin Ilbo) for an NVIDIA AI Technology Center, a Hyundai Physical AI Application Center and data centers. The split between the investors is not disclosed.",
      investors: [
        {
          partner: 'hyundai-motor-group',
          citations: [
            seed('Q11', 'Hyundai co-invests about USD 3 billion.'),
            paraphrase(
              'zdnet-korea-20251031131902',
              'Hyundai Motor Group and NVIDIA back the physical-AI cluster with an investment of about USD 3 billion.',
              'Hyundai is a co-investor.',
              { locator: 'S9' },
            ),
          ],
        },
        {
          partner: 'nvidia',
          citations: [
            paraphrase(
              'kmib-0028907371',
              'Kukmin Ilbo: Hyundai Motor Group and NVIDIA jointly invest (공동 투자) about USD 3 billion in Korean physical AI.',
              'NVIDIA is a co-investor.',
              { locator: 'S9' },
            ),
          ],
        },
      ],
      citations: [
        seed('Q11', 'The co-investment is about USD 3 billion (about KRW 4 trillion).', { field: 'amount' }),
        seed('Q11', 'The Newspim article names Hyundai and the Korean government as the co-investors.', {
          field: 'investors',
          stance: 'CONTRADICTS',
          key: 'investment-q11-investors',
        }),
        paraphrase(
          'zdnet-korea-20251031131902',
          "The roughly USD 3 billion (KRW 4.2783 trillion) comes with Hyundai and NVIDIA backing the government's physical-AI cluster; MSIT signs the MOU with both.",
          'The co-investors are Hyundai and NVIDIA, with MSIT as MOU party.',
          { locator: 'S9', field: 'investors', key: 'investment-s9-investors' },
        ),
        paraphrase(
          'kmib-0028907371',
          'Kukmin Ilbo: Hyundai and NVIDIA co-invest about USD 3 billion (about KRW 4.28 trillion); MSIT signs an MOU with them.',
          'The co-investors are Hyundai and NVIDIA; the amount is about USD 3 billion.',
          { locator: 'S9', field: 'investors', key: 'investment-kmib-investors' },
        ),
        paraphrase(
          'econotimes-hyundai-nvidia-cluster',
          'EconoTimes: the project is put at about USD 3 billion, and Hyundai did not say how the funding divides between the partners.',
          "The split between the co-investors is undisclosed, so each one's share is at most the whole.",
          { locator: 'S9', field: 'investors', key: 'investment-split-undisclosed' },
        ),
      ],
    },
  ],

  exchangeRates: [
    {
      baseCurrency: 'USD',
      quoteCurrency: 'KRW',
      baseAmount: '1',
      quoteAmount: '1431.7',
      asOf: '2025-10-29',
      kind: 'MARKET',
      citations: [
        paraphrase(
          'newsway-2025103009333757489',
          "Newsway, on the morning of 30 October: the won opened at 1,425.0 per dollar, 6.7 below the previous trading day's daytime close of 1,431.7.",
          'The won–dollar daytime close of 2025-10-29 was 1,431.7 won per dollar; no stored page states the rate of 2025-10-31.',
        ),
        paraphrase(
          'segye-20251029520297',
          'Segye Ilbo, the evening of 29 October: the daytime session closed at 1,431.70 won per dollar, 6.0 below the day before.',
          'The won–dollar daytime close of 2025-10-29 was 1,431.7 won per dollar.',
        ),
      ],
    },
    {
      baseCurrency: 'USD',
      quoteCurrency: 'KRW',
      baseAmount: '3000000000',
      quoteAmount: '4000000000000',
      asOf: '2025-10-31',
      kind: 'SOURCE_CONVERSION',
      citations: [
        seed('Q11', "The Newspim article's own rounded conversion of about USD 3 billion as about KRW 4 trillion; not a market rate."),
      ],
    },
  ],

  discrepancies: [
    {
      slug: 'hyundai-gpu-quantity',
      subject: { allocation: 'hyundai' },
      field: 'quantity',
      description:
        'The Newspim article gives Hyundai Motor Group "up to 50,000" GPUs (Q3) and needs 50,000 for its 260,000 total (Q5), but a later sentence says "5000개" (Q10). Hyundai\'s announcement as ZDNet Korea reports it and KBS give 50,000 Blackwell GPUs.',
      resolution: 'Stored as 50,000: "5000" is a dropped zero.',
      citations: ['hyundai-q3', 'hyundai-q10', 'hyundai-q5', 'hyundai-official', 'hyundai-kbs'],
    },
    {
      slug: 'program-gpu-total-bound',
      subject: { program: 'korea-2025' },
      field: 'statedGpuTotalBound',
      description:
        'By the Newspim article\'s own arithmetic (four "최대 5만" plus 6만, Q3–Q5) 260,000 is a ceiling, and Yonhap says "up to 260,000"; Evrim Ağacı, A News and SBS Biz say more than (or at least) 260,000; KBS World says about 260,000; The Tech Buzz and The Asia Business Daily say more than 250,000. The fact sheet credits The Tech Buzz with "more than 260,000" and counts KBS among the "at least" reports; the pages say otherwise, and the dataset follows the pages.',
      resolution:
        'The stated total is about 260,000: the allocations the dataset resolves mix an "up to" figure (government), "at least" figures (Samsung, SK), an exact one (Hyundai) and an "about" one (NAVER), so their sum is neither a ceiling nor a floor.',
      citations: [
        'program-total-q5',
        'program-total-kbs',
        'program-total-q3-ceiling',
        'program-total-yonhap',
        'program-total-evrim',
        'program-total-anews',
        'program-total-sbs',
        'program-total-techbuzz',
        'program-total-asiae',
      ],
    },
    {
      slug: 'samsung-gpu-bound',
      subject: { allocation: 'samsung' },
      field: 'bound',
      description:
        'Inside the Newspim article Samsung gets "최대 5만" (up to 50,000, Q3) and "5만 개 GPU 규모" (50,000, Q9); Yonhap says up to 50,000; Samsung\'s own statement (as Mint and duckittech quote it) and The Asia Business Daily say more than 50,000.',
      resolution: "Stored as at least 50,000, Samsung's own wording.",
      citations: [
        'samsung-q9',
        'samsung-q3-bound',
        'samsung-yonhap-bound',
        'samsung-official',
        'samsung-statement-mint',
        'samsung-statement-duckittech',
      ],
    },
    {
      slug: 'sk-gpu-bound',
      subject: { allocation: 'sk' },
      field: 'bound',
      description:
        'The Newspim article (Q3) and Yonhap say up to 50,000 GPUs for SK Group; ScienceAI, elec4 (5만 개 이상) and The Asia Business Daily say more than 50,000.',
      resolution: 'Stored as at least 50,000, the wording of the reports of the NVIDIA–SK announcement.',
      citations: ['sk-q3-bound', 'sk-yonhap-bound', 'sk-official', 'sk-elec4', 'sk-asiae'],
    },
    {
      slug: 'hyundai-gpu-bound',
      subject: { allocation: 'hyundai' },
      field: 'bound',
      description:
        'The Newspim article (Q3) and Yonhap say up to 50,000 GPUs for Hyundai Motor Group and EconoTimes about 50,000; the Hyundai–NVIDIA announcement as Kukmin Ilbo and Auto World Journal report it says 50,000.',
      resolution: "Stored as exactly 50,000, the figure of the two companies' announcement.",
      citations: ['hyundai-q3-bound', 'hyundai-yonhap-bound', 'hyundai-econotimes-bound', 'hyundai-kmib', 'hyundai-autoworld'],
    },
    {
      slug: 'naver-gpu-bound',
      subject: { allocation: 'naver' },
      field: 'bound',
      description:
        'The Newspim article states 60,000 for NAVER Cloud without a qualifier (Q4); Yonhap (Lokmat Times, Nation Press) and A News say around 60,000; Evrim Ağacı says more than 60,000. An earlier version of this dataset had the Yonhap and Evrim Ağacı wordings the other way round and stored "at least" on the misattributed one.',
      resolution: 'Stored as about 60,000, the wording of Yonhap and A News.',
      citations: ['naver-q4', 'naver-yonhap', 'naver-nationpress', 'naver-anews', 'naver-evrim'],
    },
    {
      slug: 'physical-ai-co-investors',
      subject: { investment: 'physical-ai-co-investment' },
      field: 'investors',
      description:
        'The Newspim article says Hyundai co-invests about USD 3 billion with the Korean government (Q11); ZDNet Korea and Kukmin Ilbo say Hyundai and NVIDIA co-invest, with MSIT as MOU party. No source states the split (EconoTimes: Hyundai did not disclose it).',
      resolution:
        "Investors stored as Hyundai Motor Group and NVIDIA, each share undisclosed (at most the whole); the government supports the initiative. The article's KRW 4 trillion is kept as its own rounded conversion, not a market rate; totals in KRW use the market rate of 2025-10-29.",
      citations: ['investment-q11-investors', 'investment-s9-investors', 'investment-kmib-investors', 'investment-split-undisclosed'],
    },
    {
      slug: 'quantum-platform',
      subject: { initiative: 'hangang-quantum-computing' },
      field: 'technologies',
      description:
        'The Newspim article prints "쿠라큐(CuQuantum)", but 쿠라큐 reads like CUDA-Q (쿠다큐), which the fact sheet reports from the KISTI coverage.',
      resolution: 'Recorded as CUDA-Q (medium confidence).',
      citations: ['quantum-q13', 'quantum-cuda-q'],
    },
    {
      slug: 'gpu-models',
      subject: { program: 'korea-2025' },
      field: 'gpuModels',
      description:
        'The Newspim article names GB200 and "RTX 6000 series" (Q8) and calls every GPU Blackwell (Q1). GB200 is not confirmed by the other sources listed; "RTX 6000 series" is the RTX PRO 6000 Blackwell Server Edition; the government\'s GPU procurement includes 3,056 Hopper H200s.',
      resolution:
        'Allocations point at "Blackwell (model unstated)"; GB200 is kept as a model the article names, without allocations; the H200s are recorded as a contradicting citation on the government allocation.',
      citations: ['gpu-models-q8', 'gpu-models-rtx-pro', 'government-blackwell-techbuzz', 'gpu-models-h200', 'government-first-tranche'],
    },
    {
      slug: 'ai-ran-partners',
      subject: { initiative: 'ai-native-6g' },
      field: 'participants',
      description:
        'The Newspim article lists Samsung, SK Telecom, KT, LG Uplus and Yonsei University for AI-native 6G (Q12); ETRI also signed the AI-RAN MOU.',
      resolution: 'ETRI is stored as a participant, with its own source.',
      citations: ['ai-ran-q12', 'ai-ran-etri'],
    },
  ],
};
