package jp.coordination.events.region;

/**
 * A name in Japanese and English.
 *
 * @param ja the Japanese name, e.g. 青葉区
 * @param en the English name, e.g. Aoba
 */
public record LocalizedName(String ja, String en) {}
