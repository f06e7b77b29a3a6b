package jp.coordination.query.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.platform.security.Role;

/**
 * Small-number suppression (秘匿, DOMAIN.md "Disclosure control"): the one place that decides which
 * figures of a year's statistics a council may not see, for the JSON, the CSV and evaluation
 * results alike.
 *
 * <p>A count from 1 to the threshold (default 2; 0 is shown) is suppressed, in a ward or in the
 * total. So is every rate or median computed over such a count — its denominator, and also its
 * numerator and the rest (a share of 0.1 over 10 requests shows that 1 was pre-registered), which a
 * reader computes as share × denominator. A row (one figure across the wards and the total) never
 * has exactly one suppressed cell: the smallest other non-zero ward is suppressed too, and where no
 * other ward has anything, the total. The same holds in each ward for the figures that are sums of
 * others (experience stays completed = their kinds = their outcomes; community issues raised =
 * their categories; the intakes requested = those pre-registered + the others, and so on for each
 * share). The rules run to a fixed point ({@link SuppressionTable}).
 *
 * <p>A plan target's actual and achievement are suppressed with the figure they show.
 *
 * <p>Analysts, auditors and coordinators see exact figures; every other reader (the councils, and a
 * role added later until someone decides otherwise) sees them suppressed.
 */
public final class SmallNumberSuppression {

  /** 1 and 2 are suppressed. */
  public static final int DEFAULT_THRESHOLD = 2;

  private static final Set<String> EXACT_READERS =
      Set.of(Role.ANALYST.name(), Role.CITY_AUDITOR.name(), Role.COORDINATOR.name());

  private static final String REQUESTED = "intakesRequested";
  private static final String STAYS_COMPLETED = "experienceStays.completed";
  private static final String STAY_OUTCOMES = "experienceStays.outcomes.";

  /** The figures that are not counts: rates and medians (not additive). */
  private static final Set<String> COMPUTED =
      Set.of(
          "preRegisteredShare",
          "placementRate",
          "medianHoursToPlacement",
          "outOfHoursShare",
          "returnHomeRate",
          "medianCoSupportDays",
          "experienceStays.transitionRate");

  private final int threshold;

  /**
   * @param threshold the largest count suppressed, at least 1
   */
  public SmallNumberSuppression(int threshold) {
    if (threshold < 1) {
      throw new IllegalArgumentException(
          "the suppression threshold must be at least 1: " + threshold);
    }
    this.threshold = threshold;
  }

  public int threshold() {
    return threshold;
  }

  /** Whether a reader in this role sees exact figures (analysts, auditors, coordinators). */
  public static boolean seesExactFigures(String role) {
    return role != null && EXACT_READERS.contains(role);
  }

  /** The statistics as a reader in {@code role} may see them. */
  public StatisticsDisclosure forReader(FiscalYearStatistics exact, String role) {
    return seesExactFigures(role) ? StatisticsDisclosure.exact(exact) : suppress(exact);
  }

  /** The statistics with small numbers and what reveals them suppressed. */
  public StatisticsDisclosure suppress(FiscalYearStatistics exact) {
    List<String> wards = new ArrayList<>(exact.wards().keySet());
    List<Map<String, BigDecimal>> columns = new ArrayList<>();
    for (String ward : wards) {
      columns.add(exact.wards().get(ward).byPath());
    }
    columns.add(exact.total().byPath());
    SuppressionTable table = table(columns);
    table.suppress(threshold);

    List<String> suppressed = new ArrayList<>();
    Map<String, WardFigures> shownWards = new LinkedHashMap<>();
    for (int c = 0; c < wards.size(); c++) {
      String ward = wards.get(c);
      Set<String> hidden = hidden(table, columns.get(c), c);
      hidden.forEach(path -> suppressed.add("wards." + ward + "." + path));
      shownWards.put(ward, exact.wards().get(ward).withHidden(new HashSet<>(hidden)));
    }
    Set<String> hiddenTotal = hidden(table, columns.get(table.total()), table.total());
    hiddenTotal.forEach(path -> suppressed.add("total." + path));
    WardFigures shownTotal = exact.total().withHidden(new HashSet<>(hiddenTotal));

    List<PlanReview> shownPlan = new ArrayList<>();
    for (int i = 0; i < exact.plan().size(); i++) {
      PlanReview target = exact.plan().get(i);
      int column = target.ward() == null ? table.total() : wards.indexOf(target.ward());
      boolean hide =
          column >= 0
              && target.actual() != null
              && table.has(target.figure())
              && table.hidden(target.figure(), column);
      if (hide) {
        suppressed.add("plan." + i + ".actual");
        if (target.achievement() != null) {
          suppressed.add("plan." + i + ".achievement"); // achievement × target = actual
        }
        shownPlan.add(new PlanReview(target.ward(), target.figure(), target.target(), null, null));
      } else {
        shownPlan.add(target);
      }
    }
    return new StatisticsDisclosure(
        new FiscalYearStatistics(
            exact.fiscalYear(), exact.region(), shownWards, shownTotal, shownPlan),
        suppressed,
        threshold);
  }

