/** Facility matching for coordinators: which facilities can take an emergency now, and why. */
package jp.coordination.query.facilities;
