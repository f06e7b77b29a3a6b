/**
 * Current state of each household, intake, co-support case and facility, kept by id and served to
 * coordinators.
 */
package jp.coordination.query.views;
