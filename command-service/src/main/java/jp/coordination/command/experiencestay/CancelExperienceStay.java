package jp.coordination.command.experiencestay;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Call off an arranged experience stay before it begins. */
public record CancelExperienceStay(@TargetAggregateIdentifier String stayId, String reason) {}
