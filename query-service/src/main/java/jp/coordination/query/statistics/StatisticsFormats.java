package jp.coordination.query.statistics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.ParticipantKind;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.household.ContactKind;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.region.Region;
import jp.coordination.events.region.Ward;

/**
 * The two byte forms of the statistics. Both are deterministic: fields and rows in a fixed order,
 * numbers as plain decimals with the calculator's fixed scales, nothing about the run.
 *
 * <p>CSV for Excel on a Japanese Windows PC: UTF-8 with a byte order mark (without it Excel reads
 * the file as Shift_JIS and garbles the headers), CRLF line ends, Japanese headers, one row per
 * ward (its name in kanji; the second column is headed with the region's unit, 区 or 市町村) and a
 * total row 合計; an empty cell where the JSON has null. When the year has a plan, an empty row and
 * the review follow: one row per target with its actual. For a reader under disclosure control a
 * suppressed figure is {@code x}, and an empty row and a note explaining {@code x} end the file.
 */
public final class StatisticsFormats {

  /** The MIME type of the CSV answer. */
  public static final String CSV_MEDIA_TYPE = "text/csv;charset=UTF-8";

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final String CRLF = "\r\n";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private StatisticsFormats() {}

  /** The statistics as compact UTF-8 JSON. */
  public static byte[] json(FiscalYearStatistics statistics) {
    try {
      return JSON.writeValueAsBytes(statistics);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write statistics", e);
    }
  }

  /**
   * The statistics as one reader may see them: the figures, then {@code "suppressed": [paths]}
   * (empty for exact figures).
   */
  public static byte[] json(StatisticsDisclosure disclosure) {
    return withSuppressed(json(disclosure.statistics()), disclosure.suppressed());
  }

