package jp.coordination.query.statistics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The regional council statistics of one fiscal year: {@code {fiscalYear, region, wards, total}}.
 * Contains nothing about the run that produced it, so the same log always gives the same bytes.
 *
 * @param wards per ward code, in the region's ward order
 */
@JsonPropertyOrder({"fiscalYear", "region", "wards", "total"})
public record FiscalYearStatistics(
    int fiscalYear, String region, Map<String, WardFigures> wards, WardFigures total) {}
