package jp.coordination.events.household;

/**
 * Identifying data of a registered household's member: special-care personal information (要配慮個人情報)
 * under Japan's Act on the Protection of Personal Information.
 *
 * @param name the person's name
 * @param address the home address
 * @param phone a contact phone number, or {@code null}
 * @param birthYear the year of birth
 */
public record PersonalData(String name, String address, String phone, int birthYear) {}