  /**
   * Adds {@code "suppressed"} as the last field of statistics already written as JSON: a stored
   * evaluation result keeps its bytes as they are (re-reading it into a tree would turn 0.5000 into
   * 0.5).
   */
  public static byte[] withSuppressed(byte[] statisticsJson, List<String> suppressed) {
    int end = statisticsJson.length - 1;
    if (end < 1 || statisticsJson[end] != '}') {
      throw new IllegalArgumentException("not a compact JSON object");
    }
    byte[] list;
    try {
      list = JSON.writeValueAsBytes(suppressed);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the suppressed paths", e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(statisticsJson.length + list.length + 16);
    out.write(statisticsJson, 0, end);
    out.writeBytes(",\"suppressed\":".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(list);
    out.write('}');
    return out.toByteArray();
  }

  /** The exact statistics as the Excel-ready CSV. */
  public static byte[] csv(FiscalYearStatistics statistics, Region region) {
    return csv(StatisticsDisclosure.exact(statistics), region);
  }

  /** The statistics as one reader may see them, as the Excel-ready CSV. */
  public static byte[] csv(StatisticsDisclosure disclosure, Region region) {
    FiscalYearStatistics statistics = disclosure.statistics();
    Set<String> suppressed = disclosure.suppressedPaths();
    StringBuilder out = new StringBuilder();
    List<Column> columns = columns();
    List<String> header = new ArrayList<>();
    header.add("年度");
    header.add(unitLabel(region));
    columns.forEach(c -> header.add(c.label()));
    row(out, header);
    statistics
        .wards()
        .forEach(
            (code, figures) ->
                row(
                    out,
                    cells(
                        statistics.fiscalYear(),
                        wardName(region, code),
                        figures,
                        columns,
                        suppressed,
                        "wards." + code + ".")));
    row(
        out,
        cells(statistics.fiscalYear(), "合計", statistics.total(), columns, suppressed, "total."));
    if (!statistics.plan().isEmpty()) {
      // The yearly review below the figures: one row per target, after an empty row.
      Map<String, String> labels = new java.util.HashMap<>();
      columns.forEach(c -> labels.put(c.path(), c.label()));
      out.append(CRLF);
      row(out, List.of("事業計画の検証", unitLabel(region), "指標", "目標", "実績", "達成率"));
      for (int i = 0; i < statistics.plan().size(); i++) {
        PlanReview target = statistics.plan().get(i);
        row(
            out,
            List.of(
                Integer.toString(statistics.fiscalYear()),
                target.ward() == null ? "合計" : wardName(region, target.ward()),
                labels.getOrDefault(target.figure(), target.figure()),
                number(target.target()),
                cell(target.actual(), suppressed.contains("plan." + i + ".actual")),
                cell(target.achievement(), suppressed.contains("plan." + i + ".achievement"))));
      }
    }
    if (disclosure.controlled()) {
      out.append(CRLF);
      row(out, List.of("注", suppressionNote(disclosure.threshold())));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(BOM);
    bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
    return bytes.toByteArray();
  }

  /**
   * A what-if's differences as the Excel-ready CSV: one row per figure that differs, with the
   * figure's column header as in the statistics CSV, then an empty row and the variant's
   * definitions.
   */
  public static byte[] differencesCsv(
      int fiscalYear,
      List<StatisticsDifferences.Difference> differences,
      Definitions definitions,
      Region region) {
    Map<String, String> labels = new java.util.HashMap<>();
    columns().forEach(c -> labels.put(c.path(), c.label()));
    StringBuilder out = new StringBuilder();
    row(out, List.of("年度", unitLabel(region), "指標", "公式の定義", "試算の定義", "差"));
    for (StatisticsDifferences.Difference d : differences) {
      row(
          out,
          List.of(
              Integer.toString(fiscalYear),
              d.ward() == null ? "合計" : wardName(region, d.ward()),
              labels.getOrDefault(d.figure(), d.figure()),
              number(d.official()),
              number(d.variant()),
              d.official() == null || d.variant() == null
                  ? ""
                  : d.variant().subtract(d.official()).toPlainString()));
    }
    out.append(CRLF);
    row(out, List.of("注", definitionsNote(definitions)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(BOM);
    bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
    return bytes.toByteArray();
  }

  /** The what-if's definitions beside the official ones, in the words of the council's report. */
  static String definitionsNote(Definitions d) {
    return "試算の定義：" + describe(d) + "（公式の定義：" + describe(Definitions.OFFICIAL) + "）";
  }

  private static String describe(Definitions d) {
    return "再利用の期間 "
        + d.reuseWindowDays()
        + "日、事前登録の判定 "
        + switch (d.preRegisteredBy()) {
          case BUSINESS_TIME -> "業務上の日時";
          case RECORDED_TIME -> "記録した日時";
        }
        + "、受入れの計上 "
        + switch (d.placementsCounted()) {
          case ANY_TIME -> "時期を問わない";
          case UNTIL_FISCAL_YEAR_END -> "年度末まで";
        };
  }

  private static String wardName(Region region, String code) {
    return region.ward(code).map(Ward::name).map(n -> n.ja()).orElse(code);
  }

  /**
   * The label of a unit of the region (区 for a city's wards, 市町村 for a wide-area region), from the
   * region file.
   */
  static String unitLabel(Region region) {
    return region.unit().ja();
  }

  /** A figure's path in the JSON (WardFigures#byPath) and its column header. */
  record Column(String path, String label) {}

  /** Every figure's column, in the order of the JSON. */
  static List<Column> columns() {
    List<Column> c = new ArrayList<>();
    c.add(new Column("householdsRegistered", "事前登録世帯数（年度内登録）"));
    c.add(new Column("householdsActiveAtYearEnd", "年度末の登録世帯数"));
    c.add(new Column("intakesRequested", "緊急受入れ依頼件数"));
    c.add(new Column("preRegisteredShare", "事前登録済みの割合"));
    c.add(new Column("placementRate", "受入れ率"));
    c.add(new Column("medianHoursToPlacement", "受入れまでの時間（中央値・時間）"));
    c.add(new Column("outOfHoursShare", "時間外依頼の割合"));
    for (DeclineReason r : DeclineReason.values()) {
      c.add(new Column("declinesByReason." + r.name(), "受入れ不可：" + label(r)));
    }
    c.add(new Column("reuseWithin180Days", "180日以内の再利用"));
    for (IntakeOutcome o : IntakeOutcome.values()) {
      c.add(new Column("outcomes." + o.name(), "退所先：" + label(o)));
    }
    c.add(new Column("returnHomeRate", "在宅復帰率"));
    c.add(new Column("coSupportsOpened", "共同支援開始件数"));
    c.add(new Column("coSupportsClosed", "共同支援終了件数"));
    c.add(new Column("medianCoSupportDays", "共同支援期間（中央値・日）"));
    for (ActivityType a : ActivityType.values()) {
      c.add(new Column("activitiesByType." + a.name(), "活動：" + label(a)));
    }
    for (ContactKind k : ContactKind.values()) {
      c.add(new Column("consultations.contactsByKind." + k.name(), "相談：" + label(k)));
    }
    c.add(new Column("consultations.outOfHoursContacts", "時間外の相談"));
    c.add(new Column("consultations.householdsWithoutContact180Days", "180日間連絡のない登録世帯（年度末）"));
    c.add(new Column("experienceStays.arranged", "体験の機会：調整件数"));
    c.add(new Column("experienceStays.completed", "体験の機会：実施件数"));
    for (ExperienceStayKind k : ExperienceStayKind.values()) {
      c.add(new Column("experienceStays.completedByKind." + k.name(), "体験実施：" + label(k)));
    }
    for (ExperienceStayOutcome o : ExperienceStayOutcome.values()) {
      c.add(new Column("experienceStays.outcomes." + o.name(), "体験の結果：" + label(o)));
    }
    c.add(new Column("experienceStays.transitionRate", "地域生活への移行率"));
    c.add(new Column("experienceStays.nightsStayed", "体験の宿泊数"));
    for (CapacityActivityKind k : CapacityActivityKind.values()) {
      c.add(new Column("capacityBuilding.activitiesByKind." + k.name(), "人材育成・体制づくり：" + label(k)));
    }
    for (ParticipantKind k : ParticipantKind.values()) {
      c.add(new Column("capacityBuilding.participantsByKind." + k.name(), "参加者：" + label(k)));
    }
    c.add(new Column("communityIssues.raised", "地域課題：提起"));
    c.add(new Column("communityIssues.proposed", "地域課題：政策提言"));
    c.add(new Column("communityIssues.closed", "地域課題：終結"));
    c.add(new Column("communityIssues.openAtYearEnd", "地域課題：年度末に未終結"));
    for (CommunityIssueCategory k : CommunityIssueCategory.values()) {
      c.add(new Column("communityIssues.byCategory." + k.name(), "地域課題の分野：" + label(k)));
    }
    return c;
  }

  /** The note that ends the CSV of a reader under disclosure control. */
  static String suppressionNote(int threshold) {
    String small = threshold == 1 ? "1" : "1〜" + threshold;
    return "x：秘匿（" + small + "の件数、その件数を基に算出した率・中央値、" + "および合計や内訳から秘匿した値が算出されないよう併せて秘匿した値）";
  }

  private static List<String> cells(
      int fiscalYear,
      String wardName,
      WardFigures f,
      List<Column> columns,
      Set<String> suppressed,
      String prefix) {
    Map<String, BigDecimal> byPath = f.byPath();
    List<String> c = new ArrayList<>();
    c.add(Integer.toString(fiscalYear));
    c.add(wardName);
    for (Column column : columns) {
      c.add(cell(byPath.get(column.path()), suppressed.contains(prefix + column.path())));
    }
    return c;
  }

  /** {@code x} for a suppressed figure, else the number (empty for null). */
  private static String cell(BigDecimal value, boolean suppressed) {
    return suppressed ? "x" : number(value);
  }

  private static String number(BigDecimal value) {
    return value == null ? "" : value.toPlainString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quoted(cells.get(i)));
    }
    out.append(CRLF);
  }

  private static String quoted(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }

  private static String label(DeclineReason reason) {
    return switch (reason) {
      case NO_BED -> "空床なし";
      case CANNOT_MEET_MEDICAL_NEEDS -> "医療的ケアに対応できない";
      case CANNOT_MEET_BEHAVIOURAL_NEEDS -> "行動障害に対応できない";
      case INSUFFICIENT_INFORMATION -> "情報不足";
      case STAFF_SHORTAGE -> "職員不足";
      case OTHER -> "その他";
    };
  }

  private static String label(IntakeOutcome outcome) {
    return switch (outcome) {
      case RETURNED_HOME -> "在宅復帰";
      case GROUP_HOME -> "グループホーム";
      case RESIDENTIAL_FACILITY -> "入所施設";
      case HOSPITAL -> "入院";
      case OTHER -> "その他";
    };
  }

  private static String label(ContactKind kind) {
    return switch (kind) {
      case FOLLOW_UP -> "定期的な状況確認";
      case CONSULTATION -> "相談";
      case RE_CONSULTATION -> "再相談";
      case CRISIS_CALL -> "緊急の連絡";
    };
  }

  private static String label(ExperienceStayKind kind) {
    return switch (kind) {
      case GROUP_HOME_TRIAL -> "GH体験利用";
      case LIVING_ALONE_TRIAL -> "一人暮らし体験";
      case SHORT_STAY_TRIAL -> "短期入所の体験利用";
      case DAY_ACTIVITY_TRIAL -> "日中活動の体験";
    };
  }

  private static String label(ExperienceStayOutcome outcome) {
    return switch (outcome) {
      case MOVED_TO_GROUP_HOME -> "グループホームへ移行";
      case STARTED_LIVING_ALONE -> "一人暮らしを開始";
      case CONTINUES_AT_HOME -> "在宅を継続";
      case WILL_TRY_AGAIN -> "再度体験";
      case OTHER -> "その他";
    };
  }

  private static String label(CapacityActivityKind kind) {
    return switch (kind) {
      case CASE_REVIEW_MEETING -> "合同事例検討会";
      case GROUP_SUPERVISION -> "グループスーパービジョン";
      case TRAINING -> "研修会";
      case OFFICE_VISIT -> "事業所訪問・助言";
      case LIAISON_MEETING -> "連絡会・情報交換会";
      case FACILITY_VISIT -> "施設訪問";
    };
  }

  private static String label(ParticipantKind kind) {
    return switch (kind) {
      case CONSULTATION_SPECIALIST -> "相談支援専門員";
      case SERVICE_PROVIDER -> "サービス事業所";
      case MEDICAL -> "医療";
      case ADMINISTRATION -> "行政";
      case OTHER -> "その他";
    };
  }

  private static String label(CommunityIssueCategory category) {
    return switch (category) {
      case RESOURCE_SHORTAGE -> "社会資源の不足";
      case MEDICAL_CARE -> "医療的ケア";
      case BEHAVIOURAL_SUPPORT -> "強度行動障害";
      case HOUSING -> "住まい";
      case EMERGENCY_SYSTEM -> "緊急時の体制";
      case HUMAN_RESOURCES -> "人材";
      case OTHER -> "その他";
    };
  }

  private static String label(ActivityType type) {
    return switch (type) {
      case JOINT_VISIT -> "同行訪問";
      case CASE_CONFERENCE -> "ケース会議";
      case EXPERT_ADVICE -> "助言";
      case GROUP_SUPERVISION -> "グループスーパービジョン";
      case CASE_REVIEW -> "事例検討";
    };
  }
}
