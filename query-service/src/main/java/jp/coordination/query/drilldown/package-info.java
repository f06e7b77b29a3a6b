/**
 * Drill-down (DOMAIN.md, "Drill-down"): the events behind one count figure of one ward and year,
 * with pseudonymous aggregate ids, each request recorded as a read of personal data.
 */
package jp.coordination.query.drilldown;
