/**
 * The annual plan (事業計画): a region's targets for a fiscal year, set and replaced until three months
 * after the year ends.
 */
package jp.coordination.command.annualplan;
