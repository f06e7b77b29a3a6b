/** The region's wards as configured, and the list of wards the caller may see. */
package jp.coordination.query.region;
