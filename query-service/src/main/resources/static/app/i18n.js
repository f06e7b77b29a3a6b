// Labels of the page in Japanese (default) and English. Ward names come from /api/wards.

// The era a fiscal year is named by: the era in force on its 1 April, except that FY2019 (which began in Heisei 31)
// is 令和元年度, as the government named it once the era changed on 1 May 2019. The first year of an era is 元年.
export function era(fiscalYear) {
  if (fiscalYear >= 2019) return { ja: '令和', en: 'Reiwa', year: fiscalYear - 2018 };
  return { ja: '平成', en: 'Heisei', year: fiscalYear - 1988 };
}
export const LABELS = {
  ja: {
    skip: '本文へ移動', title: '区ダッシュボード', ward: '区', fiscalYear: '年度',
    lastChange: '最終更新', intakes: '緊急受入れ', 'intakes.open': '調整中（依頼受付）',
    'intakes.inPlacement': '受入れ中', 'intakes.requestedThisYear': '依頼件数（年度）',
    'intakes.placedThisYear': '受入れ件数（年度）', 'intakes.cancelledThisYear': '取消（年度）',
    'intakes.outOfHoursShare': '時間外の依頼の割合', 'intakes.outOfHoursThisYear': '時間外の依頼（年度）',
    'intakes.medianHoursToPlacement': '受入れまでの時間（中央値）',
    households: '事前登録世帯', 'households.active': '登録中の世帯', byRiskFactor: 'リスク要因別',
    coSupports: '共同支援', 'coSupports.open': '支援中', 'coSupports.openedThisYear': '開始（年度）',
    'coSupports.closedThisYear': '終結（年度）', facilities: '緊急受入れ施設',
    'facilities.emergencyBedsAvailable': '空いている緊急床',
    hub: '拠点のその他の機能', 'experienceStays.arranged': '体験の機会：調整済み',
    'experienceStays.inProgress': '体験の機会：実施中', 'experienceStays.completedThisYear': '体験の機会：実施済み（年度）',
    'capacityBuilding.activitiesThisYear': '人材育成・体制づくりの活動（年度）', 'communityIssues.open': '協議中の地域課題',
    'chart.intakes': '月別 緊急受入れ（依頼・受入れ）', 'chart.coSupports': '月別 共同支援（開始・終結）',
    monthlyTable: '月別の数値（表）', month: '月', requested: '依頼', placed: '受入れ', opened: '開始', closed: '終結',
    cityWide: '全区の比較', allWards: '全区（比較）', figure: '項目',
    footer: '集計値のみを表示しています（個人情報は表示しません）。',
    live: 'ライブ更新中', reconnecting: '再接続しています…', loading: '読み込み中…',
    forbidden: 'この区のダッシュボードを表示する権限がありません。',
    unauthorized: 'サインインが必要です。ページを再読み込みしてサインインしてください。',
    failed: 'ダッシュボードを読み込めませんでした。', hours: '時間', none: '—',
    fy: (y) => { const e = era(y); return `${y}年度（${e.ja}${e.year === 1 ? '元' : e.year}年度）`; }, monthName: (m) => `${Number(m.slice(5))}月`,
    risk: {
      CAREGIVER_AGED: '親の高齢化・親亡き後', CAREGIVER_ILL: '介護者の疾病', SINGLE_CAREGIVER: '介護者が一人',
      LIVES_ALONE: '単身', CONDITION_FLUCTUATES: '状態変化', ISOLATED: '孤立', HOUSING_INSTABILITY: '住まい',
      ABUSE_RISK: '虐待', DISASTER_VULNERABLE: '災害時',
    },
  },
  en: {
    skip: 'Skip to content', title: 'Ward dashboard', ward: 'Ward', fiscalYear: 'Fiscal year',
    lastChange: 'Last change', intakes: 'Emergency intakes', 'intakes.open': 'Requested, not yet placed',
    'intakes.inPlacement': 'In placement', 'intakes.requestedThisYear': 'Requested (FY)',
    'intakes.placedThisYear': 'Placed (FY)', 'intakes.cancelledThisYear': 'Cancelled (FY)',
    'intakes.outOfHoursShare': 'Out-of-hours share', 'intakes.outOfHoursThisYear': 'Out of hours (FY)',
    'intakes.medianHoursToPlacement': 'Median hours to placement',
    households: 'Pre-registered households', 'households.active': 'Active households', byRiskFactor: 'By risk factor',
    coSupports: 'Co-support', 'coSupports.open': 'Open cases', 'coSupports.openedThisYear': 'Opened (FY)',
    'coSupports.closedThisYear': 'Closed (FY)', facilities: 'Emergency facilities',
    'facilities.emergencyBedsAvailable': 'Free emergency beds',
    hub: 'The hub\u2019s other functions', 'experienceStays.arranged': 'Experience stays arranged',
    'experienceStays.inProgress': 'Experience stays in progress', 'experienceStays.completedThisYear': 'Experience stays completed (FY)',
    'capacityBuilding.activitiesThisYear': 'Training and network activities (FY)', 'communityIssues.open': 'Open community issues',
    'chart.intakes': 'Emergency intakes per month (requested, placed)',
    'chart.coSupports': 'Co-support per month (opened, closed)',
    monthlyTable: 'Monthly figures (table)', month: 'Month', requested: 'Requested', placed: 'Placed',
    opened: 'Opened', closed: 'Closed', cityWide: 'All wards side by side', allWards: 'All wards (compare)',
    figure: 'Figure', footer: 'Aggregates only: no personal data is shown.',
    live: 'Live', reconnecting: 'Reconnecting…', loading: 'Loading…',
    forbidden: 'You are not allowed to see this ward\u2019s dashboard.',
    unauthorized: 'Please sign in: reload the page and enter your user name and password.',
    failed: 'The dashboard could not be loaded.', hours: 'h', none: '—',
    fy: (y) => { const e = era(y); return `FY${y} (${e.en} ${e.year})`; },
    monthName: (m) => new Date(`${m}-01T00:00:00`).toLocaleString('en', { month: 'short' }),
    risk: {
      CAREGIVER_AGED: 'Caregiver aged', CAREGIVER_ILL: 'Caregiver ill', SINGLE_CAREGIVER: 'Single caregiver',
      LIVES_ALONE: 'Lives alone', CONDITION_FLUCTUATES: 'Condition fluctuates', ISOLATED: 'Isolated',
      HOUSING_INSTABILITY: 'Housing instability', ABUSE_RISK: 'Abuse risk', DISASTER_VULNERABLE: 'Disaster vulnerable',
    },
  },
};
