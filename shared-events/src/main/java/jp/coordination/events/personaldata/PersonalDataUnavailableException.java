package jp.coordination.events.personaldata;

/**
 * Personal data cannot be decrypted: its key was destroyed (erasure), is missing, or the blob or
 * key was tampered with. The message never contains personal data or key material.
 */
public class PersonalDataUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PersonalDataUnavailableException(String message) {
    super(message);
  }

  public PersonalDataUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
