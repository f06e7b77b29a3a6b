package jp.coordination.platform.problem;

/** One invalid field of a request, as {@code errors[]} lists it. */
public record FieldProblem(String field, String message) {}
