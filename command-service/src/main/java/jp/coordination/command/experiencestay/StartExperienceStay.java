package jp.coordination.command.experiencestay;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Start an arranged experience stay. */
public record StartExperienceStay(@TargetAggregateIdentifier String stayId) {}
