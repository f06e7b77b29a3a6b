package jp.coordination.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.GuardedUpdate;
import jp.coordination.query.dashboard.DashboardResponse;
import jp.coordination.query.dashboard.LiveFigures;
import jp.coordination.query.dashboard.WardDashboard;
import jp.coordination.query.dashboard.WardDashboards;
import jp.coordination.query.dashboard.YearFigures;
import jp.coordination.query.evaluation.ReplayFold;
import jp.coordination.query.statistics.AnnualPlanFacts;
import jp.coordination.query.statistics.CapacityActivityFacts;
import jp.coordination.query.statistics.CoSupportFacts;
import jp.coordination.query.statistics.CommunityIssueFacts;
import jp.coordination.query.statistics.ExperienceStayFacts;
import jp.coordination.query.statistics.FiscalYearStatistics;
import jp.coordination.query.statistics.HouseholdFacts;
import jp.coordination.query.statistics.IntakeFacts;
import jp.coordination.query.statistics.PlanReview;
import jp.coordination.query.statistics.SmallNumberSuppression;
import jp.coordination.query.statistics.StatisticsCalculator;
import jp.coordination.query.statistics.StatisticsDisclosure;
import jp.coordination.query.statistics.StatisticsFacts;
import jp.coordination.query.statistics.WardFigures;
import jp.coordination.query.views.AggregateChange;
import jp.coordination.query.views.AnnualPlanView;
import jp.coordination.query.views.CapacityActivityView;
import jp.coordination.query.views.CoSupportView;
import jp.coordination.query.views.CommunityIssueView;
import jp.coordination.query.views.ExperienceStayView;
import jp.coordination.query.views.FacilityView;
import jp.coordination.query.views.HouseholdView;
import jp.coordination.query.views.IntakeView;
import jp.coordination.query.views.Views;
import org.junit.jupiter.api.Test;

/** The pure functions stay free of Spring and MongoDB, so a replay can reuse them as they are. */
class PureProjectionArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("jp.coordination.query");

  @Test
  void projections_and_the_calendar_depend_on_neither_spring_nor_mongodb() {
    noClasses()
        .that()
        .belongToAnyOf(
            WardDashboards.class,
            WardDashboard.class,
            LiveFigures.class,
            YearFigures.class,
            DashboardResponse.class,
            Views.class,
            AggregateChange.class,
            HouseholdView.class,
            IntakeView.class,
            CoSupportView.class,
            FacilityView.class,
            BusinessCalendar.class,
            GuardedUpdate.class,
            StatisticsFacts.class,
            StatisticsCalculator.class,
            HouseholdFacts.class,
            IntakeFacts.class,
            CoSupportFacts.class,
            WardFigures.class,
            FiscalYearStatistics.class,
            ReplayFold.class,
            ExperienceStayView.class,
            CommunityIssueView.class,
            CapacityActivityView.class,
            AnnualPlanView.class,
            ExperienceStayFacts.class,
            CapacityActivityFacts.class,
            CommunityIssueFacts.class,
            AnnualPlanFacts.class,
            PlanReview.class,
            SmallNumberSuppression.class,
            StatisticsDisclosure.class)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..")
        .check(classes);
  }

  @Test
  void the_consumer_knows_no_feature() {
    noClasses()
        .that()
        .resideInAPackage("..query.consumer..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..query.dashboard..", "..query.views..", "..query.region..")
        .check(classes);
  }
}
