package jp.coordination.command.experiencestay;

import java.time.LocalDate;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Arrange an experience stay. Household and facility are optional; a named facility must be
 * registered (checked by the caller: aggregates do no I/O).
 */
public record ArrangeExperienceStay(
    @TargetAggregateIdentifier String stayId,
    String ward,
    ExperienceStayKind kind,
    String householdId,
    String facilityId,
    LocalDate firstDay,
    LocalDate lastDay) {}
