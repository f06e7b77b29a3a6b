package jp.coordination.infra.demo;

import java.util.List;

/**
 * The demo year's commands in sending order and the totals they make.
 *
 * @param seed the seed it was made from
 * @param scale its volume factor
 * @param commands the commands, ordered by business time
 * @param totals what they amount to, per ward
 */
public record DemoPlan(long seed, double scale, List<DemoCommand> commands, DemoTotals totals) {}
