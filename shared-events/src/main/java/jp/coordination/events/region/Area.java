package jp.coordination.events.region;

/**
 * An optional subdivision of a ward (e.g. a district served by one consultation office).
 *
 * @param code the area's code, unique within its ward
 * @param name its names
 */
public record Area(String code, LocalizedName name) {}
