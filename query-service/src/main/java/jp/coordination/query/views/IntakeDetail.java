package jp.coordination.query.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * {@code GET /api/intakes/{id}}: the intake view's fields, plus, while the intake is REQUESTED,
 * {@code candidates}: the facilities that could take it now.
 */
public record IntakeDetail(
    @JsonUnwrapped IntakeView intake,
    @JsonInclude(JsonInclude.Include.NON_NULL) Object candidates) {}
