/** The region's topology (wards, areas, names) read from configuration rather than code. */
package jp.coordination.events.region;
