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
import jp.coordination.events.cosupport.ActivityType;
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
 * ward (its name in kanji) and a total row 合計; an empty cell where the JSON has null.
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

  /** The statistics as the Excel-ready CSV. */
  public static byte[] csv(FiscalYearStatistics statistics, Region region) {
    StringBuilder out = new StringBuilder();
    row(out, headers());
    statistics
        .wards()
        .forEach(
            (code, figures) ->
                row(out, cells(statistics.fiscalYear(), region.ward(code).map(Ward::name)
                    .map(n -> n.ja()).orElse(code), figures)));
    row(out, cells(statistics.fiscalYear(), "合計", statistics.total()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(BOM);
    bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
    return bytes.toByteArray();
  }

  static List<String> headers() {
    List<String> h = new ArrayList<>();
    h.add("年度");
    h.add("区");
    h.add("事前登録世帯数（年度内登録）");
    h.add("年度末の登録世帯数");
    h.add("緊急受入れ依頼件数");
    h.add("事前登録済みの割合");
    h.add("受入れ率");
    h.add("受入れまでの時間（中央値・時間）");
    h.add("時間外依頼の割合");
    for (DeclineReason r : DeclineReason.values()) {
      h.add("受入れ不可：" + label(r));
    }
    h.add("180日以内の再利用");
    for (IntakeOutcome o : IntakeOutcome.values()) {
      h.add("退所先：" + label(o));
    }
    h.add("在宅復帰率");
    h.add("共同支援開始件数");
    h.add("共同支援終了件数");
    h.add("共同支援期間（中央値・日）");
    for (ActivityType a : ActivityType.values()) {
      h.add("活動：" + label(a));
    }
    return h;
  }

  private static List<String> cells(int fiscalYear, String wardName, WardFigures f) {
    List<String> c = new ArrayList<>();
    c.add(Integer.toString(fiscalYear));
    c.add(wardName);
    c.add(Long.toString(f.householdsRegistered()));
    c.add(Long.toString(f.householdsActiveAtYearEnd()));
    c.add(Long.toString(f.intakesRequested()));
    c.add(number(f.preRegisteredShare()));
    c.add(number(f.placementRate()));
    c.add(number(f.medianHoursToPlacement()));
    c.add(number(f.outOfHoursShare()));
    counts(c, f.declinesByReason());
    c.add(Long.toString(f.reuseWithin180Days()));
    counts(c, f.outcomes());
    c.add(number(f.returnHomeRate()));
    c.add(Long.toString(f.coSupportsOpened()));
    c.add(Long.toString(f.coSupportsClosed()));
    c.add(number(f.medianCoSupportDays()));
    counts(c, f.activitiesByType());
    return c;
  }

  private static void counts(List<String> cells, Map<String, Long> byCode) {
    byCode.values().forEach(n -> cells.add(Long.toString(n)));
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