  /** The paths hidden in one column that have a value to hide, in the answer's order. */
  private static Set<String> hidden(SuppressionTable table, Map<String, BigDecimal> column, int c) {
    Set<String> hidden = new LinkedHashSet<>();
    column.forEach(
        (path, value) -> {
          if (value != null && table.hidden(path, c)) {
            hidden.add(path);
          }
        });
    return hidden;
  }

  /**
   * The figures as a table: every count a row; what the shares, rates and medians are computed
   * over; the sums between figures within a ward (or the total).
   */
  private static SuppressionTable table(List<Map<String, BigDecimal>> columns) {
    SuppressionTable t = new SuppressionTable(columns.size() - 1);
    List<String> paths = new ArrayList<>(columns.get(0).keySet());
    for (String path : paths) {
      if (!COMPUTED.contains(path)) {
        // Nights are summed over the stays completed: a suppressed stay must not show its nights.
        String[] over =
            path.equals("experienceStays.nightsStayed")
                ? new String[] {STAYS_COMPLETED}
                : new String[0];
        t.count(path, counts(columns, path), over);
      }
    }

    share(t, columns, "preRegisteredShare", REQUESTED, "~preRegistered", "~notPreRegistered");
    share(t, columns, "placementRate", REQUESTED, "~placed", "~notPlaced");
    share(t, columns, "outOfHoursShare", REQUESTED, "~outOfHours", "~inHours");
    t.computed("medianHoursToPlacement", "~placed");

    // The return-home rate is over the intakes completed, which are the sum of the outcomes.
    String[] outcomes = withPrefix(paths, "outcomes.");
    t.count("~intakesCompleted", sum(columns, outcomes));
    t.sum("~intakesCompleted", outcomes);
    t.computed(
        "returnHomeRate", "outcomes." + IntakeOutcome.RETURNED_HOME.name(), "~intakesCompleted");

    t.computed("medianCoSupportDays", "coSupportsClosed");

    t.sum(STAYS_COMPLETED, withPrefix(paths, "experienceStays.completedByKind."));
    String[] stayOutcomes = withPrefix(paths, STAY_OUTCOMES);
    t.sum(STAYS_COMPLETED, stayOutcomes);
    String[] transitions =
        StatisticsCalculator.TRANSITIONS.stream()
            .map(o -> STAY_OUTCOMES + o.name())
            .toArray(String[]::new);
    String[] otherOutcomes =
        Arrays.stream(ExperienceStayOutcome.values())
            .filter(o -> !StatisticsCalculator.TRANSITIONS.contains(o))
            .map(o -> STAY_OUTCOMES + o.name())
            .toArray(String[]::new);
    // The transition rate shows how many stays led to a transition, and so how many did not.
    t.count("~stayTransitions", sum(columns, transitions));
    t.count("~stayOtherOutcomes", sum(columns, otherOutcomes));
    t.sum("~stayTransitions", transitions);
    t.sum("~stayOtherOutcomes", otherOutcomes);
    t.sum(STAYS_COMPLETED, "~stayTransitions", "~stayOtherOutcomes");
    t.computed(
        "experienceStays.transitionRate",
        STAYS_COMPLETED,
        "~stayTransitions",
        "~stayOtherOutcomes");

    t.sum("communityIssues.raised", withPrefix(paths, "communityIssues.byCategory."));
    return t;
  }

  /**
   * A share over a count: the share shows its numerator (share × denominator, exact while the
   * denominator is below 10,000 at 4 decimals) and the rest, so both are rows of their own.
   */
  private static void share(
      SuppressionTable t,
      List<Map<String, BigDecimal>> columns,
      String share,
      String denominator,
      String numerator,
      String rest) {
    long[] shown = new long[columns.size()];
    long[] others = new long[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      BigDecimal rate = columns.get(c).get(share);
      long of = count(columns.get(c), denominator);
      shown[c] =
          rate == null
              ? 0
              : rate.multiply(BigDecimal.valueOf(of))
                  .setScale(0, RoundingMode.HALF_UP)
                  .longValueExact();
      others[c] = of - shown[c];
    }
    t.count(numerator, shown);
    t.count(rest, others);
    t.sum(denominator, numerator, rest);
    t.computed(share, denominator, numerator, rest);
  }

  private static long[] counts(List<Map<String, BigDecimal>> columns, String path) {
    long[] values = new long[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      values[c] = count(columns.get(c), path);
    }
    return values;
  }

  private static long[] sum(List<Map<String, BigDecimal>> columns, String... paths) {
    long[] values = new long[columns.size()];
    for (String path : paths) {
      long[] each = counts(columns, path);
      for (int c = 0; c < values.length; c++) {
        values[c] += each[c];
      }
    }
    return values;
  }

  private static long count(Map<String, BigDecimal> column, String path) {
    BigDecimal value = column.get(path);
    if (value == null) {
      throw new IllegalArgumentException(
          "no exact count at " + path + ": suppress exact figures only");
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      // A new rate or median must be declared in COMPUTED with what it is computed over.
      throw new IllegalStateException(
          path + " is not a count: declare what it is computed over", e);
    }
  }

  private static String[] withPrefix(List<String> paths, String prefix) {
    return paths.stream().filter(p -> p.startsWith(prefix)).toArray(String[]::new);
  }
}
