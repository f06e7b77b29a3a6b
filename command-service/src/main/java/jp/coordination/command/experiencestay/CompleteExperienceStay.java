package jp.coordination.command.experiencestay;

import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Complete a started experience stay with the nights stayed and what came of it. */
public record CompleteExperienceStay(
    @TargetAggregateIdentifier String stayId, int nightsStayed, ExperienceStayOutcome outcome) {}
