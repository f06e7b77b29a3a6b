package jp.coordination.command.intake;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Place a requested intake in a registered facility (checked by the caller: aggregates do no I/O).
 *
 * @param expectedLastDay the day the stay is expected to end, or {@code null} when not known
 */
public record PlaceEmergencyIntake(
    @TargetAggregateIdentifier String intakeId, String facilityId, LocalDate expectedLastDay) {}
